"""The install admin's criteria set screens (docs/lke.md, "Editing a criteria set"): copy a set
to a new version, edit, add and retire criteria of a set no evaluation uses, messages at the
field with nothing saved, a used set read-only, and a year's LKE keeping the set it was made
with. Real HTTP on a migrated SQLite file."""
import re

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import LkeComponent, LkeCriteriaSet, LkeCriterion, LkeSubcomponent
from tests.conftest import csrf_token, htmx_post, login
from tests.test_lke_page import _check

FIRST = "Terdapat pedoman teknis perencanaan kinerja."


def _post(client, url, **data):
    return client.post(url, data={"csrf_token": client.token, **data})


def _criteria(app, set_id: int, sub_code: str) -> list[tuple[str, str]]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(
            sa.select(LkeCriterion.code, LkeCriterion.text).join(LkeSubcomponent)
            .join(LkeComponent).where(LkeComponent.set_id == set_id,
                                      LkeSubcomponent.code == sub_code)
            .order_by(LkeCriterion.position))]


def _ids(app, set_id: int, code: str) -> tuple[int, int]:
    """(criterion id, its sub-component id) of a code in a set."""
    with app.app_context():
        row = db.session.execute(
            sa.select(LkeCriterion.id, LkeCriterion.subcomponent_id).join(LkeSubcomponent)
            .join(LkeComponent).where(LkeComponent.set_id == set_id,
                                      LkeCriterion.code == code)).one()
        return row.id, row.subcomponent_id


def _copy(admin, **data):
    return _post(admin, "/kriteria-lke/1/salin", **data)


def test_copy_edit_add_and_retire_in_a_new_version(admin, app):
    _check(admin, app, "1.a.1", "1")  # Barito Selatan's 2023 LKE is made with set 1
    page = admin.get("/kriteria-lke").get_data(as_text=True)
    assert "88/2021" in page and "1 evaluasi" in page and "dipakai evaluasi baru" in page

    # Bad input: the message at the field, nothing made, what was typed kept.
    empty = _copy(admin, version=" ", name="Adaptasi")
    assert empty.status_code == 422
    html = empty.get_data(as_text=True)
    assert "Versi wajib diisi." in html and 'value="Adaptasi"' in html
    taken = _copy(admin, version="88/2021", name="Lagi").get_data(as_text=True)
    assert "Versi ini sudah ada" in taken
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(LkeCriteriaSet.id))) == 1

    made = _copy(admin, version="2026-uji", name="LKE adaptasi uji")
    assert made.status_code == 302
    with app.app_context():
        new_id = db.session.scalar(sa.select(LkeCriteriaSet.id)
                                   .where(LkeCriteriaSet.version == "2026-uji"))
        assert db.session.scalar(sa.select(sa.func.count(LkeCriterion.id)).join(
            LkeSubcomponent).join(LkeComponent).where(LkeComponent.set_id == new_id)) == 80
    assert made.headers["Location"].endswith(f"/kriteria-lke/{new_id}")
    page = admin.get(f"/kriteria-lke/{new_id}").get_data(as_text=True)
    assert page.count("<textarea") == 80 + 12  # every criterion, and "new" per sub-component

    first, sub = _ids(app, new_id, "1.a.1")
    blank = _post(admin, f"/kriteria-lke/{new_id}/kriteria/{first}", text="  ")
    assert blank.status_code == 422
    assert "Teks kriteria wajib diisi." in blank.get_data(as_text=True)
    assert _criteria(app, new_id, "1.a")[0] == ("1.a.1", FIRST)
    assert _post(admin, f"/kriteria-lke/{new_id}/kriteria/{first}",
                 text="Terdapat pedoman teknis perencanaan kinerja yang ditetapkan.").status_code \
        == 302
    assert _post(admin, f"/kriteria-lke/{new_id}/sub/{sub}/tambah",
                 text="Pedoman diperbarui setiap tahun.").status_code == 302
    second, _sub = _ids(app, new_id, "1.a.2")
    assert _post(admin, f"/kriteria-lke/{new_id}/kriteria/{second}/hapus").status_code == 302
    rows = _criteria(app, new_id, "1.a")
    assert [code for code, _text in rows] == [f"1.a.{n}" for n in range(1, 7)]  # renumbered
    assert rows[0][1].endswith("yang ditetapkan.")
    assert rows[-1] == ("1.a.6", "Pedoman diperbarui setiap tahun.")

    # The year's LKE keeps its set: the page still shows 88/2021's wording and 80 criteria.
    lke = admin.get("/barito-selatan/2023/lke").get_data(as_text=True)
    assert FIRST in lke and lke.count('<tr data-criterion="') == 80
    assert _criteria(app, 1, "1.a")[0] == ("1.a.1", FIRST)


def test_a_used_set_is_read_only(admin, app):
    _check(admin, app, "1.a.1", "1")
    page = admin.get("/kriteria-lke/1").get_data(as_text=True)
    assert 'id="lke-set-readonly"' in page and "<textarea" not in page
    first, sub = _ids(app, 1, "1.a.1")
    refused = _post(admin, f"/kriteria-lke/1/kriteria/{first}", text="Diubah")
    assert refused.status_code == 409
    assert "sudah dipakai oleh 1 evaluasi" in refused.get_data(as_text=True)
    assert _post(admin, f"/kriteria-lke/1/sub/{sub}/tambah", text="Baru").status_code == 409
    assert _post(admin, f"/kriteria-lke/1/kriteria/{first}/hapus").status_code == 409
    assert _criteria(app, 1, "1.a")[0] == ("1.a.1", FIRST) and len(_criteria(app, 1, "1.a")) == 6


def test_the_last_criterion_of_a_sub_component_stays(admin, app):
    assert _copy(admin, version="satu", name="Uji").status_code == 302
    with app.app_context():
        new_id = db.session.scalar(sa.select(LkeCriteriaSet.id)
                                   .where(LkeCriteriaSet.version == "satu"))
    for _n in range(2):  # 4.a has three criteria: two may go
        first, _sub = _ids(app, new_id, "4.a.1")
        assert _post(admin, f"/kriteria-lke/{new_id}/kriteria/{first}/hapus").status_code == 302
    last, _sub = _ids(app, new_id, "4.a.1")
    refused = _post(admin, f"/kriteria-lke/{new_id}/kriteria/{last}/hapus")
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    message = re.search(r'invalid-feedback d-block w-100">([^<]+)<', html).group(1)
    assert message == "Sub-komponen harus memiliki sekurang-kurangnya satu kriteria."
    assert len(_criteria(app, new_id, "4.a")) == 1


def test_only_the_install_admin_and_never_without_csrf(app, client, staff):
    assert staff.get("/kriteria-lke").status_code == 403
    assert _post(staff, "/kriteria-lke/1/salin", version="x", name="x").status_code == 403
    staff.post("/keluar", data={"csrf_token": staff.token})
    login(client)
    client.token = csrf_token(client)
    assert client.post("/kriteria-lke/1/salin", data={"version": "x", "name": "x"}).status_code \
        == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(LkeCriteriaSet.id))) == 1
    settings = client.get("/barito-selatan/pengaturan").get_data(as_text=True)
    assert 'href="/kriteria-lke"' in settings
    assert htmx_post(client, "/kriteria-lke/1/salin", {"version": "x", "name": "Uji"}
                     ).status_code == 302
