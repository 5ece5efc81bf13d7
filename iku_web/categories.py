"""The capaian categories (Tercapai, Hampir tercapai, ... or the LKjIP bands Sangat Baik to
Sangat Kurang) and the band a capaian lands in; the rules are in docs/capaian.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .capaian import Result, finite

MET = Decimal(100)  # the capaian that reaches a target


@dataclass(frozen=True)
class Category:
    lower_bound: Decimal
    label: str
    colour: str
    inclusive: bool = True  # False: the band starts strictly above lower_bound


DEFAULT_CATEGORIES = (
    Category(Decimal(100), "Tercapai", "#198754"),
    Category(Decimal(90), "Hampir tercapai", "#ffc107"),
    Category(Decimal(75), "Perlu perhatian", "#fd7e14"),
    Category(Decimal(0), "Tidak tercapai", "#dc3545"),
)
# The LKjIP bands are written on integer scores (91-100, 76-90, ...); exclusive bounds
# make them hold for fractional percents too (90.5 is above 90, hence Sangat Baik).
LKJIP_CATEGORIES = (
    Category(Decimal(90), "Sangat Baik", "#198754", inclusive=False),
    Category(Decimal(75), "Baik", "#20c997", inclusive=False),
    Category(Decimal(65), "Cukup", "#ffc107", inclusive=False),
    Category(Decimal(50), "Kurang", "#fd7e14", inclusive=False),
    Category(Decimal(0), "Sangat Kurang", "#dc3545"),
)


def categorize(
    percent: Decimal | None, categories: Sequence[Category]
) -> Category | None:
    """The highest band the percent reaches; None when it reaches none."""
    value = finite(percent)
    if value is None:
        return None
    try:
        bands = _ordered(categories)
    except TypeError:  # a list, or a bound that cannot be hashed (a signalling NaN)
        bands = _order(categories)
    for band in bands:
        if value > band.lower_bound or (band.inclusive and value == band.lower_bound):
            return band
    return None


def category_of(result: Result, categories: Sequence[Category]) -> Category | None:
    """The band a capaian lands in. A grade carries no percentage: below its minimum it lands
    in the lowest band, met in the band of 100%."""
    if result.status == "grade_not_met":
        return lowest_category(categories)
    if result.status == "grade_met":  # met is the band of 100%, though it is no percentage
        return categorize(MET, categories)
    return categorize(result.percent, categories)


def lowest_category(categories: Sequence[Category]) -> Category | None:
    bands = _order(categories)
    return bands[-1] if bands else None


def _order(categories: Sequence[Category]) -> tuple[Category, ...]:
    usable = [c for c in categories if finite(c.lower_bound) is not None]
    # At an equal bound the exclusive band (> b) is the higher one, so it is tried first.
    usable.sort(key=lambda c: (c.lower_bound, not c.inclusive), reverse=True)
    return tuple(usable)


@lru_cache(maxsize=32)
def _ordered(categories: tuple[Category, ...]) -> tuple[Category, ...]:
    # A table of indicators is categorised against the same few bands row after row.
    return _order(categories)
