"""Import of indicators from .xlsx: upload, preview of the changes, apply all or nothing."""
import re
import secrets
from pathlib import Path

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_wtf.file import FileField

from ..auth.permissions import admin_required
from ..extensions import db
from ..fields import EmptyForm, Form
from ..indicators.service import get_year
from . import bp, excel_import

_TOKEN = re.compile(r"[0-9a-f]{32}")


class ImportForm(Form):
    file = FileField("Berkas Excel (.xlsx) dengan susunan seperti hasil unduhan IKU")


def _pending_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"]) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pending(year: int, kind: str = "iku") -> Path | None:
    """The file of this kind (iku, realisasi) this admin uploaded for this year and has not
    applied yet."""
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
    return upload.read(excel_import.MAX_BYTES + 1) if upload else b""


@bp.route("/<int:year>/laporan/impor", methods=["GET"])
@admin_required
def import_form(year: int):
    """Upload form for an indicator spreadsheet."""
    return render_template("reports/import.html", year=get_year(year), form=ImportForm(),
                           plan=None, error=None)


@bp.route("/<int:year>/laporan/impor", methods=["POST"])
@admin_required
def import_preview(year: int):
    """Read the file and show what would change; nothing is written to the register yet."""
    year_obj = get_year(year)
    form = ImportForm()
    data = read_upload(form)
    error, plan = None, None
    if not data:
        error = "Pilih berkas .xlsx terlebih dahulu."
    else:
        try:
            plan = excel_import.plan(year_obj, data)
        except excel_import.ImportError_ as exc:
            error = str(exc)
    if plan is not None and plan.ok:
        keep_pending(year, "iku", data)
    elif plan is not None and not plan.rows:
        error, plan = "Berkas tidak berisi baris indikator.", None
    return render_template("reports/import.html", year=year_obj, form=form, plan=plan,
                           error=error, apply_form=EmptyForm())


@bp.route("/<int:year>/laporan/impor/terapkan", methods=["POST"])
@admin_required
def import_apply(year: int):
    """Apply the previewed file in one transaction; any invalid row means nothing is applied."""
    year_obj = get_year(year)
    if not EmptyForm().validate_on_submit():
        flash("Sesi formulir tidak valid. Unggah ulang berkasnya.", "error")
        return redirect(url_for(".import_form", year=year))
    path = pending(year)
    if path is None:
        flash("Tidak ada berkas yang menunggu untuk diterapkan. Unggah ulang berkasnya.", "error")
        return redirect(url_for(".import_form", year=year))
    try:
        # Checked again: the register may have changed since the preview.
        plan = excel_import.plan(year_obj, path.read_bytes())
        if not plan.ok:
            flash("Berkas berisi baris yang tidak valid; tidak ada yang diterapkan.", "error")
            return redirect(url_for(".import_form", year=year))
        count = excel_import.apply(year_obj, plan)
        db.session.commit()
    except Exception:
        db.session.rollback()  # all or nothing, also when the database refuses a row
        raise
    finally:
        drop_pending(path, "iku")
    flash(f"Impor selesai: {count} indikator ditambahkan atau diubah.", "success")
    return redirect(url_for("indicators.register", year=year))
