"""The install admin adds, renames, moves and retires units; a unit with data is never
deleted; codes are checked at the field."""
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Unit, Year
from tests.units_support import build_tree, signed_in

NEW = {"name": "KPU Kabupaten Seruyan", "code": "seruyan", "kind": "kabupaten", "parent": "2",
       "place": "Kuala Pembuang"}


def _unit(app, code):
    with app.app_context():
        return db.session.scalar(sa.select(Unit).where(Unit.code == code))


def test_the_install_admin_adds_a_unit_under_the_province(app):
    build_tree(app)
    client = signed_in(app, "admin.kalteng")
    response = client.post("/unit/baru", data={**NEW, "csrf_token": client.token})
    assert response.status_code == 302
    unit = _unit(app, "seruyan")
    assert (unit.name, unit.parent_id, unit.place, unit.retired) == (
        "KPU Kabupaten Seruyan", 2, "Kuala Pembuang", False)
    assert 'data-unit="seruyan"' in client.get("/unit").text


def test_codes_are_checked_at_the_field(app):
    build_tree(app)
    client = signed_in(app, "admin.kalteng")
    for code, message in (("kapuas", "Kode sudah dipakai"), ("cek", "dipakai aplikasi"),
                          ("2023", "tidak boleh angka saja"), ("Ka puas", "Hanya huruf kecil")):
        page = client.post("/unit/baru", data={**NEW, "code": code, "csrf_token": client.token})
        assert page.status_code == 200 and message in page.text, code
    assert _unit(app, "seruyan") is None


def test_moving_and_renaming_keep_the_data(app):
    build_tree(app)
    client = signed_in(app, "admin.kalteng")
    data = {**NEW, "name": "KPU Kab. Kapuas", "code": "kapuas", "parent": "1",
            "csrf_token": client.token}
    assert client.post("/unit/kapuas/ubah", data=data).status_code == 302
    kapuas = _unit(app, "kapuas")
    assert (kapuas.name, kapuas.parent_id) == ("KPU Kab. Kapuas", 1)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Year.id)).where(
            Year.unit_id == kapuas.id)) == 1
    assert client.get("/kapuas/2023/iku").status_code == 200
    # Barito Selatan now reads Kapuas, below it
    assert signed_in(app, "viewer.barito-selatan").get("/kapuas/2023/iku").status_code == 200


def test_a_unit_cannot_be_put_below_itself(app):
    build_tree(app)
    client = signed_in(app, "admin.kalteng")
    page = client.post("/unit/kalteng/ubah", data={**NEW, "code": "kalteng", "parent": "3",
                                                   "csrf_token": client.token})
    assert page.status_code == 200 and "Pilihan tidak valid." in page.text
    assert _unit(app, "kalteng").parent_id is None


def test_a_retired_unit_is_read_only(app):
    tree = build_tree(app)
    client = signed_in(app, "admin.kalteng")
    data = {**NEW, "name": "KPU Kabupaten Kapuas", "code": "kapuas", "retired": "y",
            "csrf_token": client.token}
    assert client.post("/unit/kapuas/ubah", data=data).status_code == 302
    staff = signed_in(app, "staff.kapuas")
    assert staff.get("/kapuas/2023/realisasi").status_code == 200
    response = staff.post(f"/kapuas/2023/realisasi/{tree.kapuas_indicator}/1",
                          data={"value": "50", "version": "0"},
                          headers={"HX-Request": "true", "X-CSRFToken": staff.token})
    assert response.status_code == 403


def test_a_unit_with_data_is_never_deleted_an_empty_one_is(app):
    build_tree(app)
    client = signed_in(app, "admin.kalteng")
    response = client.post("/unit/kapuas/hapus", data={"csrf_token": client.token},
                           follow_redirects=True)
    assert "tidak dapat dihapus" in response.text and _unit(app, "kapuas") is not None
    client.post("/unit/baru", data={**NEW, "csrf_token": client.token})
    assert client.post("/unit/seruyan/hapus", data={"csrf_token": client.token}).status_code == 302
    assert _unit(app, "seruyan") is None


def test_only_the_install_admin_manages_units(app):
    build_tree(app)
    client = signed_in(app, "admin.kapuas")
    assert client.get("/unit/baru").status_code == 403
    assert client.post("/unit/kapuas/hapus", data={"csrf_token": client.token}).status_code == 403
