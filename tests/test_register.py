"""The IKU register through HTTP: landing, years, edit in place, add, delete, reorder, profile."""
from decimal import Decimal

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, Indicator, Realisasi, Year
from tests.conftest import htmx_post

FIELDS = {
    "name": "Indikator uji", "formula": "Rumus uji", "target_kind": "percent",
    "target_value": "95,5", "target_upper": "", "target_grade": "", "target_unit": "%",
    "polarity": "higher", "aggregation": "nilai_akhir", "data_source": "Sumber uji",
    "pic_unit": "Subbagian Perencanaan", "pic_user_id": "0",
    "target_tw1": "25", "target_tw2": "50", "target_tw3": "75", "target_tw4": "95,5",
}


def names(app, year=2023):
    with app.app_context():
        return list(db.session.scalars(
            sa.select(Indicator.name).join(Year).where(Year.year == year)
            .order_by(Indicator.position)))


def snapshot(app, indicator_id=1):
    with app.app_context():
        ind = db.session.get(Indicator, indicator_id)
        return {c.key: getattr(ind, c.key) for c in Indicator.__table__.columns}


def test_home_lands_on_most_recent_year_with_data(client, app):
    with app.app_context():
        db.session.add(Year(year=2030))  # a newer year without indicators
        db.session.commit()
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/barito-selatan/2023/iku"


def test_unknown_year_is_404_in_indonesian(client):
    response = client.get("/barito-selatan/1999/iku")
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.text


def test_new_year_copies_indicators_and_profile_but_not_realisasi(admin, app):
    with app.app_context():
        db.session.add(Realisasi(indicator_id=1, quarter=1, value=Decimal(80)))
        ind = db.session.get(Indicator, 1)
        ind.target_tw1 = Decimal(25)
        db.session.commit()
        source_id = db.session.scalar(sa.select(Year.id).where(Year.year == 2023))
    response = admin.post("/barito-selatan/tahun", data={"year": "2024", "source": source_id,
                                          "csrf_token": admin.token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/barito-selatan/2024/iku"
    assert names(app, 2024) == names(app, 2023)
    with app.app_context():
        new = db.session.scalar(sa.select(Year).where(Year.year == 2024))
        assert new.institution_name == "Komisi Pemilihan Umum Kabupaten Barito Selatan"
        assert new.closing_place == "Buntok" and len(new.duty_list) == 5
        first = new.indicators[0]
        assert (first.target_value, first.target_tw1) == (Decimal(100), Decimal(25))
        assert [i.target_kind for i in new.indicators] == [
            "percent", "none", "none", "none", "percent", "percent"]
        copied = [i.id for i in new.indicators]
        assert db.session.scalar(sa.select(sa.func.count(Realisasi.id))
                                 .where(Realisasi.indicator_id.in_(copied))) == 0
    page = admin.get("/barito-selatan/2024/iku").text
    assert '<option value="2024" selected>TA 2024</option>' in page
    assert '<option value="2023" >TA 2023</option>' in page


def test_new_year_refuses_an_existing_year(admin, app):
    response = admin.post("/barito-selatan/tahun", data={"year": "2023", "source": "0",
                                          "csrf_token": admin.token})
    assert response.status_code == 200 and "Tahun 2023 sudah ada." in response.text


def test_new_year_rejects_text_in_indonesian(admin):
    response = admin.post("/barito-selatan/tahun", data={"year": "dua ribu", "source": "0",
                                          "csrf_token": admin.token})
    assert response.status_code == 200 and "Isi tahun, misalnya 2025." in response.text


def test_edit_form_is_returned_for_htmx(admin):
    response = admin.get("/barito-selatan/2023/iku/1/ubah", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<tr id="indicator-1"')
    assert 'value="100"' in response.text  # the current target, formatted the Indonesian way


def test_edit_in_place_saves_and_returns_the_row(admin, app):
    response = htmx_post(admin, "/barito-selatan/2023/iku/2", FIELDS)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<tr id="indicator-2"')
    assert "95,5%" in response.text and "Indikator uji" in response.text
    state = snapshot(app, 2)
    assert state["target_value"] == Decimal("95.5") and state["target_kind"] == "percent"
    assert [state[f"target_tw{q}"] for q in range(1, 5)] == [
        Decimal(25), Decimal(50), Decimal(75), Decimal("95.5")]
    with app.app_context():
        log = db.session.scalars(sa.select(ChangeLog)).all()
        # One entry per changed field, each with its old and new value.
        assert {(entry.entity, entry.indicator_id) for entry in log} == {("indicator", 2)}
        fields = {entry.field: (entry.old_value, entry.new_value) for entry in log}
        assert fields["target"] == ("belum ditetapkan", "95,5%")
        assert fields["target_tw4"] == (None, "95,5")
        assert "name" in fields


def test_invalid_edit_shows_messages_and_changes_nothing(admin, app):
    before = snapshot(app, 1)
    bad = {**FIELDS, "name": "", "target_value": "abc", "target_tw2": "-5"}
    response = htmx_post(admin, "/barito-selatan/2023/iku/1", bad)
    assert response.status_code == 200
    assert "Wajib diisi." in response.text
    assert "Bukan angka yang valid" in response.text
    assert "Nilai tidak boleh kurang dari 0." in response.text
    assert 'value="abc"' in response.text  # what was typed stays in the field
    assert snapshot(app, 1) == before


def test_range_target_needs_ordered_bounds(admin, app):
    before = snapshot(app, 1)
    bad = {**FIELDS, "target_kind": "range", "target_value": "90", "target_upper": "80"}
    response = htmx_post(admin, "/barito-selatan/2023/iku/1", bad)
    assert "Batas atas harus lebih besar dari batas bawah." in response.text
    assert snapshot(app, 1) == before
    good = {**FIELDS, "target_kind": "range", "target_value": "80", "target_upper": "90"}
    assert "80-90%" in htmx_post(admin, "/barito-selatan/2023/iku/1", good).text


def test_grade_target_needs_a_grade_and_prints_minimal(admin, app):
    assert "Pilih nilai minimal." in htmx_post(
        admin, "/barito-selatan/2023/iku/5", {**FIELDS, "target_kind": "grade"}).text
    response = htmx_post(admin, "/barito-selatan/2023/iku/5", {**FIELDS, "target_kind": "grade",
                                                "target_grade": "B"})
    assert "minimal B" in response.text
    state = snapshot(app, 5)
    assert (state["target_grade"], state["target_value"]) == ("B", None)


def test_indicator_without_target_reads_belum_ditetapkan(client):
    html = client.get("/barito-selatan/2023/iku").text
    assert html.count("belum ditetapkan") == 3


def test_add_indicator_appends_with_next_number(admin, app):
    response = admin.post("/barito-selatan"
                          "/2023/iku/baru", data={**FIELDS, "csrf_token": admin.token})
    assert response.status_code == 302
    assert names(app)[-1] == "Indikator uji" and len(names(app)) == 7
    assert 'data-number="7"' in admin.get("/barito-selatan/2023/iku").text


def test_add_indicator_with_errors_saves_nothing(admin, app):
    response = admin.post("/barito-selatan/2023/iku/baru", data={**FIELDS, "name": "  ",
                                                  "csrf_token": admin.token})
    assert response.status_code == 200 and "Wajib diisi." in response.text
    assert len(names(app)) == 6


def test_delete_renumbers_the_rest(admin, app):
    original = names(app)
    response = htmx_post(admin, "/barito-selatan/2023/iku/2/hapus")
    assert response.status_code == 200 and 'id="iku-table"' in response.text
    assert names(app) == [original[0]] + original[2:]
    with app.app_context():
        positions = db.session.scalars(sa.select(Indicator.position).order_by(Indicator.position))
        assert list(positions) == [1, 2, 3, 4, 5]
    assert 'data-number="5"' in response.text and 'data-number="6"' not in response.text


def test_delete_button_asks_for_confirmation(admin):
    assert 'hx-confirm="Hapus indikator 1?' in admin.get("/barito-selatan/2023/iku").text


def test_reorder_moves_up_and_down(admin, app):
    original = names(app)
    htmx_post(admin, "/barito-selatan/2023/iku/3/naik")
    assert names(app)[:3] == [original[0], original[2], original[1]]
    htmx_post(admin, "/barito-selatan/2023/iku/3/turun")
    assert names(app) == original
    htmx_post(admin, "/barito-selatan/2023/iku/1/naik")  # already first: nothing moves
    assert names(app) == original


def test_indicator_of_another_year_is_404(admin, app):
    with app.app_context():
        db.session.add(Year(year=2024))
        db.session.commit()
    assert htmx_post(admin, "/barito-selatan/2024/iku/1", FIELDS).status_code == 404


def test_profile_edit_is_shown_on_the_register(admin, app):
    page = admin.get("/barito-selatan/2023/profil").text
    assert "Komisi Pemilihan Umum Kabupaten Barito Selatan" in page
    response = admin.post("/barito-selatan/2023/profil", data={
        "institution_name": "KPU Kabupaten Uji", "duties": "Tugas satu\n\nTugas dua\n",
        "function": "Fungsi uji", "closing_place": "Palangka Raya", "csrf_token": admin.token})
    assert response.status_code == 302
    html = admin.get("/barito-selatan/2023/iku").text
    assert "KPU Kabupaten Uji" in html and "<li>Tugas satu</li><li>Tugas dua</li>" in html
    with app.app_context():
        assert db.session.scalar(sa.select(Year.closing_place)) == "Palangka Raya"


def test_profile_requires_name_and_place(admin, app):
    response = admin.post("/barito-selatan/2023/profil", data={
        "institution_name": "", "duties": "", "function": "", "closing_place": "",
        "csrf_token": admin.token})
    assert "Nama lembaga wajib diisi." in response.text
    assert "Tempat wajib diisi" in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(Year.closing_place)) == "Buntok"


def test_anonymous_sees_no_edit_buttons(client):
    html = client.get("/barito-selatan/2023/iku").text
    assert "Ubah indikator" not in html and "Tambah indikator" not in html


def test_staff_cannot_edit_the_register(staff, app):
    before = snapshot(app, 1)
    assert htmx_post(staff, "/barito-selatan/2023/iku/1", FIELDS).status_code == 403
    assert snapshot(app, 1) == before
