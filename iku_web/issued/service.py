"""Issuing, revoking and checking documents. A stored file is written once and never
rendered again; its row says what the paper shows."""
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from .. import settings
from ..database import begin_write
from ..evidence import storage
from ..extensions import db
from ..formatting import roman
from ..models import CheckAttempt, IssuedDocument, Year
from ..reports import documents
from ..reports.footer import Verification
from ..reports.options import PAPERS, PrintOptions
from . import codes

BASE_URL_SETTING = "public_base_url"
ISSUED_FOLDER = "issued"  # under UPLOAD_DIR, so a backup of that folder includes the files
# The public check: at most this many unknown codes per client address in the window.
CHECK_LIMIT = 10
CHECK_WINDOW = timedelta(minutes=15)
ROLE_LABELS = {"signer": "Penandatangan", "first_party": "Pihak Pertama",
               "second_party": "Pihak Kedua"}
# Documents issued from elsewhere than the reports page, with what the register calls them.
TITLES = {**documents.TITLES, "lkjip": "Laporan Kinerja Instansi Pemerintah (LKjIP)"}
# Who signs what; the LKjIP prints no signature block (it is signed on paper after issue).
SIGNING_ROLES = {"pk": ("first_party", "second_party"), "lkjip": ()}


class AlreadyIssuing(RuntimeError):
    """Two admins issued the same document at the same moment; the other one won."""


def issued_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"]) / ISSUED_FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def files_without_row() -> list[str]:
    """Names of the files in the issued folder that no issued document refers to: left by a
    crash between storing and committing, or put there by hand."""
    known = set(db.session.scalars(sa.select(IssuedDocument.stored_name)))
    return sorted(p.name for p in issued_dir().iterdir() if p.is_file() and p.name not in known)


def path_of(doc: IssuedDocument) -> Path:
    return issued_dir() / doc.stored_name


def base_url() -> str:
    """The address printed under the QR code: the office's setting, else this server's."""
    configured = settings.get(BASE_URL_SETTING).strip().rstrip("/")
    return configured or request.url_root.rstrip("/")


def check_url(code: str) -> str:
    return base_url() + url_for("documents.check", kode=code)


def title_of(document: str, year: int, quarter: int) -> str:
    period = f" Triwulan {roman(quarter)}" if quarter else ""
    return f"{TITLES[document]}{period} Tahun {year}"


def _signers(document: str, opt: PrintOptions) -> list[dict]:
    result = []
    for role in SIGNING_ROLES.get(document, ("signer",)):
        signer = getattr(opt, role)
        result.append({"role": ROLE_LABELS[role], "title": signer.title if signer else "",
                       "name": signer.name if signer else "", "nip": signer.nip if signer else ""})
    return result


def details_of(document: str, year: Year, opt: PrintOptions) -> dict:
    return {
        "paper": PAPERS[opt.paper][0], "orientation": opt.orientation,
        "closing_line": f"{year.closing_place}, {opt.closing_text}".lstrip(", "),
        "quarter": opt.quarter or 0, "signers": _signers(document, opt),
    }


def issue(document: str, year: Year, opt: PrintOptions, render=None) -> IssuedDocument:
    """Render the document once with a new code in its footer, store the bytes, and record
    them as the next version; the previous current version becomes "diganti". `render`
    (footer -> PDF bytes) draws a document the reports page does not (the LKjIP)."""
    quarter = (opt.quarter or 0) if document == "pengukuran" else 0
    code = codes.new_code()
    footer = Verification(codes.display(code), check_url(code))
    data = render(footer) if render else documents.render(document, year, opt, pdf=True,
                                                          footer=footer)
    directory = issued_dir()
    # The evidence storage's rules: temporary file beside the final one, fsync, atomic rename.
    upload = storage.receive(io.BytesIO(data), "dokumen.pdf", directory, len(data) + 1)
    doc = IssuedDocument(
        year_id=year.id, document=document, quarter=quarter,
        title=title_of(document, year.year, quarter), code=code, sha256=upload.sha256,
        size=upload.size, stored_name=storage.new_stored_name(upload.content_type),
        details=json.dumps(details_of(document, year, opt), ensure_ascii=False),
        issued_by_id=current_user.id, issued_by_name=current_user.display_name,
        issued_at=datetime.now())
    final = None
    try:
        final = storage.place(upload, directory, doc.stored_name)
        begin_write(db.session())  # the version number is read and then written
        same = (IssuedDocument.year_id == year.id, IssuedDocument.document == document,
                IssuedDocument.quarter == quarter)
        doc.version = (db.session.scalar(sa.select(sa.func.max(IssuedDocument.version))
                                         .where(*same)) or 0) + 1
        db.session.execute(sa.update(IssuedDocument).where(
            *same, IssuedDocument.replaced_at.is_(None)).values(replaced_at=doc.issued_at))
        db.session.add(doc)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        storage.discard(final or upload.temp_path)
        raise AlreadyIssuing() from None
    except BaseException:
        db.session.rollback()
        storage.discard(final or upload.temp_path)
        raise
    return doc


def revoke(doc: IssuedDocument, reason: str) -> None:
    doc.revoked_at = datetime.now()
    doc.revoked_by_name = current_user.display_name
    doc.revoke_reason = reason
    db.session.commit()


def details(doc: IssuedDocument) -> dict:
    try:
        return json.loads(doc.details or "{}")
    except ValueError:
        return {}


def find(code: str | None) -> IssuedDocument | None:
    if code is None:
        return None
    return db.session.scalar(sa.select(IssuedDocument).where(IssuedDocument.code == code))


# --- the public check's throttle -------------------------------------------------------

def client_key() -> str:
    return (request.remote_addr or "?")[:64]


def is_throttled(client: str) -> bool:
    since = datetime.now() - CHECK_WINDOW
    failures = db.session.scalar(sa.select(sa.func.count(CheckAttempt.id)).where(
        CheckAttempt.client == client, CheckAttempt.at >= since))
    return failures >= CHECK_LIMIT


def record_failure(client: str) -> None:
    """Count an unknown code against the client (and forget attempts older than the window)."""
    begin_write(db.session())
    now = datetime.now()
    db.session.execute(sa.delete(CheckAttempt).where(CheckAttempt.at < now - CHECK_WINDOW))
    db.session.add(CheckAttempt(client=client, at=now))
    db.session.commit()


# --- integrity -------------------------------------------------------------------------

@dataclass(frozen=True)
class Mismatch:
    doc: IssuedDocument
    problem: str


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(storage.CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def stream_sha256(stream) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(storage.CHUNK_SIZE):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def verify_all() -> tuple[int, list[Mismatch]]:
    """Recompute the SHA-256 of every stored file; (files checked, differences)."""
    problems, count = [], 0
    for doc in db.session.scalars(sa.select(IssuedDocument).order_by(IssuedDocument.id)):
        count += 1
        path = path_of(doc)
        if not path.is_file():
            problems.append(Mismatch(doc, "berkas tidak ada"))
            continue
        actual = file_sha256(path)
        if actual != doc.sha256:
            problems.append(Mismatch(doc, f"SHA-256 berbeda: tercatat {doc.sha256}, "
                                          f"berkas {actual}"))
    return count, problems


def current_for(year: Year, document: str) -> list[IssuedDocument]:
    """The versions of a document of a year that are in force (one per Pengukuran period)."""
    return list(db.session.scalars(sa.select(IssuedDocument).where(
        IssuedDocument.year_id == year.id, IssuedDocument.document == document,
        IssuedDocument.replaced_at.is_(None), IssuedDocument.revoked_at.is_(None))
        .order_by(IssuedDocument.quarter)))
