"""The one policy, access.can(user, action, unit), on a tree of real units: roles act in
their own unit, ancestors read their descendants read-only, siblings see nothing, the top
unit's admins are the install admins, a retired unit is read-only."""
import pytest
from werkzeug.exceptions import Forbidden, NotFound

from iku_web import access
from iku_web.extensions import db
from iku_web.models import Unit, User


@pytest.fixture
def tree(app):
    """kalteng above barito-selatan (the demo's default unit) and kapuas, with one account
    per (unit, role) named role.code."""
    with app.app_context():
        bs = db.session.get(Unit, 1)
        kalteng = Unit(name="KPU Provinsi Kalimantan Tengah", code="kalteng", kind="provinsi",
                       place="Palangka Raya")
        kapuas = Unit(name="KPU Kabupaten Kapuas", code="kapuas", parent=kalteng)
        bs.parent = kalteng
        db.session.add_all([kalteng, kapuas])
        db.session.flush()
        for unit in (kalteng, bs, kapuas):
            for role in ("admin", "verifier", "staff", "viewer"):
                user = User(username=f"{role}.{unit.code}", password_hash="x")
                user.set_role(unit.id, role)
                db.session.add(user)
        db.session.commit()
    yield app


def _can(app, username, action, code):
    with app.test_request_context():
        user = db.session.scalar(db.select(User).where(User.username == username))
        unit = db.session.scalar(db.select(Unit).where(Unit.code == code))
        return access.can(user, action, unit)


@pytest.mark.parametrize("username, action, code, allowed", [
    ("staff.kapuas", "read", "kapuas", True),
    ("staff.kapuas", "edit_assigned", "kapuas", True),
    ("staff.kapuas", "edit", "kapuas", False),
    ("staff.kapuas", "read", "barito-selatan", False),  # sibling
    ("admin.kapuas", "manage", "barito-selatan", False),
    ("admin.kapuas", "read", "kalteng", False),  # no reading upward
    ("viewer.kalteng", "read", "kapuas", True),  # ancestors read descendants
    ("staff.kalteng", "read", "barito-selatan", True),
    ("verifier.kalteng", "verify", "barito-selatan", False),  # ... read-only
    ("verifier.kalteng", "verify", "kalteng", True),
    ("verifier.barito-selatan", "verify", "barito-selatan", True),
    ("verifier.barito-selatan", "manage", "barito-selatan", False),
    ("admin.barito-selatan", "manage", "barito-selatan", True),
    ("admin.barito-selatan", "install", "barito-selatan", False),
    ("admin.kalteng", "install", "kapuas", True),  # the top unit's admin: install admin
    ("admin.kalteng", "manage", "kapuas", True),
    ("admin.kalteng", "edit", "barito-selatan", True),
])
def test_policy(tree, username, action, code, allowed):
    assert _can(tree, username, action, code) is allowed


def test_retired_unit_is_read_only_even_for_its_admin(tree):
    with tree.app_context():
        kapuas = db.session.scalar(db.select(Unit).where(Unit.code == "kapuas"))
        kapuas.retired = True
        db.session.commit()
    assert _can(tree, "admin.kapuas", "read", "kapuas")
    assert not _can(tree, "admin.kapuas", "manage", "kapuas")
    assert not _can(tree, "admin.kalteng", "edit", "kapuas")


def test_inactive_and_anonymous_users_may_do_nothing(tree):
    with tree.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "admin.kapuas"))
        user.active = False
        db.session.commit()
    assert not _can(tree, "admin.kapuas", "read", "kapuas")
    with tree.test_request_context():
        from flask_login import AnonymousUserMixin
        assert not access.can(AnonymousUserMixin(), "read", db.session.get(Unit, 1))


@pytest.mark.parametrize("username, expected", [
    ("staff.kapuas", NotFound),  # may not even read barito-selatan
    ("viewer.kalteng", Forbidden),  # reads it, may not manage it
])
def test_refusal_is_404_for_strangers_and_403_for_readers(tree, username, expected):
    from flask_login import login_user
    with tree.test_request_context():
        login_user(db.session.scalar(db.select(User).where(User.username == username)))
        with pytest.raises(expected):
            access.refuse("manage", db.session.get(Unit, 1))


def test_unknown_action_is_a_programming_error(tree):
    with pytest.raises(ValueError):
        _can(tree, "admin.kalteng", "delete_everything", "kapuas")


def test_old_role_field_is_the_role_in_the_first_unit(tree, app):
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "staf"))
        assert user.role == "staff" and user.role_in(1) == "staff"
        user.set_role(3, "viewer")  # kapuas
        db.session.commit()
        assert user.role == "staff" and user.role_in(3) == "viewer"
