"""Files attached as evidence to a criterion's answer: stored, checked and offered for download
exactly as the realisasi evidence is (evidence/storage.py: size limit, allowed types sniffed
from the content, safe names), in the lke/ folder of UPLOAD_DIR. A row never without its file,
nor a file without its row (the same order of steps as evidence/service.py)."""
from collections import defaultdict
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import FileStorage

from ..evidence import service as evidence_service
from ..evidence import storage
from ..extensions import db
from ..models import LkeEvaluation, LkeFile, Year
from . import service

LKE_FOLDER = "lke"  # under UPLOAD_DIR, so a backup of that folder includes the files
DUPLICATE = "Berkas yang sama sudah dilampirkan pada kriteria ini"


def lke_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"]) / LKE_FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def path_of(row: LkeFile) -> Path:
    return lke_dir() / row.stored_name


def by_answer(evaluation: LkeEvaluation | None) -> dict[tuple[int, str], list[LkeFile]]:
    """The evaluation's files keyed by (criterion id, side), oldest first."""
    grouped: dict[tuple[int, str], list[LkeFile]] = defaultdict(list)
    if evaluation is None:
        return grouped
    for row in db.session.scalars(
            sa.select(LkeFile).where(LkeFile.evaluation_id == evaluation.id)
            .options(selectinload(LkeFile.uploaded_by))
            .order_by(LkeFile.uploaded_at, LkeFile.id)):
        grouped[(row.criterion_id, row.side)].append(row)
    return grouped


def of_year(year: Year, file_id: int) -> LkeFile | None:
    """A file of this year's LKE (the year is the current unit's), else None."""
    return db.session.scalar(sa.select(LkeFile).join(LkeEvaluation).where(
        LkeFile.id == file_id, LkeEvaluation.year_id == year.id))


def save(year: Year, criterion_id: int, side: str, file: FileStorage, user) -> LkeFile:
    """Store one uploaded file on one side's answer: temporary file, fsync, rename, then commit
    the row. Raises storage.Refused with the user's message, or service.Refused when the
    evaluation's state does not allow writing that side; on any failure nothing remains."""
    name = storage.clean_name(file.filename)
    directory = lke_dir()
    upload = storage.receive(file.stream, name, directory,
                             evidence_service.max_mb() * storage.MB)

    def add_row(stored_name: str) -> LkeFile:
        # The state check and the insert under one write lock: a submission may have landed
        # while the file streamed in.
        evaluation = service.open_for_write(year, side)
        if db.session.scalar(sa.select(sa.func.count(LkeFile.id)).where(
                LkeFile.evaluation_id == evaluation.id, LkeFile.criterion_id == criterion_id,
                LkeFile.side == side, LkeFile.sha256 == upload.sha256)):
            raise storage.Refused(DUPLICATE)
        row = LkeFile(evaluation_id=evaluation.id, criterion_id=criterion_id, side=side,
                      original_name=name, stored_name=stored_name,
                      content_type=upload.content_type, size=upload.size,
                      sha256=upload.sha256, uploaded_by_id=user.id)
        db.session.add(row)
        return row

    return storage.store(db.session, upload, directory, add_row, DUPLICATE)


def delete(year: Year, row: LkeFile) -> None:
    """Delete the row and its file, refused (service.Refused) when the evaluation's state does
    not allow writing the file's side (storage.remove: never a row without its file)."""
    service.open_for_write(year, row.side)
    storage.remove(db.session, path_of(row), lambda: db.session.delete(row))
