"""The evaluator's recommendations, the unit's tindak lanjut, and next year's LKE showing them."""
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import LkeRecommendation, User, Year
from tests.conftest import csrf_token, htmx_post, login

VERIFIER_PASSWORD = "verif-rahasia-123"


def _as(client, username, password):
    client.post("/keluar", data={"csrf_token": getattr(client, "token", "")})
    login(client, username, password)
    client.token = csrf_token(client)
    return client


def test_recommendation_follow_up_and_next_year(app, client):
    with app.app_context():
        user = User(username="verif", role="verifier", full_name="Verif")
        user.set_password(VERIFIER_PASSWORD)
        db.session.add(user)
        db.session.add(Year(year=2024, institution_name="KPU", function="", duties="",
                            closing_place="Buntok"))
        db.session.commit()
    staff = _as(client, "staf", "staf-rahasia-123")
    assert htmx_post(staff, "/barito-selatan/2023/lke/ajukan").status_code == 204
    assert htmx_post(staff, "/barito-selatan"
                            "/2023/lke/rekomendasi", {"text": "x"}).status_code == 403
    verifier = _as(client, "verif", VERIFIER_PASSWORD)
    empty = htmx_post(verifier, "/barito-selatan"
                                "/2023/lke/rekomendasi", {"text": " "}).get_data(as_text=True)
    assert "Tuliskan isi rekomendasi" in empty
    added = htmx_post(verifier, "/barito-selatan/2023/lke/rekomendasi",
                      {"text": "Tetapkan pedoman teknis pengukuran kinerja"})
    assert added.headers["HX-Redirect"].startswith("/barito-selatan/2023/lke")
    with app.app_context():
        rec_id = db.session.scalar(sa.select(LkeRecommendation.id))
    staff = _as(client, "staf", "staf-rahasia-123")
    url = f"/barito-selatan/2023/lke/rekomendasi/{rec_id}/tindak-lanjut"
    bad = htmx_post(staff, url, {"follow_up": "Draf pedoman", "due": "31-03-2024",
                                 "status": "proses"}).get_data(as_text=True)
    assert "Tanggal tidak valid" in bad
    with app.app_context():
        assert db.session.get(LkeRecommendation, rec_id).status == "belum"  # nothing saved
    ok = htmx_post(staff, url, {"follow_up": "Pedoman ditetapkan", "due": "2024-03-31",
                                "status": "selesai"}).get_data(as_text=True)
    assert "Tersimpan: Selesai" in ok
    # Next year's LKE shows last year's recommendation with its follow-up status, and the
    # follow-up can be reported from there.
    html = staff.get("/barito-selatan/2024/lke").get_data(as_text=True)
    assert "Rekomendasi LKE TA 2023 dan tindak lanjutnya" in html
    assert "Tetapkan pedoman teknis pengukuran kinerja" in html
    assert 'value="Pedoman ditetapkan"' in html and 'value="2024-03-31"' in html
    assert htmx_post(staff, f"/barito-selatan/2024/lke/rekomendasi/{rec_id}/tindak-lanjut",
                     {"follow_up": "Pedoman ditetapkan", "status": "selesai"}).status_code == 200
    # ... and the follow-up is IKU Web's evidence for 4.c.1 of the new year.
    assert "1 dari 1 rekomendasi LKE TA 2023 selesai ditindaklanjuti." in html
