"""Figures as JSON numbers: the API never sends Indonesian number strings (docs/api.md)."""
from decimal import Decimal

from .. import capaian


def number(value):
    """A Decimal as a JSON number (an int when whole), a grade as its letters, None as null."""
    if value is None or isinstance(value, str):
        return value
    if not isinstance(value, Decimal) or not value.is_finite():
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def percent(result: capaian.Result):
    """The capaian in percent, rounded to two places as every screen shows it; None when the
    engine gives a message instead (no target, not filled, a grade)."""
    if result.status != "ok" or result.percent is None:
        return None
    return number(capaian.round_percent(result.percent))
