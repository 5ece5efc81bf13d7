"""What the roll-up adds to a parent unit's pages besides the drill-down itself: the drill-down
as Excel, and the children table of the province dashboard with its reminder (docs/rollup.md)."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for

from .. import clock
from ..access import allowed
from ..auth.permissions import admin_required, reader_required
from ..domain import QUARTERS
from ..extensions import db
from ..htmx import is_htmx
from ..models import Indicator
from ..reports.excel import XLSX_MIME
from ..scope import current_unit, scoped_or_404
from . import export, province, service

bp = Blueprint("rollup_views", __name__)


def _computed(year: int, indicator_id: int) -> tuple[Indicator, service.Computation | None]:
    """The indicator of this year of the current unit (else 404) and its computation (None:
    typed; the callers send the reader to its page, as the drill-down does)."""
    indicator = scoped_or_404(Indicator, indicator_id)
    if indicator.year_ref.year != year:
        abort(404)
    return indicator, service.computation(indicator)


def _quarter(computed: service.Computation | None = None) -> int:
    """?tw=1..4; without it the quarter the year's realisasi comes from (else TW I)."""
    chosen = request.args.get("tw", type=int)
    if chosen in QUARTERS:
        return chosen
    basis = computed.verified.year if computed is not None else None
    return basis.quarter if basis is not None else 1


@bp.route("/<int:year>/iku/<int:indicator_id>/rincian.xlsx")
@reader_required
def drilldown_xlsx(year: int, indicator_id: int):
    indicator, computed = _computed(year, indicator_id)
    if computed is None:
        return redirect(url_for("rollup.detail", year=year, indicator_id=indicator.id))
    quarter = _quarter(computed)
    name = f"rincian-iku-{indicator.id}-{current_unit().code}-{year}-tw{quarter}.xlsx"
    return Response(export.workbook(indicator, computed, quarter), mimetype=XLSX_MIME,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _table_html(year: int, indicator: Indicator, computed: service.Computation, quarter: int,
                sort: str, message: str = "") -> str:
    table = province.child_table(indicator, computed, quarter, sort)
    return render_template("rollup/_province_table.html", table=table, year=indicator.year_ref,
                           sorts=province.SORTS, can_remind=allowed("manage"), message=message)


@bp.route("/<int:year>/dasbor/unit-bawah/<int:indicator_id>")
def children(year: int, indicator_id: int):
    """One children table of the dashboard, sorted by ?urut= (the sort links swap it in with
    htmx). The dashboard's own read rule applies (scope.py refuses strangers)."""
    indicator, computed = _computed(year, indicator_id)
    if computed is None:  # typed: no children table on the dashboard
        return redirect(url_for("dashboard.page", year=year))
    html = _table_html(year, indicator, computed, _quarter(), request.args.get("urut", ""))
    if is_htmx():
        return html
    return redirect(url_for("dashboard.page", year=year, tw=_quarter(),
                            urut=request.args.get("urut", ""),
                            _anchor=f"unit-bawah-{indicator.id}"))


@bp.route("/<int:year>/dasbor/unit-bawah/<int:indicator_id>/pengingat", methods=["POST"])
@admin_required
def remind(year: int, indicator_id: int):
    """Remind the admins of the children that have not reported the quarter ?tw=."""
    indicator, computed = _computed(year, indicator_id)
    if computed is None:  # typed: nobody to remind from here
        return redirect(url_for("dashboard.page", year=year))
    quarter, sort = _quarter(), request.form.get("urut", "")
    units, created = province.remind(province.child_table(indicator, computed, quarter), year,
                                     clock.today())
    db.session.commit()
    if not units:
        message = "Semua unit sudah melapor: tidak ada yang perlu diingatkan."
    elif created:
        message = f"Pengingat dikirim ke {created} admin dari {units} unit yang belum melapor."
    else:
        message = (f"{units} unit yang belum melapor sudah diingatkan hari ini, atau belum "
                   "memiliki admin.")
    if is_htmx():
        return _table_html(year, indicator, computed, quarter, sort, message)
    flash(message, "success")
    return redirect(url_for("dashboard.page", year=year, tw=quarter, urut=sort,
                            _anchor=f"unit-bawah-{indicator.id}"))
