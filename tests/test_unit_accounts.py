"""Accounts across units: a unit's admin gives an existing account of another unit a role in
their own unit by its exact username, may change only that role (not the account itself),
never grants in a unit they do not administer, and never sees a list of other units'
accounts (docs/units.md "Accounts across units")."""
import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import User
from tests.conftest import STAFF_PASSWORD, demo_app, login
from tests.units_support import build_tree, signed_in


@pytest.fixture
def tree(tmp_path, migrated_db):
    app = demo_app(tmp_path, migrated_db, [])
    app.tree = build_tree(app)
    return app


def roles(app, username: str) -> dict[str, str]:
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == username))
        return {m.unit.code: m.role for m in user.memberships}


def grant(client, code: str, username: str, role: str = "viewer", token: str | None = None):
    return client.post(f"/{code}/pengguna/tambah-akun", data={
        "username": username, "role": role, "csrf_token": token or client.token})


def test_province_admin_adds_a_kabupaten_account_as_viewer(tree):
    admin = signed_in(tree, "admin.kalteng")
    page = admin.get("/kalteng/pengguna").get_data(as_text=True)
    assert "Tambah akun yang sudah ada" in page
    response = grant(admin, "kalteng", "  STAFF.Kapuas ")  # exact name, any case and spaces
    assert response.status_code == 302
    assert roles(tree, "staff.kapuas") == {"kapuas": "staff", "kalteng": "viewer"}
    assert "staff.kapuas" in admin.get("/kalteng/pengguna").get_data(as_text=True)
    # The account keeps working in its own unit and now reads the province.
    kapuas = signed_in(tree, "staff.kapuas")
    assert kapuas.get("/kalteng/2023/iku").status_code in (200, 404)  # no TA 2023 there
    assert kapuas.get("/kalteng/pengguna").status_code == 403


def test_unknown_inactive_and_existing_accounts_are_told_at_the_field(tree):
    admin = signed_in(tree, "admin.barito-selatan")
    page = grant(admin, "barito-selatan", "staff.kapua").get_data(as_text=True)
    assert "Akun tidak ditemukan" in page
    assert "staff.kapuas" not in page  # no suggestion leaks a name
    page = grant(admin, "barito-selatan", "staff.barito-selatan").get_data(as_text=True)
    assert "sudah memiliki peran di unit ini" in page
    with tree.app_context():
        db.session.scalar(sa.select(User).where(User.username == "viewer.kapuas")).active = False
        db.session.commit()
    assert "nonaktif" in grant(admin, "barito-selatan", "viewer.kapuas").get_data(as_text=True)
    assert roles(tree, "viewer.kapuas") == {"kapuas": "viewer"}


def test_grant_needs_csrf_and_the_admin_role_in_that_unit(tree):
    admin = signed_in(tree, "admin.barito-selatan")
    assert grant(admin, "barito-selatan", "staff.kapuas", token="x").status_code == 400
    # A sibling's page: not theirs to read, so it does not exist for them.
    assert grant(admin, "kapuas", "staff.barito-selatan").status_code == 404
    assert admin.get("/kapuas/pengguna/tambah-akun").status_code == 404
    # The province's verifier reads Kapuas but administers nothing there.
    verifier = signed_in(tree, "verifier.kalteng")
    assert grant(verifier, "kapuas", "verifier.kalteng", "admin").status_code == 403
    # A Kapuas verifier may not grant in their own unit either.
    assert grant(signed_in(tree, "verifier.kapuas"), "kapuas", "staff.kalteng",
                 "admin").status_code == 403
    assert roles(tree, "staff.kapuas") == {"kapuas": "staff"}
    assert roles(tree, "staff.barito-selatan") == {"barito-selatan": "staff"}
    assert roles(tree, "verifier.kalteng") == {"kalteng": "verifier"}
    assert roles(tree, "staff.kalteng") == {"kalteng": "staff"}
    anonymous = tree.test_client()
    assert grant(anonymous, "kapuas", "staff.kalteng", token="x").status_code in (302, 400)


def test_no_listing_of_other_units_accounts(tree):
    admin = signed_in(tree, "admin.barito-selatan")
    users = admin.get("/barito-selatan/pengguna").get_data(as_text=True)
    indicator = admin.get(f"/barito-selatan/2023/iku/{tree.tree.barito_indicator}/ubah")
    pages = users + (indicator.get_data(as_text=True) if indicator.status_code == 200 else "")
    assert "admin.barito-selatan" in users
    for other in ("kapuas", "kalteng"):
        for role in ("admin", "verifier", "staff", "viewer"):
            assert f"{role}.{other}" not in pages and f"{role} {other}" not in pages
    # An account of another unit cannot be opened by id here.
    assert admin.get(f"/barito-selatan/pengguna/{tree.tree.kapuas_user}").status_code == 404


def test_indicator_form_offers_only_the_units_own_people(tree):
    admin = signed_in(tree, "admin.kapuas")
    page = admin.get(f"/kapuas/2023/iku/{tree.tree.kapuas_indicator}/ubah")
    assert page.status_code == 200, page.status_code
    html = page.get_data(as_text=True)
    assert "staff kapuas" in html and "verifier kapuas" in html
    assert "viewer kapuas" not in html  # a viewer is never in charge
    assert "staff barito-selatan" not in html and "admin kalteng" not in html


def test_granting_admin_may_change_only_the_role_not_the_account(tree):
    # (The province's admins are install admins, who may do everything: a sibling here.)
    admin = signed_in(tree, "admin.barito-selatan")
    assert grant(admin, "barito-selatan", "staff.kapuas").status_code == 302
    with tree.app_context():
        uid = db.session.scalar(sa.select(User.id).where(User.username == "staff.kapuas"))
    page = admin.get(f"/barito-selatan/pengguna/{uid}").get_data(as_text=True)
    assert "hanya perannya di unit ini" in page and 'name="password"' not in page
    # A forged full form changes the role here and nothing of the account.
    response = admin.post(f"/barito-selatan/pengguna/{uid}", data={
        "username": "diambil", "password": "sandi-baru-123", "active": "", "role": "staff",
        "csrf_token": admin.token})
    assert response.status_code == 302
    assert roles(tree, "staff.kapuas") == {"kapuas": "staff", "barito-selatan": "staff"}
    assert login(tree.test_client(), "staff.kapuas", STAFF_PASSWORD).status_code == 302
    # Kapuas' own admin still edits the account fully.
    own = signed_in(tree, "admin.kapuas").get(f"/kapuas/pengguna/{uid}").get_data(as_text=True)
    assert 'name="password"' in own


def test_revoke_takes_only_the_role_in_this_unit(tree):
    admin = signed_in(tree, "admin.kalteng")
    grant(admin, "kalteng", "staff.kapuas")
    with tree.app_context():
        uid = db.session.scalar(sa.select(User.id).where(User.username == "staff.kapuas"))
        own = db.session.scalar(sa.select(User.id).where(User.username == "admin.kalteng"))
    assert admin.post(f"/kalteng/pengguna/{uid}/cabut").status_code == 400  # no CSRF token
    sibling = signed_in(tree, "admin.barito-selatan")
    assert sibling.post(f"/kapuas/pengguna/{uid}/cabut",
                        data={"csrf_token": sibling.token}).status_code == 404
    assert sibling.post(f"/barito-selatan/pengguna/{uid}/cabut",
                        data={"csrf_token": sibling.token}).status_code == 404
    assert admin.post(f"/kalteng/pengguna/{uid}/cabut",
                      data={"csrf_token": admin.token}).status_code == 302
    assert roles(tree, "staff.kapuas") == {"kapuas": "staff"}
    admin.post(f"/kalteng/pengguna/{own}/cabut", data={"csrf_token": admin.token})
    assert roles(tree, "admin.kalteng") == {"kalteng": "admin"}  # never one's own admin role
