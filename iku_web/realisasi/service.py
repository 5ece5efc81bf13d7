"""Saving realisasi cells and narratives: optimistic version check and the merged audit log."""
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

import sqlalchemy as sa

from ..changelog import record_change
from ..database import lock_cell
from ..domain import NARRATIVE_FIELDS
from ..extensions import db
from ..formatting import format_datetime
from ..models import Indicator, Realisasi
from .values import Parsed, entry_text


class Stored(NamedTuple):
    """A realisasi's value columns as a save left them (read before the commit or rollback
    expires the ORM object, so answering costs no query and shows this save's version)."""

    version: int
    value: Decimal | None
    grade: str | None
    numerator: Decimal | None
    denominator: Decimal | None


def stored(entry: Realisasi | None) -> Stored | None:
    if entry is None:
        return None
    return Stored(entry.version, entry.value, entry.grade, entry.numerator, entry.denominator)


@dataclass(frozen=True)
class Outcome:
    """What became of a save. status: saved, unchanged or conflict."""

    status: str
    entry: Realisasi | None
    message: str = ""
    stored: Stored | None = None  # the value columns of `entry` at the end of the save

    @property
    def version(self) -> int:
        if self.stored is not None:
            return self.stored.version
        return self.entry.version if self.entry is not None else 0


def get_entry(indicator_id: int, quarter: int) -> Realisasi | None:
    return db.session.scalar(sa.select(Realisasi).where(
        Realisasi.indicator_id == indicator_id, Realisasi.quarter == quarter))


def conflict_message(entry: Realisasi, current: str) -> str:
    who = entry.updated_by.display_name if entry.updated_by else "pengguna lain"
    when = format_datetime(entry.updated_at)
    shown = f'"{current}"' if current else "kosong"
    return (f"Nilai ini sudah diubah oleh {who} ({when}) sejak halaman dibuka. "
            f"Nilai saat ini: {shown}. Isian Anda belum disimpan.")


def _is_conflict(entry: Realisasi | None, version: int | None, bases: dict[str, str],
                 currents: dict[str, str]) -> bool:
    """True when the client started from an older version and a field it edits has changed.

    A version bump caused by another field (say the kendala text) is not a conflict for the
    value: comparing what the client last saw (base) with what is stored now tells them apart.
    """
    stored_version = entry.version if entry is not None else 0
    if version == stored_version:
        return False
    return any(bases.get(field) != currents[field] for field in currents)


def save_value(indicator: Indicator, quarter: int, parsed: Parsed, version: int | None,
               base: str | None, user) -> Outcome:
    """Store the realisasi of one quarter unless someone else changed it meanwhile."""
    lock_cell(db.session, indicator.id, quarter)  # read-then-write: take the lock first
    entry = get_entry(indicator.id, quarter)
    current, new = entry_text(indicator, entry), parsed.text
    if new == current:  # also when two users typed the same: nothing would be overwritten
        kept = stored(entry)
        db.session.rollback()
        return Outcome("unchanged", entry, stored=kept)
    if _is_conflict(entry, version, {"value": base}, {"value": current}):
        outcome = Outcome("conflict", entry, conflict_message(entry, current), stored(entry))
        db.session.rollback()
        return outcome
    entry = write_value(indicator, quarter, entry, parsed, user)
    kept = stored(entry)
    db.session.commit()
    return Outcome("saved", entry, stored=kept)


def write_value(indicator: Indicator, quarter: int, entry: Realisasi | None, parsed: Parsed,
                user, *, merge: bool = True) -> Realisasi:
    """Put a validated value in `entry` (created when None), bump its version so that pages
    opened before see a conflict, and log the change; the caller checked the lock and commits.

    merge=False logs the change on its own (an import is one deliberate act, not typing).
    """
    current = entry_text(indicator, entry)
    entry = entry or _new_entry(indicator, quarter)
    entry.value, entry.grade = parsed.value, parsed.grade
    entry.numerator, entry.denominator = parsed.numerator, parsed.denominator
    now = _touch(entry, user)
    record_change(indicator, quarter, "value", current, parsed.text, user, now, merge=merge)
    return entry


def save_narrative(indicator: Indicator, quarter: int, texts: dict[str, str],
                   version: int | None, bases: dict[str, str], user) -> Outcome:
    """Store kendala / solusi / tindak lanjut of one quarter, with the same version check."""
    lock_cell(db.session, indicator.id, quarter)
    entry = get_entry(indicator.id, quarter)
    currents = {f: (getattr(entry, f) or "") if entry else "" for f in NARRATIVE_FIELDS}
    edited = {f: currents[f] for f in NARRATIVE_FIELDS if texts[f] != currents[f]}
    if not edited:
        db.session.rollback()
        return Outcome("unchanged", entry)
    if _is_conflict(entry, version, bases, edited):
        db.session.rollback()
        who = entry.updated_by.display_name if entry.updated_by else "pengguna lain"
        return Outcome("conflict", entry, (
            f"Catatan triwulan ini sudah diubah oleh {who} ({format_datetime(entry.updated_at)})"
            " sejak halaman dibuka. Isian Anda belum disimpan; periksa teks saat ini di bawah."))
    entry = entry or _new_entry(indicator, quarter)
    now = _touch(entry, user)
    for field, old in edited.items():
        setattr(entry, field, texts[field])
        record_change(indicator, quarter, field, old, texts[field], user, now)
    db.session.commit()
    return Outcome("saved", entry)


def _new_entry(indicator: Indicator, quarter: int) -> Realisasi:
    entry = Realisasi(indicator_id=indicator.id, quarter=quarter, version=0,
                      obstacles="", solutions="", follow_up="")
    db.session.add(entry)
    return entry


def _touch(entry: Realisasi, user) -> datetime:
    now = datetime.now()
    entry.version = (entry.version or 0) + 1
    entry.updated_by_id = user.id
    entry.updated_at = now
    return now
