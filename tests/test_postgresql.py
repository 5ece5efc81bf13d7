"""The same code on PostgreSQL: migrations, demo data and the main flows, through HTTP."""
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from iku_web.extensions import db
from iku_web.models import Indicator, Realisasi, User, Year
from iku_web.seed import load_demo
from tests.conftest import ADMIN_PASSWORD, csrf_token, htmx_post, login, make_app
from tests.pg import Cluster, pg_bin
from tests.test_register import FIELDS

pytestmark = pytest.mark.skipif(pg_bin("initdb") is None,
                                reason="PostgreSQL server binaries not installed")


@pytest.fixture(scope="module")
def pg_url():
    cluster = Cluster()
    cluster.start()
    try:
        yield cluster.create_database("iku")
    finally:
        cluster.stop()


@pytest.fixture
def pg_app(pg_url, tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=pg_url)
    with app.app_context():
        upgrade()
        load_demo()
        admin = User(username="admin", role="admin")
        admin.set_password(ADMIN_PASSWORD)
        db.session.add(admin)
        db.session.commit()
    yield app
    with app.app_context():
        db.drop_all()
        db.session.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.engine.dispose()


def test_register_and_edits_work_on_postgresql(pg_app):
    client = pg_app.test_client()
    html = client.get("/barito-selatan/2023/iku").text
    assert "Komisi Pemilihan Umum Kabupaten Barito Selatan" in html
    assert html.count("belum ditetapkan") == 3
    assert login(client).status_code == 302
    client.token = csrf_token(client)
    response = htmx_post(client, "/barito-selatan/2023/iku/2", {
        **FIELDS, "name": "Indikator PG", "target_kind": "range", "target_value": "80",
        "target_upper": "90,25", "target_unit": "%", "polarity": "lower",
        "aggregation": "kumulatif", "pic_user_id": "0", "target_tw1": "1.234,5"})
    assert response.status_code == 200 and "80-90,25%" in response.text
    htmx_post(client, "/barito-selatan/2023/iku/2/naik")
    htmx_post(client, "/barito-selatan/2023/iku/6/hapus")
    with pg_app.app_context():
        indicators = db.session.scalars(sa.select(Indicator).order_by(Indicator.position)).all()
        assert [i.name for i in indicators][0] == "Indikator PG"
        assert [i.position for i in indicators] == [1, 2, 3, 4, 5]
        assert (indicators[0].target_upper, indicators[0].target_tw1) == (
            Decimal("90.25"), Decimal("1234.5"))
        source = db.session.scalar(sa.select(Year.id))
    assert client.post("/barito-selatan/tahun", data={"year": "2024", "source": source,
                                       "csrf_token": client.token}).status_code == 302
    assert "Indikator PG" in client.get("/barito-selatan/2024/iku").text


def test_realisasi_review_and_lock_work_on_postgresql(pg_app):
    """The save, the verifier's approval and the lock that follows, with the advisory lock
    that serialises them on PostgreSQL."""
    client = pg_app.test_client()
    login(client)
    client.token = csrf_token(client)
    url = "/barito-selatan/2023/realisasi/1/1"
    response = htmx_post(client, url, {"value": "93,75", "version": "0", "base": ""})
    assert response.status_code == 200 and "93,75%" in response.text
    # The save's summary (stored values read unconverted) is the full page's.
    summary = re.compile(r'<div id="rl-summary".*?\n</div>', re.S)
    assert summary.search(response.text).group(0).replace(' hx-swap-oob="true"', "") == \
        summary.search(client.get("/barito-selatan/2023/realisasi").text).group(0)
    assert "Diajukan" in htmx_post(client, "/barito-selatan/2023/indikator/1/1/ajukan",
                                   {"without_evidence": "1"}).text
    with pg_app.app_context():
        version = db.session.scalar(sa.select(Realisasi.version))
    approved = htmx_post(client, "/barito-selatan/2023/verifikasi/1/1/setujui",
                         {"version": str(version), "comment": ""})
    assert "Disetujui dan dikunci." in approved.text
    refused = htmx_post(client, url, {"value": "50", "version": str(version), "base": "93,75"})
    assert "dikunci" in refused.text
    with pg_app.app_context():
        assert db.session.scalar(sa.select(Realisasi.value)) == Decimal("93.75")
