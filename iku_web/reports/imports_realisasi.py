"""Import of realisasi TW I..IV from the pengukuran.xlsx layout: upload, preview, apply."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf.file import FileField

from ..auth.permissions import admin_required
from ..database import begin_write
from ..extensions import db
from ..fields import EmptyForm, Form
from ..indicators.service import get_year
from . import bp, excel_import, realisasi_import
from .imports import drop_pending, keep_pending, pending, read_upload

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
        plan = realisasi_import.plan(year_obj, data)
    except excel_import.ImportError_ as exc:
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
        plan = realisasi_import.plan_locked(year_obj, path.read_bytes())
        if not plan.ok:
            db.session.rollback()
            return _page(year_obj, RealisasiImportForm(), plan=plan,
                         error="Data berubah sejak pratinjau dan berkas kini berisi kesalahan; "
                               "tidak ada yang diterapkan.")
        count = realisasi_import.apply(year_obj, plan, current_user)
        db.session.commit()
    except Exception:
        db.session.rollback()  # all or nothing, also when the database refuses a value
        raise
    finally:
        drop_pending(path, KIND)
    flash(f"Impor realisasi selesai: {count} nilai diubah.", "success")
    return redirect(url_for("realisasi.page", year=year))
