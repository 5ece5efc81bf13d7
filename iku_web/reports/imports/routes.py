"""The Excel import pages (indicators, realisasi): upload, preview of the changes, apply all or
nothing."""
import re
import secrets
from pathlib import Path

from flask import current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user
from flask_wtf.file import FileField

from ... import change_source
from ...auth.permissions import admin_required
from ...database import begin_write
from ...extensions import db
from ...fields import EmptyForm, Form
from ...indicators.service import get_year
from .. import bp
from . import indicators, realisasi, xlsx

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
    return upload.read(xlsx.MAX_BYTES + 1) if upload else b""


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
            plan = indicators.plan(year_obj, data)
        except xlsx.ImportError_ as exc:
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
    change_source.declare(change_source.EXCEL_IMPORT)
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
        plan = indicators.plan(year_obj, path.read_bytes())
        if not plan.ok:
            flash("Berkas berisi baris yang tidak valid; tidak ada yang diterapkan.", "error")
            return redirect(url_for(".import_form", year=year))
        count = indicators.apply(year_obj, plan)
        db.session.commit()
    except Exception:
        db.session.rollback()  # all or nothing, also when the database refuses a row
        raise
    finally:
        drop_pending(path, "iku")
    flash(f"Impor selesai: {count} indikator ditambahkan atau diubah.", "success")
    return redirect(url_for("indicators.register", year=year))


KIND = "realisasi"


class RealisasiImportForm(Form):
    file = FileField("Berkas Excel (.xlsx) dengan susunan seperti unduhan Excel Laporan "
                     "Pengukuran Kinerja")


def _page(year_obj, form, plan=None, error=None):
    return render_template("reports/import_realisasi.html", year=year_obj, form=form, plan=plan,
                           error=error, apply_form=EmptyForm())


@bp.route("/<int:year>/laporan/impor-realisasi", methods=["GET"])
@admin_required
def import_realisasi_form(year: int):
    """Upload form for a measurement spreadsheet."""
    return _page(get_year(year), RealisasiImportForm())


@bp.route("/<int:year>/laporan/impor-realisasi", methods=["POST"])
@admin_required
def import_realisasi_preview(year: int):
    """Check every cell and show old -> new per indicator and quarter; nothing is saved."""
    year_obj = get_year(year)
    form = RealisasiImportForm()
    data = read_upload(form)
    if not data:
        return _page(year_obj, form, error="Pilih berkas .xlsx terlebih dahulu.")
    try:
        plan = realisasi.plan(year_obj, data)
    except xlsx.ImportError_ as exc:
        return _page(year_obj, form, error=str(exc))
    if not plan.rows:
        return _page(year_obj, form, error="Berkas tidak berisi baris indikator.")
    if plan.ok and plan.changes:
        keep_pending(year, KIND, data)
    return _page(year_obj, form, plan=plan)


@bp.route("/<int:year>/laporan/impor-realisasi/terapkan", methods=["POST"])
@admin_required
def import_realisasi_apply(year: int):
    """Apply the previewed file in one write transaction: every value or none."""
    change_source.declare(change_source.EXCEL_IMPORT)
    year_obj = get_year(year)
    if not EmptyForm().validate_on_submit():
        flash("Sesi formulir tidak valid. Unggah ulang berkasnya.", "error")
        return redirect(url_for(".import_realisasi_form", year=year))
    path = pending(year, KIND)
    if path is None:
        flash("Tidak ada berkas yang menunggu untuk diterapkan. Unggah ulang berkasnya.", "error")
        return redirect(url_for(".import_realisasi_form", year=year))
    try:
        # Checked again holding the locks: a quarter may have been locked or a value saved
        # since the preview, and nothing can change between this check and the writes.
        begin_write(db.session())
        plan = realisasi.plan_locked(year_obj, path.read_bytes())
        if not plan.ok:
            db.session.rollback()
            return _page(year_obj, RealisasiImportForm(), plan=plan,
                         error="Data berubah sejak pratinjau dan berkas kini berisi kesalahan; "
                               "tidak ada yang diterapkan.")
        count = realisasi.apply(year_obj, plan, current_user)
        db.session.commit()
    except Exception:
        db.session.rollback()  # all or nothing, also when the database refuses a value
        raise
    finally:
        drop_pending(path, KIND)
    flash(f"Impor realisasi selesai: {count} nilai diubah.", "success")
    return redirect(url_for("realisasi.page", year=year))
