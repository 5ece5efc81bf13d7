"""Quarterly realisations and the audit log of every change."""
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..change_source import current_source
from ..extensions import db
from .years import Num


class Realisasi(db.Model):
    """What an indicator achieved in one quarter; a missing row or a NULL value means not filled."""

    __table_args__ = (sa.UniqueConstraint("indicator_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    quarter: Mapped[int]  # 1..4
    value: Mapped[Decimal | None] = mapped_column(Num)
    grade: Mapped[str | None] = mapped_column(sa.String(4))
    numerator: Mapped[Decimal | None] = mapped_column(Num)
    denominator: Mapped[Decimal | None] = mapped_column(Num)
    obstacles: Mapped[str] = mapped_column(sa.Text, default="")  # kendala
    solutions: Mapped[str] = mapped_column(sa.Text, default="")  # solusi
    follow_up: Mapped[str] = mapped_column(sa.Text, default="")  # tindak lanjut
    # Optimistic concurrency: a save must name the version it started from.
    version: Mapped[int] = mapped_column(default=0)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None]

    indicator = relationship("Indicator")
    updated_by = relationship("User")


class ChangeLog(db.Model):
    """Who changed what, when, with the old and the new value (as display text)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=datetime.now, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    year_id: Mapped[int | None] = mapped_column(sa.ForeignKey("year.id", ondelete="CASCADE"))
    # Entries of a unit rather than of one of its years (a role given, changed or taken
    # away), and the account such an entry is about; both None elsewhere.
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id", ondelete="CASCADE"),
                                                index=True)
    account_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    indicator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("indicator.id", ondelete="SET NULL"), index=True
    )
    quarter: Mapped[int | None]
    entity: Mapped[str] = mapped_column(sa.String(32))  # realisasi, indicator, evidence, year
    field: Mapped[str] = mapped_column(sa.String(64), default="")
    old_value: Mapped[str | None] = mapped_column(sa.Text)
    new_value: Mapped[str | None] = mapped_column(sa.Text)
    # layar / impor Excel / perintah (iku_web/change_source.py); None for entries written
    # before the source was recorded.
    source: Mapped[str | None] = mapped_column(sa.String(16), default=current_source)

    user = relationship("User", foreign_keys=[user_id])
    account = relationship("User", foreign_keys=[account_id])
