"""Table-driven tests of every capaian branch (docs/capaian.md)."""

import itertools
from decimal import Decimal as D

import pytest

from iku_web.capaian import (
    AGGREGATIONS,
    GRADES,
    Result,
    Target,
    achievement,
    aggregate,
    aggregate_grades,
    apply_cap,
    progress,
    round_percent,
)

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


@pytest.mark.parametrize(
    ("target", "realisasi", "polarity", "status", "percent"),
    [
        # higher is better
        (num("100"), D(75), "higher", "ok", D("75.00")),
        (num("100", PCT), D(120), "higher", "ok", D("120.00")),
        (num("3"), D(1), "higher", "ok", D("33.33")),
        (num("3"), D(2), "higher", "ok", D("66.67")),
        (num("234"), 234, "higher", "ok", D("100.00")),
        # lower is better: (2t - r) / t, floored at 0
        (num("2", PCT), D("1.5"), "lower", "ok", D("125.00")),
        (num("7"), D("6.5"), "lower", "ok", D("107.14")),
        (num("2"), D(2), "lower", "ok", D("100.00")),
        (num("2"), D(4), "lower", "ok", D("0.00")),
        (num("2"), D(5), "lower", "ok", D("0.00")),
        (num("2"), D(0), "lower", "ok", D("200.00")),
        # 0 is a value, blank is not
        (num("100"), D(0), "higher", "ok", D("0.00")),
        (num("100"), D("-0"), "higher", "ok", D("0.00")),
        (num("100"), None, "higher", "no_value", None),
        (num("100"), "", "higher", "no_value", None),
        (num("100"), "   ", "lower", "no_value", None),
        # no target, zero target
        (Target("none"), D(5), "higher", "no_target", None),
        (Target("none"), None, "higher", "no_target", None),
        (num(None), D(5), "higher", "no_target", None),
        (num(None, PCT), D(5), "lower", "no_target", None),
        (num("0"), D(5), "higher", "zero_target", None),
        (num("0"), D(5), "lower", "zero_target", None),
        (num("0", PCT), D(0), "lower", "zero_target", None),
        (num("0"), None, "higher", "zero_target", None),
        # non-numeric or unusable input
        (num("100"), "B", "higher", "invalid", None),
        (num("100"), "12", "higher", "invalid", None),
        (num("100"), 1.5, "higher", "invalid", None),
        (num("100"), True, "higher", "invalid", None),
        (num("100"), D(-1), "higher", "invalid", None),
        (num("100"), D("NaN"), "higher", "invalid", None),
        (num("100"), D("sNaN"), "lower", "invalid", None),
        (num("100"), D("Infinity"), "higher", "invalid", None),
        (num("100"), D("-Infinity"), "lower", "invalid", None),
        (num("NaN"), D(5), "higher", "invalid", None),
        (num("Infinity"), D(5), "higher", "invalid", None),
        (num("-5"), D(5), "higher", "invalid", None),
        (Target(NUM, "100"), D(5), "higher", "invalid", None),
        (Target("fraction", D(1)), D(5), "higher", "invalid", None),
        (num("100"), D(5), "sideways", "invalid", None),
        (None, D(5), "higher", "invalid", None),
        # overflow of the arithmetic is reported, not raised
        (num("1E-999999"), D("9E+999999"), "higher", "invalid", None),
        (num("1E-999999"), D("9E+999999"), "lower", "ok", D("0.00")),
        # range: above -> / upper, below -> / lower, inside -> 100; polarity ignored
        (rng("80", "90"), D(92), "higher", "ok", D("102.22")),
        (rng("80", "90"), D(70), "higher", "ok", D("87.50")),
        (rng("80", "90"), D(85), "higher", "ok", D("100.00")),
        (rng("80", "90"), D(80), "lower", "ok", D("100.00")),
        (rng("80", "90"), D(90), "higher", "ok", D("100.00")),
        (rng("80", "90"), D(92), "lower", "ok", D("102.22")),
        (rng("80", "90"), D(0), "higher", "ok", D("0.00")),
        (rng("80", "80"), D(80), "higher", "ok", D("100.00")),
        (rng("0", "10"), D(0), "higher", "ok", D("100.00")),
        (rng("0", "0"), D(0), "higher", "ok", D("100.00")),
        (rng("0", "0"), D(5), "higher", "zero_target", None),
        (rng(None, "90"), D(85), "higher", "no_target", None),
        (rng("80", None), D(85), "higher", "no_target", None),
        (rng("90", "80"), D(85), "higher", "invalid", None),
        (rng("-5", "80"), D(85), "higher", "invalid", None),
        (rng("80", "NaN"), D(85), "higher", "invalid", None),
        (rng("80", "90"), None, "higher", "no_value", None),
        (rng("80", "90"), "A", "higher", "invalid", None),
        (rng("80", "90"), D("NaN"), "higher", "invalid", None),
        # grade targets: "minimal B"
        (grade("B"), "A", "higher", "grade_met", None),
        (grade("B"), "AA", "higher", "grade_met", None),
        (grade("B"), "B", "higher", "grade_met", None),
        (grade("B"), "bb", "higher", "grade_met", None),
        (grade(" b "), " Bb ", "lower", "grade_met", None),
        (grade("B"), "CC", "higher", "grade_not_met", None),
        (grade("B"), "d", "higher", "grade_not_met", None),
        (grade("AA"), "A", "higher", "grade_not_met", None),
        (grade("D"), "D", "higher", "grade_met", None),
        (grade("B"), "Z", "higher", "invalid", None),
        (grade("B"), "B+", "higher", "invalid", None),
        (grade("B"), D(3), "higher", "invalid", None),
        (grade("B"), None, "higher", "no_value", None),
        (grade("B"), " ", "higher", "no_value", None),
        (grade(None), "A", "higher", "no_target", None),
        (grade("E"), "A", "higher", "no_target", None),
        (grade("minimal B"), "A", "higher", "no_target", None),
    ],
)
def test_achievement(target, realisasi, polarity, status, percent):
    result = achievement(target, realisasi, polarity)
    assert result.status == status
    assert r2(result) == percent
    assert result.ok == (status == "ok")
    assert (result.message == "") == (status == "ok")


@pytest.mark.parametrize(
    ("target", "realisasi", "message"),
    [
        (Target("none"), D(1), "Target belum ditetapkan"),
        (num("0"), D(1), "Target bernilai 0, capaian tidak dapat dihitung"),
        (num("10"), None, "Belum diisi"),
        (num("10"), "x", "Nilai tidak valid"),
        (grade("B"), "C", "C, target minimal B: Tidak tercapai"),
        (grade("B"), "bb", "BB, target minimal B: Tercapai"),
        (rng("9", "1"), D(1), "Target tidak valid"),
        (num("10"), D(1), ""),
    ],
)
def test_messages_are_indonesian(target, realisasi, message):
    assert achievement(target, realisasi).message == message


def test_default_polarity_is_higher():
    assert achievement(num("2"), D("1.5")).percent == D(75)


def test_percent_is_unrounded():
    assert achievement(num("7"), D("6.5"), "lower").percent == D(
        "107.1428571428571428571428571"
    )


def test_result_ignores_callers_decimal_context():
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.traps[decimal.Inexact] = True
        assert r2(achievement(num("7"), D("6.5"), "lower")) == D("107.14")


TARGETS = [
    Target("none"),
    Target("fraction", D(1)),
    None,
    *(
        num(v, k)
        for v in (None, "0", "0.001", "2", "100", "-3", "NaN", "Infinity", "1E+999999")
        for k in (NUM, PCT)
    ),
    *(
        rng(lo, hi)
        for lo, hi in [
            (None, "9"),
            ("0", "0"),
            ("0", "9"),
            ("80", "90"),
            ("9", "1"),
            ("-1", "5"),
            ("sNaN", "5"),
            ("5", "-Infinity"),
        ]
    ),
    *(grade(g) for g in (None, "", "Z", *GRADES, "aa")),
]
REALISASI = [
    None,
    "",
    " ",
    "B",
    "aa",
    "Z",
    "1.5",
    0,
    7,
    -4,
    True,
    1.5,
    object(),
    *(
        D(v)
        for v in (
            "0",
            "-0",
            "1.5",
            "85",
            "92",
            "200",
            "-1",
            "NaN",
            "sNaN",
            "Infinity",
            "-Infinity",
            "1E+999999",
            "1E-999999",
        )
    ),
]


@pytest.mark.parametrize("polarity", ["higher", "lower", "", None])
def test_achievement_never_raises_nor_returns_nan_or_negative(polarity):
    for target, realisasi in itertools.product(TARGETS, REALISASI):
        result = achievement(target, realisasi, polarity)
        assert isinstance(result, Result)
        assert result.status in {
            "ok",
            "no_target",
            "zero_target",
            "no_value",
            "invalid",
            "grade_met",
            "grade_not_met",
        }
        if result.percent is not None:
            assert result.percent.is_finite() and not result.percent.is_signed()
        assert (result.percent is not None) == (result.status == "ok")
        assert result.message or result.ok


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


def q(*values):
    return [None if v is None else D(v) for v in values]


QT = q("25", "25", "25", "25")


@pytest.mark.parametrize(
    (
        "target",
        "quarters",
        "qtargets",
        "polarity",
        "how",
        "to_date",
        "full",
        "real",
        "last",
    ),
    [
        # kumulatif: due = sum of quarter targets so far
        (
            num("100"),
            q("20", "30", None, None),
            QT,
            "higher",
            "kumulatif",
            ("ok", D("100.00")),
            ("ok", D("50.00")),
            D(50),
            2,
        ),
        (
            num("100"),
            q("20", None, "30", None),
            QT,
            "higher",
            "kumulatif",
            ("ok", D("66.67")),
            ("ok", D("50.00")),
            D(50),
            3,
        ),
        (
            num("100"),
            q("20", "30", None, None),
            q("25", None, "25", "25"),
            "higher",
            "kumulatif",
            ("ok", D("50.00")),
            ("ok", D("50.00")),
            D(50),
            2,
        ),
        (
            num("100"),
            q("20", "30", None, None),
            [],
            "higher",
            "kumulatif",
            ("ok", D("50.00")),
            ("ok", D("50.00")),
            D(50),
            2,
        ),
        (
            num("100"),
            q("20", "30", None, None),
            q("0", "0", "50", "50"),
            "higher",
            "kumulatif",
            ("zero_target", None),
            ("ok", D("50.00")),
            D(50),
            2,
        ),
        # nilai_akhir: due = the target of the last filled quarter
        (
            num("90", PCT),
            q("50", "80", "85", None),
            q("60", "70", "85", "90"),
            "higher",
            "nilai_akhir",
            ("ok", D("100.00")),
            ("ok", D("94.44")),
            D(85),
            3,
        ),
        (
            num("90", PCT),
            q("50", "80", "85", None),
            q("60", "70", None, "90"),
            "higher",
            "nilai_akhir",
            ("ok", D("94.44")),
            ("ok", D("94.44")),
            D(85),
            3,
        ),
        (
            num("2", PCT),
            q(None, "1.5", None, None),
            q("4", "3", "2", "2"),
            "lower",
            "nilai_akhir",
            ("ok", D("150.00")),
            ("ok", D("125.00")),
            D("1.5"),
            2,
        ),
        # rata_rata: due = mean of the set quarter targets so far
        (
            num("80"),
            q("70", "90", None, None),
            q("60", "80", "80", "100"),
            "higher",
            "rata_rata",
            ("ok", D("114.29")),
            ("ok", D("100.00")),
            D(80),
            2,
        ),
        (
            num("80"),
            q("70", "90", None, None),
            q(None, "60", "80", "100"),
            "higher",
            "rata_rata",
            ("ok", D("133.33")),
            ("ok", D("100.00")),
            D(80),
            2,
        ),
        (
            num("80"),
            q("70", "90", None, None),
            q(None, None, "80", "100"),
            "higher",
            "rata_rata",
            ("ok", D("100.00")),
            ("ok", D("100.00")),
            D(80),
            2,
        ),
        # nothing filled
        (
            num("100"),
            q(None, None, None, None),
            QT,
            "higher",
            "kumulatif",
            ("no_value", None),
            ("no_value", None),
            None,
            None,
        ),
        (
            Target("none"),
            q(None, None, None, None),
            QT,
            "higher",
            "kumulatif",
            ("no_target", None),
            ("no_target", None),
            None,
            None,
        ),
        (
            Target("none"),
            q("5", None, None, None),
            QT,
            "higher",
            "kumulatif",
            ("no_target", None),
            ("no_target", None),
            D(5),
            1,
        ),
        # number target without a yearly value but with quarter targets
        (
            num(None),
            q("20", None, None, None),
            QT,
            "higher",
            "kumulatif",
            ("ok", D("80.00")),
            ("no_target", None),
            D(20),
            1,
        ),
        # range and grade kinds: to_date == full_year
        (
            rng("80", "90"),
            q("70", "92", None, None),
            QT,
            "higher",
            "nilai_akhir",
            ("ok", D("102.22")),
            ("ok", D("102.22")),
            D(92),
            2,
        ),
        (
            grade("B"),
            ["C", "cc", None, None],
            QT,
            "higher",
            "nilai_akhir",
            ("grade_not_met", None),
            ("grade_not_met", None),
            "CC",
            2,
        ),
        (
            grade("B"),
            ["C", None, "bb", None],
            QT,
            "higher",
            "kumulatif",
            ("grade_met", None),
            ("grade_met", None),
            "BB",
            3,
        ),
        # bad input
        (
            num("100"),
            q("20", None, None, None),
            QT,
            "higher",
            "median",
            ("invalid", None),
            ("invalid", None),
            None,
            1,
        ),
        (
            num("100"),
            [D(20), "x", None, None],
            QT,
            "higher",
            "kumulatif",
            ("invalid", None),
            ("invalid", None),
            None,
            2,
        ),
        (
            num("100"),
            q("20", None, None, None),
            [D("NaN"), None, None, None],
            "higher",
            "nilai_akhir",
            ("ok", D("20.00")),
            ("ok", D("20.00")),
            D(20),
            1,
        ),
    ],
)
def test_progress(target, quarters, qtargets, polarity, how, to_date, full, real, last):
    p = progress(target, quarters, qtargets, polarity, how)
    assert (p.to_date.status, r2(p.to_date)) == to_date
    assert (p.full_year.status, r2(p.full_year)) == full
    assert p.last_quarter == last
    if real is None and p.realisasi is not None:
        assert p.realisasi.is_nan()
    else:
        assert p.realisasi == real


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
