"""Per-user API tokens: issue, revoke, and authenticate a request by one (docs/api.md).

A token is "iku_" and 43 random URL-safe characters. Only its SHA-256 is stored; the first
12 characters (`PREFIX_LENGTH`) are kept in the clear so the list can tell tokens apart and the
lookup has a narrow index to search. The hash is then compared in constant time.
"""
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, g, request
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import ApiToken, Membership, User

SCHEME = "iku_"
PREFIX_LENGTH = 12
TOUCH_EVERY = timedelta(seconds=60)  # last_used_at is written at most once a minute
API_PATH = "/api/"

UNKNOWN = "Token API tidak dikenal."
REVOKED = "Token API sudah dicabut."
EXPIRED = "Token API sudah kedaluwarsa."
INACTIVE = "Akun pemilik token API tidak aktif."
MALFORMED = "Header Authorization harus berbentuk: Bearer <token>."


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user: User, label: str, expires_at: datetime | None, by: User) -> tuple[ApiToken, str]:
    """A new token for `user` (added to the session, not committed) and its full text, which
    is never stored and cannot be shown again."""
    token = SCHEME + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, label=label, prefix=token[:PREFIX_LENGTH],
                   token_hash=digest(token), expires_at=expires_at, created_by_id=by.id)
    db.session.add(row)
    return row, token


def revoke(row: ApiToken) -> None:
    if row.revoked_at is None:
        row.revoked_at = datetime.now()


def tokens_of(user: User) -> list[ApiToken]:
    return list(db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def bearer() -> str | None:
    """The token of an `Authorization: Bearer` header, "" for another or broken header, None
    when the request has no Authorization header."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, value = header.strip().partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def load_user_from_token(req) -> User | None:
    """Flask-Login's request loader: the user of a live token, on /api/ addresses only (a
    token never opens a page). The reason of a refusal is kept in g.api_token_error for the
    401 answer."""
    if not req.path.startswith(API_PATH):
        return None
    token = bearer()
    if token is None:
        return None
    if not token:
        g.api_token_error = MALFORMED
        return None
    row, error = _find(token)
    if row is None:
        g.api_token_error = error
        return None
    user = db.session.scalar(sa.select(User).where(User.id == row.user_id)
                             .options(joinedload(User.memberships)
                                      .joinedload(Membership.unit)))
    if user is None or not user.active:
        g.api_token_error = INACTIVE
        return None
    _touch(row)
    return user


def _find(token: str) -> tuple[ApiToken | None, str]:
    wanted = digest(token)
    candidates = db.session.scalars(sa.select(ApiToken).where(
        ApiToken.prefix == token[:PREFIX_LENGTH])).all()
    row = next((c for c in candidates if hmac.compare_digest(c.token_hash, wanted)), None)
    if row is None:
        return None, UNKNOWN
    if row.revoked_at is not None:
        return None, REVOKED
    if row.expired(datetime.now()):
        return None, EXPIRED
    return row, ""


def _touch(row: ApiToken) -> None:
    """Record the use on a connection of its own (as sessions do): a GET writes nothing in
    the request's own transaction."""
    now = datetime.now()
    if row.last_used_at is not None and now - row.last_used_at < TOUCH_EVERY:
        return
    try:
        with db.engine.begin() as conn:
            conn.execute(sa.update(ApiToken).where(ApiToken.id == row.id)
                         .values(last_used_at=now))
    except OperationalError:  # busy: the next request records it
        current_app.logger.info("API token use not recorded (database busy)")
