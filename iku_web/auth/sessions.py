"""Server-side sessions: the cookie names a `user_session` row, so a session ends for good.

Logging out ends the row (a copied cookie no longer works); a new password or deactivation
ends every session of that user; a session unused for SESSION_IDLE_MINUTES ends by itself;
logging in starts a new row and a new cookie.
"""
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, g, has_request_context, request, session
from flask_login import login_user, logout_user
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, joinedload

from ..database import begin_write
from ..extensions import db, login_manager
from ..models import Membership, User, UserSession
from ..scope import unit_count_column

KEY = "sid"
TOUCH_EVERY = timedelta(seconds=60)  # last_seen is written at most once a minute


def client_address() -> str:
    return (request.remote_addr or "")[:64]


def start(user: User, *records) -> None:
    """Log the user in with a new session row and a new cookie (no value of the old one,
    such as a session fixed by an attacker, is kept). `records` (the login event) are written
    in the same short transaction, which takes the write lock before it reads anything: a
    read-then-write transaction is refused by SQLite at once, without the busy wait, when
    another writer holds the lock (docs/architecture.md, Concurrent writers)."""
    session.clear()
    begin_write(db.session)
    row = UserSession(id=secrets.token_urlsafe(32), user_id=user.id, address=client_address())
    db.session.add_all([*records, row])
    db.session.commit()
    login_user(user)
    session[KEY] = row.id


def end() -> None:
    """Log out: this session's row is ended and the login leaves the cookie."""
    sid = session.get(KEY)
    if sid:
        db.session.execute(sa.update(UserSession).where(UserSession.id == sid)
                           .values(ended_at=datetime.now()))
        db.session.commit()
    logout_user()
    session.pop(KEY, None)


def idle_limit() -> timedelta:
    return timedelta(minutes=int(current_app.config.get("SESSION_IDLE_MINUTES", 480)))


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user of a live session row; None (anonymous) for an ended, idle or foreign one."""
    sid = session.get(KEY)
    if not isinstance(sid, str):
        return None
    found = db.session.execute(  # one query: the session, its user, their roles and units
        sa.select(UserSession, User, unit_count_column())
        .join(User, User.id == UserSession.user_id)
        .options(joinedload(User.memberships).joinedload(Membership.unit))
        .where(UserSession.id == sid)).unique().first()
    if found is None:
        return None
    row, user, g.unit_count = found
    if row.ended_at is not None or str(row.user_id) != str(user_id):
        return None
    now = datetime.now()
    if now - row.last_seen > idle_limit() or not user.active:
        return None
    if now - row.last_seen > TOUCH_EVERY:
        _touch(sid, now)
    return user


def _touch(sid: str, now: datetime) -> None:
    """Record activity on a connection of its own, so that the request's transaction (which
    may hold the write lock for a save) is neither committed nor rolled back here."""
    try:
        with db.engine.begin() as conn:
            conn.execute(sa.update(UserSession).where(UserSession.id == sid)
                         .values(last_seen=now))
    except OperationalError:  # busy: the next request records it
        current_app.logger.info("session activity not recorded (database busy)")


@event.listens_for(Session, "before_flush")
def _end_sessions_on_credential_change(sess, _context, _instances):
    """A new password or a deactivated account ends every session of that user, wherever the
    change is made (admin page, CLI). The session making the change stays open."""
    changed = [user.id for user in sess.dirty if isinstance(user, User) and user.id is not None
               and (_changed(user, "password_hash") or _changed(user, "active"))]
    if not changed:
        return
    keep = session.get(KEY) if has_request_context() else None
    sess.execute(sa.update(UserSession)
                 .where(UserSession.user_id.in_(changed), UserSession.ended_at.is_(None),
                        UserSession.id != (keep or ""))
                 .values(ended_at=datetime.now()))


def _changed(user: User, attribute: str) -> bool:
    history = sa.inspect(user).attrs[attribute].history
    return bool(history.added) and history.deleted != history.added
