"""HTML to PDF with xhtml2pdf, allowed to read our static files and the logo, nothing else."""
import io
import logging
from collections.abc import Callable
from pathlib import Path

from flask import current_app
from pypdf import PdfReader, PdfWriter
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from .footer import DRAFT
from .pdf_tables import joined_tables
from .pdf_text import visible_text

log = logging.getLogger(__name__)

# What a print template writes in <img src> for the office logo; resolved to the stored file.
LOGO_URI = "iku-logo"


class PdfError(RuntimeError):
    """xhtml2pdf reported errors while converting; the document would be incomplete."""


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def link_callback(static_dir: Path, logo: Path | None) -> Callable[[str, str], str]:
    """Resolve `static/...` to a file under static_dir and LOGO_URI to the logo file.

    Everything else (http, file:, absolute paths, ../) is rewritten to an address the
    resource policy refuses, so xhtml2pdf never fetches a URL or reads another file even if
    markup we did not expect reached the template.
    """
    static_dir = static_dir.resolve()

    def resolve(uri: str, _rel: str) -> str:
        if uri == LOGO_URI and logo is not None:
            return str(logo)
        if uri.startswith(("static/", "/static/")):
            candidate = (static_dir / uri.split("static/", 1)[1]).resolve()
            if _inside(candidate, static_dir) and candidate.is_file():
                return str(candidate)
        log.warning("PDF resource refused: %.120s", uri)
        # A scheme the policy refuses outright: the element renders empty.
        return "refused:"

    return resolve


def render_pdf(html: str, logo: Path | None = None, footer=None) -> bytes:
    """Convert the rendered print template; raises PdfError if xhtml2pdf reports errors.

    `footer` (footer.Verification for an issued copy) is drawn at the foot of every page;
    without it every page says the document is a draft."""
    static_dir = Path(current_app.static_folder)
    roots = (logo.parent,) if logo is not None else ()
    # Defence in depth behind link_callback: no network at all, local reads only in static/
    # and the logo's directory.
    policy = ResourceAccessPolicy.server(static_dir, allow_remote=False, extra_roots=roots)
    out = io.BytesIO()
    # capacity=-1: source and output stay in memory. By default xhtml2pdf spills a source
    # over 100 KB (about 150 Pengukuran rows) to a temporary file that it never closes.
    with joined_tables():
        status = pisa.CreatePDF(visible_text(html, static_dir), dest=out, encoding="utf-8",
                                capacity=-1, link_callback=link_callback(static_dir, logo),
                                resource_policy=policy)
    if status.err:
        raise PdfError(f"xhtml2pdf reported {status.err} error(s)")
    return stamp_page_numbers(out.getvalue(), footer or DRAFT)


def stamp_page_numbers(data: bytes, footer=DRAFT) -> bytes:
    """Write "Halaman i dari n" and the footer (draft mark or verification code) at the foot of
    every page.

    Done here rather than with <pdf:pagecount/> in an @frame footer: the page count makes
    xhtml2pdf lay the whole document out twice, which measured 2.3 s instead of 1.8 s for
    200 IKU rows and 10.4 s instead of 4.4 s for 200 Pengukuran rows (bench/pdf_bench.py).
    """
    writer = PdfWriter(clone_from=io.BytesIO(data))
    total = len(writer.pages)
    for number, page in enumerate(writer.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        overlay = io.BytesIO()
        sheet = canvas.Canvas(overlay, pagesize=(width, height))
        sheet.setFont("Helvetica", 8)
        sheet.setFillGray(0.2)
        sheet.drawRightString(width - 12 * mm, 8 * mm, f"Halaman {number} dari {total}")
        footer.draw(sheet, width, height)
        sheet.save()
        page.merge_page(PdfReader(overlay).pages[0])
        # merge_page writes the page's content back uncompressed: 200 Pengukuran rows came
        # to 990 KB instead of 100 KB.
        page.compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
