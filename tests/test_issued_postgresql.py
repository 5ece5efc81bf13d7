"""Issuing, versioning and the throttle on PostgreSQL (migration 0007 included)."""
import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import IssuedDocument, Signer, Year
from tests.conftest import csrf_token, htmx_post, login
from tests.pg import pg_bin
from tests.test_postgresql import pg_app, pg_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(pg_bin("initdb") is None,
                                reason="PostgreSQL server binaries not installed")


def test_issue_reissue_and_check_on_postgresql(pg_app):  # noqa: F811
    client = pg_app.test_client()
    assert login(client).status_code == 302
    client.token = csrf_token(client)
    for _ in range(2):
        assert htmx_post(client, "/barito-selatan/2023/laporan/iku/terbitkan").status_code == 200
    with pg_app.app_context():
        docs = db.session.scalars(sa.select(IssuedDocument).order_by(IssuedDocument.version)).all()
        assert [(d.version, d.state) for d in docs] == [(1, "diganti"), (2, "berlaku")]
        code = docs[1].code
        assert db.session.scalar(sa.select(sa.func.count(Signer.id)).join(Year)
                                 .where(Year.year == 2023)) == 2
    anonymous = pg_app.test_client()
    assert "asli dan berlaku" in anonymous.get(f"/cek/{code}").text
    for _ in range(10):
        assert anonymous.get("/cek/ABCD-EFGH-JK").status_code == 404
    assert anonymous.get(f"/cek/{code}").status_code == 429
