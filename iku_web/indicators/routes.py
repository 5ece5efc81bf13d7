"""The IKU register of a year: view, edit in place, add, delete, reorder."""
import sqlalchemy as sa
from flask import redirect, render_template, url_for

from ..auth.permissions import admin_required
from ..changelog import log_change
from ..extensions import db
from ..fields import EmptyForm, choices
from ..guards import indicator_of_year
from ..htmx import is_htmx
from ..models import Indicator, User
from . import bp, service
from .forms import IndicatorForm


def _form(indicator: Indicator | None = None) -> IndicatorForm:
    form = IndicatorForm(obj=indicator)
    users = db.session.scalars(sa.select(User).where(User.active).order_by(User.full_name))
    form.pic_user_id.choices = choices([(0, "-")] + [(u.id, u.display_name) for u in users])
    if indicator is not None and form.pic_user_id.data is None:
        form.pic_user_id.data = 0
    return form


def _table(year):
    return render_template("indicators/_table.html", year=year, form=EmptyForm())


@bp.route("/<int:year>/iku")
def register(year: int):
    """The IKU register laid out like the signed document."""
    return render_template("indicators/index.html", year=service.get_year(year), form=EmptyForm())


@bp.route("/<int:year>/iku/<int:indicator_id>/baris")
def row(year: int, indicator_id: int):
    """One row as read (used to cancel an edit)."""
    indicator = indicator_of_year(year, indicator_id)
    return render_template("indicators/_row.html", indicator=indicator, number=indicator.position,
                           year=indicator.year_ref, form=EmptyForm())


@bp.route("/<int:year>/iku/<int:indicator_id>/ubah")
@admin_required
def edit(year: int, indicator_id: int):
    """The row turned into a form (click-to-edit)."""
    indicator = indicator_of_year(year, indicator_id)
    return render_template("indicators/_row_form.html", indicator=indicator,
                           form=_form(indicator), year=indicator.year_ref)


@bp.route("/<int:year>/iku/<int:indicator_id>", methods=["POST"])
@admin_required
def update(year: int, indicator_id: int):
    """Save the edited row; on errors the form comes back with messages and nothing is saved."""
    indicator = indicator_of_year(year, indicator_id)
    form = _form(indicator)
    if not form.validate():
        db.session.rollback()
        return render_template("indicators/_row_form.html", indicator=indicator, form=form,
                               year=indicator.year_ref)
    form.apply_to(indicator)
    log_change("indicator", "update", None, indicator.name, year=indicator.year_ref,
                       indicator=indicator)
    db.session.commit()
    if not is_htmx():
        return redirect(url_for(".register", year=year))
    return render_template("indicators/_row.html", indicator=indicator, number=indicator.position,
                           year=indicator.year_ref, form=EmptyForm())


@bp.route("/<int:year>/iku/baru", methods=["GET", "POST"])
@admin_required
def create(year: int):
    """Add an indicator at the end of the register."""
    year_obj = service.get_year(year)
    form = _form()
    if form.validate_on_submit():
        indicator = Indicator(position=len(year_obj.indicators) + 1)
        form.apply_to(indicator)
        year_obj.indicators.append(indicator)
        db.session.flush()
        log_change("indicator", "create", None, indicator.name, year=year_obj,
                           indicator=indicator)
        db.session.commit()
        return redirect(url_for(".register", year=year))
    return render_template("indicators/new.html", year=year_obj, form=form)


@bp.route("/<int:year>/iku/<int:indicator_id>/hapus", methods=["POST"])
@admin_required
def delete(year: int, indicator_id: int):
    """Delete an indicator (the page asks for confirmation first); numbering closes the gap."""
    indicator = indicator_of_year(year, indicator_id)
    year_obj = indicator.year_ref
    log_change("indicator", "delete", indicator.name, None, year=year_obj)
    year_obj.indicators.remove(indicator)
    db.session.flush()
    service.renumber(year_obj)
    db.session.commit()
    return _table(year_obj) if is_htmx() else redirect(url_for(".register", year=year))


@bp.route("/<int:year>/iku/<int:indicator_id>/<any(naik,turun):direction>", methods=["POST"])
@admin_required
def reorder(year: int, indicator_id: int, direction: str):
    """Move an indicator up or down one place."""
    indicator = indicator_of_year(year, indicator_id)
    service.move(indicator.year_ref, indicator, -1 if direction == "naik" else 1)
    db.session.commit()
    year_obj = indicator.year_ref
    db.session.refresh(year_obj)
    return _table(year_obj) if is_htmx() else redirect(url_for(".register", year=year))
