"""Checking a login's password in the same time whether or not the user exists."""
import secrets

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import User
from ..models.users import find_user

_DUMMY: dict[str, str] = {}


def _dummy_hash() -> str:
    """A hash of a random password made with the configured method (made once per method)."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    if method not in _DUMMY:
        _DUMMY[method] = generate_password_hash(secrets.token_hex(16), method=method)
    return _DUMMY[method]


def authenticate(username: str, password: str) -> User | None:
    """The active user with this username and password, else None.

    An unknown or inactive user costs one hash check too: without it a wrong password for a
    real user took about 20 times longer than an unknown name, which told names apart.

    The hash check, the slow part of a login (about 0.1 s of CPU, far longer when many log in
    at once), runs outside any transaction: no lock or snapshot is held while it runs.
    """
    user = find_user(username)
    known = user is not None and user.active
    user_id, stored = (user.id, user.password_hash) if known else (None, _dummy_hash())
    db.session.rollback()
    if not check_password_hash(stored, password) or not known:
        return None
    return db.session.get(User, user_id)
