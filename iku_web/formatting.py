"""Indonesian number and date formatting, and parsing of numbers typed by users.

Pure Python on top of Babel (locale "id") so screens, PDFs and spreadsheets all
show the same text for the same value.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

LOCALE = "id"
_LOCALE = Locale.parse(LOCALE)

# Stand-alone month names: a select box shows a month on its own, not inside a date.
MONTHS: tuple[str, ...] = tuple(
    babel_dates.get_month_names("wide", context="stand-alone", locale=LOCALE)[m]
    for m in range(1, 13)
)

_PERCENT_SIGN = _LOCALE.number_symbols["latn"]["percentSign"]

MAX_INTEGER_DIGITS = 12
MAX_DECIMAL_PLACES = 4
# 12 digits, 3 group separators, a decimal separator, 4 places, sign, % and spaces: well under.
MAX_NUMBER_CHARS = 40
MAX_RUPIAH_DIGITS = 15  # up to 999 trillion rupiah
RUPIAH_INVALID = "Tulis rupiah utuh tanpa desimal, misalnya 1.250.000"


# --- numbers -----------------------------------------------------------------


def _quantize(value: Decimal | int, max_places: int) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        # Floats would smuggle binary rounding errors into figures that must
        # match between screen and paper; callers must hand over Decimals.
        raise TypeError(f"expected Decimal or int, got {type(value).__name__}")
    if max_places < 0:
        raise ValueError("max_places must be >= 0")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"cannot format non-finite number {value}")
    # The default 28-digit context makes quantize() fail on large values.
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, value.adjusted() + max_places + 3)
        q = value.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
    # -0.001 rounds to -0.00, which must not be shown as "-0".
    return q.copy_abs() if q.is_zero() else q


def _format_decimal(value: Decimal, max_places: int) -> str:
    # Optional "#" fraction digits: Babel drops trailing zeros for us, and the
    # grouping and decimal symbols come from the locale.
    pattern = "#,##0" + ("." + "#" * max_places if max_places else "")
    with localcontext() as ctx:
        # Babel quantizes again in the current context; the value is already
        # rounded, so this only needs enough precision not to fail.
        ctx.prec = max(ctx.prec, value.adjusted() + max_places + 3)
        return babel_numbers.format_decimal(value, format=pattern, locale=LOCALE)


def format_number(value: Decimal | int | None, max_places: int = 2) -> str:
    """1.234,5 style; rounds half up to ``max_places``; no trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)) or (
            isinstance(value, Decimal) and not value.is_finite()):
        _quantize(value, max_places)  # raises before the cache (a signalling NaN is unhashable)
    return _format_cached(value, max_places)


@lru_cache(maxsize=8192)
def _format_cached(value: Decimal | int, max_places: int) -> str:
    # Babel takes about 50 us per number and a 200-indicator table shows thousands of them,
    # mostly the same few values. Equal Decimals ("75" and "75.0") format identically, so
    # keying the cache on the value is safe.
    return _format_decimal(_quantize(value, max_places), max_places)


def format_percent(value: Decimal | None, max_places: int = 2) -> str:
    """``value`` is already in percent: Decimal("93.75") -> "93,75%"."""
    if value is None:
        return ""
    # Babel's percent formatting would multiply by 100 and follow the locale
    # pattern; the plain number with "%" attached is wanted (docs/glossary.md).
    return format_number(value, max_places) + _PERCENT_SIGN


def sentence(text: str) -> str:
    """`text` as a sentence: trimmed, ending in exactly one full stop (or its own ? or !).
    For messages put together from pieces, some of which end in a stop and some not."""
    text = text.strip()
    if not text or text.endswith((".", "?", "!", "…")):
        return text
    return text + "."


def format_rupiah(value: Decimal | int | None) -> str:
    """Rupiah as printed in budget documents: Rp1.234.567.000 (whole rupiah, no decimals)."""
    if value is None:
        return ""
    return "Rp" + format_number(value, 0)


def parse_rupiah(text: str | None) -> int:
    """Read "Rp1.234.567.000", "1.234.567.000" or "1234567000" into whole rupiah; fractions,
    negative amounts and anything else not a whole amount raise ParseError."""
    text = (text or "").strip()
    if text[:2].lower() == "rp":
        text = text[2:].strip()
    text = text.replace(" ", "")
    if text and _GROUPED["."].fullmatch(text):
        text = text.replace(".", "")
    if text and not _DIGITS.fullmatch(text):
        raise ParseError(ParseError.EMPTY if not text else RUPIAH_INVALID)
    if not text:
        raise ParseError(ParseError.EMPTY)
    if len(text.lstrip("0")) > MAX_RUPIAH_DIGITS:
        raise ParseError(ParseError.TOO_LONG)
    return int(text)


class ParseError(ValueError):
    """A number typed by a user could not be read; str(e) is shown to the user."""

    EMPTY = "Isian kosong"
    INVALID = "Bukan angka yang valid"
    TOO_LONG = "Angka terlalu besar atau terlalu panjang"


# re.ASCII: \d would otherwise accept Arabic-Indic and other Unicode digits.
_DIGITS = re.compile(r"\d+", re.ASCII)
_ALLOWED = re.compile(r"[0-9.,]+")
_GROUPED = {
    sep: re.compile(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", re.ASCII)
    for sep in ".,"
}


def _split(body: str) -> tuple[str, str]:
    """Return (integer digits, fraction digits) following the rules in docs/glossary.md."""
    if "." in body and "," in body:
        dec = "." if body.rfind(".") > body.rfind(",") else ","
        group = "," if dec == "." else "."
        int_part, frac = body.rsplit(dec, 1)
        if not _GROUPED[group].fullmatch(int_part):
            raise ParseError(ParseError.INVALID)
        int_part = int_part.replace(group, "")
    elif "," in body:
        if body.count(",") > 1:
            raise ParseError(ParseError.INVALID)
        int_part, frac = body.split(",")
    elif body.count(".") > 1:
        if not _GROUPED["."].fullmatch(body):
            raise ParseError(ParseError.INVALID)
        int_part, frac = body.replace(".", ""), ""
    elif "." in body:
        int_part, frac = body.split(".")
        # Indonesian users write 1.234 for one thousand two hundred thirty-four;
        # "1234.567" cannot be a grouping, so it is read as a decimal point.
        if len(frac) == 3 and len(int_part) <= 3 and int_part.strip("0"):
            int_part, frac = int_part + frac, ""
    else:
        int_part, frac = body, ""
    # Digits are required on both sides of a decimal separator ("5," and ",5" fail).
    if not _DIGITS.fullmatch(int_part) or (frac and not _DIGITS.fullmatch(frac)):
        raise ParseError(ParseError.INVALID)
    if body[-1] in ".,":
        raise ParseError(ParseError.INVALID)
    return int_part, frac


def parse_number(text: str | None) -> Decimal:
    """Read "85,5", "85.5", "1.234,5", "1,234.5", "93,75%" ... into a Decimal."""
    text = (text or "").strip()
    if not text:
        raise ParseError(ParseError.EMPTY)
    if len(text) > MAX_NUMBER_CHARS:  # bounded work whatever is pasted in
        raise ParseError(ParseError.TOO_LONG)
    if text.endswith("%"):
        text = text[:-1].rstrip()
    negative = text.startswith("-")
    if text[:1] in ("-", "+"):
        text = text[1:]
    # Whitelisting digits and separators keeps out "NaN", "inf", "1e5" and
    # "--1", all of which Decimal() itself would happily accept.
    if not _ALLOWED.fullmatch(text):
        raise ParseError(ParseError.INVALID)
    int_part, frac = _split(text)
    int_part = int_part.lstrip("0") or "0"
    # Trailing zeros carry no value, so "85,50000" is fine; keep at most four
    # places so the result always fits the database column.
    if len(frac.rstrip("0")) > MAX_DECIMAL_PLACES:
        raise ParseError(ParseError.TOO_LONG)
    if len(int_part) > MAX_INTEGER_DIGITS:
        raise ParseError(ParseError.TOO_LONG)
    frac = frac[:MAX_DECIMAL_PLACES]
    result = Decimal(
        ("-" if negative else "") + int_part + ("." + frac if frac else "")
    )
    return result.copy_abs() if result.is_zero() else result


# --- dates and quarters --------------------------------------------------------


def format_date(d: date | None) -> str:
    """Day without leading zero and Indonesian month name: 15 Januari 2024."""
    if d is None:
        return ""
    return babel_dates.format_date(d, "d MMMM y", locale=LOCALE)


def format_month_year(d: date | None) -> str:
    """Januari 2024; closing lines of letters may be dated by month only."""
    if d is None:
        return ""
    return babel_dates.format_date(d, "LLLL y", locale=LOCALE)


def format_datetime(dt: datetime | None) -> str:
    """15 Januari 2024 13.05, in the datetime's own zone (naive values as they are)."""
    if dt is None:
        return ""
    # The id locale's short time pattern is "HH.mm" (dot separator).
    return f"{format_date(dt)} {babel_dates.format_time(dt, 'short', locale=LOCALE)}"


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def roman(quarter: int) -> str:
    # bool is an int subclass; True must not pass as quarter 1.
    if (
        isinstance(quarter, bool)
        or not isinstance(quarter, int)
        or quarter not in _ROMAN
    ):
        raise ValueError(f"quarter must be 1..4, got {quarter!r}")
    return _ROMAN[quarter]


def quarter_name(quarter: int) -> str:
    return f"Triwulan {roman(quarter)}"


def quarter_short(quarter: int) -> str:
    return f"TW {roman(quarter)}"


def fraction_suffix(numerator: Decimal | None, denominator: Decimal | None) -> str:
    """" (187/234)" after a percentage typed as a fraction; "" when it was not."""
    if numerator is None or denominator is None:
        return ""
    return f" ({format_number(numerator)}/{format_number(denominator)})"
