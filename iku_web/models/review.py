"""The verification state of one indicator's quarter: submitted, returned or approved (locked)."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

STATUSES = {
    "draft": "Draf",
    "submitted": "Diajukan",
    "returned": "Dikembalikan",
    "approved": "Disetujui (dikunci)",
}


class Review(db.Model):
    """One row per indicator and quarter once someone submitted it; no row means draft."""

    __table_args__ = (sa.UniqueConstraint("indicator_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    quarter: Mapped[int]  # 1..4
    status: Mapped[str] = mapped_column(sa.String(16), default="draft")
    # The verifier's last word: why it was returned or unlocked (kept after resubmission, so
    # the person in charge can still read what was asked).
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    submitted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]

    indicator = relationship("Indicator")
    submitted_by = relationship("User", foreign_keys=[submitted_by_id])
    reviewed_by = relationship("User", foreign_keys=[reviewed_by_id])

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    @property
    def locked(self) -> bool:
        return self.status == "approved"
