"""The admin screens of the chain through HTTP: sasaran, Renstra, typed earlier years."""
from decimal import Decimal

import sqlalchemy as sa

from iku_web import chain
from iku_web.extensions import db
from iku_web.models import Indicator, PastRealisasi, Renstra, Sasaran, Year


def year_of(number: int) -> Year:
    return db.session.scalar(sa.select(Year).where(Year.year == number))


def sasaran_ids(app, year=2023) -> list[int]:
    with app.app_context():
        return [s.id for s in year_of(year).sasaran]


def test_add_rename_reorder_and_delete_a_sasaran(admin, app):
    token = admin.token
    response = admin.post("/barito-selatan/2023/sasaran", data={"name": "", "csrf_token": token})
    assert response.status_code == 200 and "Teks sasaran wajib diisi." in response.text
    response = admin.post("/barito-selatan"
                          "/2023/sasaran", data={"name": "Meningkatnya partisipasi pemilih",
                                                 "csrf_token": token})
    assert response.status_code == 302
    ids = sasaran_ids(app)
    new = ids[-1]
    assert len(ids) == 7
    page = admin.get("/barito-selatan/2023/sasaran").text
    assert "Meningkatnya partisipasi pemilih" in page and "menghalangi pencetakan" in page
    admin.post("/barito-selatan"
               f"/2023/sasaran/{new}/ubah", data={"ubah-name": "Meningkatnya partisipasi",
                                                   "csrf_token": token})
    admin.post(f"/barito-selatan/2023/sasaran/{new}/naik", data={"csrf_token": token})
    with app.app_context():
        year = year_of(2023)
        assert [s.id for s in year.sasaran][5] == new
        assert db.session.get(Sasaran, new).name == "Meningkatnya partisipasi"
        # the flat order still follows the sasaran order
        assert [i.position for i in year.indicators] == [1, 2, 3, 4, 5, 6]
    # A sasaran with indicators cannot be deleted; an empty one can.
    admin.post(f"/barito-selatan/2023/sasaran/{ids[0]}/hapus", data={"csrf_token": token})
    assert len(sasaran_ids(app)) == 7
    assert "tidak dapat dihapus" in admin.get("/barito-selatan/2023/sasaran").text
    admin.post(f"/barito-selatan/2023/sasaran/{new}/hapus", data={"csrf_token": token})
    assert new not in sasaran_ids(app)


def test_pk_is_refused_while_a_sasaran_has_no_indicator(admin, app, client):
    admin.post("/barito-selatan/2023/sasaran", data={"name": "Sasaran tanpa indikator",
                                      "csrf_token": admin.token})
    for ext in ("pdf", "html"):
        response = client.get(f"/barito-selatan/2023/laporan/pk.{ext}")
        assert response.status_code == 409
        assert "Sasaran tanpa indikator" in response.text
        assert "belum memiliki indikator" in response.text
        assert 'href="/barito-selatan/2023/sasaran"' in response.text
    assert client.get("/barito-selatan/2023/laporan/pengukuran.pdf").status_code == 200
    assert client.get("/barito-selatan/2023/laporan/iku.pdf").status_code == 200


def test_move_an_indicator_to_another_sasaran(admin, app):
    ids = sasaran_ids(app)
    with app.app_context():
        moved = year_of(2023).indicators[4].id
    response = admin.post(f"/barito-selatan/2023/sasaran/indikator/{moved}/pindah",
                          data={"sasaran_id": ids[0], "csrf_token": admin.token})
    assert response.status_code == 302
    with app.app_context():
        year = year_of(2023)
        indicator = db.session.get(Indicator, moved)
        assert indicator.sasaran_id == ids[0] and indicator.position == 2
        assert len(chain.empty_sasaran(year)) == 1
    # The register and the realisasi table show the sasaran heading of the group of two.
    register = admin.get("/barito-selatan/2023/iku").text
    assert "Sasaran 1: Terwujudnya Penyelenggaraan Pemilu sesuai jadwal" in register
    assert "Sasaran 1: Terwujudnya" in admin.get("/barito-selatan/2023/realisasi").text
    # another year's sasaran is refused
    response = admin.post(f"/barito-selatan/2023/sasaran/indikator/{moved}/pindah",
                          data={"sasaran_id": 99999, "csrf_token": admin.token})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Indicator, moved).sasaran_id == ids[0]


def test_staff_cannot_manage_sasaran(staff):
    assert staff.get("/barito-selatan/2023/sasaran").status_code == 403
    assert staff.post("/barito-selatan/2023/sasaran", data={"name": "x", "csrf_token": staff.token}
                      ).status_code == 403


def test_renstra_with_targets_per_year_and_end_target(admin, app):
    token = admin.token
    response = admin.post("/barito-selatan"
                          "/renstra", data={"name": "Renstra 2020-2024", "start_year": "2024",
                                            "end_year": "2020", "csrf_token": token})
    assert "Tahun akhir tidak boleh sebelum tahun awal." in response.text
    response = admin.post("/barito-selatan/renstra", data={
        "name": "Renstra 2020-2024", "start_year": "2020", "end_year": "2024",
        "decree_number": "15/2020", "decree_date": "2020-06-01", "csrf_token": token})
    assert response.status_code == 302
    with app.app_context():
        renstra_id = db.session.scalar(sa.select(Renstra.id))
        first = year_of(2023).indicators[0].id
    response = admin.post(f"/barito-selatan/renstra/{renstra_id}/indikator", data={
        "ind-name": "Persentase Pemilu sesuai jadwal", "ind-satuan": "%",
        "ind-end_value": "100", "ind-indicator_id": str(first), "csrf_token": token})
    assert response.status_code == 302, response.text
    with app.app_context():
        ri = db.session.get(Renstra, renstra_id).indicators[0]
        assert db.session.get(Indicator, first).renstra_indicator_id == ri.id
        ri_id = ri.id
    bad = admin.post(f"/barito-selatan/renstra/{renstra_id}/target", data={
        f"t-{ri_id}-2024": "9x", f"t-{ri_id}-akhir": "100", "csrf_token": token})
    assert "Bukan angka yang valid" in bad.text and 'value="9x"' in bad.text
    admin.post(f"/barito-selatan/renstra/{renstra_id}/target", data={
        f"t-{ri_id}-2023": "92,5", f"t-{ri_id}-2024": "95", f"t-{ri_id}-akhir": "100",
        "csrf_token": token})
    with app.app_context():
        ri = db.session.get(Renstra, renstra_id).indicators[0]
        assert [(t.year, t.value) for t in ri.targets] == [
            (2023, Decimal("92.5")), (2024, Decimal(95))]
        assert ri.end_value == Decimal(100)
        source = year_of(2023).id
    admin.post("/barito-selatan"
               "/tahun", data={"year": "2024", "source": source, "csrf_token": token})
    with app.app_context():
        assert year_of(2024).indicators[0].target_value == Decimal(95)
    page = admin.get(f"/barito-selatan/renstra/{renstra_id}").text
    assert 'value="92,5"' in page and "1 indikator" in page


def test_type_an_earlier_year_with_its_source(admin, app):
    with app.app_context():
        iid = year_of(2023).indicators[0].id
    url = f"/barito-selatan/2023/iku/{iid}/tahun-lalu"
    token = admin.token
    response = admin.post(url, data={"year": "2021", "value": "80", "source": "",
                                     "csrf_token": token})
    assert "Sebutkan sumbernya" in response.text
    response = admin.post(url, data={"year": "2024", "value": "80", "source": "x",
                                     "csrf_token": token})
    assert "Hanya tahun sebelum 2023." in response.text
    response = admin.post(url, data={"year": "2022", "value": "85,5", "target_value": "90",
                                     "source": "LKjIP 2022 hlm. 7", "csrf_token": token})
    assert response.status_code == 302
    page = admin.get(url).text
    assert "85,5%" in page and "95%" in page and "diketik: LKjIP 2022 hlm. 7" in page
    with app.app_context():
        past_id = db.session.scalar(sa.select(PastRealisasi.id))
    admin.post(f"{url}/{past_id}/hapus", data={"csrf_token": token})
    assert "Belum ada data tahun sebelumnya." in admin.get(url).text


def test_register_form_chooses_the_sasaran(admin, app):
    from tests.conftest import htmx_post

    ids = sasaran_ids(app)
    page = admin.get("/barito-selatan/2023/iku/baru").text
    assert "(sasaran baru, sama dengan nama indikator)" in page
    base = {"name": "Persentase TPS dengan logistik lengkap", "formula": "", "target_kind":
            "percent", "target_value": "100", "target_unit": "%", "polarity": "higher",
            "aggregation": "nilai_akhir", "data_source": "", "pic_unit": "", "pic_user_id": "0",
            "target_grade": "", "csrf_token": admin.token}
    response = admin.post("/barito-selatan/2023/iku/baru", data={**base, "sasaran_id": str(ids[1]),
                                                  "national_standard": "95"})
    assert response.status_code == 302
    with app.app_context():
        year = year_of(2023)
        new = next(i for i in year.indicators if i.name.startswith("Persentase TPS"))
        assert new.sasaran_id == ids[1] and new.position == 3
        assert new.national_standard == Decimal(95)
        assert [i.position for i in year.indicators] == list(range(1, 8))
        new_id = new.id
    # editing in the register moves it back to its own new sasaran; the page reloads
    response = htmx_post(admin, f"/barito-selatan/2023/iku/{new_id}", {**base, "sasaran_id": "0"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/barito-selatan/2023/iku"
    with app.app_context():
        moved = db.session.get(Indicator, new_id)
        assert moved.sasaran.name == moved.name and moved.position == 7
        assert len(year_of(2023).sasaran) == 7
