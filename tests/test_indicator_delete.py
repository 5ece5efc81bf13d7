"""Deleting an indicator: counts of what is lost, a second confirmation, files removed after
the commit, and a snapshot in the change log."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ChangeLog, Evidence, Indicator, Realisasi, Review
from tests import evidence_samples as samples
from tests.conftest import htmx_post
from tests.evidence_samples import files_on_disk, upload


def indicator_ids(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Indicator.id).order_by(Indicator.position)))


@pytest.fixture
def filled(app, admin):
    """Indicator 1 with realisasi in two quarters, a note, a review and two evidence files."""
    with app.app_context():
        db.session.add_all([
            Realisasi(indicator_id=1, quarter=1, value=Decimal("75"), obstacles="Hujan deras"),
            Realisasi(indicator_id=1, quarter=2, value=Decimal("98.5")),
            Review(indicator_id=1, quarter=1, status="submitted"),
        ])
        db.session.commit()
    for name, make in (("sk.pdf", samples.pdf), ("foto.png", samples.png)):
        assert "berhasil diunggah" in upload(admin, 1, [(make(), name)]).text
    assert len([f for f in files_on_disk(app) if not f.startswith(".")]) == 2
    return admin


def test_delete_with_data_says_what_is_lost_and_deletes_nothing(app, filled):
    response = htmx_post(filled, "/barito-selatan/2023/iku/1/hapus")
    assert response.status_code == 200
    text = " ".join(response.text.split())
    assert "2 realisasi triwulan" in text and "2 berkas bukti dukung" in text
    assert "1 catatan" in text and "1 verifikasi" in text
    assert 'name="konfirmasi"' in response.text
    assert 1 in indicator_ids(app)
    assert len(files_on_disk(app)) == 2


def test_confirmed_delete_removes_rows_and_then_files_and_keeps_a_snapshot(app, filled):
    response = htmx_post(filled, "/barito-selatan/2023/iku/1/hapus", {"konfirmasi": "hapus"})
    assert response.status_code == 200 and 'id="iku-table"' in response.text
    assert response.headers["HX-Retarget"] == "#iku-table"
    assert 1 not in indicator_ids(app)
    assert files_on_disk(app) == []
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Evidence)) == 0
        entry = db.session.scalar(sa.select(ChangeLog).where(
            ChangeLog.entity == "indicator", ChangeLog.field == "delete"))
        snapshot = entry.old_value
    for expected in ("Terwujudnya Penyelenggaraan Pemilu sesuai jadwal", "Target: 100%",
                     "TW I: 75%", "TW II: 98,5%", "Kendala: Hujan deras", "sk.pdf", "foto.png",
                     "Laporan Pelaksanaan Tahapan"):
        assert expected in snapshot, expected
    # An admin sees it later on the register.
    page = filled.get("/barito-selatan/2023/iku").text
    assert "Indikator yang dihapus" in page and "Hujan deras" in page


def test_files_stay_when_the_commit_fails(app, filled, monkeypatch):
    def fail():
        raise sa.exc.OperationalError("COMMIT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(db.session, "commit", fail)
    with pytest.raises(sa.exc.OperationalError):
        htmx_post(filled, "/barito-selatan/2023/iku/1/hapus", {"konfirmasi": "hapus"})
    monkeypatch.undo()
    assert 1 in indicator_ids(app)
    assert len(files_on_disk(app)) == 2


def test_empty_indicator_is_deleted_after_the_first_confirmation(app, admin):
    response = htmx_post(admin, "/barito-selatan/2023/iku/2/hapus")
    assert response.status_code == 200 and 'id="iku-table"' in response.text
    assert 2 not in indicator_ids(app)


def test_staff_cannot_delete(app, staff):
    assert htmx_post(staff, "/barito-selatan"
                            "/2023/iku/1/hapus", {"konfirmasi": "hapus"}).status_code == 403
    assert 1 in indicator_ids(app)


def test_an_indicator_with_a_locked_quarter_is_kept_with_its_files_until_unlocked(app, filled):
    with app.app_context():
        db.session.execute(sa.update(Review).where(Review.indicator_id == 1)
                           .values(status="approved"))
        db.session.commit()
    for data in ({}, {"konfirmasi": "hapus"}):  # neither the first nor the second confirmation
        response = htmx_post(filled, "/barito-selatan/2023/iku/1/hapus", data)
        assert response.status_code == 200
        text = " ".join(response.text.split())
        assert "Indikator 1 tidak dapat dihapus: TW I sudah disetujui dan dikunci" in text
        assert "membuka kuncinya" in text and 'name="konfirmasi"' not in text
        assert 1 in indicator_ids(app)
        assert len(files_on_disk(app)) == 2
    plain = filled.post("/barito-selatan/2023/iku/1/hapus", data={"konfirmasi": "hapus",
                                                   "csrf_token": filled.token})
    assert plain.status_code == 302 and 1 in indicator_ids(app)
    assert "tidak dapat dihapus" in filled.get(plain.location).text

    unlock = htmx_post(filled, "/barito-selatan"
                               "/2023/verifikasi/1/1/buka-kunci", {"comment": "Data ganda."})
    assert unlock.status_code == 200
    with app.app_context():
        logged = db.session.scalar(sa.select(ChangeLog).where(ChangeLog.entity == "review")
                                   .order_by(ChangeLog.id.desc()))
        assert "Data ganda." in (logged.new_value or "") and logged.user_id is not None
    response = htmx_post(filled, "/barito-selatan/2023/iku/1/hapus", {"konfirmasi": "hapus"})
    assert response.headers["HX-Retarget"] == "#iku-table"
    assert 1 not in indicator_ids(app)
    assert files_on_disk(app) == []
