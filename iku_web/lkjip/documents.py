"""The LKjIP draft as DOCX bytes or PDF bytes (and the PDF's HTML), from one view-model."""
from flask import render_template, url_for

from ..reports.options import PrintOptions
from ..reports.pdf import LOGO_URI, render_pdf
from ..reports.signers import logo_path
from . import docx_writer, sections
from .viewmodel import Lkjip


def docx(vm: Lkjip) -> bytes:
    return docx_writer.render(vm, logo_path())


def html(vm: Lkjip, opt: PrintOptions, pdf: bool, pdf_url: str = "") -> str:
    """The print template: for xhtml2pdf (pdf=True) or as the browser preview."""
    logo = logo_path()
    return render_template(
        "lkjip/pdf.html", vm=vm, opt=opt, pdf=pdf, title=vm.title, blocks=sections.blocks(vm),
        cover_note=sections.cover_note(vm), logo=None, pdf_url=pdf_url,
        cover_logo=(LOGO_URI if pdf else url_for("reports.logo")) if logo else None)


def pdf(vm: Lkjip, opt: PrintOptions, footer=None) -> bytes:
    """The PDF; `footer` carries the verification code of an issued copy (else a draft)."""
    return render_pdf(html(vm, opt, True), logo_path(), footer)
