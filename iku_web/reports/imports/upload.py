"""The steps every Excel import page shares: the upload form, the checked file kept on disk
between the preview and the apply step, and the apply that writes all or nothing."""
import re
import secrets
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, session
from flask_wtf.file import FileField

from ...extensions import db
from ...fields import Form
from . import xlsx

NO_FILE = "Pilih berkas .xlsx terlebih dahulu."
NOTHING_PENDING = "Tidak ada berkas yang menunggu untuk diterapkan. Unggah ulang berkasnya."
INVALID_ROWS = "Berkas berisi baris yang tidak valid; tidak ada yang diterapkan."
STALE_FORM = "Sesi formulir tidak valid. Unggah ulang berkasnya."

_TOKEN = re.compile(r"[0-9a-f]{32}")


class ImportForm(Form):
    file = FileField("Berkas Excel (.xlsx) dengan susunan seperti hasil unduhan IKU")


def _pending_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"]) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pending(year: int, kind: str = "iku") -> Path | None:
    """The file of this kind (iku, realisasi, anggaran) this admin uploaded for this year and
    has not applied yet."""
    token = session.get(f"import_{kind}_token", "")
    if session.get(f"import_{kind}_year") != year or not _TOKEN.fullmatch(token):
        return None
    path = _pending_dir() / f"{token}.xlsx"
    return path if path.is_file() else None


def keep_pending(year: int, kind: str, data: bytes) -> None:
    """Keep a checked file on disk for the apply step, named by a random token held in this
    session only; an earlier pending file of the same kind is removed."""
    old = pending(year, kind)
    if old is not None:
        old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (_pending_dir() / f"{token}.xlsx").write_bytes(data)
    session[f"import_{kind}_token"], session[f"import_{kind}_year"] = token, year


def drop_pending(path: Path, kind: str) -> None:
    path.unlink(missing_ok=True)
    session.pop(f"import_{kind}_token", None)


def read_upload(form) -> bytes:
    """The uploaded bytes (one more than the limit, so a too large file is recognised)."""
    upload = form.file.data if form.validate() else None
    return upload.read(xlsx.MAX_BYTES + 1) if upload else b""


def check_upload(form, year: int, kind: str, make_plan, empty: str,
                 applicable=lambda plan: plan.ok):
    """The preview step: the uploaded file read by `make_plan(data)`, as (plan, error); a file
    without rows gives the error `empty`. A plan that can be applied is kept on disk for the
    apply step; nothing else is written."""
    data = read_upload(form)
    if not data:
        return None, NO_FILE
    try:
        plan = make_plan(data)
    except xlsx.ImportError_ as exc:
        return None, str(exc)
    if not plan.rows:
        return None, empty
    if applicable(plan):
        keep_pending(year, kind, data)
    return plan, None


@contextmanager
def applying(path: Path, kind: str):
    """The apply step: the kept file's bytes. Anything that fails rolls the whole session
    back (all or nothing, also when the database refuses a row); the file is dropped either
    way."""
    try:
        yield path.read_bytes()
    except Exception:
        db.session.rollback()
        raise
    finally:
        drop_pending(path, kind)
