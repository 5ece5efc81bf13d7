"""The capaian of one indicator from its inputs, remembered between requests.

indicator_measure.measure is a pure function of (spec, quarter values, quarter, cap, categories):
the same inputs always give the same result, so remembering it can never show a stale number
(a changed value, target or setting is a different key). The dashboard computes up to five
capaian per indicator (the TW I-IV trend and the earlier years) besides the one the realisasi
screen computes; most of them repeat from one request to the next.
"""
from functools import lru_cache

from .. import indicator_measure, measurement


@lru_cache(maxsize=16384)
def _remembered(spec, values: tuple, upto: int, cap, categories):
    return indicator_measure.measure(spec, list(values), upto, cap, categories)


def measure(spec: indicator_measure.Spec, values, upto: int, cap, categories):
    """(progress, capaian to date, full year, category), as indicator_measure.measure."""
    try:
        return _remembered(spec, tuple(values), upto, cap, tuple(categories))
    except TypeError:  # a value that cannot be hashed (a signalling NaN): computed each time
        return indicator_measure.measure(spec, list(values), upto, cap, categories)


def trend(row: measurement.Row, cap, categories) -> tuple:
    """The capaian to date of a row at the end of each quarter TW I..IV (what
    measurement.build(year, upto=q) gives that indicator), None for a quarter not filled."""
    spec = indicator_measure.spec_of(row.indicator)
    values = [cell.value for cell in row.quarters]
    return tuple(None if values[q - 1] is None else measure(spec, values, q, cap, categories)[1]
                 for q in measurement.QUARTERS)
