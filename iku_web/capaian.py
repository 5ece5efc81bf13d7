"""Capaian (achievement) arithmetic for IKU indicators; the rules are in docs/capaian.md.
The categories a capaian lands in are in categories.py.

Pure functions on Decimal. Nothing here raises on bad data: problems come back as a
Result status with an Indonesian message, so a page or PDF can always render.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext

from .domain import AGGREGATIONS, GRADES, POLARITIES

MESSAGES = {
    "ok": "",
    "no_target": "Target belum ditetapkan",
    "zero_target": "Target bernilai 0, capaian tidak dapat dihitung",
    "no_value": "Belum diisi",
    "invalid": "Nilai tidak valid",
    "grade_met": "Tercapai",
    "grade_not_met": "Tidak tercapai",
}
GRADE_STATUSES = ("grade_met", "grade_not_met")
BAD_TARGET = "Target tidak valid"
BAD_POLARITY = "Polaritas tidak valid"
BAD_AGGREGATION = "Cara agregasi tidak valid"

# Our own context, fully specified (Context() would copy the mutable DefaultContext):
# prec, rounding, Emin, Emax, capitals, clamp. No traps, so overflow or a bad operation
# yields Infinity/NaN, reported as "invalid" instead of raising mid-report.
_CTX = Context(28, ROUND_HALF_EVEN, -999999, 999999, 1, 0, flags=[], traps=[])
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Target:
    kind: str
    value: Decimal | None = None
    upper: Decimal | None = None
    grade: str | None = None


@dataclass(frozen=True)
class Result:
    status: str
    percent: Decimal | None
    message: str

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def met(self) -> bool:
        """The target is reached: a capaian of 100% or more, or a grade met."""
        return self.status == "grade_met" or (self.ok and self.percent >= _HUNDRED)

    @property
    def assessed(self) -> bool:
        """There is a capaian or a grade verdict (not a message)."""
        return self.ok or self.status in GRADE_STATUSES


@dataclass(frozen=True)
class Progress:
    to_date: Result
    full_year: Result
    realisasi: Decimal | str | None
    last_quarter: int | None


def _result(status: str, percent: Decimal | None = None, message: str = "") -> Result:
    return Result(status, percent, message or MESSAGES[status])


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def finite(value: object) -> Decimal | None:
    """value as a finite Decimal, or None; floats are refused so they never leak in."""
    if type(value) is Decimal:  # the common case, without the copy Decimal(value) makes
        return value if value.is_finite() else None
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        return None
    d = Decimal(value)
    return d if d.is_finite() else None


def amount(value: object) -> Decimal | None:
    """A usable realisasi or target: finite and not negative (-0 becomes 0)."""
    d = finite(value)
    return d.copy_abs() if d is not None and d >= 0 else None


def _grade(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    g = value.strip().upper()
    return g if g in GRADES else None


def _ok(percent: Decimal) -> Result:
    return _result("ok", percent) if percent.is_finite() else _result("invalid")


def achievement(target: Target, realisasi: object, polarity: str = "higher") -> Result:
    """Capaian of one realisasi against one target; never raises."""
    try:
        with localcontext(_CTX):
            return _achievement(target, realisasi, polarity)
    except (AttributeError, TypeError, ValueError, ArithmeticError):
        # Only reachable with objects outside the typed API (e.g. target=None).
        return _result("invalid", message=BAD_TARGET)


def _achievement(target: Target, realisasi: object, polarity: str) -> Result:
    # Target problems are reported before a blank realisasi: an indicator without a
    # usable target needs the planner's attention even before anyone enters data.
    kind = target.kind
    if kind == "none":
        return _result("no_target")
    if kind == "grade":
        return _grade_achievement(target, realisasi)
    if kind == "range":
        return _range_achievement(target, realisasi)
    if kind not in ("number", "percent"):
        return _result("invalid", message=BAD_TARGET)
    if target.value is None:
        return _result("no_target")
    goal = amount(target.value)
    if goal is None:
        return _result("invalid", message=BAD_TARGET)
    if goal == 0:
        return _result("zero_target")
    if polarity not in POLARITIES:
        return _result("invalid", message=BAD_POLARITY)
    if _is_blank(realisasi):
        return _result("no_value")
    real = amount(realisasi)
    if real is None:
        return _result("invalid")
    if polarity == "higher":
        return _ok(real * _HUNDRED / goal)
    # PermenPAN-RB 8/2021 "kondisi khusus": a result twice the target or worse scores 0.
    return _ok(max((2 * goal - real) * _HUNDRED / goal, _ZERO))


def _range_achievement(target: Target, realisasi: object) -> Result:
    if target.value is None or target.upper is None:
        return _result("no_target")
    low, high = amount(target.value), amount(target.upper)
    if low is None or high is None or low > high:
        return _result("invalid", message=BAD_TARGET)
    if _is_blank(realisasi):
        return _result("no_value")
    real = amount(realisasi)
    if real is None:
        return _result("invalid")
    if low <= real <= high:
        return _result("ok", _HUNDRED)
    divisor = high if real > high else low
    if divisor == 0:
        return _result("zero_target")
    return _ok(real * _HUNDRED / divisor)


def _grade_achievement(target: Target, realisasi: object) -> Result:
    goal = _grade(target.grade)
    if goal is None:
        return _result("no_target")
    if _is_blank(realisasi):
        return _result("no_value")
    real = _grade(realisasi)
    if real is None:
        return _result("invalid")
    # A grade is met or not, never a percentage: no number a mean or a bar could take
    # (docs/capaian.md, "Grade targets").
    status = "grade_met" if GRADES.index(real) >= GRADES.index(goal) else "grade_not_met"
    return _result(status, None, f"{real}, target minimal {goal}: {MESSAGES[status]}")


def aggregate(values: Sequence[Decimal | None], how: str) -> Decimal | None:
    """Combine quarter values; None when nothing is filled or `how` is unknown.

    A filled value that is not a finite, non-negative number makes the result NaN, so
    achievement() reports "invalid" instead of silently dropping that quarter.
    """
    filled = [v for v in values if not _is_blank(v)]
    if not filled or how not in AGGREGATIONS:
        return None
    amounts = [amount(v) for v in filled]
    if any(a is None for a in amounts):
        return Decimal("NaN")
    with localcontext(_CTX):
        if how == "nilai_akhir":
            return amounts[-1]
        total = sum(amounts, _ZERO)
        return total if how == "kumulatif" else total / len(amounts)


def aggregate_grades(values: Sequence[str | None]) -> str | None:
    """The latest filled grade, normalised ("bb " -> "BB"); other input is passed through."""
    filled = [v for v in values if not _is_blank(v)]
    if not filled:
        return None
    return _grade(filled[-1]) or filled[-1]


def _due_target(
    target: Target,
    quarter_targets: Sequence[Decimal | None],
    last_quarter: int,
    how: str,
    mode: str = "per_triwulan",
) -> Target | None:
    """The target due by last_quarter, or None to fall back to the full-year target.

    mode "kumulatif": each quarterly target is already the target due by the end of its
    quarter. Otherwise each is that quarter's own target, aggregated like the realisasi."""
    if target.kind not in ("number", "percent"):
        return None
    due = [amount(q) for q in list(quarter_targets)[:last_quarter]]
    due += [None] * (last_quarter - len(due))
    set_ = [q for q in due if q is not None]
    if mode == "kumulatif" or how == "nilai_akhir":
        value = due[-1]
    elif how == "kumulatif":
        value = sum(set_, _ZERO) if len(set_) == len(due) else None
    else:
        value = sum(set_, _ZERO) / len(set_) if set_ else None
    return None if value is None else Target(target.kind, value)


def progress(
    target: Target,
    quarters: Sequence[Decimal | str | None],
    quarter_targets: Sequence[Decimal | None],
    polarity: str,
    how: str,
    mode: str = "per_triwulan",
) -> Progress:
    """Capaian to date (against the quarter targets due so far) and for the full year;
    mode is how the quarter targets are written (domain.QUARTER_TARGET_MODES)."""
    filled = [i for i, v in enumerate(quarters) if not _is_blank(v)]
    last = filled[-1] + 1 if filled else None
    if target.kind == "grade":
        real = aggregate_grades(quarters)
    elif how not in AGGREGATIONS:
        bad = _result("invalid", message=BAD_AGGREGATION)
        return Progress(bad, bad, None, last)
    else:
        real = aggregate(quarters, how)
    full = achievement(target, real, polarity)
    if last is None:
        return Progress(full, full, real, last)
    with localcontext(_CTX):
        due = _due_target(target, quarter_targets, last, how, mode)
    to_date = full if due is None else achievement(due, real, polarity)
    return Progress(to_date, full, real, last)


def apply_cap(percent: Decimal | None, cap: int | None) -> Decimal | None:
    """min(percent, cap) for reports; a None or non-finite percent is returned as is."""
    if cap is None or finite(percent) is None:
        return percent
    with localcontext(_CTX):
        limit = finite(cap)
        return percent if limit is None or percent <= limit else limit


def averaged(result: Result, target: Target) -> Decimal | None:
    """The percent a capaian adds to an average of capaian, or None when it stays out.

    Grade targets stay out: a grade is met or not, never a number to average.
    """
    if target.kind == "grade" or result.status != "ok":
        return None
    return finite(result.percent)


def round_percent(percent: Decimal, places: int = 2) -> Decimal:
    """ROUND_HALF_UP to `places` decimals, for display only; bad input comes back unchanged."""
    if not isinstance(percent, Decimal) or not percent.is_finite():
        return percent
    with localcontext(_CTX):
        rounded = percent.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded if rounded.is_finite() else percent
