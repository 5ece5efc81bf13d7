"""The Excel import pages (indicators, realisasi): upload, preview of the changes, apply all or
nothing."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf.file import FileField

from ... import change_source
from ...auth.permissions import admin_required
from ...database import begin_write
from ...extensions import db
from ...fields import EmptyForm, Form
from ...scope import get_year
from .. import bp
from . import indicators, realisasi
from .upload import (
    INVALID_ROWS,
    NOTHING_PENDING,
    STALE_FORM,
    ImportForm,
    applying,
    check_upload,
    pending,
)


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
    plan, error = check_upload(form, year, "iku", lambda data: indicators.plan(year_obj, data),
                               "Berkas tidak berisi baris indikator.")
    return render_template("reports/import.html", year=year_obj, form=form, plan=plan,
                           error=error, apply_form=EmptyForm())


@bp.route("/<int:year>/laporan/impor/terapkan", methods=["POST"])
@admin_required
def import_apply(year: int):
    """Apply the previewed file in one transaction; any invalid row means nothing is applied."""
    change_source.declare(change_source.EXCEL_IMPORT)
    year_obj = get_year(year)
    if not EmptyForm().validate_on_submit():
        flash(STALE_FORM, "error")
        return redirect(url_for(".import_form", year=year))
    path = pending(year)
    if path is None:
        flash(NOTHING_PENDING, "error")
        return redirect(url_for(".import_form", year=year))
    with applying(path, "iku") as data:
        # Checked again: the register may have changed since the preview.
        plan = indicators.plan(year_obj, data)
        if not plan.ok:
            flash(INVALID_ROWS, "error")
            return redirect(url_for(".import_form", year=year))
        count = indicators.apply(year_obj, plan)
        db.session.commit()
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
    plan, error = check_upload(form, year, KIND, lambda data: realisasi.plan(year_obj, data),
                               "Berkas tidak berisi baris indikator.",
                               applicable=lambda plan: plan.ok and plan.changes)
    return _page(year_obj, form, plan=plan, error=error)


@bp.route("/<int:year>/laporan/impor-realisasi/terapkan", methods=["POST"])
@admin_required
def import_realisasi_apply(year: int):
    """Apply the previewed file in one write transaction: every value or none."""
    change_source.declare(change_source.EXCEL_IMPORT)
    year_obj = get_year(year)
    if not EmptyForm().validate_on_submit():
        flash(STALE_FORM, "error")
        return redirect(url_for(".import_realisasi_form", year=year))
    path = pending(year, KIND)
    if path is None:
        flash(NOTHING_PENDING, "error")
        return redirect(url_for(".import_realisasi_form", year=year))
    with applying(path, KIND) as data:
        # Checked again holding the locks: a quarter may have been locked or a value saved
        # since the preview, and nothing can change between this check and the writes.
        begin_write(db.session())
        plan = realisasi.plan_locked(year_obj, data)
        if not plan.ok:
            db.session.rollback()
            return _page(year_obj, RealisasiImportForm(), plan=plan,
                         error="Data berubah sejak pratinjau dan berkas kini berisi kesalahan; "
                               "tidak ada yang diterapkan.")
        count = realisasi.apply(year_obj, plan, current_user)
        db.session.commit()
    flash(f"Impor realisasi selesai: {count} nilai diubah.", "success")
    return redirect(url_for("realisasi.page", year=year))
