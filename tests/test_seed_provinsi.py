"""`flask seed-provinsi` on an empty database: the province, its 14 offices, TA 2024 in each,
the accounts, and realisasi in the promised states; running it again changes nothing."""
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, Review, Unit, User, Year
from iku_web.seed_provinsi import OFFICES
from tests.conftest import make_app

CODES = ["barito-selatan", "barito-timur", "barito-utara", "gunung-mas", "kapuas", "katingan",
         "kotawaringin-barat", "kotawaringin-timur", "lamandau", "murung-raya", "pulang-pisau",
         "seruyan", "sukamara", "palangka-raya"]


def _statuses(code: str) -> dict:
    rows = db.session.execute(sa.select(Review.quarter, Review.status).join(Indicator)
                              .join(Year).join(Unit).where(Unit.code == code)).all()
    return {q: {s for qq, s in rows if qq == q} for q, _s in rows}


def test_the_province_demo(tmp_path, migrated_db, monkeypatch):
    import shutil
    shutil.copy(migrated_db, tmp_path / "iku.sqlite3")
    app = make_app(tmp_path)
    monkeypatch.setenv("IKU_DEMO_PASSWORD", "demo-rahasia-123")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-provinsi"])
    assert result.exit_code == 0, result.output
    assert "demo-rahasia-123" not in result.output
    with app.app_context():
        top = db.session.scalar(sa.select(Unit).where(Unit.parent_id.is_(None)))
        assert (top.code, top.kind, top.place) == ("kalteng", "provinsi", "Palangka Raya")
        assert sorted(u.code for u in top.children) == sorted(CODES)
        assert [c for c, *_ in OFFICES] == CODES
        kota = db.session.scalar(sa.select(Unit).where(Unit.code == "palangka-raya"))
        assert (kota.kind, kota.name) == ("kota", "Komisi Pemilihan Umum Kota Palangka Raya")
        assert db.session.scalar(sa.select(sa.func.count(Year.id)).where(Year.year == 2024)) == 15
        assert db.session.scalar(sa.select(sa.func.count(Indicator.id))) == 15 * 6
        kapuas_year = db.session.scalar(sa.select(Year).join(Unit).where(Unit.code == "kapuas"))
        assert kapuas_year.closing_place == "Kuala Kapuas"
        assert "Kabupaten Kapuas" in kapuas_year.duties
        assert _statuses("kapuas") == {1: {"approved"}, 2: {"approved"}, 3: {"submitted"}}
        assert _statuses("katingan") == {1: {"approved"}, 2: {"returned"}}
        assert _statuses("sukamara") == {1: {"submitted"}}
        assert db.session.scalar(sa.select(sa.func.count(Realisasi.id))) > 15 * 6
        names = set(db.session.scalars(sa.select(User.username)))
        assert {"admin", "admin.kalteng", "staf.kapuas", "verifikator.palangka-raya"} <= names
        assert len(names) == 1 + 15 * 3
        admin = db.session.scalar(sa.select(User).where(User.username == "staf.kapuas"))
        assert admin.check_password("demo-rahasia-123")
    again = runner.invoke(args=["seed-provinsi"])
    assert again.exit_code == 0 and "sudah ada" in again.output


def test_the_demo_logs_in_and_shows_the_tree(tmp_path, migrated_db, monkeypatch):
    import shutil

    from tests.conftest import csrf_token
    shutil.copy(migrated_db, tmp_path / "iku.sqlite3")
    app = make_app(tmp_path)
    result = app.test_cli_runner().invoke(args=["seed-provinsi"])
    password = result.output.split("=" * 60)[1].strip().splitlines()[-1].strip()
    client = app.test_client()
    response = client.post("/masuk", data={"username": "admin.kalteng", "password": password,
                                           "csrf_token": csrf_token(client, "/masuk")})
    assert response.status_code == 302
    page = client.get("/unit").text
    assert page.count('<tr data-unit="') == 15
    assert client.get("/katingan/2024/realisasi").status_code == 200
