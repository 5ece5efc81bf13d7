"""Table-driven tests of the capaian aggregation of quarters, the cap and the rounding
(docs/capaian.md)."""

from decimal import Decimal as D

import pytest

from iku_web.capaian import (
    AGGREGATIONS,
    achievement,
    aggregate,
    aggregate_grades,
    apply_cap,
    round_percent,
)
from tests.capaian_support import num


@pytest.mark.parametrize(
    ("values", "how", "expected"),
    [
        ([D(10), None, D(5), None], "kumulatif", D(15)),
        ([D(10), None, D(5), None], "nilai_akhir", D(5)),
        ([D(10), None, D(5), None], "rata_rata", D("7.5")),
        ([D(10), D(0), None, None], "nilai_akhir", D(0)),
        ([D(10), D(0), None, None], "rata_rata", D(5)),
        ([None, None, None, D(4)], "rata_rata", D(4)),
        ([D(1), D(2), D(3), D(4)], "kumulatif", D(10)),
        ([D(1), D(2), D(3), D(4)], "nilai_akhir", D(4)),
        ([D(1), D(2), D(3), D(4)], "rata_rata", D("2.5")),
        ([D(10), "", " ", None], "nilai_akhir", D(10)),
        ([5, None, 2, None], "kumulatif", D(7)),
        ([None, None, None, None], "kumulatif", None),
        ([None, None, None, None], "nilai_akhir", None),
        ([None, None, None, None], "rata_rata", None),
        ([], "kumulatif", None),
        ([D(1), None, None, None], "median", None),
    ],
)
def test_aggregate(values, how, expected):
    assert aggregate(values, how) == expected


@pytest.mark.parametrize("how", AGGREGATIONS)
@pytest.mark.parametrize("bad", [D("NaN"), D("Infinity"), D(-1), "12", 1.5])
def test_aggregate_flags_unusable_values_as_nan(how, bad):
    total = aggregate([D(1), bad, None, None], how)
    assert total.is_nan()
    assert achievement(num("10"), total).status == "invalid"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["C", None, "B", None], "B"),
        (["C", "bb ", None, None], "BB"),
        (["A", "", "  ", None], "A"),
        (["A", "Z", None, None], "Z"),
        ([None, None, None, None], None),
        ([], None),
    ],
)
def test_aggregate_grades_takes_latest_filled(values, expected):
    assert aggregate_grades(values) == expected




@pytest.mark.parametrize(
    ("percent", "cap", "expected"),
    [
        (D(130), None, D(130)),
        (D(130), 100, D(100)),
        (D(130), 120, D(120)),
        (D(110), 120, D(110)),
        (D(100), 100, D(100)),
        (D(0), 100, D(0)),
        (None, 100, None),
        (None, None, None),
    ],
)
def test_apply_cap(percent, cap, expected):
    assert apply_cap(percent, cap) == expected


def test_caps_offered():
    from iku_web.realisasi.forms import CAPS

    assert list(CAPS) == ["", "100", "120"]  # no cap, 100%, 120%


def test_apply_cap_passes_unusable_values_through():
    assert apply_cap(D("NaN"), 100).is_nan()
    assert apply_cap(D(130), "x") == D(130)


@pytest.mark.parametrize(
    ("percent", "places", "expected"),
    [
        (D("107.142857"), 2, "107.14"),
        (D("102.2222"), 2, "102.22"),
        (D("66.665"), 2, "66.67"),
        (D("0.005"), 2, "0.01"),
        (D("93.75"), 1, "93.8"),
        (D(100), 2, "100.00"),
        (D("99.5"), 0, "100"),
        (D("1E+30"), 2, "1E+30"),
        (D("NaN"), 2, "NaN"),
    ],
)
def test_round_percent_half_up(percent, places, expected):
    assert str(round_percent(percent, places)) == expected
