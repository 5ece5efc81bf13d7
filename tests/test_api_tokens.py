"""Per-user API tokens (docs/api.md): issued, listed and revoked on the admin screen by whoever
manages the account's unit; stored hashed; they act as their user on /api/ and nowhere else."""
import re
import sqlite3
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import ApiToken, User
from tests.conftest import demo_app
from tests.migration_support import app_before, upgrade_to_head
from tests.units_support import build_tree, signed_in

TOKEN = re.compile(r'value="(iku_[A-Za-z0-9_-]{43})"')
CAPAIAN = "/api/v1/{}/2023/capaian"


@pytest.fixture
def tree_app(tmp_path, migrated_db):
    app = demo_app(tmp_path, migrated_db, [])
    app.tree = build_tree(app)
    yield app
    with app.app_context():
        db.engine.dispose()


def user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(User.id).where(User.username == username))


def issue(client, unit: str, account: int, label="Dasbor provinsi", expires="", csrf=True):
    data = {"label": label, "expires": expires}
    if csrf:
        data["csrf_token"] = client.token
    return client.post(f"/{unit}/pengguna/{account}/token", data=data)


def issued(client, unit: str, account: int, **kw) -> str:
    response = issue(client, unit, account, **kw)
    assert response.status_code == 200
    return TOKEN.search(response.text).group(1)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def rows(app) -> list[ApiToken]:
    with app.app_context():
        return list(db.session.scalars(sa.select(ApiToken).order_by(ApiToken.id)))


def test_an_admin_issues_lists_and_revokes_a_token(tree_app):
    app, admin = tree_app, signed_in(tree_app, "admin.barito-selatan")
    viewer = user_id(app, "viewer.barito-selatan")
    assert issue(admin, "barito-selatan", viewer, csrf=False).status_code == 400
    assert rows(app) == []
    page = issue(admin, "barito-selatan", viewer, label="")
    assert "Keterangan wajib diisi" in page.text and rows(app) == []

    answer = issue(admin, "barito-selatan", viewer)
    assert "hanya ditampilkan sekali" in answer.text
    token = TOKEN.search(answer.text).group(1)
    listing = admin.get(f"/barito-selatan/pengguna/{viewer}/token").text
    assert token not in listing  # shown once, in the answer to the POST
    assert "Dasbor provinsi" in listing and token[:12] in listing and "belum pernah" in listing
    (row,) = rows(app)
    assert (row.user_id, row.prefix, row.revoked_at) == (viewer, token[:12], None)

    api = app.test_client()
    assert api.get(CAPAIAN.format("barito-selatan"), headers=bearer(token)).status_code == 200
    assert "belum pernah" not in admin.get(f"/barito-selatan/pengguna/{viewer}/token").text

    revoke = f"/barito-selatan/pengguna/{viewer}/token/{row.id}/cabut"
    assert admin.post(revoke).status_code == 400  # no CSRF token: nothing revoked
    assert api.get(CAPAIAN.format("barito-selatan"), headers=bearer(token)).status_code == 200
    assert admin.post(revoke, data={"csrf_token": admin.token}).status_code == 302
    answer = api.get(CAPAIAN.format("barito-selatan"), headers=bearer(token))
    assert answer.status_code == 401
    assert answer.get_json()["error"]["message"] == "Token API sudah dicabut."
    assert "Dicabut" in admin.get(f"/barito-selatan/pengguna/{viewer}/token").text


def test_only_who_manages_the_accounts_unit_issues_its_tokens(tree_app):
    app = tree_app
    kapuas_staff = user_id(app, "staff.kapuas")
    barito_admin = signed_in(app, "admin.barito-selatan")
    # Another unit's account: neither through this unit's address nor through the other's.
    assert issue(barito_admin, "barito-selatan", kapuas_staff).status_code == 404
    assert issue(barito_admin, "kapuas", kapuas_staff).status_code == 404
    assert barito_admin.get(f"/kapuas/pengguna/{kapuas_staff}/token").status_code == 404
    # A verifier may read the unit but manages nobody; the province's admin reads Kapuas.
    verifier = signed_in(app, "verifier.barito-selatan")
    own = user_id(app, "viewer.barito-selatan")
    assert issue(verifier, "barito-selatan", own).status_code == 403
    assert issue(signed_in(app, "viewer.kalteng"), "kapuas", kapuas_staff).status_code == 403
    assert rows(app) == []
    # The install admins (admins of the top unit) manage every unit.
    install_admin = signed_in(app, "admin.kalteng")
    token = issued(install_admin, "kapuas", kapuas_staff)
    assert app.test_client().get(CAPAIAN.format("kapuas"),
                                 headers=bearer(token)).status_code == 200


def test_a_revoke_reaches_only_the_accounts_own_tokens(tree_app):
    app = tree_app
    install_admin = signed_in(app, "admin.kalteng")
    kapuas_staff = user_id(app, "staff.kapuas")
    token = issued(install_admin, "kapuas", kapuas_staff)
    (row,) = rows(app)
    barito_admin = signed_in(app, "admin.barito-selatan")
    own = user_id(app, "viewer.barito-selatan")
    url = f"/barito-selatan/pengguna/{own}/token/{row.id}/cabut"
    assert barito_admin.post(url, data={"csrf_token": barito_admin.token}).status_code == 404
    assert rows(app)[0].revoked_at is None
    assert app.test_client().get(CAPAIAN.format("kapuas"),
                                 headers=bearer(token)).status_code == 200


def test_a_token_acts_with_exactly_its_users_permissions(tree_app):
    app = tree_app
    install_admin = signed_in(app, "admin.kalteng")
    barito = issued(install_admin, "barito-selatan", user_id(app, "viewer.barito-selatan"))
    province = issued(install_admin, "kalteng", user_id(app, "verifier.kalteng"))
    api = app.test_client()
    assert api.get(CAPAIAN.format("barito-selatan"), headers=bearer(barito)).status_code == 200
    sibling = api.get(CAPAIAN.format("kapuas"), headers=bearer(barito))
    assert sibling.status_code == 404 and sibling.is_json
    for unit in ("kapuas", "barito-selatan", "kalteng"):
        assert api.get(CAPAIAN.format(unit), headers=bearer(province)).status_code in (200, 404)
    kapuas = api.get(CAPAIAN.format("kapuas"), headers=bearer(province)).get_json()
    assert kapuas["unit"] == {"code": "kapuas", "name": "KPU Kabupaten Kapuas",
                              "kind": "kabupaten"}
    assert api.get("/api/v1/kapuas/2023/lke", headers=bearer(province)).status_code == 200
    assert api.get("/api/v1/kapuas/2023/lke", headers=bearer(barito)).status_code == 404


def test_a_token_never_opens_a_page(tree_app):
    app = tree_app
    install_admin = signed_in(app, "admin.kalteng")
    token = issued(install_admin, "kalteng", user_id(app, "admin.kalteng"))
    api = app.test_client()
    for page in ("/barito-selatan/2023/iku", "/barito-selatan/pengguna", "/unit", "/notifikasi"):
        response = api.get(page, headers=bearer(token))
        assert response.status_code == 302 and "/masuk" in response.headers["Location"], page
    response = api.get(CAPAIAN.format("barito-selatan"), headers=bearer(token))
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    # Read-only: the API has no write.
    refused = api.post(CAPAIAN.format("barito-selatan"), headers=bearer(token))
    assert refused.status_code in (400, 405) and refused.is_json


def test_the_token_is_stored_only_as_its_hash(tree_app, tmp_path):
    app = tree_app
    install_admin = signed_in(app, "admin.kalteng")
    token = issued(install_admin, "kalteng", user_id(app, "viewer.kalteng"))
    with app.app_context():
        db.engine.dispose()  # the WAL is checkpointed into the file
    files = list(tmp_path.glob("iku.sqlite3*"))
    assert files and not any(token.encode() in path.read_bytes() for path in files)
    (row,) = rows(app)
    assert token[:12] == row.prefix and token not in repr(row.__dict__)
    import hashlib
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()


def test_an_expired_token_is_refused(tree_app):
    app = tree_app
    install_admin = signed_in(app, "admin.kalteng")
    account = user_id(app, "viewer.kalteng")
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    page = issue(install_admin, "kalteng", account, expires=yesterday)
    assert "tidak boleh sebelum hari ini" in page.text and rows(app) == []
    token = issued(install_admin, "kalteng", account, expires=date.today().isoformat())
    (row,) = rows(app)
    assert row.expires_at == datetime.combine(date.today() + timedelta(days=1), datetime.min.time())
    api = app.test_client()
    assert api.get(CAPAIAN.format("kalteng"), headers=bearer(token)).status_code in (200, 404)
    with app.app_context():
        db.session.get(ApiToken, row.id).expires_at = datetime.now() - timedelta(seconds=1)
        db.session.commit()
    answer = api.get(CAPAIAN.format("kalteng"), headers=bearer(token))
    assert answer.status_code == 401
    assert answer.get_json()["error"]["message"] == "Token API sudah kedaluwarsa."
    assert "Kedaluwarsa" in install_admin.get(f"/kalteng/pengguna/{account}/token").text


@pytest.mark.parametrize(("header", "message"), [
    ("Bearer iku_" + "x" * 43, "Token API tidak dikenal."),
    ("Basic YWRtaW46YWRtaW4=", "Header Authorization harus berbentuk: Bearer <token>."),
    ("Bearer", "Header Authorization harus berbentuk: Bearer <token>."),
])
def test_a_bad_token_gets_401_in_json(tree_app, header, message):
    answer = tree_app.test_client().get(CAPAIAN.format("barito-selatan"),
                                        headers={"Authorization": header})
    assert answer.status_code == 401 and answer.get_json()["error"]["message"] == message
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_deactivated_accounts_token_stops_working(tree_app):
    app = tree_app
    install_admin = signed_in(app, "admin.kalteng")
    account = user_id(app, "viewer.barito-selatan")
    token = issued(install_admin, "barito-selatan", account)
    with app.app_context():
        db.session.get(User, account).active = False
        db.session.commit()
    answer = app.test_client().get(CAPAIAN.format("barito-selatan"), headers=bearer(token))
    assert answer.status_code == 401


def test_migration_adds_the_token_table_to_an_existing_database(tmp_path):
    app = app_before(tmp_path, "0012_api_tokens")
    with sqlite3.connect(tmp_path / "iku.sqlite3") as conn:
        assert "api_token" not in {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        conn.execute("INSERT INTO user (username, full_name, unit, password_hash, active, "
                     "created_at) VALUES ('lama', 'Lama', '', 'x', 1, '2023-01-01 00:00:00')")
    conn.close()
    upgrade_to_head(app)
    with app.app_context():
        from iku_web.api import tokens
        old = db.session.scalar(sa.select(User).where(User.username == "lama"))
        _row, token = tokens.issue(old, "Lama", None, old)
        db.session.commit()
        assert db.session.scalar(sa.select(ApiToken.prefix)) == token[:12]
        db.engine.dispose()
