"""Read indicators from an .xlsx in the export layout, check every row, apply all or nothing."""
from dataclasses import dataclass, field
from decimal import Decimal

from ...changelog import log_change
from ...domain import AGGREGATIONS, GRADES, POLARITIES, QUARTER_TARGET_MODES, TARGET_KINDS
from ...extensions import db
from ...formatting import ParseError, format_number, parse_number, sentence
from ...indicators import audit, service
from ...models import Indicator, Sasaran, Year
from ...rollup.cascade import DEFINITION, TARGET_FIELDS, parent_name
from ..excel import IKU_COLUMNS
from .xlsx import cell_number, open_sheet, read_table, row_number, text_of

# Column header -> Indicator attribute; "Target (tampilan)" is for reading only.
FIELDS = {
    "No": "number", "Indikator Kinerja Utama": "name", "Perhitungan": "formula",
    "Jenis Target": "target_kind", "Target": "target_value", "Batas Atas": "target_upper",
    "Nilai Minimal": "target_grade", "Satuan": "target_unit", "Target TW I": "target_tw1",
    "Target TW II": "target_tw2", "Target TW III": "target_tw3", "Target TW IV": "target_tw4",
    "Polaritas": "polarity", "Agregasi": "aggregation", "Sumber Data": "data_source",
    "Penanggung Jawab (Unit)": "pic_unit",
}
# Columns of the chain, read when the file has them (older exports do not).
OPTIONAL = {"Sasaran Strategis": "sasaran_name", "Standar Nasional": "national_standard",
            "Target Triwulan Ditulis": "quarter_target_mode"}
assert set(FIELDS) | set(OPTIONAL) <= {title for title, _w in IKU_COLUMNS}
NUMBER_FIELDS = ("target_value", "target_upper", "target_tw1", "target_tw2", "target_tw3",
                 "target_tw4")
LENGTHS = {"name": 5000, "formula": 5000, "data_source": 5000, "pic_unit": 200, "target_unit": 50}
APPLIED = ("name", "formula", "target_kind", "target_grade", "target_unit", "polarity",
           "aggregation", "data_source", "pic_unit") + NUMBER_FIELDS
LABELS = {v: k for k, v in FIELDS.items()}
OPTIONAL_LABELS = {v: k for k, v in OPTIONAL.items()}
BAD_NUMBER = "No harus bilangan bulat 1 sampai 1.000."


@dataclass
class ParsedRow:
    line: int  # row number in the sheet, as the user sees it
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class Change:
    row: ParsedRow
    indicator: Indicator | None  # None: a new indicator
    fields: list[str]  # headers of the changed columns

    @property
    def status(self) -> str:
        if self.indicator is None:
            return "baru"
        return "diubah" if self.fields else "tidak berubah"


@dataclass
class Plan:
    rows: list[ParsedRow]
    changes: list[Change]
    untouched: list[Indicator]  # in the year but not in the file: left as they are
    formula_notes: list[str] = field(default_factory=list)  # formulas read as cached values

    @property
    def errors(self) -> list[tuple[str, str]]:
        """(where, message), as every import page lists them."""
        return [(f"Baris {row.line}", e) for row in self.rows for e in row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def _choice(text, mapping: dict[str, str], default: str | None):
    """A code or its Indonesian label ("percent" or "Persentase"), case-insensitive."""
    text = str(text).strip() if text is not None else ""
    if not text:
        return default
    for code, label in mapping.items():
        if text.lower() in (code.lower(), label.lower()):
            return code
    raise ValueError


def _tidy(value: Decimal) -> Decimal:
    value = value.quantize(Decimal("0.0001"))
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _number(cell) -> Decimal | None:
    """A target number: a number cell or text typed the Indonesian way, not negative;
    raises ValueError with the message for the user."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = cell_number(cell)
    if number is None:
        number = parse_number(str(value))
    if number < 0:
        raise ValueError("Tidak boleh negatif")
    if abs(number) >= Decimal(10) ** 12:
        raise ValueError(ParseError.TOO_LONG)
    return _tidy(number)


def _parse_row(line: int, cells: dict) -> ParsedRow:
    row = ParsedRow(line)
    err = row.errors.append
    number = row_number(cells["No"].value)
    if number is None:
        err(BAD_NUMBER)
    row.values["number"] = cells["No"].value if number is None else number
    for name, limit in LENGTHS.items():
        text = text_of(cells[LABELS[name]].value)
        if len(text) > limit:
            err(f"{LABELS[name]} paling banyak {format_number(limit)} karakter.")
        row.values[name] = text
    if not row.values["name"]:
        err("Indikator Kinerja Utama wajib diisi.")
    for name in NUMBER_FIELDS:
        try:
            row.values[name] = _number(cells[LABELS[name]])
        except ValueError as exc:
            row.values[name] = None
            err(f"{LABELS[name]}: {sentence(str(exc))}")
    for name, mapping, default in (("polarity", POLARITIES, "higher"),
                                   ("aggregation", AGGREGATIONS, "nilai_akhir"),
                                   ("target_kind", TARGET_KINDS, None)):
        try:
            row.values[name] = _choice(cells[LABELS[name]].value, mapping, default)
        except ValueError:
            err(f"{LABELS[name]} tidak dikenal; pilih salah satu: {', '.join(mapping.values())}.")
            row.values[name] = default
    if "Sasaran Strategis" in cells:
        text = text_of(cells["Sasaran Strategis"].value)
        if len(text) > 5000:
            err("Sasaran Strategis paling banyak 5.000 karakter.")
        row.values["sasaran_name"] = text or None
    if "Standar Nasional" in cells:
        try:
            row.values["national_standard"] = _number(cells["Standar Nasional"])
        except ValueError as exc:
            row.values["national_standard"] = None
            err(f"Standar Nasional: {exc}.")
    if "Target Triwulan Ditulis" in cells:
        try:
            row.values["quarter_target_mode"] = _choice(
                cells["Target Triwulan Ditulis"].value, QUARTER_TARGET_MODES, "per_triwulan")
        except ValueError:
            err("Target Triwulan Ditulis tidak dikenal; pilih salah satu: "
                f"{', '.join(QUARTER_TARGET_MODES.values())}.")
    grade = text_of(cells["Nilai Minimal"].value).upper()
    if grade and grade not in GRADES:
        err(f"Nilai Minimal harus salah satu dari {', '.join(GRADES)}.")
    row.values["target_grade"] = grade or None
    _check_target(row)
    return row


def _check_target(row: ParsedRow) -> None:
    """The same rules as the indicator form; fields the kind does not use are cleared."""
    v, err = row.values, row.errors.append
    kind = v["target_kind"]
    if kind is None:
        kind = v["target_kind"] = "none"
        if v["target_value"] is not None or v["target_grade"]:
            err("Jenis Target wajib diisi bila Target diisi.")
    if kind in ("number", "percent") and v["target_value"] is None:
        err("Target wajib diisi untuk jenis ini.")
    if kind == "range":
        if v["target_value"] is None or v["target_upper"] is None:
            err("Target (batas bawah) dan Batas Atas wajib diisi untuk rentang.")
        elif v["target_value"] > v["target_upper"]:
            err("Batas Atas harus lebih besar dari Target.")
    if kind == "grade" and not v["target_grade"]:
        err("Nilai Minimal wajib diisi untuk target nilai huruf.")
    if kind not in ("number", "percent", "range"):
        v["target_value"] = None
    if kind != "range":
        v["target_upper"] = None
    if kind != "grade":
        v["target_grade"] = None


def read_rows(data: bytes) -> tuple[list[ParsedRow], list[str]]:
    """The parsed rows and the notes on formula cells read as their cached values."""
    with open_sheet(data) as sheet:
        header, body = read_table(sheet, FIELDS, too_many="Paling banyak 1.000 baris indikator.")
    index = {title: header.index(title) for title in (*FIELDS, *OPTIONAL) if title in header}
    parsed = [_parse_row(line, {t: cells[i] for t, i in index.items()}) for line, cells in body]
    seen: dict[int, int] = {}
    for row in parsed:
        number = row.values["number"]
        if isinstance(number, int) and number in seen:
            row.errors.append(f"No {number} sudah dipakai di baris {seen[number]}.")
        elif isinstance(number, int):
            seen[number] = row.line
    return parsed, sheet.notes


def plan(year: Year, data: bytes) -> Plan:
    """What the file would change in `year`, without changing anything."""
    rows, notes = read_rows(data)
    by_position = {ind.position: ind for ind in year.indicators}
    changes = []
    for row in rows:
        indicator = by_position.get(row.values["number"])
        fields = [] if indicator is None else [
            LABELS[name] for name in APPLIED if getattr(indicator, name) != row.values[name]]
        if indicator is not None:
            fields += _chain_changes(indicator, row.values)
            _refuse_linked(row, indicator)
        changes.append(Change(row, indicator, fields))
    numbers = {row.values["number"] for row in rows}
    untouched = [ind for ind in year.indicators if ind.position not in numbers]
    return Plan(rows, changes, untouched, notes)


def _refuse_linked(row: ParsedRow, indicator: Indicator) -> None:
    """A cascaded indicator's definition and targets are its parent unit's
    (docs/rollup.md): a row changing them is refused; its sasaran, PIC and national standard
    remain the unit's own."""
    if not indicator.linked:
        return
    names = [n for n in DEFINITION + TARGET_FIELDS
             if n in row.values and getattr(indicator, n) != row.values[n]]
    if names:
        columns = ", ".join(LABELS.get(n) or OPTIONAL_LABELS.get(n, n) for n in names)
        row.errors.append(
            f"Indikator No {indicator.position} diturunkan dari {parent_name(indicator)}: "
            f"{columns} hanya dapat diubah oleh unit tersebut. Samakan isiannya dengan "
            "indikator saat ini atau hapus baris ini dari berkas.")


def apply(year: Year, the_plan: Plan) -> int:
    """Write every change of a valid plan; the caller commits. Returns rows changed or added."""
    if not the_plan.ok:
        raise ValueError("a plan with errors is never applied")
    count = 0
    for change in the_plan.changes:
        if change.indicator is not None and not change.fields:
            continue
        indicator = change.indicator or Indicator(position=change.row.values["number"])
        before = None if change.indicator is None else audit.values(indicator)
        for name in APPLIED:
            setattr(indicator, name, change.row.values[name])
        if change.indicator is None:
            year.indicators.append(indicator)
        _apply_chain(year, indicator, change.row.values)
        if change.indicator is None:
            db.session.flush()
            log_change("indicator", "create", None, indicator.name, year=year,
                       indicator=indicator)
        else:
            audit.log_differences(before, indicator)
        count += 1
    year.indicators.sort(key=lambda ind: ind.position)
    service.renumber(year)
    return count


def _chain_changes(indicator: Indicator, values: dict) -> list[str]:
    changed = []
    name = values.get("sasaran_name")
    if name and (indicator.sasaran is None or indicator.sasaran.name.strip() != name):
        changed.append("Sasaran Strategis")
    if "national_standard" in values and indicator.national_standard != values[
            "national_standard"]:
        changed.append("Standar Nasional")
    mode = values.get("quarter_target_mode")
    if mode and indicator.quarter_target_mode != mode:
        changed.append("Target Triwulan Ditulis")
    return changed


def _apply_chain(year: Year, indicator: Indicator, values: dict) -> None:
    """The sasaran named in the row (an existing one of the year with that text, else a new
    one); blank keeps the indicator's sasaran. The national standard when the column exists."""
    if "national_standard" in values:
        indicator.national_standard = values["national_standard"]
    if values.get("quarter_target_mode"):
        indicator.quarter_target_mode = values["quarter_target_mode"]
    name = values.get("sasaran_name")
    if not name or (indicator.sasaran is not None and indicator.sasaran.name.strip() == name):
        return
    target = next((s for s in year.sasaran if s.name.strip() == name), None)
    if target is None:
        last = max((s.position for s in year.sasaran), default=0)
        target = Sasaran(year_ref=year, name=name, position=last + 1)
    indicator.sasaran = target
