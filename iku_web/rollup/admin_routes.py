"""A parent unit's admin manages the roll-up of an indicator: its rule, the cascade to the
child units ("Turunkan ke unit di bawah"), and each child's target and "tidak berlaku"."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import current_unit
from ..auth.permissions import admin_required
from ..changelog import log_change
from ..domain import QUARTER_TARGET_MODES, ROLLUP_RULES
from ..extensions import db
from ..fields import EmptyForm
from ..guards import indicator_of_year
from ..models import RollupExemption
from ..presenters import target_label
from ..realisasi import indicator_page
from . import cascade
from .forms import CascadeForm, RuleForm, read_children
from .routes import bp

NO_CHILDREN = "Unit ini tidak memiliki unit di bawahnya."


def _parent_indicator(year: int, indicator_id: int):
    """The indicator, if its unit has children to roll up from (else 403: a Kabupaten/Kota
    has nothing to cascade to)."""
    indicator = indicator_of_year(year, indicator_id)
    if not cascade.children_of(current_unit()):
        abort(403, NO_CHILDREN)
    return indicator


def _back(indicator):
    return redirect(url_for("realisasi.indicator", year=indicator.year_ref.year,
                            indicator_id=indicator.id))


@bp.route("/<int:year>/iku/<int:indicator_id>/aturan", methods=["POST"])
@admin_required
def rule(year: int, indicator_id: int):
    indicator = _parent_indicator(year, indicator_id)
    form = RuleForm()
    if not form.validate():
        flash("Pilih cara mengisi realisasi dari daftar.", "danger")
        return _back(indicator)
    new = form.rollup_rule.data
    if new != indicator.rollup_rule:
        log_change("indicator", "rollup_rule", ROLLUP_RULES.get(indicator.rollup_rule),
                   ROLLUP_RULES[new], year=indicator.year_ref, indicator=indicator)
        indicator.rollup_rule = new
        db.session.commit()
    message = "Realisasi indikator ini diketik." if new == "typed" else (
        f"Realisasi indikator ini dihitung: {ROLLUP_RULES[new].lower()}.")
    flash(message, "success")
    return _back(indicator)


@bp.route("/<int:year>/iku/<int:indicator_id>/turunkan", methods=["POST"])
@admin_required
def cascade_view(year: int, indicator_id: int):
    """Give each child unit a linked indicator (or bring it back in line), with one target
    for all when one is given."""
    indicator = _parent_indicator(year, indicator_id)
    form = CascadeForm()
    read = form.validate()  # check() too, even after a bad field: every message at once
    if not (form.check(indicator.target_kind) and read):
        # The indicator page again, the typed target at its field with its message.
        flash("Indikator belum diturunkan: periksa isian yang ditandai.", "danger")
        return indicator_page.show(indicator, cascade_form=form)
    made = cascade.cascade(indicator, form.target(indicator.target_kind))
    db.session.commit()
    count = len(cascade.children_of(current_unit()))
    flash(f"Indikator diturunkan ke {count} unit di bawah ({len(made)} baru). Periksa target "
          "masing-masing unit di bawah ini.", "success")
    return redirect(url_for(".children", year=year, indicator_id=indicator.id))


@bp.route("/<int:year>/iku/<int:indicator_id>/unit-bawah", methods=["GET", "POST"])
@admin_required
def children(year: int, indicator_id: int):
    """Per child: its target (set by the parent only) and "tidak berlaku" with a reason."""
    indicator = _parent_indicator(year, indicator_id)
    units = cascade.children_of(current_unit())
    linked = cascade.linked_of(indicator)
    exempt = cascade.exemptions_of(indicator)
    rows = None
    if request.method == "POST":
        if not EmptyForm().validate_on_submit():
            abort(400)
        rows = read_children(request.form, [u.id for u in units], indicator.target_kind,
                             {unit_id: child.target_upper for unit_id, child in linked.items()})
        if not any(row.errors for row in rows):
            _save_children(indicator, rows, linked, exempt, {u.id: u.name for u in units})
            db.session.commit()
            flash("Target dan pengecualian unit di bawah disimpan.", "success")
            return redirect(url_for(".children", year=year, indicator_id=indicator.id))
        flash("Belum disimpan: periksa isian yang ditandai.", "danger")
    return render_template(
        "rollup/children.html", year=indicator.year_ref, indicator=indicator, units=units,
        linked=linked, exempt=exempt, rows={r.unit_id: r for r in rows or []},
        form=EmptyForm(), target_label=target_label, quarter_modes=QUARTER_TARGET_MODES)


def _save_children(indicator, rows, linked, exempt, names) -> None:
    def log(unit_id: int, old: str | None, new: str | None) -> None:
        name = names[unit_id]  # the change log says which unit
        log_change("indicator", "rollup_exemption", old and f"{name}: {old}",
                   new and f"{name}: {new}", year=indicator.year_ref, indicator=indicator)

    for row in rows:
        child = linked.get(row.unit_id)
        if child is not None:
            value = row.target if isinstance(row.target, str) else None
            number = None if isinstance(row.target, str) else row.target
            cascade.set_target(child, cascade.ChildTarget(
                number, child.target_upper if child.target_kind == "range" else None, value))
            if row.quarters is not None:
                cascade.set_quarter_targets(child, row.quarters)
        held = exempt.get(row.unit_id)
        if row.exempt and held is None:
            db.session.add(RollupExemption(indicator_id=indicator.id, unit_id=row.unit_id,
                                           reason=row.reason, created_by_id=current_user.id))
            log(row.unit_id, None, row.reason)
        elif row.exempt and held.reason != row.reason:
            log(row.unit_id, held.reason, row.reason)
            held.reason = row.reason
        elif not row.exempt and held is not None:
            log(row.unit_id, held.reason, None)
            db.session.delete(held)
