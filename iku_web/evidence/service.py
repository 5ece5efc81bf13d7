"""Evidence rows and their files together: a row never without its file, nor a file without
its row."""
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_login import current_user
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import FileStorage

from .. import settings
from ..changelog import log_change
from ..database import begin_write, lock_cell
from ..domain import QUARTERS
from ..extensions import db
from ..formatting import sentence
from ..guards import LOCKED_MESSAGE, is_locked
from ..models import Evidence, Indicator
from . import storage

DUPLICATE = "Berkas yang sama sudah diunggah untuk triwulan ini"


@dataclass
class Outcome:
    """What happened to one file of an upload or a delete, shown next to the form."""

    name: str
    ok: bool
    message: str

    @property
    def sentence(self) -> str:
        return sentence(self.message)


def upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def max_mb() -> int:
    try:
        return max(int(settings.get("evidence_max_mb")), 1)
    except ValueError:
        return int(settings.DEFAULTS["evidence_max_mb"])


def is_public() -> bool:
    return settings.get("evidence_public") == "1"


def path_of(evidence: Evidence) -> Path:
    return upload_dir() / evidence.stored_name


def by_quarter(indicator: Indicator) -> dict[int, list[Evidence]]:
    rows = db.session.scalars(
        sa.select(Evidence).where(Evidence.indicator_id == indicator.id)
        .options(selectinload(Evidence.uploaded_by))
        .order_by(Evidence.quarter, Evidence.uploaded_at, Evidence.id))
    grouped: dict[int, list[Evidence]] = defaultdict(list)
    for row in rows:
        grouped[row.quarter].append(row)
    return {q: grouped.get(q, []) for q in QUARTERS}


def _exists(indicator: Indicator, quarter: int, sha256: str) -> bool:
    return db.session.scalar(sa.select(sa.func.count(Evidence.id)).where(
        Evidence.indicator_id == indicator.id, Evidence.quarter == quarter,
        Evidence.sha256 == sha256)) > 0


def save(indicator: Indicator, quarter: int, file: FileStorage) -> Evidence:
    """Store one uploaded file: temporary file, fsync, rename, then commit the row. Raises
    storage.Refused with the user's message; on any failure nothing of it remains."""
    name = storage.clean_name(file.filename)
    directory = upload_dir()
    upload = storage.receive(file.stream, name, directory, max_mb() * storage.MB)

    def add_row(stored_name: str) -> Evidence:
        # The lock and duplicate checks and the insert under one write lock (the route checked
        # the lock already, but an approval may have landed while the file streamed in).
        lock_cell(db.session, indicator.id, quarter)
        if is_locked(indicator.id, quarter):
            raise storage.Refused(LOCKED_MESSAGE)
        if _exists(indicator, quarter, upload.sha256):
            raise storage.Refused(DUPLICATE)
        evidence = Evidence(
            indicator_id=indicator.id, quarter=quarter, original_name=name,
            stored_name=stored_name, content_type=upload.content_type, size=upload.size,
            sha256=upload.sha256, uploaded_by_id=current_user.id)
        db.session.add(evidence)
        log_change("evidence", "upload", None, name, year=indicator.year_ref,
                   indicator=indicator, quarter=quarter)
        return evidence

    return storage.store(db.session, upload, directory, add_row, DUPLICATE)


def delete(evidence: Evidence) -> None:
    """Delete the row and its file (storage.remove: never a row without its file)."""
    begin_write(db.session())
    indicator = db.session.get(Indicator, evidence.indicator_id)

    def delete_row() -> None:
        log_change("evidence", "delete", evidence.original_name, None, year=indicator.year_ref,
                   indicator=indicator, quarter=evidence.quarter)
        db.session.delete(evidence)

    storage.remove(db.session, path_of(evidence), delete_row)
