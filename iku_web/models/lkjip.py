"""The free texts of a year's Laporan Kinerja (LKjIP) that a person writes: one row per slot."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class LkjipText(db.Model):
    """A narrative slot of the LKjIP draft (Kata Pengantar, isu strategis, the analysis of a
    sasaran, Penutup), keyed by a slot name such as "kata_pengantar" or "sasaran-12"."""

    __tablename__ = "lkjip_text"
    __table_args__ = (sa.UniqueConstraint("year_id", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("year.id", ondelete="CASCADE"), index=True)
    slot: Mapped[str] = mapped_column(sa.String(64))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    # Optimistic concurrency, as for the realisasi: a save names the version it started from.
    version: Mapped[int] = mapped_column(default=0)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None]

    updated_by = relationship("User")
