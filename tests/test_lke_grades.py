"""The final LKE grade of a unit and year for the roll-up (lke/grades.grade_for), and the
province demo's offices with grades that differ, counted by hand from the answers filled."""
import shutil
from decimal import Decimal as D

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.lke import demo as lke_demo
from iku_web.lke import viewmodel
from iku_web.lke.grades import grade_for
from iku_web.models import LkeCheck, Unit, Year
from iku_web.seed_provinsi import SILENT, YEAR
from tests.conftest import csrf_token, htmx_post, login, make_app
from tests.test_lke_page import VERIFIER_PASSWORD, _check, verifier  # noqa: F401 (fixture)

# By hand (docs/lke.md, "Province demo"): letter value x weight / 100 per sub-component.
# MET (the single-office demo): 20,10 + 21,00 + 9,75 + 13,75 = 64,60 B.
# ALL_MET: every sub-component BB: 80 % of 100 = 80,00 BB.
# STRONG: 1.a BB 4,80 1.b B 6,30 1.c B 10,50 | 2.a BB 4,80 2.b BB 7,20 2.c B 10,50 |
#   3.a BB 2,40 3.b B 3,15 3.c B 5,25 | 4.a BB 4,00 4.b B 5,25 4.c B 8,75 = 72,90 BB.
# FAIR: 1.a C 3,00 1.b CC 5,40 1.c C 7,50 | 2.a CC 3,60 2.b CC 5,40 2.c C 7,50 |
#   3.a CC 1,80 3.b CC 2,70 3.c C 3,75 | 4.a CC 3,00 4.b C 3,75 4.c D 3,75 = 51,15 CC.
# Barito Timur: its own STRONG (72,90 BB), but its evaluator checked every criterion as MET:
#   64,60 B counts.
# WEAK: 1.a D 1,80 1.b C 4,50 1.c D 4,50 | 2.a C 3,00 2.b C 4,50 2.c D 4,50 |
#   3.a C 1,50 3.b D 1,35 3.c D 2,25 | 4.a C 2,50 4.b D 2,25 4.c E 0 = 32,65 C.
EXPECTED = {
    "barito-selatan": ("64.60", "B"), "barito-timur": ("64.60", "B"),
    "barito-utara": ("80.00", "BB"), "gunung-mas": ("51.15", "CC"), "kapuas": ("64.60", "B"),
    "katingan": ("32.65", "C"), "kotawaringin-barat": ("72.90", "BB"),
    "kotawaringin-timur": ("51.15", "CC"), "lamandau": None,
    "murung-raya": ("72.90", "BB"), "pulang-pisau": ("51.15", "CC"), "seruyan": ("64.60", "B"),
    "sukamara": ("64.60", "B"), "palangka-raya": ("80.00", "BB"),
}


def test_province_offices_have_grades_that_differ(tmp_path, migrated_db, monkeypatch):
    shutil.copy(migrated_db, tmp_path / "iku.sqlite3")
    app = make_app(tmp_path)
    monkeypatch.setenv("IKU_DEMO_PASSWORD", "demo-rahasia-123")
    result = app.test_cli_runner().invoke(args=["seed-provinsi"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        found, official = {}, set()
        for unit in db.session.scalars(sa.select(Unit).where(Unit.parent_id.is_not(None))):
            grade = grade_for(unit, YEAR)
            found[unit.code] = grade and (str(grade.score.quantize(D("0.01"))), grade.letter)
            if grade:
                assert grade.side == ("evaluator" if unit.code == "barito-timur" else "mandiri")
                assert not grade.provisional
                if grade.official:
                    official.add(unit.code)
                # The batch lookup scores exactly as the LKE page does.
                view = viewmodel.build(db.session.scalar(
                    sa.select(Year).where(Year.unit_id == unit.id, Year.year == YEAR)))
                assert (view.final_side, view.totals[view.final_side].score) == \
                    (grade.side, grade.score)
        assert found == EXPECTED
        # Submitted or evaluated count as final; Seruyan's draft does not; Lamandau has none.
        assert official == set(EXPECTED) - {"seruyan", "lamandau"}
        # Scored from answers: 80 checks per filled office (and Barito Timur's evaluator's).
        assert db.session.scalar(sa.select(sa.func.count(LkeCheck.id))) == 13 * 80 + 80
        met_b = sorted(code for code, g in found.items() if g and grade_for(
            db.session.scalar(sa.select(Unit).where(Unit.code == code)), YEAR).at_least("B"))
        assert len(met_b) == 9 and "gunung-mas" not in met_b and "barito-selatan" in met_b
        assert lke_demo.PROVINCE_PROFILES.get(SILENT) is None  # silent everywhere
        top = db.session.scalar(sa.select(Unit).where(Unit.parent_id.is_(None)))
        assert grade_for(top, YEAR) is None  # the province's own LKE is not filled
        assert grade_for(top.id, 1999) is None


def _grade(app):
    with app.app_context():
        unit = db.session.scalar(sa.select(Unit).where(Unit.code == "barito-selatan"))
        return grade_for(unit, 2023)


@pytest.mark.usefixtures("verifier")
def test_grade_for_follows_the_evaluator_and_ignores_an_empty_lke(app, client):
    login(client)
    client.token = csrf_token(client)
    assert _grade(app) is None  # no LKE at all
    _check(client, app, "1.a.1", "")  # an evaluation row, but nothing checked
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(LkeCheck.id))) == 1
    assert _grade(app) is None
    _check(client, app, "1.a.1", "1")
    grade = _grade(app)
    # 1.a: 1 of 6 met, D, 30 % of 6 = 1,80; everything else E: D (Sangat Kurang), provisional.
    assert (grade.score, grade.letter, grade.side, grade.provisional) == (D("1.8"), "D",
                                                                         "mandiri", True)
    assert not grade.at_least("B") and grade.at_least("D")
    htmx_post(client, "/barito-selatan/2023/lke/ajukan")
    client.post("/keluar", data={"csrf_token": client.token})
    login(client, "verif", VERIFIER_PASSWORD)
    client.token = csrf_token(client)
    _check(client, app, "1.a.1", "0", side="evaluator")
    grade = _grade(app)
    assert (grade.score, grade.letter, grade.side) == (D(0), "D", "evaluator")


def test_grade_for_counts_a_chosen_letter_as_the_page_does(admin, app):
    """2.a fully met and raised to A with a reason (90 % of 6 = 5,40), 1.a 1 of 6 (D, 1,80):
    grade_for and the page give 7,20."""
    from tests.test_lke_page import _sub_id, _total
    for code in ("1.a.1", "2.a.1", "2.a.2", "2.a.3"):
        _check(admin, app, code, "1")
    url = f"/barito-selatan/2023/lke/sub/{_sub_id(app, '2.a')}/mandiri"
    html = htmx_post(admin, url, {"letter": "A", "reason": "Dipertahankan sejak 2022"}).get_data(
        as_text=True)
    assert _total(html) == "7,20"
    grade = _grade(app)
    assert (grade.score, grade.letter, grade.provisional, grade.official) == (D("7.2"), "D",
                                                                               True, False)
