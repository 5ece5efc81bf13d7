"""HTML to PDF with xhtml2pdf, allowed to read our static files and the logo, nothing else."""
import gc
import io
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from pypdf import PdfReader, PdfWriter
from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from .footer import DRAFT
from .pdf_tables import joined_tables
from .pdf_text import FALLBACK_FONT, FALLBACK_URI, visible_text
from .pdf_widths import fit_story

log = logging.getLogger(__name__)

# Streams zlib-compressed only, not also wrapped in ASCII85 (reportlab's default, for PDFs
# sent as 7-bit text): neither reportlab's encoder nor pypdf's decoder (stamp_page_numbers
# reads every page back and compresses it again) then runs over them in Python, about 2 % of
# the CPU time of 200 Pengukuran rows. What the pages draw is the same.
rl_config.useA85 = 0

# What a print template writes in <img src> for the office logo; resolved to the stored file.
LOGO_URI = "iku-logo"


class PdfError(RuntimeError):
    """xhtml2pdf reported errors while converting; the document would be incomplete."""


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def link_callback(static_dir: Path, logo: Path | None,
                  fallback: Path | None = None) -> Callable[[str, str], str]:
    """Resolve `static/...` to a file under static_dir, LOGO_URI to the logo file and
    FALLBACK_URI to the fallback font (pdf_text).

    Everything else (http, file:, absolute paths, ../) is rewritten to an address the
    resource policy refuses, so xhtml2pdf never fetches a URL or reads another file even if
    markup we did not expect reached the template.
    """
    static_dir = static_dir.resolve()

    def resolve(uri: str, _rel: str) -> str:
        if uri == LOGO_URI and logo is not None:
            return str(logo)
        if uri == FALLBACK_URI and fallback is not None:
            return str(fallback)
        if uri.startswith(("static/", "/static/")):
            candidate = (static_dir / uri.split("static/", 1)[1]).resolve()
            if _inside(candidate, static_dir) and candidate.is_file():
                return str(candidate)
        log.warning("PDF resource refused: %.120s", uri)
        # A scheme the policy refuses outright: the element renders empty.
        return "refused:"

    return resolve


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a PDF is made, then one pass over what was made.

    A conversion makes hundreds of thousands of objects that live until it ends (the parsed
    tree, the story, every cell's paragraphs), so the collector, started every few hundred
    new objects, went over them again and again: 200 Pengukuran rows spent 12-18 % of their
    CPU time in it (bench/pdf_bench.py). The cycles the conversion leaves are collected right
    after it, with the youngest generation, where all of them are. Re-enabled only by the call
    that found it on, so two conversions in two threads never leave it off.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(0)


def render_pdf(html: str, logo: Path | None = None, footer=None) -> bytes:
    """Convert the rendered print template; raises PdfError if xhtml2pdf reports errors.

    `footer` (footer.Verification for an issued copy) is drawn at the foot of every page;
    without it every page says the document is a draft."""
    static_dir = Path(current_app.static_folder)
    font = current_app.config.get("PDF_FALLBACK_FONT") or FALLBACK_FONT
    html, borrows = visible_text(html, static_dir, font)
    fallback = Path(font) if borrows else None
    roots = tuple(path.parent for path in (logo, fallback) if path is not None)
    # Defence in depth behind link_callback: no network at all, local reads only in static/,
    # the logo's directory and, for a document that needs it, the fallback font's.
    policy = ResourceAccessPolicy.server(static_dir, allow_remote=False, extra_roots=roots)
    out = io.BytesIO()
    # capacity=-1: source and output stay in memory. By default xhtml2pdf spills a source
    # over 100 KB (about 150 Pengukuran rows) to a temporary file that it never closes.
    # Only the error count is kept of xhtml2pdf's context: the rest is garbage by the time
    # collector_paused collects.
    with collector_paused():
        with joined_tables(fit_story):
            errors = pisa.CreatePDF(html, dest=out, encoding="utf-8", capacity=-1,
                                    link_callback=link_callback(static_dir, logo, fallback),
                                    resource_policy=policy).err
        if errors:
            raise PdfError(f"xhtml2pdf reported {errors} error(s)")
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
    # One overlay document with a page per page, read once: a canvas and a reader per page
    # cost 0.23 s instead of 0.15 s on a 110-page LKjIP, and every page carried its own
    # copy of the footer's font objects (28 KB).
    overlay = io.BytesIO()
    sheet = canvas.Canvas(overlay)
    for number, page in enumerate(writer.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        sheet.setPageSize((width, height))
        sheet.setFont("Helvetica", 8)
        sheet.setFillGray(0.2)
        sheet.drawRightString(width - 12 * mm, 8 * mm, f"Halaman {number} dari {total}")
        footer.draw(sheet, width, height)
        sheet.showPage()
    sheet.save()
    for page, marks in zip(writer.pages, PdfReader(overlay).pages, strict=True):
        page.merge_page(marks)
        # merge_page writes the page's content back uncompressed: 200 Pengukuran rows came
        # to 990 KB instead of 100 KB.
        page.compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
