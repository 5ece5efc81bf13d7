"""The domain's word lists and small rules, each defined once (see docs/capaian.md and
docs/glossary.md). Pure Python: no Flask, no database."""

QUARTERS = (1, 2, 3, 4)  # triwulan (TW) I..IV
