"""The reports page and the documents: PDF, HTML preview and Excel, all public to read."""
from datetime import date

import sqlalchemy as sa
from flask import Response, abort, render_template, request, url_for
from markupsafe import Markup, escape

from ..domain import DOCUMENTS, QUARTERS
from ..extensions import db
from ..formatting import MONTHS, quarter_name
from ..models import Program
from ..scope import get_year
from . import bp, documents, excel, options
from .options import ORIENTATIONS, PAPERS


def _filename(document: str, year: int, opt: options.PrintOptions, ext: str) -> str:
    suffix = f"-tw{opt.quarter}" if document == "pengukuran" and opt.quarter else ""
    if ext == "pdf":  # A4 and F4 of one document must not overwrite each other in Downloads
        suffix += f"-{opt.paper}-{opt.orientation}"
    return f"{document}-{year}{suffix}.{ext}"


@bp.route("/<int:year>/laporan")
def index(year: int):
    """The documents of a year with their print options (paper, orientation, date, signers)."""
    from ..issued.service import current_for  # the issued package imports this one

    year_obj = get_year(year)
    today = date.today()
    return render_template(
        "reports/index.html", year=year_obj, today=today, months=MONTHS, papers=PAPERS,
        orientations=ORIENTATIONS, signers=options.signers(year_obj),
        defaults=options.parse({}, "iku", today, year=year_obj),
        pk_defaults=options.parse({}, "pk", today, year=year_obj),
        quarters=[(q, quarter_name(q)) for q in QUARTERS],
        issued={document: current_for(year_obj, document) for document in DOCUMENTS},
        closing_preview=_closing_preview(year_obj, {}, today),
        has_programs=db.session.scalar(sa.select(Program.id).where(
            Program.year_id == year_obj.id).limit(1)) is not None,
    )


def _closing_preview(year_obj, args, today: date | None = None) -> str:
    """The closing line the chosen date gives; the PK's too when it differs (a PK nobody
    dated is dated January of its own year, the other documents today)."""
    lines = [documents.closing_line(year_obj, options.parse(args, document, today,
                                                            year=year_obj))
             for document in ("iku", "pk")]
    return lines[0] if lines[0] == lines[1] else f"{lines[0]} (PK: {lines[1]})"


@bp.route("/<int:year>/laporan/penutup")
def closing_line(year: int):
    """The closing line for the date chosen on the reports page (htmx, on every change)."""
    # Swapped in as HTML: the place is text an admin typed.
    return escape(_closing_preview(get_year(year), request.args))


@bp.errorhandler(documents.EmptySasaran)
def _empty_sasaran(error: documents.EmptySasaran):
    """A PK with a sasaran that has no indicator is refused, saying which and what to do."""
    year = request.view_args.get("year") if request.view_args else None
    link = url_for("sasaran.index", year=year) if year else url_for("indicators.home")
    message = Markup("{} <a href=\"{}\">Kelola sasaran</a>").format(escape(str(error)), link)
    return render_template("error.html", code=409, message=message), 409


@bp.route("/<int:year>/laporan/<any(iku,pk,pengukuran):document>.pdf")
def document_pdf(year: int, document: str):
    """The document as a PDF to print and sign; options come from the query string."""
    year_obj = get_year(year)
    opt = options.parse(request.args, document, year=year_obj)
    data = documents.render(document, year_obj, opt, pdf=True)
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{_filename(document, year, opt, "pdf")}"',
    })


@bp.route("/<int:year>/laporan/<any(iku,pk,pengukuran):document>.html")
def document_preview(year: int, document: str):
    """The same document as HTML, rendered from the same template and view-model."""
    year_obj = get_year(year)
    opt = options.parse(request.args, document, year=year_obj)
    params = {k: v for k, v in request.args.items() if k in options.QUERY_KEYS}
    pdf_url = url_for(".document_pdf", year=year, document=document, **params)
    return documents.render(document, year_obj, opt, pdf=False, pdf_url=pdf_url)


@bp.route("/<int:year>/laporan/<any(iku,pengukuran):document>.xlsx")
def document_xlsx(year: int, document: str):
    """The register or the measurement as a spreadsheet with real number cells."""
    year_obj = get_year(year)
    opt = options.parse(request.args, document, year=year_obj)
    if document == "iku":
        data = excel.iku_workbook(year_obj)
    else:
        data = excel.pengukuran_workbook(year_obj, opt.quarter or 4)
    if not data:
        abort(500)
    return Response(data, mimetype=excel.XLSX_MIME, headers={
        "Content-Disposition": f'attachment; filename="{_filename(document, year, opt, "xlsx")}"',
    })
