"""Renstra indicators can be edited, unlinked and deleted (with a second confirmation naming
what goes with them), and the Renstra is reachable from Pengaturan and the menu."""
from decimal import Decimal

import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, Indicator, Renstra, RenstraIndicator, RenstraTarget, Year


def make_renstra(app) -> tuple[int, int, int, int]:
    """A Renstra 2020-2024 with two indicators; the first has targets and is linked to the
    first indicator of 2023."""
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        first, second = year.indicators[0], year.indicators[1]
        renstra = Renstra(name="Renstra 2020-2024", start_year=2020, end_year=2024)
        linked = RenstraIndicator(name="Persentase Pemilu sesuai jadwal", satuan="%",
                                  end_value=Decimal(100), position=1)
        linked.targets = [RenstraTarget(year=2023, value=Decimal(95)),
                          RenstraTarget(year=2024, value=Decimal(100))]
        bare = RenstraIndicator(name="Indikator tanpa target", position=2)
        renstra.indicators = [linked, bare]
        db.session.add(renstra)
        db.session.flush()
        first.renstra_indicator_id = linked.id
        db.session.commit()
        return renstra.id, linked.id, bare.id, second.id


def test_renstra_is_linked_from_pengaturan(admin):
    page = admin.get("/barito-selatan/pengaturan").text
    assert 'href="/barito-selatan/renstra"' in page[page.index('id="settings-links"'):]
    renstra = admin.get("/barito-selatan/renstra").text
    assert 'aria-current="page">Renstra' in renstra  # Perencanaan > Renstra in the menu


def test_edit_a_renstra_indicator_and_link_one_more(admin, app):
    renstra_id, ri_id, _bare, second = make_renstra(app)
    page = admin.get(f"/barito-selatan/renstra/{renstra_id}").text
    assert f'href="/barito-selatan/renstra/{renstra_id}/indikator/{ri_id}/ubah#ri-edit"' in page
    form = admin.get(f"/barito-selatan/renstra/{renstra_id}/indikator/{ri_id}/ubah").text
    assert "\nPersentase Pemilu sesuai jadwal</textarea>" in form
    assert 'id="ubah-end_value"' in form and 'value="100"' in form
    url = f"/barito-selatan/renstra/{renstra_id}/indikator/{ri_id}/ubah"
    bad = admin.post(url, data={"ubah-name": "", "ubah-satuan": "%", "ubah-end_value": "1x",
                                "ubah-indicator_id": "0", "csrf_token": admin.token})
    assert bad.status_code == 200 and "Nama indikator wajib diisi." in bad.text
    response = admin.post(url, data={
        "ubah-name": "Persentase tahapan sesuai jadwal", "ubah-satuan": "persen",
        "ubah-end_value": "98,5", "ubah-end_grade": "", "ubah-indicator_id": str(second),
        "csrf_token": admin.token})
    assert response.status_code == 302
    with app.app_context():
        ri = db.session.get(RenstraIndicator, ri_id)
        assert (ri.name, ri.satuan, ri.end_value) == ("Persentase tahapan sesuai jadwal",
                                                      "persen", Decimal("98.5"))
        assert len(ri.targets) == 2  # targets untouched by the edit
        linked = db.session.scalars(sa.select(Indicator.id).where(
            Indicator.renstra_indicator_id == ri_id)).all()
        assert second in linked and len(linked) == 2  # the old link stays


def test_unlink_keeps_the_indicators_and_their_targets(admin, app):
    renstra_id, ri_id, _bare, _second = make_renstra(app)
    page = admin.get(f"/barito-selatan/renstra/{renstra_id}").text
    assert f'form="ri-unlink-{ri_id}"' in page and "Lepaskan 1 indikator IKU" in page
    response = admin.post(f"/barito-selatan/renstra/{renstra_id}/indikator/{ri_id}/lepas",
                          data={"csrf_token": admin.token}, follow_redirects=True)
    assert "1 indikator IKU dilepas" in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Indicator.id)).where(
            Indicator.renstra_indicator_id == ri_id)) == 0
        assert db.session.scalar(sa.select(sa.func.count(Indicator.id))) == 6
        assert len(db.session.get(RenstraIndicator, ri_id).targets) == 2
    assert admin.post(f"/barito-selatan/renstra/{renstra_id}/indikator/{ri_id}/lepas",
                      data={}).status_code == 400  # no CSRF token


def test_delete_asks_again_when_targets_or_links_go_with_it(admin, app):
    renstra_id, ri_id, bare, _second = make_renstra(app)
    url = f"/barito-selatan/renstra/{renstra_id}/indikator/{ri_id}/hapus"
    first = admin.post(url, data={"csrf_token": admin.token})
    assert first.status_code == 200 and 'id="ri-delete-confirm"' in first.text
    assert "2 target tahunan, target akhir periode, hubungan dengan 1 indikator IKU" in \
        first.text
    with app.app_context():
        assert db.session.get(RenstraIndicator, ri_id) is not None  # nothing deleted yet
    response = admin.post(url, data={"csrf_token": admin.token, "konfirmasi": "hapus"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(RenstraIndicator, ri_id) is None
        assert db.session.scalar(sa.select(sa.func.count(RenstraTarget.id))) == 0
        assert db.session.scalar(sa.select(sa.func.count(Indicator.id))) == 6
        assert db.session.get(RenstraIndicator, bare).position == 1
        assert db.session.scalar(sa.select(ChangeLog.old_value).where(
            ChangeLog.entity == "renstra_indicator", ChangeLog.field == "delete")) == \
            "Persentase Pemilu sesuai jadwal"
    # one without targets or links goes at once
    assert admin.post(f"/barito-selatan/renstra/{renstra_id}/indikator/{bare}/hapus",
                      data={"csrf_token": admin.token}).status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RenstraIndicator.id))) == 0


def test_staff_cannot_change_renstra_indicators(staff, app):
    renstra_id, ri_id, _bare, _second = make_renstra(app)
    for action in ("ubah", "lepas", "hapus"):
        assert staff.post(f"/barito-selatan/renstra/{renstra_id}/indikator/{ri_id}/{action}",
                          data={"csrf_token": staff.token}).status_code == 403
    with app.app_context():
        assert db.session.get(RenstraIndicator, ri_id) is not None
