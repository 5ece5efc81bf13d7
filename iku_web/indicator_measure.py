"""One indicator measured: what its capaian depends on (Spec, read once), the one computation
from it (measure), and its value and capaian as text. measurement.py builds a year's rows from
these; measurement_memo.py the cheap summary after a save."""
from decimal import Decimal
from typing import NamedTuple

from . import capaian
from .categories import category_of
from .domain import QUARTERS, is_percent
from .formatting import format_percent
from .models import Indicator, Realisasi
from .models.years import target_is_set
from .presenters import value_with_unit

NOT_COMPUTABLE = "-"


class Spec(NamedTuple):
    """What the capaian of an indicator depends on, read once per indicator (an ORM attribute
    read is slow enough to matter on a 200-indicator table). Made from an Indicator for the page
    and the documents, or from the same columns read plainly for the summary after a save."""

    target: capaian.Target
    quarter_targets: tuple[Decimal | None, ...]
    polarity: str
    aggregation: str
    quarter_mode: str  # how the quarter targets are written (domain.QUARTER_TARGET_MODES)
    grade: bool  # the realisasi is a grade
    percent: bool  # the realisasi is shown with "%"
    unit: str


SPEC_COLUMNS = (Indicator.target_kind, Indicator.target_value, Indicator.target_upper,
                Indicator.target_grade, Indicator.target_unit, Indicator.target_tw1,
                Indicator.target_tw2, Indicator.target_tw3, Indicator.target_tw4,
                Indicator.polarity, Indicator.aggregation, Indicator.quarter_target_mode)


def spec_of(indicator) -> Spec:
    """The Spec of an Indicator, or of a row holding at least SPEC_COLUMNS."""
    kind, unit = indicator.target_kind, indicator.target_unit
    value, upper, grade = indicator.target_value, indicator.target_upper, indicator.target_grade
    target = capaian.Target(kind, value, upper, grade) if target_is_set(kind, value, upper, grade) \
        else capaian.Target("none")
    quarter_targets = (indicator.target_tw1, indicator.target_tw2, indicator.target_tw3,
                       indicator.target_tw4)
    return Spec(target, quarter_targets, indicator.polarity, indicator.aggregation,
                indicator.quarter_target_mode, kind == "grade", is_percent(kind, unit), unit)


def result_text(result: capaian.Result) -> str:
    """"93,75%" when computable; otherwise the engine's Indonesian message."""
    if result.status == "ok" and result.percent is not None:
        return format_percent(capaian.round_percent(result.percent))
    return result.message


def entry_value(indicator: Indicator, entry: Realisasi | None) -> Decimal | str | None:
    if entry is None:
        return None
    return entry.grade if indicator.target_kind == "grade" else entry.value


def value_text(indicator: Indicator, value: Decimal | str | None) -> str:
    return value_text_of(spec_of(indicator), value)


def value_text_of(spec: Spec, value: Decimal | str | None) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    if capaian.amount(value) is None:
        # A stored value no screen or import accepts (a negative realisasi written straight
        # into the database), or the NaN aggregate() makes of it: not computable, and the
        # capaian beside it says "Nilai tidak valid".
        return NOT_COMPUTABLE
    return value_with_unit(value, "percent" if spec.percent else "number", spec.unit)


def _capped(result: capaian.Result, cap: int | None) -> capaian.Result:
    if result.percent is None or cap is None:
        return result
    return capaian.Result(result.status, capaian.apply_cap(result.percent, cap), result.message)


def measure(spec: Spec, values: list, upto: int, cap: int | None, categories):
    """(progress, capaian to date, full year, category) of one indicator: the one computation
    behind both the full rows and the cheap summary."""
    if upto < 4:
        values = [value if q <= upto else None for q, value in zip(QUARTERS, values, strict=True)]
    progress = capaian.progress(spec.target, values, spec.quarter_targets, spec.polarity,
                                spec.aggregation, spec.quarter_mode)
    to_date = _capped(progress.to_date, cap)
    return (progress, to_date, _capped(progress.full_year, cap),
            category_of(to_date, categories))
