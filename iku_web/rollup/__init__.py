"""Roll-up: a parent unit's indicators computed from its children's verified data.

compute.py: the rules, pure functions on plain data (no Flask, no database).
load.py: the one query layer, a fixed number of queries whatever the number of children.
service.py: what the pages, documents and API call. The rules: docs/rollup.md.
"""
