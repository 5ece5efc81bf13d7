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
_FRACTION = re.compile(r"^(.+?)\s*(?:/|\bdari\b)\s*(.+)$", re.IGNORECASE)
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


def parse_cell(indicator: Indicator, raw: str | None) -> Parsed:
    """The value typed for one quarter; raises ParseError with an Indonesian message."""
    text = (raw or "").strip()
    if not text:
        return Parsed()
    if indicator.target_kind == "grade":
        grade = text.upper()
        if grade not in GRADES:
            raise ParseError(BAD_GRADE)
        return Parsed(grade=grade)
    match = _FRACTION.match(text) if accepts_fraction(indicator) else None
    if match:
        numerator, denominator = _amount(match.group(1)), _amount(match.group(2))
        if denominator == 0:
            raise ParseError(ZERO_DENOMINATOR)
        # The percentage is derived, so four decimals are plenty: the exact parts are kept.
        value = (numerator * 100 / denominator).quantize(_PLACES)
        return Parsed(value=value, numerator=numerator, denominator=denominator)
    return Parsed(value=_amount(text))
