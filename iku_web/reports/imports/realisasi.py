"""Read realisasi TW I..IV from an .xlsx in the pengukuran.xlsx layout and apply them all or none.

Each cell goes through the screen's rules (values.parse_cell), a changed value of a locked
quarter is refused, and applying uses the screen's write (version bump, change log). A blank
cell leaves the stored value alone: a file never deletes a realisasi.
"""
import re
from dataclasses import dataclass, field

import sqlalchemy as sa

from ... import indicator_measure, measurement
from ...database import lock_cell
from ...domain import QUARTERS
from ...extensions import db
from ...formatting import ParseError, fraction_suffix, roman
from ...guards import LOCKED_MESSAGE
from ...models import Indicator, Realisasi, Year
from ...queries import locked_quarters
from ...realisasi import service
from ...realisasi.values import Parsed, parse_cell
from .xlsx import ImportError_, cell_number, open_sheet, read_table, row_number, text_of

QUARTER_COLUMNS = {f"Realisasi TW {roman(q)}": q for q in QUARTERS}
NAME_COLUMN = "Indikator Kinerja"
_SHEET_YEAR = re.compile(r"^Pengukuran (\d{4})$")


@dataclass(frozen=True)
class CellChange:
    quarter: int
    old: str  # as the realisasi table shows it; "" when not filled
    new: str
    parsed: Parsed


@dataclass
class RowPlan:
    line: int  # row number in the sheet, as the user sees it
    number: object  # the "No" cell as read
    name: str
    indicator: Indicator | None = None
    changes: list[CellChange] = field(default_factory=list)
    unchanged: int = 0
    blank: int = 0  # blank cells: the stored value (if any) is kept
    errors: list[tuple[str, str]] = field(default_factory=list)  # (where, message)

    def error(self, message: str, quarter: int | None = None) -> None:
        where = f"Baris {self.line}" + (f", TW {roman(quarter)}" if quarter else "")
        self.errors.append((where, message if message.endswith(".") else message + "."))


@dataclass
class Plan:
    rows: list[RowPlan]
    quarters: tuple[int, ...]  # the quarters the file has a column for
    untouched: list[Indicator]  # in the year but not in the file
    formula_notes: list[str] = field(default_factory=list)  # formulas read as cached values

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [e for row in self.rows for e in row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def changes(self) -> list[tuple[RowPlan, CellChange]]:
        return [(row, change) for row in self.rows for change in row.changes]

    @property
    def unchanged(self) -> int:
        return sum(row.unchanged for row in self.rows)

    @property
    def blank(self) -> int:
        return sum(row.blank for row in self.rows)


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def cell_input(cell) -> str:
    """The cell as the text a user would type: a number cell becomes "93,75"; text is taken
    as typed ("93,75", "187/234", "B")."""
    number = cell_number(cell)
    if number is None:
        return text_of(cell.value)
    # One comma as the decimal sign is never read as a thousands separator.
    return format(number.normalize(), "f").replace(".", ",")


def _new_text(indicator: Indicator, parsed: Parsed) -> str:
    value = parsed.grade if indicator.target_kind == "grade" else parsed.value
    text = indicator_measure.value_text(indicator, value)
    return text + fraction_suffix(parsed.numerator, parsed.denominator)


def _unchanged(indicator: Indicator, entry, parsed: Parsed) -> bool:
    """The stored value equals the file's. A plain number equal to a stored "187/234" keeps
    the parts (the export has only the percentage)."""
    if entry is None:
        return False
    if indicator.target_kind == "grade":
        return entry.grade == parsed.grade
    if entry.value is None or entry.value != parsed.value:
        return False
    return parsed.numerator is None or (
        (entry.numerator, entry.denominator) == (parsed.numerator, parsed.denominator))


def _read(sheet, year: Year) -> tuple[list[str], list[tuple[int, list]]]:
    """The header and the non-blank rows (line, cells) of the sheet."""
    match = _SHEET_YEAR.match(sheet.title or "")
    if match and int(match.group(1)) != year.year:
        raise ImportError_(f"Berkas ini berisi pengukuran TA {match.group(1)}, bukan TA "
                           f"{year.year}. Tidak ada yang diterapkan.")
    return read_table(sheet, ("No", NAME_COLUMN), ("Realisasi TW I..IV", list(QUARTER_COLUMNS)),
                      hint=" Gunakan susunan unduhan Excel Laporan Pengukuran Kinerja.",
                      too_many="Paling banyak 1.000 baris indikator.")


def plan(year: Year, data: bytes) -> Plan:
    """What the file would change in `year`, checked cell by cell, without changing anything."""
    with open_sheet(data) as sheet:
        header, body = _read(sheet, year)
    quarters = {title: q for title, q in QUARTER_COLUMNS.items() if title in header}
    by_position = {ind.position: ind for ind in year.indicators}
    stored = measurement.load_entries(year)
    locked = locked_quarters(year.id)
    rows, seen = [], {}
    for line, cells in body:
        raw = cells[header.index("No")].value
        number = row_number(raw)
        row = RowPlan(line, raw, text_of(cells[header.index(NAME_COLUMN)].value))
        rows.append(row)
        indicator = by_position.get(number)
        if number is None:
            row.error("No harus bilangan bulat 1 sampai 1.000.")
        elif number in seen:
            row.error(f"No {number} sudah dipakai di baris {seen[number]}.")
        elif indicator is None:
            row.error(f"Tidak ada indikator No {number} di TA {year.year}.")
        elif not _same_name(row.name, indicator.name):
            row.error(f"Nama indikator tidak sama dengan indikator No {number} TA {year.year} "
                      f'("{indicator.name[:120]}"); periksa tahun dan nomor berkasnya.')
        if number is not None:
            seen.setdefault(number, line)
        if row.errors:
            continue
        row.indicator = indicator
        for title, quarter in quarters.items():
            _plan_cell(row, quarter, cells[header.index(title)],
                       stored.get(indicator.id, {}).get(quarter),
                       (indicator.id, quarter) in locked)
    numbers = set(seen)
    untouched = [ind for ind in year.indicators if ind.position not in numbers]
    return Plan(rows, tuple(sorted(quarters.values())), untouched, sheet.notes)


def _plan_cell(row: RowPlan, quarter: int, cell, entry, locked: bool) -> None:
    indicator = row.indicator
    try:
        parsed = parse_cell(indicator, cell_input(cell))
    except ParseError as exc:
        row.error(str(exc), quarter)
        return
    if parsed == Parsed():
        row.blank += 1
    elif _unchanged(indicator, entry, parsed):
        row.unchanged += 1
    elif locked:
        row.error(LOCKED_MESSAGE, quarter)
    else:
        old = indicator_measure.value_text(
            indicator, indicator_measure.entry_value(indicator, entry))
        if entry is not None and old:
            old += fraction_suffix(entry.numerator, entry.denominator)
        row.changes.append(CellChange(quarter, old, _new_text(indicator, parsed), parsed))


def plan_locked(year: Year, data: bytes) -> Plan:
    """The plan, made inside the write transaction while holding lock_cell on every cell it
    changes, so no approval or save can land between its checks and apply(). On PostgreSQL the
    cell locks are what serialise; a cell that became a change meanwhile is locked and checked
    in a new round."""
    held: set[tuple[int, int]] = set()
    while True:
        the_plan = plan(year, data)
        cells = {(row.indicator.id, change.quarter) for row, change in the_plan.changes}
        if not the_plan.ok or cells <= held:
            return the_plan
        for indicator_id, quarter in sorted(cells - held):  # one order: no deadlock
            lock_cell(db.session, indicator_id, quarter)
        held |= cells


def apply(year: Year, the_plan: Plan, user) -> int:
    """Write every change of a valid plan through the screen's write; the caller holds the
    write transaction (begin_write) and commits. Returns the number of values changed."""
    if not the_plan.ok:
        raise ValueError("a plan with errors is never applied")
    ids = [row.indicator.id for row in the_plan.rows if row.changes]
    entries = {(e.indicator_id, e.quarter): e for e in db.session.scalars(
        sa.select(Realisasi).where(Realisasi.indicator_id.in_(ids)))} if ids else {}
    for row, change in the_plan.changes:
        service.write_value(row.indicator, change.quarter,
                            entries.get((row.indicator.id, change.quarter)), change.parsed, user,
                            merge=False)
    return len(the_plan.changes)
