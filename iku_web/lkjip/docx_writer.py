"""The LKjIP draft as a Word document (python-docx), written from the LKjIP view-model.

Real heading styles (Word's navigation pane lists BAB I-IV), table header rows marked to
repeat on every page (w:tblHeader), and "Halaman i dari n" in the footer as PAGE / NUMPAGES
fields that Word and LibreOffice fill in. Slots left for a person are highlighted.
"""
import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import sections
from .viewmodel import Lkjip

TEXT_WIDTH_CM = 16  # A4 (21 cm) less 2.5 cm margins
# Ten columns on a portrait page: at the body's 11 pt a 9 % column breaks "Target" in two.
TABLE_TEXT = Pt(9)
CELL_MARGIN_TWIPS = 57  # 0.1 cm


def _field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) with "1" as its result until Word updates it."""
    def run_with(tag: str, **attrs) -> None:
        element = OxmlElement(tag)
        for name, value in attrs.items():
            element.set(qn(name), value)
        paragraph.add_run()._r.append(element)
        return element

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText", **{"xml:space": "preserve"}).text = f" {instruction} "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run("1")
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def _footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Halaman ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" dari ")
    _field(paragraph, "NUMPAGES")


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _slot(doc, text: str, filled: bool) -> None:
    """A narrative paragraph; a slot still to write is highlighted and italic."""
    for part in (text.split("\n") if filled else [text]):
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(part)
        if not filled:
            run.italic = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _narrow_cell_margins(table) -> None:
    """0.1 cm left and right instead of Word's 0.19 cm: "93,75%" then fits an 8 % column."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _table(doc, caption: str, rows, widths) -> None:
    doc.add_paragraph(caption, style="Caption")
    header, *body = rows
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, TABLE_TEXT
    _repeat_header(table.rows[0])
    for values in body:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(text).font.size = TABLE_TEXT
    table.autofit = False
    _narrow_cell_margins(table)
    sizes = [Cm(TEXT_WIDTH_CM * width / 100) for width in widths]
    # Word reads each cell's width; LibreOffice reads only the table grid, and without it
    # gives every column the same width (a narrow indicator column breaks words in two).
    for column, size in zip(table.columns, sizes, strict=True):
        column.width = size
    for row in table.rows:
        for cell, size in zip(row.cells, sizes, strict=True):
            cell.width = size
    doc.add_paragraph()


def _cover(doc, vm: Lkjip, logo: Path | None) -> None:
    for text, size in (("LAPORAN KINERJA", 20), ("INSTANSI PEMERINTAH", 16),
                       (f"TAHUN {vm.year.year}", 16)):
        paragraph = doc.add_paragraph(style="Title")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).font.size = Pt(size)
    if logo is not None:
        doc.add_picture(str(logo), width=Cm(4))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in (vm.year.institution_name.upper(), vm.closing):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(14)
    note = doc.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = note.add_run(sections.cover_note(vm))
    run.italic = True
    if vm.include_unverified:
        run.bold = True
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _write(doc, vm: Lkjip, block) -> None:
    """One block of sections.blocks(): (kind, payload)."""
    kind, payload = block
    if kind == "heading":
        level, text = payload
        doc.add_heading(text, level=level)
    elif kind == "para":
        doc.add_paragraph(payload)
    elif kind == "list":
        for item in payload:
            doc.add_paragraph(item, style="List Number")
    elif kind == "slot":
        _slot(doc, payload.shown, bool(payload.text))
    elif kind == "mark":
        _slot(doc, payload, False)
    elif kind == "table":
        _table(doc, *payload)
    elif kind == "pagebreak":
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def render(vm: Lkjip, logo: Path | None = None) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2)
    section.different_first_page_header_footer = True  # no page number on the cover
    _footer(section)
    doc.core_properties.title = vm.title
    doc.core_properties.language = "id-ID"
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    _cover(doc, vm, logo)
    for block in sections.blocks(vm):
        _write(doc, vm, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
