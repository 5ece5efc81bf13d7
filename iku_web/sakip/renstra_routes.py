"""The Renstra: periods, their indicators, a target per year and the end-of-period target."""
from decimal import Decimal

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for

from .. import chain
from ..access import current_unit
from ..auth.permissions import admin_required
from ..capaian import GRADES
from ..database import begin_write
from ..extensions import db
from ..fields import EmptyForm, choices
from ..formatting import ParseError, format_number, parse_number
from ..models import Indicator, Renstra, RenstraIndicator, RenstraTarget, Year
from ..renstra_targets import cascaded, yearly_target
from ..rollup.cascade import parent_name
from ..scope import scoped_or_404, unit_clause
from . import bp
from .forms import RenstraForm, RenstraIndicatorForm


def _indicator_choices(renstra: Renstra) -> list:
    """Indicators of the latest year inside the period (or any earlier year), to link."""
    year = db.session.scalar(sa.select(Year).where(Year.year <= renstra.end_year,
                                                   Year.unit_id == renstra.unit_id)
                             .order_by(Year.year.desc()).limit(1))
    pairs = [(0, "(tidak dihubungkan)")]
    if year is not None:
        pairs += [(i.id, f"TA {year.year} - {i.position}. {chain.indicator_text(i)[:90]}")
                  for i in year.indicators]
    return choices(pairs)


def _link_lineage(indicator: Indicator, ri: RenstraIndicator) -> int:
    """Link the indicator and every year of its lineage (earlier and later copies) inside
    the period to the Renstra indicator; returns how many indicators were linked."""
    linked = {indicator.id: indicator}
    for ancestor in chain.lineage(indicator):
        linked[ancestor.id] = ancestor
    frontier = list(linked)
    while frontier:
        children = db.session.scalars(sa.select(Indicator).where(
            Indicator.source_indicator_id.in_(frontier))).all()
        frontier = [c.id for c in children if c.id not in linked]
        linked.update((c.id, c) for c in children)
    count = 0
    for item in linked.values():
        if ri.renstra.covers(item.year_ref.year):
            item.renstra_indicator = ri
            count += 1
    return count


@bp.route("/renstra", methods=["GET", "POST"])
@admin_required
def renstra_index():
    """The Renstra periods; a new one is added here."""
    form = RenstraForm()
    if form.validate_on_submit():
        renstra = Renstra(name=form.name.data.strip(), start_year=form.start_year.data,
                          end_year=form.end_year.data,
                          decree_number=(form.decree_number.data or "").strip(),
                          decree_date=form.decree_date.data, unit_id=current_unit().id)
        db.session.add(renstra)
        db.session.commit()
        flash("Renstra ditambahkan.", "success")
        return redirect(url_for(".renstra", renstra_id=renstra.id))
    periods = db.session.scalars(unit_clause(Renstra, sa.select(Renstra))
                                 .order_by(Renstra.start_year.desc())).all()
    return render_template("sakip/renstra_index.html", periods=periods, form=form,
                           year=None)


def _page(renstra: Renstra, form=None, ind_form=None, errors=None, typed=None, **extra):
    """The Renstra page; `extra` carries the edit form or the delete confirmation of one
    indicator (renstra_edit.py)."""
    ind_form = ind_form or RenstraIndicatorForm(formdata=None, prefix="ind")
    ind_form.indicator_id.choices = _indicator_choices(renstra)
    counts = dict(db.session.execute(
        sa.select(Indicator.renstra_indicator_id, sa.func.count(Indicator.id))
        .where(Indicator.renstra_indicator_id.in_([ri.id for ri in renstra.indicators]))
        .group_by(Indicator.renstra_indicator_id)).all())
    return render_template("sakip/renstra.html", renstra=renstra,
                           form=form or RenstraForm(obj=renstra, prefix="periode"),
                           ind_form=ind_form, errors=errors or {}, typed=typed or {},
                           counts=counts, grades=GRADES, empty=EmptyForm(), year=None,
                           target_text=_target_text, **extra)


def _target_text(target: RenstraTarget | None) -> str:
    if target is None:
        return ""
    if target.grade:
        return target.grade
    return format_number(target.value) if target.value is not None else ""


def _get(renstra_id: int) -> Renstra:
    return scoped_or_404(Renstra, renstra_id)


@bp.route("/renstra/<int:renstra_id>")
@admin_required
def renstra(renstra_id: int):
    """One Renstra: its period and decree, its indicators with a target per year."""
    return _page(_get(renstra_id))


@bp.route("/renstra/<int:renstra_id>/periode", methods=["POST"])
@admin_required
def renstra_update(renstra_id: int):
    renstra = _get(renstra_id)
    form = RenstraForm(prefix="periode")
    if not form.validate_on_submit():
        return _page(renstra, form=form)
    renstra.name = form.name.data.strip()
    renstra.start_year, renstra.end_year = form.start_year.data, form.end_year.data
    renstra.decree_number = (form.decree_number.data or "").strip()
    renstra.decree_date = form.decree_date.data
    db.session.commit()
    flash("Renstra disimpan.", "success")
    return redirect(url_for(".renstra", renstra_id=renstra.id))


@bp.route("/renstra/<int:renstra_id>/indikator", methods=["POST"])
@admin_required
def renstra_add_indicator(renstra_id: int):
    """A Renstra indicator, optionally linked to an indicator (and its lineage)."""
    begin_write(db.session)
    renstra = _get(renstra_id)
    form = RenstraIndicatorForm(prefix="ind")
    form.indicator_id.choices = _indicator_choices(renstra)
    if not form.validate_on_submit():
        return _page(renstra, ind_form=form)
    ri = RenstraIndicator(name=form.name.data.strip(), satuan=(form.satuan.data or "").strip(),
                          end_value=form.end_value.data, end_grade=form.end_grade.data or None,
                          position=len(renstra.indicators) + 1)
    renstra.indicators.append(ri)
    db.session.flush()
    if form.indicator_id.data:
        indicator = db.session.get(Indicator, form.indicator_id.data)
        _link_lineage(indicator, ri)
    db.session.commit()
    flash("Indikator Renstra ditambahkan.", "success")
    return redirect(url_for(".renstra", renstra_id=renstra.id))


@bp.route("/renstra/<int:renstra_id>/target", methods=["POST"])
@admin_required
def renstra_targets(renstra_id: int):
    """Every target of the table at once: a number (or a grade) per indicator and year, and
    the end-of-period target; nothing is saved while one cell is not valid."""
    begin_write(db.session)
    renstra = _get(renstra_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    errors, typed, parsed = {}, {}, {}
    for ri in renstra.indicators:
        for key in [*(str(y) for y in renstra.years), "akhir"]:
            name = f"t-{ri.id}-{key}"
            text = (request.form.get(name) or "").strip()
            typed[name] = text
            if not text:
                parsed[name] = None
            elif text.upper() in GRADES:
                parsed[name] = text.upper()
            else:
                try:
                    value = parse_number(text)
                except ParseError as exc:
                    errors[name] = str(exc)
                    continue
                if value < 0:
                    errors[name] = "Target tidak boleh negatif."
                    continue
                parsed[name] = value
    errors |= _against_parent(renstra, parsed)
    if errors:
        return _page(renstra, errors=errors, typed=typed)
    for ri in renstra.indicators:
        current = {t.year: t for t in ri.targets}
        for year in renstra.years:
            value = parsed[f"t-{ri.id}-{year}"]
            target = current.get(year)
            if value is None:
                if target is not None:
                    ri.targets.remove(target)
                continue
            if target is None:
                target = RenstraTarget(year=year)
                ri.targets.append(target)
            target.grade = value if isinstance(value, str) else None
            target.value = value if isinstance(value, Decimal) else None
        end = parsed[f"t-{ri.id}-akhir"]
        ri.end_grade = end if isinstance(end, str) else None
        ri.end_value = end if isinstance(end, Decimal) else None
    db.session.commit()
    flash("Target Renstra disimpan.", "success")
    return redirect(url_for(".renstra", renstra_id=renstra.id))


def _against_parent(renstra: Renstra, parsed: dict) -> dict[str, str]:
    """A year whose IKU indicator was cascaded from a parent unit has the parent's target
    (docs/rollup.md): a changed Renstra target that says otherwise is refused at its cell."""
    errors = {}
    for (ri_id, year), indicator in cascaded(renstra).items():
        ri = next(r for r in renstra.indicators if r.id == ri_id)
        new, parent = parsed.get(f"t-{ri_id}-{year}"), yearly_target(indicator)
        old = ri.target_for(year)
        old = None if old is None else (old.grade or old.value)
        if new is not None and new != old and new != parent:
            errors[f"t-{ri_id}-{year}"] = (
                f"Target {year} indikator ini ditetapkan oleh {parent_name(indicator)} "
                f"({_plain(parent)}) karena indikatornya diturunkan dari unit tersebut.")
    return errors


def _plain(value) -> str:
    return "tanpa target" if value is None else (
        value if isinstance(value, str) else format_number(value))
