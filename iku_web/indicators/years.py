"""The landing page and budget years: switch, create by copying."""
import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for

from ..access import allowed, current_unit
from ..auth.permissions import admin_required
from ..extensions import db
from ..fields import choices
from ..models import Year
from ..scope import latest_year
from . import bp, service
from .forms import NewYearForm


@bp.route("/")
def home():
    """Land on the register of the most recent year that has data; leaders (role viewer)
    land on its dashboard."""
    year = latest_year()
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
            year = service.copy_year(source, form.year.data, unit.id)
            db.session.commit()
            flash(_created_message(year, source), "success")
            return redirect(url_for(".register", year=form.year.data))
    return render_template("indicators/new_year.html", form=form)


def _created_message(year: Year, source: Year | None) -> str:
    """What the new year holds, so the admin knows what to check (the signers above all)."""
    if source is None:
        return (f"Tahun anggaran {year.year} dibuat dengan {len(year.indicators)} indikator "
                "(tanpa salinan).")
    return (f"Tahun anggaran {year.year} dibuat. Disalin dari {source.year}: profil lembaga, "
            f"{len(year.sasaran)} sasaran, {len(year.indicators)} indikator dengan targetnya, "
            f"{len(year.signers)} penandatangan dan program/kegiatan (tanpa pagu); realisasi "
            "tidak disalin.")


def _new_year_form() -> NewYearForm:
    form = NewYearForm()
    years = db.session.scalars(sa.select(Year).where(Year.unit_id == current_unit().id)
                               .order_by(Year.year.desc())).all()
    form.source.choices = choices(
        [(y.id, str(y.year)) for y in years] + [(0, "(kosong, tanpa salinan)")])
    return form
