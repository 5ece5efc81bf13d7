"""Reading what users type in a realisasi cell, and the text a saved entry is shown as.

The same canonical text is used for the input after a reload, for the optimistic "base"
check and for the audit log, so "85.5" and "85,5" are one value everywhere.
"""
import re
from dataclasses import dataclass
from decimal import Decimal

from ..domain import GRADES, is_percent_indicator
from ..formatting import ParseError, format_number, parse_number
from ..models import Indicator, Realisasi

# A percentage may be typed as "230/234" or "230 dari 234" (KPPS formed / KPPS needed).
# Only the separator is searched for (a linear scan); the parts are split with str methods.
# A pattern with a lazy group before optional spaces was quadratic on runs of spaces.
_SEPARATOR = re.compile(r"/|\bdari\b", re.IGNORECASE)
# Nothing a person types in a cell is longer; longer input is refused before any parsing.
MAX_CELL_CHARS = 64
TOO_LONG = f"Isian terlalu panjang (paling banyak {MAX_CELL_CHARS} karakter)."
_PLACES = Decimal("0.0001")  # the column keeps four decimals (NUMERIC(18, 4) on PostgreSQL)
NEGATIVE = "Nilai tidak boleh negatif."
ZERO_DENOMINATOR = "Angka pembagi (dari ...) tidak boleh 0."
BAD_GRADE = "Pilih nilai " + ", ".join(GRADES[:-1]) + " atau " + GRADES[-1] + "."


@dataclass(frozen=True)
class Parsed:
    """A validated cell value; every attribute None means "not filled" (blank, never 0)."""

    value: Decimal | None = None
    grade: str | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None

    @property
    def text(self) -> str:
        return canonical_text(self.value, self.grade, self.numerator, self.denominator)


def accepts_fraction(indicator: Indicator) -> bool:
    """A percentage indicator's realisasi may be typed as a fraction ("187/234")."""
    return is_percent_indicator(indicator)


def canonical_text(value, grade, numerator, denominator) -> str:
    if grade:
        return grade
    if numerator is not None and denominator is not None:
        return f"{format_number(numerator, 4)}/{format_number(denominator, 4)}"
    return format_number(value, 4) if value is not None else ""


def entry_text(indicator: Indicator, entry: Realisasi | None) -> str:
    """What the input shows for a saved entry ("85,5", "230/234", "B", "")."""
    if entry is None:
        return ""
    if indicator.target_kind == "grade":
        return entry.grade or ""
    return canonical_text(entry.value, None, entry.numerator, entry.denominator)


def _amount(text: str) -> Decimal:
    number = parse_number(text)
    if number < 0:
        raise ParseError(NEGATIVE)
    return number


def split_fraction(text: str) -> tuple[str, str] | None:
    """("230", "234") for "230/234" or "230 dari 234"; None when it is not a fraction."""
    match = _SEPARATOR.search(text)
    if match is None:
        return None
    numerator, denominator = text[:match.start()].strip(), text[match.end():].strip()
    return (numerator, denominator) if numerator and denominator else None


def parse_cell(indicator: Indicator, raw: str | None) -> Parsed:
    """The value typed for one quarter; raises ParseError with an Indonesian message."""
    if len(raw or "") > MAX_CELL_CHARS * 4:  # before strip(): bounded work on any input
        raise ParseError(TOO_LONG)
    text = (raw or "").strip()
    if len(text) > MAX_CELL_CHARS:
        raise ParseError(TOO_LONG)
    if not text:
        return Parsed()
    if indicator.target_kind == "grade":
        grade = text.upper()
        if grade not in GRADES:
            raise ParseError(BAD_GRADE)
        return Parsed(grade=grade)
    parts = split_fraction(text) if accepts_fraction(indicator) else None
    if parts:
        numerator, denominator = _amount(parts[0]), _amount(parts[1])
        if denominator == 0:
            raise ParseError(ZERO_DENOMINATOR)
        # The percentage is derived, so four decimals are plenty: the exact parts are kept.
        value = (numerator * 100 / denominator).quantize(_PLACES)
        return Parsed(value=value, numerator=numerator, denominator=denominator)
    return Parsed(value=_amount(text))
