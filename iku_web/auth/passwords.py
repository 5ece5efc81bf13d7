"""Checking a login's password in the same time whether or not the user exists."""
import secrets

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

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
    """
    user = find_user(username)
    if user is None or not user.active:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if check_password_hash(user.password_hash, password) else None
