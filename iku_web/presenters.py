"""Display text of indicator fields and category badges, shared by screens, PDFs and Excel."""
from decimal import Decimal

from .domain import is_hex_colour, is_percent_indicator
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
        shown_as = "percent" if is_percent_indicator(indicator) else "number"
        high = value_with_unit(indicator.target_upper, shown_as, indicator.target_unit)
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
    kind = "percent" if is_percent_indicator(indicator) else "number"
    unit = indicator.target_unit
    # Targets written kumulatif s.d. triwulan say so: "s.d. 8 dokumen" is due by the quarter's end.
    prefix = "s.d. " if indicator.quarter_target_mode == "kumulatif" else ""
    return tuple(prefix + value_with_unit(value, kind, unit) if value is not None else ""
                 for value in indicator.quarter_targets)



FALLBACK = "#6c757d"


def badge_style(colour: str) -> str:
    """Inline style of a category badge: the admin's colour, with readable black or white text.

    The colour is checked again here (not only in the form) because it is written into a style
    attribute: anything but #rrggbb could inject CSS.
    """
    colour = colour if is_hex_colour(colour) else FALLBACK
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    # Perceived brightness (ITU-R BT.601 weights); light backgrounds get black text.
    text = "#000" if (299 * r + 587 * g + 114 * b) / 1000 > 150 else "#fff"
    return f"background-color:{colour};color:{text}"


def with_category(capaian_text: str, category_label: str) -> str:
    """"93,75% (Hampir tercapai)"; a capaian that already ends with its category (a grade:
    "CC, target minimal B: Tidak tercapai") is not followed by the same words again."""
    if not category_label or capaian_text.casefold().endswith(category_label.casefold()):
        return capaian_text
    return f"{capaian_text} ({category_label})"
