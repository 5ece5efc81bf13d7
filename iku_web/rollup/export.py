"""The drill-down of one computed indicator as a workbook (docs/rollup.md, "Drill-down export"):
a sheet of verified figures (the official ones) and a sheet "Sementara" that also takes
unverified entries, each with the computation line and one row per child."""
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .. import capaian
from ..cell_safety import safe_workbook
from ..domain import ROLLUP_RULES
from ..formatting import quarter_name
from ..models import Indicator
from ..reports.excel import HEADER_FILL, put_number
from . import presenter, service
from .figures import ChildFigure, Figure

COLUMNS = (("No", 6), ("Unit", 36), ("Kode Unit", 18), ("Realisasi", 14), ("Target", 14),
           ("Capaian", 14), ("Status Verifikasi", 22), ("Keadaan", 18), ("Dihitung", 24),
           ("Keterangan", 40))
HEADER_ROW = 6  # rows 1-5: indicator, unit and year, quarter, computation, rule


def _put_value(cell, value, spec) -> None:
    if isinstance(value, str):
        cell.value = value
    elif value is not None:
        put_number(cell, Decimal(value), spec.percent)


def _sheet(ws, indicator: Indicator, computed: service.Computation, figure: Figure,
           verified: bool) -> None:
    spec = computed.spec
    year = indicator.year_ref
    which = "data terverifikasi" if verified else "sementara, termasuk yang belum diverifikasi"
    heading = (indicator.name, f"{year.unit.name}, Tahun {year.year}",
               f"{quarter_name(figure.quarter)} ({which})",
               service.figure_text(figure if figure.value is not None else None, spec),
               f"Aturan: {ROLLUP_RULES.get(figure.rule, figure.rule)}")
    for r, text in enumerate(heading, start=1):
        ws.cell(row=r, column=1, value=text).font = Font(bold=r in (1, 4))
    for col, (title, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=title)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    for n, line in enumerate(figure.children, start=1):
        _row(ws, HEADER_ROW + n, n, line, spec, figure.rule)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    for row in ws.iter_rows(min_row=HEADER_ROW + 1):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def _row(ws, r: int, number: int, line: ChildFigure, spec, rule: str) -> None:
    ws.cell(row=r, column=1, value=number)
    ws.cell(row=r, column=2, value=line.unit.name)
    ws.cell(row=r, column=3, value=line.unit.code)
    _put_value(ws.cell(row=r, column=4), line.value, spec)
    ws.cell(row=r, column=5, value=service.target_text(line.target, spec))
    result = line.result
    if result is not None and result.status == "ok" and result.percent is not None:
        put_number(ws.cell(row=r, column=6), capaian.round_percent(result.percent), True)
    else:
        ws.cell(row=r, column=6, value=service.capaian_text(line))
    ws.cell(row=r, column=7, value=line.status_label)
    ws.cell(row=r, column=8, value=presenter.STANDINGS[presenter.standing(line)])
    ws.cell(row=r, column=9, value=service.counted_text(line, rule))
    ws.cell(row=r, column=10, value=_note(line, spec))


def _note(line: ChildFigure, spec) -> str | None:
    """Why it is "tidak berlaku", the child's LKE grade (persentase_huruf), or the typed value
    that does not count until verified (as the drill-down page says it)."""
    if line.reason:
        return line.reason
    if line.from_lke:
        return f"LKE: {line.grade.text}" if line.grade is not None else "LKE belum diisi"
    if line.pending is not None:
        return (f"Diketik {service.value_text(spec, line.pending)}, belum diverifikasi: "
                "tidak dihitung")
    return None


def workbook(indicator: Indicator, computed: service.Computation, quarter: int) -> bytes:
    """The drill-down of `quarter`: verified sheet first, then "Sementara"."""
    wb = Workbook()
    verified = wb.active
    verified.title = "Terverifikasi"
    _sheet(verified, indicator, computed, computed.verified.quarters[quarter - 1], True)
    _sheet(wb.create_sheet("Sementara"), indicator, computed,
           computed.provisional.quarters[quarter - 1], False)
    safe_workbook(wb)  # a unit name typed as "=..." never runs as a formula
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
