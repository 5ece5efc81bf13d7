"""Stored subtrees: a computed child (a province under KPU RI) with what its parent takes from
it (figures.Subtree), kept in the process under the data stamps of every unit of its subtree
and used for as long as those are the stamps the database holds (docs/rollup.md, "No stale
figure: stored subtrees").

Every change to what the roll-up reads replaces its unit's stamp in the same transaction
(models/stamps.py), and a page reads the stamps before the data, so a subtree is never used
after a change that has been committed: there is nothing to expire and no nightly job. A
transaction that has itself changed such data neither reads nor fills the store until it
ends (service.py). What a change costs is one subtree computed again, on the next request
that needs it."""
from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from flask import current_app

from .figures import Snapshot, Subtree

Key = tuple[tuple[int, int | None], ...]  # (unit id, stamp) of every unit of the subtree

# One entry per computed indicator (a national install: 38 provinces x 15 indicators a year).
SIZE = 4096


class SubtreeMemo:
    """Per computed indicator: the key it was stored under and its Subtree; the least
    recently used goes first when full."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self._entries: OrderedDict[int, tuple[Key, Subtree]] = OrderedDict()
        self._lock = Lock()  # the development server answers in threads

    def get(self, indicator_id: int, key: Key) -> Subtree | None:
        with self._lock:
            entry = self._entries.get(indicator_id)
            if entry is None or entry[0] != key:
                return None
            self._entries.move_to_end(indicator_id)
            return entry[1]

    def put(self, indicator_id: int, key: Key, subtree: Subtree) -> None:
        with self._lock:
            self._entries[indicator_id] = (key, subtree)
            self._entries.move_to_end(indicator_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


def memo() -> SubtreeMemo:
    """The app's stored subtrees (one per app: an install's database, never another's)."""
    return current_app.extensions.setdefault("rollup_subtrees", SubtreeMemo())


def subtree_keys(snapshot: Snapshot, units) -> dict[tuple[int, int], Key]:
    """Per (unit id, year) asked for: the (unit id, stamp) of it and every unit below it in
    that year (a unit moved later still counts where it was, Snapshot.children_of)."""
    keys: dict[tuple[int, int], Key] = {}

    def walk(unit_id: int, year: int) -> Key:
        if (unit_id, year) not in keys:
            below = [pair for child in snapshot.children_of(unit_id, year)
                     for pair in walk(child, year)]
            keys[(unit_id, year)] = ((unit_id, snapshot.stamps.get(unit_id)), *below)
        return keys[(unit_id, year)]

    return {(unit_id, year): walk(unit_id, year) for unit_id, year in units}
