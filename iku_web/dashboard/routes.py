"""The dashboard page, its quarter switch (htmx fragment) and its PDF."""
from flask import Response, render_template, request
from flask_login import current_user

from ..access import allowed
from ..flow import steps
from ..htmx import is_htmx
from ..reports.pdf import render_pdf
from ..rollup import province
from ..rollup import service as rollup_service
from ..scope import get_year, year_path
from . import bp, charts, items, service


def _quarter() -> int | None:
    """?tw=1..4, or None for the default (the latest quarter with data)."""
    value = request.args.get("tw", "")
    return int(value) if value in ("1", "2", "3", "4") else None


def _context(year: int) -> dict:
    year_obj = get_year(year)
    # A parent unit's computed indicators: their children this quarter (rollup/province.py).
    computed = rollup_service.computations(year_obj.indicators)
    dash = service.build(year_obj, _quarter(), province.latest_quarter(computed), computed)
    children = province.child_tables(year_obj.indicators, computed, dash.quarter,
                                     request.args.get("urut", ""))
    return {"dash": dash, "year": dash.year, "charts": charts, "children": children,
            "sorts": province.SORTS, "can_remind": allowed("manage"),
            "items": lambda: items.items_html(dash.bars, year_path(year), dash.scale),
            "table_rows": lambda: items.table_rows_html(dash.bars, dash.history_years)}


@bp.route("/<int:year>/dasbor")
def page(year: int):
    """The dashboard of a year; an htmx request (the quarter switch) gets the body alone."""
    context = _context(year)
    # A history restore (back button after a cache miss) needs the whole page.
    fragment = is_htmx() and not request.headers.get("HX-History-Restore-Request")
    template = "dashboard/_body.html" if fragment else "dashboard/index.html"
    if not fragment and current_user.is_authenticated:
        context["next_step"] = steps.next_step(steps.steps(context["year"]))
    response = Response(render_template(template, **context))
    response.headers["Vary"] = "HX-Request"
    return response


@bp.route("/<int:year>/dasbor.pdf")
def pdf(year: int):
    """The same figures on A4 landscape; the bars are drawn as table cells for xhtml2pdf."""
    context = _context(year)
    data = render_pdf(render_template("dashboard/pdf.html", **context))
    name = f"dasbor-{year}-tw{context['dash'].quarter}.pdf"
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}"'})
