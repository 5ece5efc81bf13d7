"""Server-side login sessions (so a session can be ended for good) and the login event log
(which also drives the login throttle, so it holds across workers and restarts)."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class UserSession(db.Model):
    """One login. The cookie carries only `id`; ending the row ends the session everywhere."""

    __tablename__ = "user_session"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"),
                                         index=True)
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)
    last_seen: Mapped[datetime] = mapped_column(default=datetime.now)
    address: Mapped[str] = mapped_column(sa.String(64), default="")
    ended_at: Mapped[datetime | None]


class LoginEvent(db.Model):
    """A login attempt: outcome success, failure (wrong name or password) or throttled."""

    __tablename__ = "login_event"
    __table_args__ = (sa.Index("ix_login_event_pair", "username", "address", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=datetime.now, index=True)
    username: Mapped[str] = mapped_column(sa.String(64))
    address: Mapped[str] = mapped_column(sa.String(64), default="")
    outcome: Mapped[str] = mapped_column(sa.String(16))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    user = relationship("User")
