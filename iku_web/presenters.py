"""Display text of indicator fields, shared by screens, PDFs and Excel."""
from decimal import Decimal

from .formatting import format_number

NO_TARGET = "belum ditetapkan"


def value_with_unit(value: Decimal | None, kind: str, unit: str = "") -> str:
    if value is None:
        return ""
    if kind == "percent":
        return format_number(value) + "%"
    return f"{format_number(value)} {unit}".strip()


def target_label(indicator) -> str:
    """The yearly target as printed: "100%", "minimal B", "80-90%", "7 dokumen"."""
    if not indicator.has_target:
        return NO_TARGET
    kind = indicator.target_kind
    if kind == "grade":
        return f"minimal {indicator.target_grade}"
    if kind == "range":
        low = format_number(indicator.target_value)
        high = value_with_unit(indicator.target_upper, "percent" if _is_percent(indicator) else
                               "number", indicator.target_unit)
        return f"{low}-{high}"
    return value_with_unit(indicator.target_value, kind, indicator.target_unit)


def quarter_target_label(indicator, quarter: int) -> str:
    return quarter_target_labels(indicator)[quarter - 1]


def quarter_target_labels(indicator) -> tuple[str, str, str, str]:
    """The targets of TW I..IV as printed; the indicator's fields are read once (on a
    200-indicator table, reading them per quarter was a tenth of the page time)."""
    if indicator.target_kind == "grade":
        text = f"minimal {indicator.target_grade}" if indicator.target_grade else ""
        return (text, text, text, text)
    kind = "percent" if _is_percent(indicator) else "number"
    unit = indicator.target_unit
    return tuple(value_with_unit(value, kind, unit) for value in indicator.quarter_targets)


def _is_percent(indicator) -> bool:
    return indicator.target_kind == "percent" or indicator.target_unit.strip() == "%"
