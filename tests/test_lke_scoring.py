"""LKE scoring (PermenPAN-RB 88/2021): letters, values, sums and grade bands, table-driven."""
from decimal import Decimal

import pytest

from iku_web.lke.criteria import load
from iku_web.lke.scoring import (
    ComponentScore,
    Total,
    grade,
    letter_score,
    override_error,
    sub_score,
    suggested_letter,
)

D = Decimal
NATIONAL = load()


@pytest.mark.parametrize("met,total,letter", [
    (0, 6, "E"), (1, 5, "D"), (1, 4, "D"), (1, 3, "C"), (2, 7, "C"), (2, 4, "C"),
    (3, 5, "CC"), (3, 4, "CC"), (5, 8, "CC"), (4, 5, "B"), (7, 9, "B"), (10, 11, "B"),
    (11, 11, "BB"), (3, 3, "BB"), (0, 0, "E"),
])
def test_suggested_letter_from_share_met(met, total, letter):
    assert suggested_letter(met, total) == letter


@pytest.mark.parametrize("total,letter,label", [
    ("100", "AA", "Sangat Memuaskan"), ("90.01", "AA", "Sangat Memuaskan"),
    ("90", "A", "Memuaskan"), ("80.01", "A", "Memuaskan"),
    ("80", "BB", "Sangat Baik"), ("70.01", "BB", "Sangat Baik"),
    ("70", "B", "Baik"), ("60.01", "B", "Baik"),
    ("60", "CC", "Cukup (Memadai)"), ("50.01", "CC", "Cukup (Memadai)"),
    ("50", "C", "Kurang"), ("30.01", "C", "Kurang"),
    ("30", "D", "Sangat Kurang"), ("0", "D", "Sangat Kurang"),
])
def test_grade_band_edges(total, letter, label):
    assert grade(D(total)) == (letter, label)


@pytest.mark.parametrize("letter,value", [("AA", 100), ("A", 90), ("BB", 80), ("B", 70),
                                          ("CC", 60), ("C", 50), ("D", 30), ("E", 0)])
def test_letter_values_as_share_of_weight(letter, value):
    assert letter_score(letter, D("12.5")) == D(value) * D("12.5") / 100


def _total(answer, chosen=None, reason=""):
    """Every sub-component of the national set scored with checks from answer(n_criteria)."""
    comps = []
    for comp in NATIONAL["components"]:
        subs = [sub_score(s["code"], s["weight"], answer(len(s["criteria"])), chosen, reason)
                for s in comp["subcomponents"]]
        comps.append(ComponentScore(comp["code"], D(comp["weight"]), subs))
    return Total(comps)


def test_all_raised_to_aa_gives_100_and_aa():
    total = _total(lambda n: [True] * n, "AA", "Inovasi, layak menjadi percontohan nasional")
    assert total.score == 100 and total.grade == ("AA", "Sangat Memuaskan")


def test_all_e_gives_0_and_d():
    total = _total(lambda n: [False] * n)
    assert total.score == 0 and total.grade == ("D", "Sangat Kurang")


def test_every_criterion_met_without_raise_gives_80_and_bb():
    total = _total(lambda n: [True] * n)
    assert total.score == D("80.00") and total.grade == ("BB", "Sangat Baik")
    assert not total.provisional


def test_unchecked_count_as_not_met_and_make_the_grade_provisional():
    total = _total(lambda n: [True] * (n - 1) + [None])
    assert total.unchecked == 12 and total.provisional
    for sub in (s for c in total.components for s in c.subs):
        assert sub.unchecked == 1 and sub.letter == suggested_letter(sub.total - 1, sub.total)
    assert {s.letter for c in total.components for s in c.subs} == {"B", "CC"}


@pytest.mark.parametrize("letter,reason,met,total,ok", [
    ("A", "dipertahankan sejak 2022", 6, 6, True),
    ("AA", "inovasi", 3, 3, True),
    ("A", "dipertahankan", 5, 6, False),   # A/AA only when fully met
    ("AA", "inovasi", 0, 0, False),
    ("A", "  ", 6, 6, False),              # a reason is required
    ("C", "bukti tidak lengkap", 4, 5, True),
    ("C", "", 4, 5, False),
    ("X", "apa saja", 4, 5, False),
])
def test_override_needs_reason_and_a_full_share_for_a_and_aa(letter, reason, met, total, ok):
    assert (override_error(letter, reason, met, total) is None) is ok
    checks = [True] * met + [False] * (total - met)
    scored = sub_score("1.a", 6, checks, letter, reason)
    assert scored.letter == (letter if ok else suggested_letter(met, total))
    assert scored.suggested == suggested_letter(met, total)


# The worked example of docs/lke.md: (code, met, chosen letter, expected letter, score).
WORKED = [
    ("1.a", 6, None, "BB", "4.80"), ("1.b", 9, None, "B", "6.30"), ("1.c", 5, None, "CC", "9.00"),
    ("2.a", 3, "A", "A", "5.40"), ("2.b", 7, None, "BB", "7.20"), ("2.c", 4, None, "C", "7.50"),
    ("3.a", 6, None, "BB", "2.40"), ("3.b", 7, None, "B", "3.15"), ("3.c", 2, None, "C", "3.75"),
    ("4.a", 2, None, "CC", "3.00"), ("4.b", 1, None, "D", "2.25"), ("4.c", 0, None, "E", "0.00"),
]


def test_worked_example_computed_by_hand():
    rows = {code: (met, chosen) for code, met, chosen, _l, _s in WORKED}
    comps = []
    for comp in NATIONAL["components"]:
        subs = []
        for s in comp["subcomponents"]:
            met, chosen = rows[s["code"]]
            n = len(s["criteria"])
            subs.append(sub_score(s["code"], s["weight"], [True] * met + [False] * (n - met),
                                  chosen, "Dipertahankan sejak tahun lalu" if chosen else ""))
        comps.append(ComponentScore(comp["code"], D(comp["weight"]), subs))
    total = Total(comps)
    got = [(s.code, s.letter, s.score) for c in comps for s in c.subs]
    assert got == [(code, letter, D(score)) for code, _m, _c, letter, score in WORKED]
    assert [c.score for c in comps] == [D("20.10"), D("20.10"), D("9.30"), D("5.25")]
    assert total.score == D("54.75")
    assert total.grade == ("CC", "Cukup (Memadai)")
