"""The drill-down of a computed indicator: each child with its value, target, capaian, status
and whether it was counted (docs/rollup.md). Managing the roll-up: admin_routes.py."""
from flask import Blueprint, redirect, render_template, request, url_for

from ..access import allowed
from ..auth.permissions import reader_required
from ..domain import QUARTERS, ROLLUP_RULES
from ..guards import indicator_of_year
from ..indicator_measure import result_text
from . import service

bp = Blueprint("rollup", __name__)


@bp.route("/<int:year>/iku/<int:indicator_id>/rincian")
@reader_required
def detail(year: int, indicator_id: int):
    """?tw=1..4 picks the quarter; without it, the quarter the year's realisasi comes from."""
    indicator = indicator_of_year(year, indicator_id)
    computed = service.computation(indicator)
    if computed is None:  # typed: its own page says everything
        return redirect(url_for("realisasi.indicator", year=year, indicator_id=indicator.id))
    chosen = request.args.get("tw", type=int)
    basis = computed.verified.year
    quarter = chosen if chosen in QUARTERS else (basis.quarter if basis else 1)
    verified = computed.verified.quarters[quarter - 1]
    provisional = computed.provisional.quarters[quarter - 1]
    return render_template(
        "rollup/detail.html", year=indicator.year_ref, indicator=indicator, computed=computed,
        quarter=quarter, figure=verified, provisional=provisional, service=service,
        rule_label=ROLLUP_RULES.get(indicator.rollup_rule, indicator.rollup_rule),
        result_text=result_text,
        can_manage=allowed("manage"))


from . import admin_routes  # noqa: E402,F401
