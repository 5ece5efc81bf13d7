"""The landing page and budget years: switch, create by copying."""
import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for

from ..access import allowed, current_unit
from ..auth.permissions import admin_required
from ..extensions import db
from ..fields import choices
from ..models import Year
from . import bp, service
from .forms import NewYearForm


@bp.route("/")
def home():
    """Land on the register of the most recent year that has data; leaders (role viewer)
    land on its dashboard."""
    year = service.latest_year()
    if year is None:
        return render_template("indicators/empty.html", form=_new_year_form())
    if allowed("read") and not (allowed("edit") or allowed("edit_assigned")):
        return redirect(url_for("dashboard.page", year=year))
    return redirect(url_for(".register", year=year))


@bp.route("/tahun", methods=["GET", "POST"])
@admin_required
def new_year():
    """Create a budget year, copying profile and indicators (targets, not realisasi)."""
    form = _new_year_form()
    if form.validate_on_submit():
        unit = current_unit()
        if db.session.scalar(sa.select(Year.id).where(Year.unit_id == unit.id,
                                                      Year.year == form.year.data)):
            form.year.errors.append(f"Tahun {form.year.data} sudah ada.")
        else:
            source = db.session.scalar(sa.select(Year).where(
                Year.id == form.source.data, Year.unit_id == unit.id)) if form.source.data else None
            service.copy_year(source, form.year.data, unit.id)
            db.session.commit()
            flash(f"Tahun anggaran {form.year.data} dibuat.", "success")
            return redirect(url_for(".register", year=form.year.data))
    return render_template("indicators/new_year.html", form=form)


def _new_year_form() -> NewYearForm:
    form = NewYearForm()
    years = db.session.scalars(sa.select(Year).where(Year.unit_id == current_unit().id)
                               .order_by(Year.year.desc())).all()
    form.source.choices = choices(
        [(y.id, str(y.year)) for y in years] + [(0, "(kosong, tanpa salinan)")])
    return form
