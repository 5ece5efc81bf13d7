"""Shorthands of the capaian tests (tests/test_capaian*.py): targets and rounding."""
from decimal import Decimal as D

from iku_web.capaian import Target, round_percent

NUM = "number"
PCT = "percent"


def num(value, kind=NUM):
    return Target(kind, None if value is None else D(value))


def rng(low, high):
    return Target(
        "range", None if low is None else D(low), None if high is None else D(high)
    )


def grade(g):
    return Target("grade", grade=g)


def r2(result):
    return None if result.percent is None else round_percent(result.percent)
