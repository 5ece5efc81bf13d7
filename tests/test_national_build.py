"""The builder of the national benchmark (bench/national_build.py) on a small tree, so that the
benchmark does not rot: KPU RI, 2 provinces, 4 Kabupaten/Kota. The benchmark itself (speed)
is never run here.

The offices' LKE (national_build.LKE_PLAN, the first four entries), by hand:
    kab-001 (prov-01)  self STRONG submitted, evaluator MET -> B, the evaluator's: met
    kab-002 (prov-02)  self FAIR submitted                 -> CC, final: not met
    kab-003 (prov-01)  self MET, a draft                   -> B, not final: sementara only
    kab-004 (prov-02)  no LKE                              -> belum melapor
KPU RI's persentase huruf: 1 of 4 = 25%; sementara 2 of 4 = 50%. prov-01: 1 of 2, sementara
2 of 2; prov-02: 0 of 2."""
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.lke.grades import grades_for
from iku_web.models import Indicator, LkeComponent, LkeCriterion, LkeSubcomponent, Unit, Year
from iku_web.rollup import service
from tests.conftest import csrf_token, htmx_post, login
from tests.rollup_support import new_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import national_build  # noqa: E402


@pytest.fixture
def small(tmp_path, migrated_db):
    """(app, tree); the tests push their own app context (a test client's requests need
    theirs)."""
    app = new_app(tmp_path, migrated_db)
    with app.app_context():
        tree = national_build.build(provinces=2, kabupaten=4, clients=2)
    yield app, tree
    with app.app_context():
        db.engine.dispose()


def _indicators(code: str) -> list[Indicator]:
    return list(db.session.scalars(sa.select(Indicator).join(Year).join(Unit)
                                   .where(Unit.code == code).order_by(Indicator.position)))


def test_the_tree_and_its_links(small):
    app, tree = small
    with app.app_context():
        assert (tree.top, tree.province, tree.save_unit, tree.units) == ("ri", "prov-01",
                                                                          "kab-001", 7)
        kinds = dict(db.session.execute(sa.select(Unit.code, Unit.kind)).all())
        assert kinds == {"ri": "pusat", "prov-01": "provinsi", "prov-02": "provinsi",
                         "kab-001": "kabupaten", "kab-002": "kabupaten", "kab-003": "kabupaten",
                         "kab-004": "kabupaten"}
        top, province, kab = _indicators("ri"), _indicators("prov-01"), _indicators("kab-001")
        assert [i.rollup_rule for i in top] == [i.rollup_rule for i in province] \
            == [national_build.RULES[n % 6] for n in range(15)]
        assert {i.rollup_rule for i in kab} == {"typed"}
        assert [i.parent_indicator_id for i in province] == [i.id for i in top]
        assert [i.parent_indicator_id for i in kab] == [i.id for i in province]
        # Every cell of every Kabupaten is filled and approved but the save cells (TW IV of one).
        assert tree.rows["realisasi"] == tree.rows["review"] == 4 * 15 * 4 - 15
        # Three LKE (kab-004 has none), every criterion checked: three self-evaluations and
        # one evaluator's side.
        criteria = db.session.scalar(
            sa.select(sa.func.count(LkeCriterion.id)).join(LkeSubcomponent).join(LkeComponent)
            .where(LkeComponent.set_id == sa.select(sa.func.max(LkeComponent.set_id))
                   .scalar_subquery()))
        assert criteria == 80
        assert (tree.rows["lke_evaluation"], tree.rows["lke_check"]) == (3, 4 * criteria)


def test_the_roll_up_counts_every_office(small):
    """KPU RI's "jumlah" indicator in TW I is the sum of the four offices' TW I values, its
    TW IV leaves the save cells out (not reported), and the share rule counts 4 offices."""
    app, _tree = small
    with app.app_context():
        top = _indicators("ri")
        computed = service.computations(top)
        assert len(computed) == 15
        total = sum(national_build.realisasi_of("jumlah", i.year_ref.unit_id, 2, 1)[0]
                    for code in ("kab-001", "kab-002", "kab-003", "kab-004")
                    for i in _indicators(code)[1:2])
        jumlah = computed[top[1].id].verified
        assert jumlah.quarters[0].value == total > Decimal(0)
        assert (jumlah.quarters[0].numerator, jumlah.quarters[3].numerator) == (4, 3)
        assert computed[top[0].id].verified.quarters[0].denominator == 4


def test_the_lke_share_counts_the_offices_lke(small):
    """The persentase huruf indicators (positions 6 and 12) read the offices' LKE, not the
    grades typed as their realisasi: by hand in the module docstring."""
    app, _tree = small
    with app.app_context():
        codes = dict(db.session.execute(sa.select(Unit.id, Unit.code)).all())
        grades = {codes[uid]: (g.letter, g.side, g.official)
                  for uid, g in grades_for(national_build.YEAR).items()}
        assert grades == {"kab-001": ("B", "evaluator", True),
                          "kab-002": ("CC", "mandiri", True),
                          "kab-003": ("B", "mandiri", False)}
        for code, verified, provisional in (("ri", (1, 4), (2, 4)),
                                            ("prov-01", (1, 2), (2, 2)),
                                            ("prov-02", (0, 2), (0, 2))):
            indicators = _indicators(code)
            for position in (6, 12):
                ind = indicators[position - 1]
                assert ind.rollup_rule == "persentase_huruf"
                computed = service.computation(ind)
                for figure, (met, counted) in ((computed.verified.year, verified),
                                               (computed.provisional.year, provisional)):
                    assert (figure.numerator, figure.denominator) == (met, counted), code
                    assert figure.value == Decimal(100) * met / counted
        top = service.computation(_indicators("ri")[5])
        assert service.figure_text(top.verified.quarters[0], top.spec) == \
            "1 dari 4 KPU Kabupaten/Kota, 25%"
        statuses = {codes[leaf.unit_id]: (leaf.met, leaf.reported)
                    for leaf in top.verified.quarters[3].leaves}
        assert statuses == {"kab-001": (True, True), "kab-002": (False, True),
                            "kab-003": (False, False), "kab-004": (False, False)}


def test_a_client_of_the_save_benchmark_saves_its_cell(small):
    """A verifier of the save unit signs in and saves its TW IV cell; TW III is locked."""
    app, tree = small
    client = app.test_client()
    assert login(client, "v1", national_build.PASSWORD).status_code == 302
    path = f"/{tree.save_unit}/{national_build.YEAR}"
    client.token = csrf_token(client, f"{path}/realisasi")
    with app.app_context():
        iid = _indicators(tree.save_unit)[0].id
    answer = htmx_post(client, f"{path}/realisasi/{iid}/4", {"value": "91", "version": "0"})
    assert 'data-state="saved"' in answer.text
    assert htmx_post(client, f"{path}/realisasi/{iid}/3", {"value": "91"}).status_code == 409
