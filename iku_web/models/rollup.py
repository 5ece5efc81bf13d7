"""Roll-up data that is neither an indicator nor a realisasi: the children a parent leaves out
of a computed indicator's denominator ("tidak berlaku"). See docs/rollup.md."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class RollupExemption(db.Model):
    """A child unit that does not count in one computed indicator of its parent (so for that
    year only), with the reason the parent gave ("tidak ada Pilkada tahun ini"). Exempting a
    unit that has children of its own leaves its whole subtree out."""

    __table_args__ = (sa.UniqueConstraint("indicator_id", "unit_id",
                                          name="uq_rollup_exemption_indicator_unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The parent's (computed) indicator.
    indicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id", ondelete="CASCADE"),
                                         index=True)
    reason: Mapped[str] = mapped_column(sa.Text)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)

    indicator = relationship("Indicator")
    unit = relationship("Unit")
