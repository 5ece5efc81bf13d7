"""The warning beside a realisasi that is probably mistyped ("Periksa: ..."), and the mark it
leaves in reports until a verifier approves its quarter; the rule is in docs/capaian.md."""
from collections.abc import Collection, Sequence
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


def doubt(warnings: Sequence[str], approved: Collection[int], upto: int = 4) -> str:
    """The warning of the first quarter up to `upto` whose value is implausible and whose
    quarter no verifier has approved yet, else "". Approving the quarter is the verifier's
    word that the value was checked."""
    for quarter, warning in enumerate(warnings, start=1):
        if quarter <= upto and warning and quarter not in approved:
            return warning
    return ""


def marked(text: str, warning: str) -> str:
    """A capaian as reports print it while its value is in doubt:
    "617,25% (Periksa: nilai di atas 200%, belum dikonfirmasi verifikator)"."""
    return f"{text} ({warning.rstrip('.')}, belum dikonfirmasi verifikator)" if warning else text
