"""Saving a narrative slot of the LKjIP with the realisasi's conflict rule."""
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from ..database import begin_write
from ..extensions import db
from ..formatting import format_datetime
from ..models import Indicator, LkjipText, Sasaran, Year
from .viewmodel import FIXED_SLOTS

MAX_CHARS = 20000


@dataclass(frozen=True)
class Saved:
    status: str  # saved, unchanged, conflict
    text: str  # the stored text after the save
    version: int
    message: str = ""


def slot_title(year: Year, slot: str) -> str | None:
    """The title of a slot of this year's draft, or None when there is no such slot: a fixed
    slot, "sasaran-<id>" of a sasaran of the year or "indikator-<id>" of an indicator of the
    year (checked with one small query, not by building the whole draft)."""
    fixed = {key: title for key, title, _writer in FIXED_SLOTS}
    if slot in fixed:
        return fixed[slot]
    kind, _, number = slot.partition("-")
    if not number.isdigit() or len(number) > 9:
        return None
    model = {"sasaran": Sasaran, "indikator": Indicator}.get(kind)
    if model is None:
        return None
    found = db.session.scalar(sa.select(model.id).where(model.id == int(number),
                                                        model.year_id == year.id))
    return "Analisis sasaran" if found else None


def _lock(year: Year, slot: str) -> None:
    """Check-then-write of one slot in one transaction (SQLite: the write lock; PostgreSQL:
    an advisory lock on the slot, since the row may not exist yet)."""
    begin_write(db.session)
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                           {"key": f"lkjip:{year.id}:{slot}"})


def save(year: Year, slot: str, text: str, version: int | None, base: str, user) -> Saved:
    """Store the slot's text unless someone else changed it since the page was opened.

    As for the realisasi: a save names the version and the text it started from; if the stored
    version moved on and its text differs from that base, nothing is written and the stored
    text is answered, so the writer sees it. The answer carries the stored version, so typing
    again afterwards is a deliberate overwrite.
    """
    _lock(year, slot)
    row = db.session.scalar(sa.select(LkjipText).where(
        LkjipText.year_id == year.id, LkjipText.slot == slot))
    current = row.text if row else ""
    stored_version = row.version if row else 0
    if text == current:
        db.session.rollback()
        return Saved("unchanged", current, stored_version)
    if version != stored_version and base != current:
        who = row.updated_by.display_name if row.updated_by else "pengguna lain"
        message = (f"Teks ini sudah diubah oleh {who} ({format_datetime(row.updated_at)}) sejak "
                   "halaman dibuka. Isian Anda belum disimpan; teks tersimpan ditampilkan di "
                   "bawah. Ketik lagi untuk menimpanya.")
        db.session.rollback()
        return Saved("conflict", current, stored_version, message)
    if row is None:
        row = LkjipText(year_id=year.id, slot=slot, version=0)
        db.session.add(row)
    row.text = text
    row.version = stored_version + 1
    row.updated_by_id = user.id
    row.updated_at = datetime.now()
    saved = Saved("saved", text, row.version, "Tersimpan")
    db.session.commit()
    return saved
