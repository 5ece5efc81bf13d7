"""Signers belong to a year: the migration gives every year a copy, a new year copies its
source's, and changing one year's signers leaves the other years' documents alone."""
import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from iku_web.extensions import db, migrate
from iku_web.models import Signer, Year
from tests import pg_mode
from tests.conftest import make_app
from tests.reports_support import read_pdf

MIGRATION = "0007_issued_documents"


def _signers(year: int) -> list[tuple]:
    return [(s.position, s.title, s.name, s.nip, s.rank) for s in db.session.scalars(
        sa.select(Signer).join(Year).where(Year.year == year).order_by(Signer.position))]


@pytest.mark.skipif(pg_mode.ENABLED, reason="a test of SQLite itself")
def test_migration_gives_every_existing_year_a_copy_of_the_shared_signers(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        script = ScriptDirectory.from_config(migrate.get_config())
        previous = script.get_revision(MIGRATION).down_revision
        upgrade(revision=previous)
        # Data as the previous version stored it: signers shared by all years.
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO year (id, year, institution_name, function, duties, closing_place)"
                " VALUES (1, 2022, '', '', '', 'Buntok'), (2, 2023, '', '', '', 'Buntok')"))
            conn.execute(sa.text(
                "INSERT INTO signer (id, position, title, name, nip, rank) VALUES"
                " (1, 1, 'Ketua KPU', 'Siti Aminah', '198609262015051001', ''),"
                " (2, 2, 'Sekretaris KPU', '', '', 'Pembina (IV/a)')"))
        upgrade()
        expected = [(1, "Ketua KPU", "Siti Aminah", "198609262015051001", ""),
                    (2, "Sekretaris KPU", "", "", "Pembina (IV/a)")]
        assert _signers(2022) == expected and _signers(2023) == expected
        assert db.session.scalar(sa.select(sa.func.count(Signer.id))) == 4
        # Each year has rows of its own now.
        ketua_2023 = db.session.scalar(sa.select(Signer).join(Year).where(
            Year.year == 2023, Signer.position == 1))
        ketua_2023.name = "Budi Santoso"
        db.session.commit()
        assert _signers(2022)[0][2] == "Siti Aminah"
        db.engine.dispose()


def test_a_new_year_copies_the_signers_and_editing_them_leaves_the_old_year(admin, client,
                                                                            app):
    with app.app_context():
        source = db.session.scalar(sa.select(Year.id).where(Year.year == 2023))
        before = _signers(2023)
    response = admin.post("/barito-selatan/tahun", data={"year": "2024", "source": source,
                                          "csrf_token": admin.token})
    assert response.status_code == 302
    with app.app_context():
        assert _signers(2024) == before
        sid = db.session.scalar(sa.select(Signer.id).join(Year).where(
            Year.year == 2024, Signer.position == 1))
    page = admin.get("/barito-selatan/pengaturan/penandatangan?tahun=2024").text
    assert "Penandatangan dokumen TA 2024" in page
    data = {f"s{sid}-title": before[0][1], f"s{sid}-name": "Nama Tahun Baru", f"s{sid}-nip": "",
            f"s{sid}-rank": "", f"s{sid}-position": "1", "csrf_token": admin.token}
    response = admin.post(f"/barito-selatan/pengaturan/penandatangan/{sid}", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("tahun=2024")
    assert "NAMA TAHUN BARU" in read_pdf(client.get("/barito-selatan"
                                                    "/2024/laporan/iku.pdf").data)[1][-1]
    assert "NAMA TAHUN BARU" not in read_pdf(client.get("/barito-selatan"
                                                        "/2023/laporan/iku.pdf").data)[1][-1]
    with app.app_context():
        assert _signers(2023) == before


def test_a_signer_added_to_one_year_is_offered_only_in_that_year(admin, app):
    with app.app_context():
        source = db.session.scalar(sa.select(Year.id).where(Year.year == 2023))
    admin.post("/barito-selatan"
               "/tahun", data={"year": "2024", "source": source, "csrf_token": admin.token})
    data = {"new-title": "Kepala Subbagian Perencanaan", "new-name": "", "new-nip": "",
            "new-rank": "", "new-position": "3", "csrf_token": admin.token}
    assert admin.post("/barito-selatan"
                      "/pengaturan/penandatangan/baru?tahun=2024", data=data).status_code == 302
    assert "Kepala Subbagian Perencanaan" in admin.get("/barito-selatan/2024/laporan").text
    assert "Kepala Subbagian Perencanaan" not in admin.get("/barito-selatan/2023/laporan").text


def test_signer_settings_without_any_year_lead_to_creating_one(admin, app):
    with app.app_context():
        for year in db.session.scalars(sa.select(Year)):
            db.session.delete(year)
        db.session.commit()
    response = admin.get("/barito-selatan/pengaturan/penandatangan")
    assert response.status_code == 302 and response.headers["Location"].endswith("/barito-selatan"
                                                                                 "/tahun")
