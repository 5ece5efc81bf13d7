"""The LKE page: checks saved through htmx, live totals, permissions and the submission lock."""
import re

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import LkeCheck, LkeCriterion, LkeSubcomponent, User
from tests.conftest import csrf_token, htmx_post, login

VERIFIER_PASSWORD = "verif-rahasia-123"


def _ids(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(LkeCriterion.id).where(LkeCriterion.code == code))


def _sub_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(LkeSubcomponent.id).where(LkeSubcomponent.code == code))


def _check(client, app, code, value, side="mandiri", **extra):
    return htmx_post(client, f"/barito-selatan/2023/lke/kriteria/{_ids(app, code)}/{side}",
                     {"met": value, **extra})


def _total(html: str, side: str = "mandiri") -> str:
    return re.search(rf'id="lke-total-{side}">([^<]+)<', html).group(1)


@pytest.fixture
def verifier(app, client):
    with app.app_context():
        user = User(username="verif", role="verifier", full_name="Verif")
        user.set_password(VERIFIER_PASSWORD)
        db.session.add(user)
        db.session.commit()
    return app


def test_reports_page_links_to_the_lke(admin):
    page = admin.get("/barito-selatan/2023/laporan").get_data(as_text=True)
    assert 'href="/barito-selatan/2023/lke"' in page


def test_page_lists_the_80_criteria_unchecked_with_a_provisional_grade(admin):
    html = admin.get("/barito-selatan/2023/lke").get_data(as_text=True)
    assert html.count('<tr data-criterion="') == 80
    assert "Terdapat pedoman teknis perencanaan kinerja." in html
    assert _total(html) == "0,00"
    assert 'id="lke-provisional-mandiri"' in html
    assert "80 kriteria penilaian mandiri belum dinilai" in html


def test_a_check_answers_state_and_totals_out_of_band_but_not_the_input(admin, app):
    crit = _ids(app, "1.a.1")
    answer = _check(admin, app, "1.a.1", "1").get_data(as_text=True)
    assert answer.startswith(f'<span id="lke-state-mandiri-{crit}"')
    assert f'id="lke-met-mandiri-{crit}"' not in answer  # the select being used stays
    sub = re.search(r'<div id="lke-sub-(\d+)"[^>]*hx-swap-oob="true"', answer)
    assert int(sub.group(1)) == _sub_id(app, "1.a")
    assert 'id="lke-summary"' in answer and 'hx-swap-oob="true"' in answer
    # 1 of 6 met: D, 30 % of 6 = 1,80
    assert "saran <strong class=\"lke-suggested\">D</strong>" in answer
    assert _total(answer) == "1,80"
    page = admin.get("/barito-selatan/2023/lke").get_data(as_text=True)
    assert _total(page) == "1,80"


def test_all_met_gives_80_bb_and_the_grade_is_no_longer_provisional(admin, app):
    with app.app_context():
        codes = list(db.session.scalars(sa.select(LkeCriterion.code)))
    for code in codes:
        answer = _check(admin, app, code, "1")
        assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert _total(html) == "80,00"
    assert 'id="lke-grade-mandiri">BB (Sangat Baik)' in html
    assert 'id="lke-provisional-mandiri"' not in html
    assert "belum dinilai dan dihitung" not in html


def test_raising_to_a_needs_a_full_share_and_a_reason(admin, app):
    sub = _sub_id(app, "2.a")
    url = f"/barito-selatan/2023/lke/sub/{sub}/mandiri"
    _check(admin, app, "2.a.1", "1")
    answer = htmx_post(admin, url, {"letter": "A", "reason": "dipertahankan"})
    assert "hanya untuk sub-komponen yang seluruh kriterianya terpenuhi" in answer.get_data(
        as_text=True)
    for code in ("2.a.2", "2.a.3"):
        _check(admin, app, code, "1")
    missing = htmx_post(admin, url, {"letter": "A", "reason": " "}).get_data(as_text=True)
    assert "Tuliskan alasan" in missing and _total(missing) == "4,80"  # BB: 80 % of 6
    ok = htmx_post(admin, url, {"letter": "A", "reason": "Dipertahankan sejak 2022"})
    html = ok.get_data(as_text=True)
    assert "dipilih <strong class=\"lke-letter\">A</strong> (Dipertahankan sejak 2022)" in html
    assert "saran <strong class=\"lke-suggested\">BB</strong>" in html
    assert _total(html) == "5,40"  # 90 % of 6
    # A criterion unchecked later: the raise no longer stands, and the page says so.
    html = _check(admin, app, "2.a.3", "0").get_data(as_text=True)
    assert "pilihan A tidak berlaku lagi" in html and _total(html) == "3,60"  # CC: 60 % of 6


def test_note_and_evidence_are_saved_without_touching_the_check(admin, app):
    _check(admin, app, "1.a.2", "0")
    crit = _ids(app, "1.a.2")
    htmx_post(admin, "/barito-selatan"
                     f"/2023/lke/kriteria/{crit}/mandiri", {"note": "RPJP belum ada"})
    with app.app_context():
        check = db.session.scalar(sa.select(LkeCheck).where(LkeCheck.criterion_id == crit))
        assert (check.met, check.note) == (False, "RPJP belum ada")


@pytest.mark.parametrize("who,side,status", [
    ("staf", "mandiri", 200), ("verif", "mandiri", 403), ("staf", "evaluator", 403),
])
def test_who_may_write_which_side(app, client, verifier, who, side, status):
    password = {"staf": "staf-rahasia-123", "verif": VERIFIER_PASSWORD}[who]
    login(client, who, password)
    client.token = csrf_token(client)
    assert _check(client, app, "1.a.1", "1", side=side).status_code == status


def test_anonymous_and_missing_csrf_are_refused(app, client):
    crit = _ids(app, "1.a.1")
    client.token = csrf_token(client, "/masuk")
    anon = htmx_post(client, f"/barito-selatan/2023/lke/kriteria/{crit}/mandiri", {"met": "1"})
    assert anon.status_code == 401 and "masuk" in anon.get_data(as_text=True)
    login(client)
    no_token = client.post(f"/barito-selatan/2023/lke/kriteria/{crit}/mandiri", data={"met": "1"},
                           headers={"HX-Request": "true"})
    assert no_token.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(LkeCheck.id))) == 0


def test_submitted_self_evaluation_is_locked_until_returned(app, client, verifier):
    login(client)
    client.token = csrf_token(client)
    _check(client, app, "1.a.1", "1")
    response = htmx_post(client, "/barito-selatan/2023/lke/ajukan")
    assert response.headers["HX-Redirect"] == "/barito-selatan/2023/lke"
    locked = _check(client, app, "1.a.2", "1")
    assert locked.status_code == 409 and "terkunci" in locked.get_data(as_text=True)
    # The evaluator scores the submitted self-evaluation.
    client.post("/keluar", data={"csrf_token": client.token})
    login(client, "verif", VERIFIER_PASSWORD)
    client.token = csrf_token(client)
    html = _check(client, app, "1.a.1", "0", side="evaluator").get_data(as_text=True)
    assert _total(html, "evaluator") == "0,00" and _total(html) == "1,80"
    sub = _sub_id(app, "1.a")
    noted = htmx_post(client, f"/barito-selatan/2023/lke/sub/{sub}/evaluator",
                      {"note": "Pedoman belum ditetapkan"}).get_data(as_text=True)
    assert "Tersimpan" in noted
    side_by_side = client.get("/barito-selatan/2023/lke").get_data(as_text=True)
    assert 'data-side="mandiri">Penilaian mandiri: terpenuhi <strong>1</strong>' in side_by_side
    assert 'data-side="evaluator">Penilaian evaluator: terpenuhi <strong>0</strong>' in side_by_side
    empty = htmx_post(client, "/barito-selatan/2023/lke/kembalikan", {"comment": ""})
    assert "Tuliskan alasan pengembalian" in empty.get_data(as_text=True)
    back = htmx_post(client, "/barito-selatan"
                             "/2023/lke/kembalikan", {"comment": "Lengkapi bukti 1.a"})
    assert back.headers["HX-Redirect"] == "/barito-selatan/2023/lke"
    assert _check(client, app, "1.a.1", "1", side="evaluator").status_code == 409
    client.post("/keluar", data={"csrf_token": client.token})
    login(client)
    client.token = csrf_token(client)
    assert _check(client, app, "1.a.2", "1").status_code == 200
    page = client.get("/barito-selatan/2023/lke").get_data(as_text=True)
    assert "Lengkapi bukti 1.a" in page
    assert "Catatan evaluator: Pedoman belum ditetapkan" in page


def test_seed_demo_fills_the_2023_self_evaluation_with_a_grade(app, admin):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0 and "LKE" in first.output
    html = admin.get("/barito-selatan/2023/lke").get_data(as_text=True)
    assert _total(html) == "64,60"
    assert 'id="lke-grade-mandiri">B (Baik)' in html
    assert 'id="lke-provisional-mandiri"' not in html
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "LKE" not in second.output


def test_page_is_clean_for_the_unit_and_for_the_evaluator(admin, app):
    from tests.test_html import lint

    _check(admin, app, "1.a.1", "1")
    assert lint(admin.get("/barito-selatan/2023/lke").get_data(as_text=True)) == []
    htmx_post(admin, "/barito-selatan/2023/lke/ajukan")
    html = admin.get("/barito-selatan/2023/lke").get_data(as_text=True)
    assert lint(html) == []
    assert "Kembalikan ke unit" in html and "Ajukan ke evaluator</button>" not in html
