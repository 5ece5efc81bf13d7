"""persentase_huruf: a parent's "... minimal B" share computed from its children's LKE grades
(docs/rollup.md, "Grades from the LKE"; lke/grades.py), on a hand-counted tree, in a fixed
number of queries, and through HTTP: a child's submission moves the parent's figure."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.lke import demo as lke_demo
from iku_web.models import LkeCheck, LkeCriterion
from iku_web.rollup import service
from tests.conftest import STAFF_PASSWORD, csrf_token, htmx_post, login
from tests.rollup_support import (
    YEAR,
    accounts,
    exempt,
    indicator,
    new_app,
    open_app,
    report,
    selects,
    unit,
)


def _lke(child_indicator, profile, status="submitted", evaluator=None):
    year = child_indicator.year_ref
    evaluation = lke_demo.fill(year, profile)
    evaluation.status = status
    if evaluator:
        lke_demo.fill(year, evaluator, side="evaluator")
    db.session.flush()
    return evaluation


def _tree():
    """A province over seven offices (a..g), target "minimal B" unless said:
    a: self-evaluation ALL_MET (80,00 BB), submitted               -> met, final
    b: self ALL_MET submitted, evaluator checked all as FAIR (CC)  -> not met (evaluator's)
    c: self MET (64,60 B), still a draft                           -> belum final: sementara only
    d: no LKE, a grade "A" typed as its realisasi                  -> belum melapor
    e: tidak berlaku (it has an LKE, ALL_MET)                      -> not counted
    f: self MET (B) submitted, its linked indicator asks minimal BB -> not met
    g: self MET submitted, one criterion left unchecked (B, provisional) -> sementara only
    Verified: 1 of 6 (a) = 16,67%. Sementara: a, c, g = 3 of 6 = 50%."""
    top = unit("prov", "provinsi")
    parent = indicator(top, "Persentase KPU Kabupaten/Kota bernilai SAKIP minimal B",
                       "persentase_huruf")
    kids = {code: unit(f"kab-{code}", parent=top) for code in "abcdefg"}
    linked = {code: indicator(kid, "Nilai SAKIP", parent=parent) for code, kid in kids.items()
              if code != "f"}
    linked["f"] = indicator(kids["f"], "Nilai SAKIP", parent=parent, target_kind="grade",
                            target_grade="BB", target_value=None, target_unit="")
    _lke(linked["a"], lke_demo.ALL_MET)
    _lke(linked["b"], lke_demo.ALL_MET, evaluator=lke_demo.FAIR)
    _lke(linked["c"], lke_demo.MET, status="draft")
    report(linked["d"], 1, "A")
    _lke(linked["e"], lke_demo.ALL_MET)
    exempt(parent, kids["e"])
    _lke(linked["f"], lke_demo.MET)
    evaluation = _lke(linked["g"], lke_demo.MET)
    # 1.b.11 is a "Tidak" of MET (10 of 11): unchecked, the score stays, the grade is provisional.
    check = db.session.scalar(sa.select(LkeCheck).join(LkeCriterion).where(
        LkeCheck.evaluation_id == evaluation.id, LkeCriterion.code == "1.b.11"))
    check.met = None
    db.session.commit()
    return parent


@pytest.fixture
def app(tmp_path, migrated_db):
    yield from open_app(tmp_path, migrated_db)


def test_the_share_of_offices_whose_lke_grade_is_at_least_the_target(app):
    computed = service.computation(_tree())
    tw1 = computed.verified.quarters[0]
    assert (tw1.numerator, tw1.denominator) == (1, 6)
    assert service.figure_text(tw1, computed.spec) == \
        "1 dari 6 KPU Kabupaten/Kota, 16,67% (1 tidak berlaku)"
    # The LKE is yearly: every quarter shows the grade as it stands.
    assert computed.verified.values == (tw1.value,) * 4
    lines = {line.unit.code: line for line in tw1.children}
    got = {code: (line.status, line.value, line.pending, line.met)
           for code, line in lines.items()}
    assert got == {
        "kab-a": ("approved", "BB", None, True),
        "kab-b": ("approved", "CC", None, False),
        "kab-c": ("unverified", None, "B", False),
        "kab-d": ("not_reported", None, None, False),
        "kab-e": ("exempt", None, None, False),
        "kab-f": ("approved", "B", None, False),
        "kab-g": ("unverified", None, "B", False),
    }
    assert lines["kab-b"].grade.text == "CC (51,15; nilai evaluator)"
    assert lines["kab-c"].status_label == "Nilai belum final (penilaian mandiri (draf))"
    assert lines["kab-g"].grade.text == "B (64,60; penilaian mandiri, belum lengkap)"
    assert lines["kab-d"].status_label == "Belum melapor (LKE belum diisi)"
    assert service.target_text(lines["kab-f"].target, computed.spec) == "minimal BB"
    assert service.target_text(lines["kab-a"].target, computed.spec) == "minimal B"
    assert service.capaian_text(lines["kab-c"]) == "B, belum final: tidak dihitung"
    sementara = computed.provisional.quarters[0]
    assert (sementara.numerator, sementara.denominator, sementara.value) == (3, 6, Decimal(50))


def _queries_for(offices: int) -> int:
    top = unit("prov", "provinsi")
    parent = indicator(top, "Persentase minimal B", "persentase_huruf")
    for n in range(offices):
        child = indicator(unit(f"kab-{n}", parent=top), parent=parent)
        _lke(child, lke_demo.MET if n % 2 else lke_demo.FAIR)
    db.session.commit()
    assert parent.rollup_rule == "persentase_huruf"  # the page has its indicator loaded
    with selects() as statements:
        computed = service.computation(parent)
    assert computed.verified.quarters[0].numerator == offices // 2
    return len(statements)


def test_the_grades_of_all_children_take_four_queries_whatever_their_number(tmp_path,
                                                                            migrated_db):
    counts = []
    for offices in (3, 8):
        (tmp_path / str(offices)).mkdir()
        app = new_app(tmp_path / str(offices), migrated_db)
        with app.app_context():
            counts.append(_queries_for(offices))
            db.engine.dispose()
    # The roll-up's six, then evaluations, criteria per sub-component, checks, letters.
    assert counts == [10, 10]


def test_a_child_submitting_its_lke_moves_the_parent_figure_on_the_next_request(tmp_path,
                                                                              migrated_db):
    app = new_app(tmp_path, migrated_db)
    with app.app_context():  # built, then left: each request below has its own context
        parent = _tree()
        parent_id, top = parent.id, parent.year_ref.unit
        accounts(top, *top.children)
        db.session.commit()
    drill = f"/prov/{YEAR}/iku/{parent_id}/rincian?tw=3"
    province = app.test_client()
    login(province, "admin.prov", STAFF_PASSWORD)
    page = province.get(drill).get_data(as_text=True)
    assert "1 dari 6 KPU Kabupaten/Kota, 16,67% (1 tidak berlaku)" in page
    assert "CC (51,15; nilai evaluator)" in page  # b's grade, and its standing
    assert "nilai LKE belum final" in page and 'href="/kab-c/2024/lke"' in page
    office = app.test_client()
    login(office, "admin.kab-c", STAFF_PASSWORD)
    office.token = csrf_token(office, f"/kab-c/{YEAR}/lke")
    assert htmx_post(office, f"/kab-c/{YEAR}/lke/ajukan").status_code in (200, 204)
    page = province.get(drill).get_data(as_text=True)
    assert "2 dari 6 KPU Kabupaten/Kota, 33,33% (1 tidak berlaku)" in page
    assert "Nilai final (penilaian mandiri)" in page
    data = province.get(f"/api/v1/prov/{YEAR}/capaian").get_json()
    rollup = data["indicators"][0]["rollup"]["verified"]["quarters"][2]
    children = {child["code"]: child for child in rollup["children"]}
    assert children["kab-c"]["value"] == "B" and children["kab-c"]["met"] is True
    assert children["kab-c"]["lke"] == {
        "letter": "B", "score": "64.60", "label": "Baik", "side": "mandiri",
        "submitted": True, "provisional": False, "official": True}
    assert children["kab-d"]["lke"] is None and children["kab-d"]["status"] == "not_reported"
    assert children["kab-b"]["lke"]["side"] == "evaluator" and not children["kab-b"]["met"]
    with app.app_context():
        db.engine.dispose()
