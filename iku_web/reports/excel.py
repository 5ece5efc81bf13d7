"""Excel export: the IKU register (also the import layout) and the measurement of a year."""
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import budget, capaian, indicator_measure, measurement, renstra_targets, settings
from ..cell_safety import safe_workbook
from ..domain import (
    AGGREGATIONS,
    GRADES,
    POLARITIES,
    QUARTER_TARGET_MODES,
    TARGET_KINDS,
    is_percent_indicator,
)
from ..formatting import roman
from ..models import Indicator, Year
from ..plausibility import marked
from ..presenters import target_label
from ..rollup import presenter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
INVALID_VALUE_NOTE = "Nilai tersimpan tidak valid (negatif atau bukan angka), tidak dapat dihitung."

# The register layout, shared with the import: (header, width). The import reads columns by
# these headers, so renaming one here renames it there.
IKU_COLUMNS = (
    ("No", 6), ("Indikator Kinerja Utama", 45), ("Perhitungan", 45), ("Jenis Target", 16),
    ("Target", 11), ("Batas Atas", 11), ("Nilai Minimal", 9), ("Satuan", 10),
    ("Target TW I", 11), ("Target TW II", 11), ("Target TW III", 11), ("Target TW IV", 11),
    ("Polaritas", 26), ("Agregasi", 13), ("Sumber Data", 40), ("Penanggung Jawab (Unit)", 25),
    ("Target (tampilan)", 16), ("Sasaran Strategis", 45), ("Standar Nasional", 12),
    ("Target Triwulan Ditulis", 24),
)


def percent_format(percent: Decimal) -> str:
    """Excel percent format showing as many decimals as the screen does (at most two)."""
    places = -min(capaian.round_percent(Decimal(percent)).normalize().as_tuple().exponent, 0)
    return "0%" if places == 0 else "0." + "0" * min(places, 2) + "%"


def put_number(cell, value: Decimal | None, percent: bool) -> None:
    """A real number cell; a percent is stored as a fraction with a percent format."""
    if value is None:
        return
    if capaian.amount(value) is None:
        # Only a value written straight into the database (screens and imports refuse it).
        cell.value = indicator_measure.NOT_COMPUTABLE
        cell.comment = Comment(INVALID_VALUE_NOTE, "IKU Web")
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
    """The file of a workbook; every export goes through here, so no text cell of any sheet
    can run as a formula (cell_safety.py)."""
    safe_workbook(wb)
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
                 15: ind.data_source, 16: ind.pic_unit or None, 17: target_label(ind),
                 18: ind.sasaran.name if ind.sasaran else None,
                 20: QUARTER_TARGET_MODES.get(ind.quarter_target_mode)}
        for col, value in texts.items():
            ws.cell(row=r, column=col, value=value)
        put_number(ws.cell(row=r, column=5), ind.target_value, pct)
        put_number(ws.cell(row=r, column=6), ind.target_upper, pct)
        for q, value in enumerate(ind.quarter_targets):
            put_number(ws.cell(row=r, column=9 + q), value, pct)
        put_number(ws.cell(row=r, column=19), ind.national_standard, pct)
    _wrap(ws, IKU_COLUMNS)
    last = max(ws.max_row, 2) + 200  # room for rows the user adds
    for col, values in ((4, TARGET_KINDS), (13, POLARITIES), (14, AGGREGATIONS),
                        (7, {g: g for g in GRADES}), (20, QUARTER_TARGET_MODES)):
        letter = get_column_letter(col)
        dv = DataValidation(type="list", formula1='"' + ",".join(values.values()) + '"',
                            allow_blank=True)
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    return _save(wb)


def pengukuran_columns(upto: int, computed: bool = False) -> tuple[tuple[str, int], ...]:
    """computed: the year has computed indicators, whose computation takes a last column."""
    return (
        ("No", 6), ("Indikator Kinerja", 45), ("Target", 14),
        *((f"Realisasi TW {roman(q)}", 13) for q in range(1, upto + 1)),
        ("Realisasi", 13), (f"Capaian s.d. TW {roman(upto)}", 14), ("Capaian Tahunan", 14),
        ("Kategori", 16), ("Kendala", 40), ("Solusi", 40), ("Bukti Dukung", 10),
        *SAKIP_COLUMNS, *((ROLLUP_COLUMN,) if computed else ()),
    )


# The chain's columns of the Pengukuran sheet, after the original ones (imports read by header).
SAKIP_COLUMNS = (
    ("Sasaran Strategis", 40), ("Satuan", 10), ("Tahun Lalu", 9), ("Realisasi Tahun Lalu", 13),
    ("Capaian Tahun Lalu", 13), ("Target Akhir Renstra", 13), ("Capaian thd Renstra", 13),
)
# A computed indicator's computation and the children that did not meet (rollup/presenter.py).
ROLLUP_COLUMN = ("Perhitungan dari Unit di Bawahnya", 60)


def _put_result(cell, result: capaian.Result, doubt: str = "") -> None:
    """The capaian as a percent cell when the screen shows a percentage, else its message;
    marked text while the value is in doubt (plausibility.marked)."""
    if doubt:
        cell.value = marked(indicator_measure.result_text(result), doubt)
    elif result.status == "ok" and result.percent is not None:
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
    history = m.history()
    computed = presenter.printed_rows(m.rows, upto)
    columns = pengukuran_columns(upto, bool(computed))
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
        _put_result(ws.cell(row=r, column=col + 1), row.to_date, row.doubt)
        _put_result(ws.cell(row=r, column=col + 2), row.full_year, row.doubt)
        ws.cell(row=r, column=col + 3, value=row.category.label if row.category else None)
        entries = [c.entry for c in row.quarters[:upto] if c.entry is not None]
        ws.cell(row=r, column=col + 4, value=_joined(entries, "obstacles"))
        ws.cell(row=r, column=col + 5, value=_joined(entries, "solutions"))
        ws.cell(row=r, column=col + 6, value=sum(c.evidence for c in row.quarters[:upto]))
        _put_chain(ws, r, col + 7, row, history.get(ind.id, ()), year.year)
        if ind.id in computed:
            ws.cell(row=r, column=len(columns), value="\n".join(computed[ind.id].lines))
    _wrap(ws, columns)
    budget_sheet(wb.create_sheet(), budget.build(year, upto=upto, measurement=m))
    return _save(wb)


def _put_chain(ws, r: int, col: int, row, past, year: int) -> None:
    ind = row.indicator
    ws.cell(row=r, column=col, value=ind.sasaran.name if ind.sasaran else None)
    ws.cell(row=r, column=col + 1, value=ind.satuan or None)
    last = past[0] if past and past[0].year == year - 1 else None
    if last is not None:
        ws.cell(row=r, column=col + 2, value=last.year)
        _put_value(ws.cell(row=r, column=col + 3), ind, last.realisasi)
        cell = ws.cell(row=r, column=col + 4)
        if last.capaian is not None:
            put_number(cell, capaian.round_percent(last.capaian), True)
        else:
            cell.value = last.capaian_text
    end = renstra_targets.end_target(ind)
    if end.kind != "none":
        _put_value(ws.cell(row=r, column=col + 5), ind,
                   end.grade if end.kind == "grade" else end.value)
        _put_result(ws.cell(row=r, column=col + 6),
                    renstra_targets.end_capaian(ind, row.progress.realisasi,
                                                settings.capaian_cap()))


BUDGET_SHEET = "Anggaran"
BUDGET_COLUMNS = (
    ("No", 7), ("Kode", 14), ("Program / Kegiatan", 45), ("Sasaran Strategis", 40),
    ("Pagu", 18), *((f"Realisasi TW {roman(q)}", 17) for q in (1, 2, 3, 4)),
    ("Realisasi", 18), ("Serapan", 10), ("Keterangan", 25),
)
RUPIAH_FORMAT = '"Rp"#,##0'


def budget_sheet(ws, data: "budget.Budget") -> None:
    """Programs and kegiatan with pagu and realisasi anggaran (whole rupiah as integers):
    the layout the budget import reads back."""
    ws.title = BUDGET_SHEET
    _header(ws, BUDGET_COLUMNS)
    for r, row in enumerate(data.rows, start=2):
        p = row.program
        sasaran = p.sasaran or (p.parent.sasaran if p.parent is not None else None)
        for col, value in ((1, row.number), (2, p.code or None), (3, p.name),
                           (4, sasaran.name if sasaran else None), (12, p.note or None)):
            ws.cell(row=r, column=col, value=value)
        for col, amount in ((5, row.pagu), *((6 + q, a) for q, a in enumerate(row.quarters)),
                            (10, row.realisasi)):
            if amount is not None:
                cell = ws.cell(row=r, column=col, value=int(amount))
                cell.number_format = RUPIAH_FORMAT
        if row.serapan is not None:
            put_number(ws.cell(row=r, column=11), capaian.round_percent(row.serapan), True)
    total = len(data.rows) + 2
    ws.cell(row=total, column=3, value="JUMLAH")
    for col, amount in ((5, data.pagu), *((6 + q, a) for q, a in enumerate(data.quarters)),
                        (10, data.realisasi)):
        if amount is not None:
            ws.cell(row=total, column=col, value=int(amount)).number_format = RUPIAH_FORMAT
    if data.serapan is not None:
        put_number(ws.cell(row=total, column=11), capaian.round_percent(data.serapan), True)
    _wrap(ws, BUDGET_COLUMNS)


def budget_workbook(year: Year) -> bytes:
    wb = Workbook()
    budget_sheet(wb.active, budget.build(year))
    return _save(wb)


def _joined(entries, field: str) -> str | None:
    parts = [f"TW {roman(e.quarter)}: {getattr(e, field).strip()}" for e in entries
             if getattr(e, field).strip()]
    return "\n".join(parts) or None
