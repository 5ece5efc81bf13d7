"""Excel export: the IKU register (also the import layout) and the measurement of a year."""
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import capaian, measurement
from ..domain import AGGREGATIONS, GRADES, POLARITIES, TARGET_KINDS, is_percent_indicator
from ..formatting import roman
from ..models import Indicator, Year
from ..presenters import target_label

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")

# The register layout, shared with the import: (header, width). The import reads columns by
# these headers, so renaming one here renames it there.
IKU_COLUMNS = (
    ("No", 6), ("Indikator Kinerja Utama", 45), ("Perhitungan", 45), ("Jenis Target", 16),
    ("Target", 11), ("Batas Atas", 11), ("Nilai Minimal", 9), ("Satuan", 10),
    ("Target TW I", 11), ("Target TW II", 11), ("Target TW III", 11), ("Target TW IV", 11),
    ("Polaritas", 26), ("Agregasi", 13), ("Sumber Data", 40), ("Penanggung Jawab (Unit)", 25),
    ("Target (tampilan)", 16),
)


def percent_format(percent: Decimal) -> str:
    """Excel percent format showing as many decimals as the screen does (at most two)."""
    places = -min(capaian.round_percent(Decimal(percent)).normalize().as_tuple().exponent, 0)
    return "0%" if places == 0 else "0." + "0" * min(places, 2) + "%"


def put_number(cell, value: Decimal | None, percent: bool) -> None:
    """A real number cell; a percent is stored as a fraction with a percent format."""
    if value is None:
        return
    if percent:
        cell.value = Decimal(value) / 100
        cell.number_format = percent_format(value)
    else:
        cell.value = Decimal(value)
        cell.number_format = "#,##0.####" if value != value.to_integral_value() else "#,##0"


def _header(ws, columns) -> None:
    for col, (title, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=col, value=title)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"  # the header stays visible while scrolling


def _wrap(ws, columns) -> None:
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def iku_workbook(year: Year) -> bytes:
    """The register of a year; the same file can be edited and imported back."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"IKU {year.year}"
    _header(ws, IKU_COLUMNS)
    for r, ind in enumerate(year.indicators, start=2):
        pct = is_percent_indicator(ind)
        texts = {1: r - 1, 2: ind.name, 3: ind.formula, 4: TARGET_KINDS.get(ind.target_kind),
                 7: ind.target_grade or None, 8: ind.target_unit or None,
                 13: POLARITIES.get(ind.polarity), 14: AGGREGATIONS.get(ind.aggregation),
                 15: ind.data_source, 16: ind.pic_unit or None, 17: target_label(ind)}
        for col, value in texts.items():
            ws.cell(row=r, column=col, value=value)
        put_number(ws.cell(row=r, column=5), ind.target_value, pct)
        put_number(ws.cell(row=r, column=6), ind.target_upper, pct)
        for q, value in enumerate(ind.quarter_targets):
            put_number(ws.cell(row=r, column=9 + q), value, pct)
    _wrap(ws, IKU_COLUMNS)
    last = max(ws.max_row, 2) + 200  # room for rows the user adds
    for col, values in ((4, TARGET_KINDS), (13, POLARITIES), (14, AGGREGATIONS),
                        (7, {g: g for g in GRADES})):
        letter = get_column_letter(col)
        dv = DataValidation(type="list", formula1='"' + ",".join(values.values()) + '"',
                            allow_blank=True)
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    return _save(wb)


def pengukuran_columns(upto: int) -> tuple[tuple[str, int], ...]:
    return (
        ("No", 6), ("Indikator Kinerja", 45), ("Target", 14),
        *((f"Realisasi TW {roman(q)}", 13) for q in range(1, upto + 1)),
        ("Realisasi", 13), (f"Capaian s.d. TW {roman(upto)}", 14), ("Capaian Tahunan", 14),
        ("Kategori", 16), ("Kendala", 40), ("Solusi", 40), ("Bukti Dukung", 10),
    )


def _put_result(cell, result: capaian.Result) -> None:
    """The capaian as a percent cell when the screen shows a percentage, else its message."""
    if result.status == "ok" and result.percent is not None:
        put_number(cell, capaian.round_percent(result.percent), True)
    else:
        cell.value = result.message


def _put_value(cell, indicator: Indicator, value) -> None:
    if isinstance(value, str):
        cell.value = value
    else:
        put_number(cell, value, is_percent_indicator(indicator))


def pengukuran_workbook(year: Year, upto: int = 4) -> bytes:
    """The measurement as the realisasi screen and the Pengukuran PDF show it."""
    m = measurement.build(year, upto=upto)
    columns = pengukuran_columns(upto)
    wb = Workbook()
    ws = wb.active
    ws.title = f"Pengukuran {year.year}"
    _header(ws, columns)
    for r, row in enumerate(m.rows, start=2):
        ind = row.indicator
        ws.cell(row=r, column=1, value=row.number)
        ws.cell(row=r, column=2, value=ind.name)
        ws.cell(row=r, column=3, value=row.target_text)
        for q in range(upto):
            _put_value(ws.cell(row=r, column=4 + q), ind, row.quarters[q].value)
        col = 4 + upto
        _put_value(ws.cell(row=r, column=col), ind, row.progress.realisasi)
        _put_result(ws.cell(row=r, column=col + 1), row.to_date)
        _put_result(ws.cell(row=r, column=col + 2), row.full_year)
        ws.cell(row=r, column=col + 3, value=row.category.label if row.category else None)
        entries = [c.entry for c in row.quarters[:upto] if c.entry is not None]
        ws.cell(row=r, column=col + 4, value=_joined(entries, "obstacles"))
        ws.cell(row=r, column=col + 5, value=_joined(entries, "solutions"))
        ws.cell(row=r, column=col + 6, value=sum(c.evidence for c in row.quarters[:upto]))
    _wrap(ws, columns)
    return _save(wb)


def _joined(entries, field: str) -> str | None:
    parts = [f"TW {roman(e.quarter)}: {getattr(e, field).strip()}" for e in entries
             if getattr(e, field).strip()]
    return "\n".join(parts) or None
