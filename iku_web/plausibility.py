"""The warning beside a realisasi that is probably mistyped ("Periksa: ..."); the rule is in
docs/capaian.md."""
from decimal import Decimal

from .capaian import Target, amount
from .formatting import format_number

DEFAULT_PERCENT_WARNING = Decimal(200)
TIMES_TARGET = 10


def implausible(value: object, target: Target, percent: bool,
                limit: Decimal = DEFAULT_PERCENT_WARNING) -> str:
    """A warning when a realisasi is probably mistyped ("1.234,5" for 123,45), else "".

    The value is kept (some percentages do exceed 100); the warning asks to check it: a
    percentage above `limit`, or any value more than ten times the target (the upper bound
    of a range).
    """
    real = amount(value)
    if real is None:
        return ""
    if percent and real > limit:
        return f"Periksa: nilai di atas {format_number(limit)}%."
    goal = target.upper if target.kind == "range" else target.value
    goal = amount(goal) if target.kind in ("number", "percent", "range") else None
    if goal and real > goal * TIMES_TARGET:
        return f"Periksa: nilai lebih dari {TIMES_TARGET} kali target."
    return ""
