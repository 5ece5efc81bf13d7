"""The guide as a page with its table of contents, and the same text as one PDF."""
from flask import Response, render_template, request

from ..access import current_unit
from ..clock import today
from ..reports.pdf import render_pdf
from ..scope import latest_year
from . import bp, content


class _Footer:
    """The guide is not a document to sign: its pages say what they are, not "DRAF"."""

    def draw(self, sheet, _width: float, _height: float) -> None:
        from reportlab.lib.units import mm

        sheet.drawString(15 * mm, 8 * mm, "Panduan Pengguna IKU Web")


def _year() -> int:
    """The year the links point at: ?tahun= when given, else the latest year of the app."""
    asked = request.args.get("tahun", "")
    if asked.isdigit() and len(asked) == 4:
        return int(asked)
    return latest_year() or today().year


@bp.route("/panduan")
def page():
    """The whole guide on one page (readable without logging in, like the register)."""
    year = _year()
    guide = content.render(year, current_unit().code)
    return render_template("guide/index.html", guide=guide, guide_year=year)


@bp.route("/panduan.pdf")
def pdf():
    """The guide to print, one PDF."""
    year = _year()
    guide = content.render(year, current_unit().code)
    html = render_template("guide/pdf.html", guide=guide, guide_year=year)
    return Response(render_pdf(html, footer=_Footer()), mimetype="application/pdf",
                    headers={"Content-Disposition": 'inline; filename="panduan-iku-web.pdf"'})
