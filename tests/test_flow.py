"""/<tahun>/alur: each step's status follows the data, changed here through HTTP."""
import re
from datetime import datetime

import pytest

from iku_web.extensions import db
from iku_web.models import LkeCriterion
from tests.conftest import csrf_token, htmx_post
from tests.test_realisasi import save

U = "/barito-selatan"
Y = f"{U}/2023"

NO_EVIDENCE_OK = {"without_evidence": "1"}


def step(client, key: str) -> tuple[str, str]:
    """(status, text) of one step of the checklist."""
    html = client.get("/barito-selatan/2023/alur").get_data(as_text=True)
    part = html.split(f'data-step="{key}" data-status="', 1)[1]
    part = part.split('<li class="list-group-item"', 1)[0].split("</ol>", 1)[0]
    status, body = part.split('"', 1)
    return status, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def quarter_row(client, quarter: int) -> list[str]:
    html = client.get("/barito-selatan/2023/alur").get_data(as_text=True)
    row = re.search(rf'<tr data-quarter="{quarter}">(.*?)</tr>', html, re.S).group(1)
    return re.findall(r"<td>([^<]*)</td>", row)


def post_form(client, url: str, data: dict):
    return client.post(url, data={**data, "csrf_token": client.token})


def test_the_checklist_needs_a_login(client):
    response = client.get("/barito-selatan/2023/alur")
    assert response.status_code == 302 and "/masuk" in response.location


def test_iku_step_follows_the_decree_and_the_issued_copy(admin, app):
    status, text = step(admin, "iku")
    assert status == "belum" and "6 indikator" in text
    assert "Nomor dan tanggal keputusan penetapan IKU belum diisi" in text
    assert "IKU belum diterbitkan" in text

    profile = {"institution_name": "KPU Kabupaten Barito Selatan", "duties": "Tugas",
               "function": "Fungsi", "closing_place": "Buntok",
               "iku_decree_number": "12/PL.01-Kpt/6204/2023", "iku_decree_date": "2023-01-16",
               "pk_number": ""}
    assert post_form(admin, "/barito-selatan/2023/profil", profile).status_code == 302
    status, text = step(admin, "iku")
    assert status == "sebagian"
    assert "Keputusan nomor 12/PL.01-Kpt/6204/2023 tanggal 16 Januari 2023" in text

    assert "Diterbitkan: versi 1" in htmx_post(admin, f"{Y}/laporan/iku/terbitkan").text
    status, text = step(admin, "iku")
    assert status == "selesai" and "Terbit versi 1" in text and "belum" not in text

    with app.app_context():
        from iku_web.models import IssuedDocument
        doc_id = db.session.scalar(db.select(IssuedDocument.id))
    post_form(admin, f"{U}/dokumen/{doc_id}/cabut", {f"r{doc_id}-reason": "Salah tanggal"})
    assert step(admin, "iku")[0] == "sebagian"  # a revoked copy is no longer in force


def test_realisasi_step_counts_filled_submitted_and_approved_per_quarter(admin):
    assert step(admin, "realisasi")[0] == "belum"
    assert quarter_row(admin, 1) == ["0/6", "0", "0/6"]

    assert save(admin, "95").status_code == 200
    assert quarter_row(admin, 1) == ["1/6", "0", "0/6"]
    status, text = step(admin, "realisasi")
    assert status == "sebagian" and "TW I: 5 belum diisi, 6 belum disetujui" in text

    assert "Diajukan" in htmx_post(admin, f"{Y}/indikator/1/1/ajukan", NO_EVIDENCE_OK).text
    assert quarter_row(admin, 1) == ["1/6", "1", "0/6"]
    assert "1 menunggu verifikasi" in step(admin, "realisasi")[1]

    assert "Disetujui dan dikunci." in htmx_post(admin, f"{Y}/verifikasi/1/1/setujui").text
    assert quarter_row(admin, 1) == ["1/6", "0", "1/6"]
    assert quarter_row(admin, 2) == ["0/6", "0", "0/6"]


def test_targets_step_names_the_indicators_without_targets(admin):
    status, text = step(admin, "target")
    # The demo keeps the three targets the source document left illegible.
    assert status == "sebagian" and "3 dari 6 indikator bertarget tahunan" in text
    assert "Target belum ditetapkan: indikator 2, 3, 4" in text
    assert "Target triwulan belum lengkap: indikator 1, 5, 6" in text
    response = post_form(admin, "/barito-selatan/2023/indikator/1/target", {
        "target_tw1": "25", "target_tw2": "50", "target_tw3": "75", "target_tw4": "100"})
    assert response.status_code == 302
    assert "Target triwulan belum lengkap: indikator 5, 6" in step(admin, "target")[1]


def test_pengukuran_step_counts_the_issued_quarters(admin):
    assert step(admin, "pengukuran")[0] == "belum"
    assert "Diterbitkan" in htmx_post(admin, f"{Y}/laporan/pengukuran/terbitkan", {"tw": "1"}).text
    status, text = step(admin, "pengukuran")
    assert status == "sebagian" and "s.d. Triwulan I terbit" in text
    assert "Pengukuran s.d. Triwulan II belum diterbitkan" in text


@pytest.mark.parametrize("today, says", [
    (datetime(2024, 2, 20), "29 Februari 2024 (9 hari lagi)"),
    (datetime(2024, 3, 2), "29 Februari 2024 (terlambat 2 hari)")])
def test_lkjip_step_counts_the_days_to_the_end_of_february(admin, app, today, says):
    app.config["CLOCK"] = lambda: today
    status, text = step(admin, "lkjip")
    assert status == "belum" and f"Batas terbit {says}" in text
    assert "0 dari 11 bagian narasi terisi" in text  # five fixed parts and six sasaran
    response = htmx_post(admin, "/barito-selatan/2023/lkjip/teks/penutup",
                         {"text": "Demikian laporan ini.", "version": "0", "base": ""})
    assert response.status_code == 200
    status, text = step(admin, "lkjip")
    assert status == "sebagian" and "1 dari 11 bagian narasi terisi" in text


def test_lke_step_follows_the_self_evaluation(admin, app):
    assert step(admin, "lke")[0] == "belum"
    with app.app_context():
        criterion = db.session.scalar(db.select(LkeCriterion.id).order_by(LkeCriterion.id))
    response = htmx_post(admin, f"{Y}/lke/kriteria/{criterion}/mandiri", {"met": "1"})
    assert response.status_code == 200
    status, text = step(admin, "lke")
    assert status == "sebagian" and "1 dari 80 kriteria dinilai" in text


def test_the_dashboard_shows_the_next_step_and_what_blocks_it(admin):
    html = admin.get("/barito-selatan/2023/dasbor").get_data(as_text=True)
    assert "Langkah berikutnya (1/8): Renstra dan sasaran strategis" in html
    assert "Belum ada Renstra yang periodenya mencakup 2023" in html
    response = post_form(admin, f"{U}/renstra", {"name": "Renstra KPU", "start_year": "2020",
                                             "end_year": "2024", "decree_number": "",
                                             "decree_date": ""})
    assert response.status_code == 302
    assert step(admin, "renstra")[0] == "selesai"
    html = admin.get("/barito-selatan/2023/dasbor").get_data(as_text=True)
    assert "Langkah berikutnya (2/8): IKU ditetapkan dan diterbitkan" in html
    # The quarter switch (htmx) answers the body alone, without the box.
    fragment = admin.get("/barito-selatan/2023/dasbor?tw=2", headers={"HX-Request": "true"}).text
    assert "next-step" not in fragment


def test_visitors_see_no_next_step_on_the_dashboard(client):
    assert "next-step" not in client.get("/barito-selatan/2023/dasbor").get_data(as_text=True)


def test_lkjip_step_is_done_when_the_lkjip_is_issued(admin, app):
    response = htmx_post(admin, "/barito-selatan/2023/lkjip/teks/penutup",
                         {"text": "Demikian laporan ini.", "version": "0", "base": ""})
    assert response.status_code == 200
    assert step(admin, "lkjip")[0] == "sebagian"
    issued = admin.post(f"{Y}/lkjip/terbitkan", data={"csrf_token": csrf_token(admin)})
    assert issued.status_code == 302
    status, text = step(admin, "lkjip")
    assert status == "selesai" and "Terbit versi 1" in text
    assert "LKjIP belum diterbitkan" not in text and "Batas terbit" not in text
