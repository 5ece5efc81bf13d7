"""Reading an uploaded .xlsx: the first sheet, its rows and the value of a cell.

Shared by the indicator, realisasi and budget imports; the one place that decides what a
number cell holds and what a formula cell holds: its cached value (said in the preview), and
a formula without one refuses the whole file (docs/architecture.md, Exports and imports).
"""
import io
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ...cell_safety import unquoted
from ...formatting import ParseError

MAX_ROWS = 1000
MAX_BYTES = 5 * 1024 * 1024


class ImportError_(ValueError):
    """The file as a whole cannot be read; str(e) is shown to the user."""


@contextmanager
def open_sheet(data: bytes, name: str | None = None):
    """The sheet called `name` of an uploaded workbook, or its first sheet when it has none of
    that name, as a Sheet; read-only. ImportError_ when the file cannot be read."""
    if len(data) > MAX_BYTES:
        raise ImportError_("Berkas terlalu besar (paling besar 5 MB).")
    books = []
    try:
        # Read twice: the values a spreadsheet program cached, and the formulas behind them
        # (openpyxl gives one or the other). A formula without a cached value read as a blank
        # would look like an empty cell to the import.
        for data_only in (True, False):
            books.append(load_workbook(io.BytesIO(data), read_only=True, data_only=data_only))
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportError_("Berkas bukan berkas Excel .xlsx yang dapat dibaca.") from exc
    try:
        values, formulas = (wb[name] if name in wb.sheetnames else wb.worksheets[0]
                            for wb in books)
        yield Sheet(values, formulas)
    finally:
        for wb in books:
            wb.close()


@dataclass
class Cell:
    value: object
    number_format: str
    coordinate: str
    formula: str | None  # "=1+1" when the cell holds a formula


class Sheet:
    """A sheet whose cells carry both the cached value and the formula; `notes` says which
    formula cells were read as their cached value (filled by read_table, for the preview)."""

    def __init__(self, values, formulas):
        self.title = values.title
        self._values, self._formulas = values, formulas
        self.notes: list[str] = []

    def iter_rows(self):
        for cells, sources in zip(self._values.iter_rows(), self._formulas.iter_rows(),
                                  strict=True):
            yield [Cell(c.value, getattr(c, "number_format", "General"),
                        getattr(c, "coordinate", ""), _formula(f)) for c, f in
                   zip(cells, sources, strict=True)]

    def check_formulas(self, cells) -> list[str]:
        """Note the formula cells of a row that have a cached value; the others (no value, or
        an error such as #DIV/0!) as "B3 (=1+1)" for the refusal."""
        refused = []
        for cell in cells:
            if cell.formula is None:
                continue
            where = f"{cell.coordinate} ({cell.formula[:60]})"
            if cell.value is None or (isinstance(cell.value, str)
                                      and cell.value.startswith("#")):
                refused.append(where)
            else:
                self.notes.append(f"Sel {where} di lembar «{self.title}» dibaca sebagai nilai "
                                  f"tersimpannya: {text_of(cell.value)}.")
        return refused


def _formula(cell) -> str | None:
    if getattr(cell, "data_type", None) != "f":
        return None
    value = cell.value
    return str(getattr(value, "text", value))


def read_table(sheet, required, one_of: tuple[str, list[str]] | None = None, hint: str = "",
               too_many: str | None = None) -> tuple[list[str], list[tuple[int, list]]]:
    """The header (row 1) and the non-blank rows below it as (line, cells padded to the
    header's width). ImportError_ when a `required` column is missing or, with
    `one_of=(label, titles)`, none of `titles` is there (named by `label`); `hint` follows
    that message. With `too_many`, more than MAX_ROWS rows is refused with that message."""
    rows = sheet.iter_rows()
    first = next(rows, [])
    refused = sheet.check_formulas(first)
    header = [text_of(c.value) for c in first]
    missing = [title for title in required if title not in header]
    if missing or (one_of and not any(title in header for title in one_of[1])):
        raise ImportError_("Kolom tidak ditemukan di baris 1: "
                           + ", ".join(missing or [one_of[0]]) + "." + hint)
    body = []
    for line, cells in enumerate(rows, start=2):
        refused += sheet.check_formulas(cells)
        if is_blank_row(cells):
            continue
        if too_many and len(body) >= MAX_ROWS:
            raise ImportError_(too_many)
        body.append((line, padded(cells, len(header))))
    if refused:
        raise ImportError_(unsaved_formulas(sheet.title, refused))
    return header, body


def unsaved_formulas(title: str, cells: list[str]) -> str:
    shown = ", ".join(cells[:5]) + (f", dan {len(cells) - 5} sel lain" if len(cells) > 5 else "")
    return (f"Lembar «{title}»: sel {shown} berisi rumus tanpa nilai tersimpan (atau hasilnya "
            "galat), jadi nilainya tidak dapat dibaca. Buka berkas di Excel atau LibreOffice "
            "dan simpan ulang agar hasil rumus tersimpan, atau ganti rumus dengan nilainya. "
            "Tidak ada yang diterapkan.")


def is_blank_row(cells) -> bool:
    return all(c.value is None or text_of(c.value) == "" for c in cells)


def padded(cells, width: int) -> list:
    """A row's cells, with blank cells up to `width` (read-only sheets cut trailing blanks)."""
    return list(cells) + [_Blank()] * (width - len(cells))


def cell_number(cell) -> Decimal | None:
    """The number a numeric cell holds, None for a blank or text cell.

    A percent-formatted cell holds a fraction (0.9375 shown as 93,75%): it is read as the
    percentage the user sees. TRUE/FALSE and non-finite values raise ParseError.
    """
    value = cell.value
    if isinstance(value, bool):
        raise ParseError(ParseError.INVALID)
    if not isinstance(value, int | float | Decimal):
        return None
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation as exc:
        raise ParseError(ParseError.INVALID) from exc
    if not number.is_finite():
        raise ParseError(ParseError.INVALID)
    if "%" in (cell.number_format or ""):
        number *= 100
        if abs(number) < Decimal(10) ** 12:
            # A binary fraction times 100 can carry noise (0.1234 -> 12.340000000000001);
            # anything past ten places is that, not what the user typed.
            number = number.quantize(Decimal("1e-10"))
    return number


def text_of(value) -> str:
    """A cell as trimmed text; the quote an export put before formula-like text is removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unquoted(str(value).strip())


def row_number(value) -> int | None:
    """The "No" of a row (1, 1.0, "1", "1.") or None when it is not one."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().rstrip(".").isdigit():
        value = int(value.strip().rstrip("."))
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_ROWS:
        return None
    return value


class _Blank:
    value = None
    number_format = "General"
