"""The national LKE criteria of PermenPAN-RB 88/2021, as the migration seeds them."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import LkeCriteriaSet
from tests.migration_support import app_before, upgrade_to_head

COUNTS = {"1.a": 6, "1.b": 11, "1.c": 8, "2.a": 3, "2.b": 7, "2.c": 10,
          "3.a": 6, "3.b": 9, "3.c": 7, "4.a": 3, "4.b": 5, "4.c": 5}
WEIGHTS = {"1": (30, 6, 9, 15), "2": (30, 6, 9, 15), "3": (15, 3, "4.5", "7.5"),
           "4": (25, 5, "7.5", "12.5")}


@pytest.fixture
def national(app):
    with app.app_context():
        yield db.session.scalar(sa.select(LkeCriteriaSet).where(
            LkeCriteriaSet.version == "88/2021"))


def test_eighty_criteria_counted_per_subcomponent(national):
    counts = {s.code: len(s.criteria) for c in national.components for s in c.subcomponents}
    assert counts == COUNTS
    assert sum(counts.values()) == 80


def test_weights_per_component_and_subcomponent_sum_to_100(national):
    total = Decimal(0)
    for comp in national.components:
        expected = tuple(Decimal(str(w)) for w in WEIGHTS[comp.code])
        subs = comp.subcomponents
        assert (comp.weight, *(s.weight for s in subs)) == expected
        assert [s.kind for s in subs] == ["pemenuhan", "kualitas", "pemanfaatan"]
        # Pemenuhan 20%, Kualitas 30%, Pemanfaatan 50% of the component.
        assert [s.weight / comp.weight for s in subs] == [Decimal("0.2"), Decimal("0.3"),
                                                           Decimal("0.5")]
        assert sum(s.weight for s in subs) == comp.weight
        total += comp.weight
    assert total == 100


def test_criteria_codes_and_national_wording(national):
    crits = {c.code: c.text for comp in national.components for s in comp.subcomponents
             for c in s.criteria}
    assert crits["1.a.1"] == "Terdapat pedoman teknis perencanaan kinerja."
    assert crits["1.b.5"] == ("Ukuran Keberhasilan (Indikator Kinerja) telah memenuhi "
                              "kriteria SMART.")
    assert crits["2.b.1"].startswith("Pimpinan selalu terlibat")
    assert crits["3.b.3"] == ("Dokumen Laporan Kinerja telah menginfokan perbandingan realisasi "
                              "kinerja dengan target tahunan.")
    assert list(crits)[-1] == "4.c.5"


def test_upgrade_from_previous_version_seeds_the_set_and_keeps_years(tmp_path):
    app = app_before(tmp_path, "0009_lke")
    with app.app_context():
        with db.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO year (id, year, institution_name, function, duties,"
                                 " closing_place, iku_decree_number, pk_number) "
                                 "VALUES (1, 2023, 'KPU', 'F', 'T', 'B', '', '')")
        db.engine.dispose()
    upgrade_to_head(app)
    with app.app_context():
        with db.engine.begin() as conn:
            run = conn.exec_driver_sql
            assert run("SELECT year FROM year").scalar() == 2023
            assert run("SELECT count(*) FROM lke_criterion").scalar() == 80
            run("INSERT INTO lke_evaluation (year_id, set_id, status, comment) "
                "VALUES (1, 1, 'draft', '')")
            run("DELETE FROM year WHERE id = 1")
            assert run("SELECT count(*) FROM lke_evaluation").scalar() == 0
        db.engine.dispose()


def test_a_copied_set_is_used_by_new_evaluations_and_old_ones_keep_theirs(app, admin):
    from iku_web.models import LkeCriterion, LkeEvaluation, Year
    from tests.conftest import htmx_post

    first = htmx_post(admin, "/barito-selatan/2023/lke/kriteria/1/mandiri", {"met": "1"})
    assert first.status_code == 200
    runner = app.test_cli_runner()
    result = runner.invoke(args=["lke-copy-criteria", "KPU-2025", "--name", "Adaptasi KPU"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["lke-copy-criteria", "KPU-2025"]).exit_code != 0
    with app.app_context():
        new_set = db.session.scalar(sa.select(LkeCriteriaSet).where(
            LkeCriteriaSet.version == "KPU-2025"))
        assert sum(len(s.criteria) for c in new_set.components for s in c.subcomponents) == 80
        # An admin edits the new version: the 2023 evaluation does not see it.
        copied = db.session.scalars(sa.select(LkeCriterion).where(
            LkeCriterion.code == "1.a.1").order_by(LkeCriterion.id.desc())).first()
        copied.text = "Terdapat pedoman teknis perencanaan kinerja (adaptasi)."
        db.session.add(Year(year=2024, institution_name="KPU", function="", duties="",
                            closing_place="Buntok"))
        db.session.commit()
        old_set = db.session.scalar(sa.select(LkeEvaluation.set_id))
        copied_id, new_set_id = copied.id, new_set.id
    assert old_set != new_set_id
    page_2023 = admin.get("/barito-selatan/2023/lke").get_data(as_text=True)
    assert "(adaptasi)" not in page_2023 and _total_of(page_2023) == "1,80"
    assert "(adaptasi)" in admin.get("/barito-selatan/2024/lke").get_data(as_text=True)
    # A criterion of another set is not part of this year's LKE.
    assert htmx_post(admin, f"/barito-selatan/2023/lke/kriteria/{copied_id}/mandiri",
                     {"met": "1"}).status_code == 404
    assert htmx_post(admin, f"/barito-selatan/2024/lke/kriteria/{copied_id}/mandiri",
                     {"met": "1"}).status_code == 200


def _total_of(html: str) -> str:
    import re

    return re.search(r'id="lke-total-mandiri">([^<]+)<', html).group(1)
