"""Import of pagu and realisasi anggaran from the budget sheet of the export: rows matched by
No ("1", "1.2") and name, every cell checked, preview old -> new, applied all or nothing."""
from dataclasses import dataclass, field

import sqlalchemy as sa

from .. import budget
from ..changelog import log_change
from ..extensions import db
from ..formatting import ParseError, format_rupiah, parse_rupiah, roman
from ..models import BudgetRealisasi, Year
from ..reports.excel import BUDGET_SHEET
from ..reports.imports.xlsx import open_sheet, read_table, text_of
from .service import write_amount

QUARTER_COLUMNS = {f"Realisasi TW {roman(q)}": q for q in (1, 2, 3, 4)}
NAME = "Program / Kegiatan"


@dataclass
class CellChange:
    label: str  # "Pagu", "TW I", ...
    old: int | None
    new: int | None

    @property
    def text(self) -> str:
        return f"{self.label}: {format_rupiah(self.old) or 'kosong'} → " \
               f"{format_rupiah(self.new) or 'kosong'}"


@dataclass
class RowPlan:
    line: int
    number: str
    name: str
    row: budget.ProgramRow | None = None
    changes: list[CellChange] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Plan:
    rows: list[RowPlan]
    formula_notes: list[str] = field(default_factory=list)  # formulas read as cached values

    @property
    def errors(self) -> list[tuple[str, str]]:
        """(where, message), as every import page lists them."""
        return [(f"Baris {r.line}", e) for r in self.rows for e in r.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def change_count(self) -> int:
        return sum(len(r.changes) for r in self.rows)


def _amount(cell) -> int | None:
    """Whole rupiah from a number cell or typed text; ValueError with the user's message."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError("Bukan angka yang valid")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("Tulis rupiah utuh tanpa desimal")
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise ValueError("Tidak boleh negatif")
        if value >= 10 ** 15:
            raise ValueError(ParseError.TOO_LONG)
        return value
    try:
        return parse_rupiah(str(value))
    except ParseError as exc:
        raise ValueError(str(exc)) from exc


def plan(year: Year, data: bytes) -> Plan:
    """What the file would change, without changing anything."""
    with open_sheet(data, BUDGET_SHEET) as sheet:
        header, body = read_table(sheet, ("No", NAME, "Pagu"),
                                  ("Realisasi TW I-IV", list(QUARTER_COLUMNS)))
    current = {r.number: r for r in budget.build(year).rows}
    result, seen = [], {}
    for line, cells in body:
        number = text_of(cells[header.index("No")].value).rstrip(".")
        name = text_of(cells[header.index(NAME)].value)
        if not number and name.upper() == "JUMLAH":
            continue  # the total row of the export
        row = RowPlan(line, number, name)
        result.append(row)
        program_row = current.get(number)
        if program_row is None:
            row.errors.append(f"Tidak ada program/kegiatan No {number or '(kosong)'} di TA "
                              f"{year.year}; tambahkan dulu di halaman anggaran.")
            continue
        if number in seen:
            row.errors.append(f"No {number} sudah dipakai di baris {seen[number]}.")
            continue
        seen[number] = line
        if " ".join(name.split()).lower() != " ".join(program_row.program.name.split()).lower():
            row.errors.append(f"Nama tidak sama dengan No {number} TA {year.year} "
                              f"(«{program_row.program.name[:100]}»).")
            continue
        row.row = program_row
        if program_row.rolled_up:
            continue  # its amounts are the sums of its kegiatan rows, read on their own lines
        columns = [("Pagu", "Pagu", program_row.program.pagu)] + [
            (title, f"TW {roman(q)}", program_row.quarters[q - 1])
            for title, q in QUARTER_COLUMNS.items() if title in header]
        for title, label, old in columns:
            try:
                new = _amount(cells[header.index(title)])
            except ValueError as exc:
                row.errors.append(f"{label}: {exc}.")
                continue
            if label == "Pagu" and new is None:
                row.errors.append("Pagu wajib diisi (boleh 0).")
                continue
            if new != old:
                row.changes.append(CellChange(label, old, new))
    return Plan(result, sheet.notes)


def apply(year: Year, the_plan: Plan, user_id: int | None) -> int:
    """Write every change of a valid plan; the caller commits. Returns the cells changed."""
    if not the_plan.ok:
        raise ValueError("a plan with errors is never applied")
    count = 0
    for row in the_plan.rows:
        program = row.row.program
        for change in row.changes:
            if change.label == "Pagu":
                program.pagu = change.new
            else:
                quarter = {f"TW {roman(q)}": q for q in (1, 2, 3, 4)}[change.label]
                entry = db.session.scalar(sa.select(BudgetRealisasi).where(
                    BudgetRealisasi.program_id == program.id,
                    BudgetRealisasi.quarter == quarter))
                write_amount(entry, program.id, quarter, change.new, user_id)
            log_change("budget_import", f"{program.name[:40]} {change.label}",
                       format_rupiah(change.old) or None, format_rupiah(change.new) or None,
                       year=year)
            count += 1
    return count
