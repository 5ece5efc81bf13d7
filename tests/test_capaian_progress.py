"""Table-driven tests of capaian.progress (docs/capaian.md): a year's realisasi and capaian to
date from its quarters, per aggregation and quarterly targets."""

from decimal import Decimal as D

import pytest

from iku_web.capaian import Target, progress
from tests.capaian_support import PCT, grade, num, r2, rng


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
