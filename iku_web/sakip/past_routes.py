"""Earlier years of an indicator: those in the application (through its lineage) and the
ones typed by hand for years before the office used it."""
import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from .. import chain
from ..auth.permissions import admin_required
from ..changelog import log_change
from ..database import begin_write
from ..extensions import db
from ..fields import EmptyForm
from ..guards import indicator_of_year
from ..models import Indicator, PastRealisasi
from . import bp
from .forms import PastForm


def _page(indicator: Indicator, form: PastForm | None = None):
    return render_template(
        "sakip/past.html", indicator=indicator, year=indicator.year_ref,
        history=chain.history([indicator])[indicator.id], form=form or PastForm(formdata=None),
        text=chain.indicator_text(indicator), empty=EmptyForm(),
        typed={p.year: p for p in indicator.past_realisasi})


@bp.route("/<int:year>/iku/<int:indicator_id>/tahun-lalu")
@admin_required
def past(year: int, indicator_id: int):
    """Realisasi and capaian of the earlier years; a form to type a year before the app."""
    return _page(indicator_of_year(year, indicator_id))


@bp.route("/<int:year>/iku/<int:indicator_id>/tahun-lalu", methods=["POST"])
@admin_required
def past_add(year: int, indicator_id: int):
    """Type (or correct) the realisasi of a year before the application."""
    begin_write(db.session)
    indicator = indicator_of_year(year, indicator_id)
    form = PastForm()
    ok = form.validate_on_submit()
    grade = indicator.target_kind == "grade"
    if ok and form.year.data >= year:
        form.year.errors.append(f"Hanya tahun sebelum {year}.")
        ok = False
    if ok and any(p.year == form.year.data and not p.typed
                  for p in chain.history([indicator])[indicator.id]):
        form.year.errors.append("Tahun ini sudah ada di aplikasi; realisasinya diambil dari sana.")
        ok = False
    if ok and grade and not form.grade.data:
        form.grade.errors.append("Pilih nilai huruf realisasi.")
        ok = False
    if ok and not grade and form.value.data is None:
        form.value.errors.append("Isi realisasi.")
        ok = False
    if not ok:
        return _page(indicator, form)
    past = db.session.scalar(sa.select(PastRealisasi).where(
        PastRealisasi.indicator_id == indicator.id, PastRealisasi.year == form.year.data))
    if past is None:
        past = PastRealisasi(indicator_id=indicator.id, year=form.year.data)
        db.session.add(past)
    past.value = None if grade else form.value.data
    past.grade = form.grade.data if grade else None
    past.target_value = None if grade else form.target_value.data
    past.target_grade = (form.target_grade.data or None) if grade else None
    past.capaian = form.capaian.data
    past.source = form.source.data.strip()
    past.created_by_id = current_user.id
    log_change("past_realisasi", str(form.year.data), None,
               past.grade or past.value, year=indicator.year_ref, indicator=indicator)
    db.session.commit()
    flash(f"Realisasi tahun {form.year.data} disimpan (diketik).", "success")
    return redirect(url_for(".past", year=year, indicator_id=indicator.id))


@bp.route("/<int:year>/iku/<int:indicator_id>/tahun-lalu/<int:past_id>/hapus", methods=["POST"])
@admin_required
def past_delete(year: int, indicator_id: int, past_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    indicator = indicator_of_year(year, indicator_id)
    past = db.get_or_404(PastRealisasi, past_id)
    if past.indicator_id != indicator.id:
        abort(404)
    log_change("past_realisasi", str(past.year), past.grade or past.value, None,
               year=indicator.year_ref, indicator=indicator)
    db.session.delete(past)
    db.session.commit()
    flash("Realisasi yang diketik dihapus.", "success")
    return redirect(url_for(".past", year=year, indicator_id=indicator.id))
