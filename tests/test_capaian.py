"""Table-driven tests of every capaian branch (docs/capaian.md): the capaian of one value
against its target. Aggregation and caps: test_capaian_aggregate.py; a year's progress:
test_capaian_progress.py."""

import itertools
from decimal import Decimal as D

import pytest

from iku_web.capaian import (
    GRADES,
    Result,
    Target,
    achievement,
)
from tests.capaian_support import NUM, PCT, grade, num, r2, rng


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
