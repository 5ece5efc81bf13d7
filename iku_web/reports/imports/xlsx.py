"""Reading an uploaded .xlsx: the first sheet, its rows and the value of a cell.

Shared by the indicator, realisasi and budget imports; the one place that decides what a
number cell holds.
"""
import io
import zipfile
from contextlib import contextmanager
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
    that name; read-only. ImportError_ when the file cannot be read."""
    if len(data) > MAX_BYTES:
        raise ImportError_("Berkas terlalu besar (paling besar 5 MB).")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportError_("Berkas bukan berkas Excel .xlsx yang dapat dibaca.") from exc
    try:
        yield wb[name] if name in wb.sheetnames else wb.worksheets[0]
    finally:
        wb.close()


def read_table(sheet, required, one_of: tuple[str, list[str]] | None = None, hint: str = "",
               too_many: str | None = None) -> tuple[list[str], list[tuple[int, list]]]:
    """The header (row 1) and the non-blank rows below it as (line, cells padded to the
    header's width). ImportError_ when a `required` column is missing or, with
    `one_of=(label, titles)`, none of `titles` is there (named by `label`); `hint` follows
    that message. With `too_many`, more than MAX_ROWS rows is refused with that message."""
    rows = sheet.iter_rows()
    header = [text_of(c.value) for c in next(rows, ())]
    missing = [title for title in required if title not in header]
    if missing or (one_of and not any(title in header for title in one_of[1])):
        raise ImportError_("Kolom tidak ditemukan di baris 1: "
                           + ", ".join(missing or [one_of[0]]) + "." + hint)
    body = []
    for line, cells in enumerate(rows, start=2):
        if is_blank_row(cells):
            continue
        if too_many and len(body) >= MAX_ROWS:
            raise ImportError_(too_many)
        body.append((line, padded(cells, len(header))))
    return header, body


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
