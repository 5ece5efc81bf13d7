"""The IKU register of a year: view, edit in place, add, delete, reorder."""
import sqlalchemy as sa
from flask import flash, make_response, redirect, render_template, request, url_for

from .. import chain
from ..access import allowed
from ..auth.permissions import admin_required
from ..changelog import log_change
from ..database import begin_write
from ..extensions import db
from ..fields import EmptyForm, choices
from ..guards import indicator_of_year
from ..htmx import is_htmx, redirect_to
from ..models import Indicator, Sasaran, User
from ..rollup.cascade import linked_message, linked_unchanged
from . import audit, bp, deletion, service
from .forms import IndicatorForm


def _form(indicator: Indicator | None = None, year=None) -> IndicatorForm:
    form = IndicatorForm(obj=indicator)
    year = year if year is not None else indicator.year_ref
    form.sasaran_id.choices = choices(
        [(0, "(sasaran baru, sama dengan nama indikator)")]
        + [(s.id, f"{n}. {s.name[:80]}") for n, s in enumerate(year.sasaran, start=1)])
    if form.sasaran_id.data in (None, -1) and not form.is_submitted():
        form.sasaran_id.data = indicator.sasaran_id if indicator is not None else 0
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
    year_obj = service.get_year(year)
    deleted = deletion.deleted_entries(year_obj) if allowed("manage") else []
    return render_template("indicators/index.html", year=year_obj, form=EmptyForm(),
                           deleted=deleted)


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
    if not form.validate() or not linked_unchanged(form, indicator):
        db.session.rollback()
        return render_template("indicators/_row_form.html", indicator=indicator, form=form,
                               year=indicator.year_ref)
    before = audit.values(indicator)
    form.apply_to(indicator)
    before_sasaran = indicator.sasaran_id
    _place(form, indicator, indicator.year_ref)
    moved = indicator.sasaran is not None and indicator.sasaran.id != before_sasaran
    audit.log_differences(before, indicator)
    db.session.commit()
    if moved:  # the numbering of the whole register changed
        return redirect_to(url_for(".register", year=year))
    if not is_htmx():
        return redirect(url_for(".register", year=year))
    return render_template("indicators/_row.html", indicator=indicator, number=indicator.position,
                           year=indicator.year_ref, form=EmptyForm())


@bp.route("/<int:year>/iku/baru", methods=["GET", "POST"])
@admin_required
def create(year: int):
    """Add an indicator at the end of the register."""
    year_obj = service.get_year(year)
    form = _form(year=year_obj)
    if form.validate_on_submit():
        indicator = Indicator(position=len(year_obj.indicators) + 1)
        form.apply_to(indicator)
        year_obj.indicators.append(indicator)
        _place(form, indicator, year_obj)
        db.session.flush()
        log_change("indicator", "create", None, indicator.name, year=year_obj,
                           indicator=indicator)
        db.session.commit()
        return redirect(url_for(".register", year=year))
    return render_template("indicators/new.html", year=year_obj, form=form)


def _place(form: IndicatorForm, indicator: Indicator, year) -> None:
    """Put the indicator under the sasaran chosen in the form (a sasaran of this year only;
    0 = a new sasaran named after the indicator; field absent = unchanged)."""
    chosen = form.sasaran_id.data
    if chosen in (None, -1) or (chosen and chosen == indicator.sasaran_id):
        return
    if chosen == 0:
        if indicator.sasaran_id is None and indicator.sasaran is None:
            return  # a new indicator: it gets its own sasaran when flushed
        last = max((s.position for s in year.sasaran), default=0)
        target = Sasaran(year_ref=year, name=indicator.name, position=last + 1)
    else:
        target = next((s for s in year.sasaran if s.id == chosen), None)
        if target is None:
            return
    chain.move_indicator_to(year, indicator, target)


@bp.route("/<int:year>/iku/<int:indicator_id>/hapus", methods=["POST"])
@admin_required
def delete(year: int, indicator_id: int):
    """Delete an indicator (the page asks for confirmation first); numbering closes the gap.

    An indicator with realisasi, notes, reviews or evidence is deleted only with a second,
    explicit confirmation (`konfirmasi`); without it the answer says what would be lost. One
    with an approved (locked) quarter is not deleted at all until a verifier unlocks it.
    """
    indicator = indicator_of_year(year, indicator_id)
    year_obj = indicator.year_ref
    begin_write(db.session())
    locked = deletion.locked_quarters(indicator)
    if locked or indicator.linked:
        message = deletion.locked_message(indicator, locked) if locked else linked_message(
            indicator)
        db.session.rollback()
        if not is_htmx():
            flash(message, "danger")
            return redirect(url_for(".register", year=year))
        return render_template("indicators/_delete_refused.html", indicator=indicator,
                               year=year_obj, message=message)
    lost = deletion.losses(indicator)
    if lost.any and request.form.get("konfirmasi") != deletion.CONFIRM_WORD:
        db.session.rollback()
        return render_template("indicators/_delete_confirm.html", indicator=indicator,
                               year=year_obj, lost=lost, confirm_word=deletion.CONFIRM_WORD,
                               form=EmptyForm())
    deletion.delete(indicator)
    if not is_htmx():
        return redirect(url_for(".register", year=year))
    response = make_response(_table(year_obj))
    # The button targets its own row (for the confirmation); the result is the whole table.
    response.headers["HX-Retarget"] = "#iku-table"
    response.headers["HX-Reswap"] = "outerHTML"
    return response


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
