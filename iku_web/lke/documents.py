"""The LKE as Excel (the worksheet layout evaluators exchange) and as a PDF summary, both from
the view-model of the page (viewmodel.build), so paper, file and screen agree."""
import io
from decimal import Decimal

from flask import render_template
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..cell_safety import safe_workbook
from ..reports.pdf import render_pdf
from . import text
from .viewmodel import LkeView

HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
HEADERS = (("Kode", 8), ("Komponen / Sub-komponen / Kriteria", 70), ("Bobot", 8),
           ("Mandiri: Jawaban", 11), ("Mandiri: Nilai", 9), ("Mandiri: Skor", 10),
           ("Catatan", 30), ("Bukti", 40),
           ("Evaluator: Jawaban", 11), ("Evaluator: Nilai", 9), ("Evaluator: Skor", 10),
           ("Catatan evaluator", 30))
ANSWER = {True: "Y", False: "T", None: ""}


def _check_cells(row, side: str) -> list:
    check = row.checks.get(side)
    return [ANSWER[check.met if check else None], "", ""] + (
        [check.note if check else "", check.evidence if check else ""] if side == "mandiri"
        else [check.note if check else ""])


def _rows(vm: LkeView):
    """(kind, cells) in worksheet order: component, sub-component, its criteria; then the total."""
    for comp in vm.components:
        yield "component", [comp.component.code, comp.component.name, comp.component.weight,
                            "", "", comp.scores["mandiri"].score, "", "",
                            "", "", comp.scores["evaluator"].score, ""]
        for sub in comp.subs:
            m, e = sub.scores["mandiri"], sub.scores["evaluator"]
            yield "sub", [sub.sub.code, f"{sub.kind_label}: {sub.sub.name}", sub.sub.weight,
                          f"{m.met}/{m.total}", m.letter, m.score, m.reason, "",
                          f"{e.met}/{e.total}", e.letter, e.score,
                          "; ".join(t for t in (e.reason, sub.note("evaluator")) if t)]
            for row in sub.criteria:
                yield "criterion", [row.criterion.code, row.criterion.text, None,
                                    *_check_cells(row, "mandiri"), *_check_cells(row, "evaluator")]
    m, e = vm.totals["mandiri"], vm.totals["evaluator"]
    yield "total", ["", "Nilai akhir", Decimal(100), "", m.grade[0], m.score, m.grade[1], "",
                    "", e.grade[0], e.score, e.grade[1]]


def xlsx(vm: LkeView) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "LKE"
    sheet.append([f"Lembar Kerja Evaluasi AKIP ({vm.criteria_set.name}) - "
                  f"{vm.year.institution_name} - TA {vm.year.year}"])
    sheet.append([f"Status: {vm.status_label}"
                  + (f"; {vm.totals['mandiri'].unchecked} kriteria belum dinilai (nilai sementara)"
                     if vm.totals["mandiri"].provisional else "")])
    sheet.append([h for h, _w in HEADERS])
    for col, (_h, width) in enumerate(HEADERS, start=1):
        sheet.cell(3, col).fill = HEADER_FILL
        sheet.cell(3, col).font = Font(bold=True)
        sheet.column_dimensions[sheet.cell(3, col).column_letter].width = width
    for kind, cells in _rows(vm):
        sheet.append(cells)
        r = sheet.max_row
        for col in (3, 6, 11):
            sheet.cell(r, col).number_format = "0.00"
        sheet.cell(r, 2).alignment = Alignment(wrap_text=True, vertical="top")
        if kind != "criterion":
            for col in range(1, len(HEADERS) + 1):
                sheet.cell(r, col).font = Font(bold=True)
                sheet.cell(r, col).fill = GROUP_FILL
    sheet.freeze_panes = "C4"
    recs = book.create_sheet("Rekomendasi")
    recs.append(["No", "Rekomendasi", "Tindak lanjut", "Batas waktu", "Status"])
    for number, rec in enumerate(vm.recommendations, start=1):
        recs.append([number, rec.text, rec.follow_up, rec.due, rec.status_label])
    safe_workbook(book)  # notes, evidence and recommendations are typed by people
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def html(vm: LkeView) -> str:
    return render_template("lke/pdf.html", vm=vm, year=vm.year, text=text,
                           signer=vm.year.signers[0] if vm.year.signers else None)


def pdf(vm: LkeView) -> bytes:
    return render_pdf(html(vm))
