"""Per-user API tokens (docs/api.md): the token acts as its user on /api/v1/ and nowhere else.

Only the SHA-256 of a token is stored, with its first characters (`prefix`) so that a person
can tell their tokens apart in the list; the token itself is shown once, when it is issued."""
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class ApiToken(db.Model):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"),
                                         index=True)
    label: Mapped[str] = mapped_column(sa.String(100))
    prefix: Mapped[str] = mapped_column(sa.String(16), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime | None]  # None: until revoked
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user = relationship("User", foreign_keys=[user_id])
    created_by = relationship("User", foreign_keys=[created_by_id])

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now

    @property
    def valid_through(self) -> date | None:
        """The last day the token works: it expires as the next day begins."""
        return None if self.expires_at is None else (self.expires_at - timedelta(days=1)).date()
