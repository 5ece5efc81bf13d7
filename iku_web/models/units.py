"""Units (offices) of an install: KPU RI, a province, its Kabupaten/Kota. See docs/units.md."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

KINDS = {
    "pusat": "KPU RI",
    "provinsi": "KPU Provinsi",
    "kabupaten": "KPU Kabupaten",
    "kota": "KPU Kota",
}


class Unit(db.Model):
    """One office. Its years (and through them everything year-scoped) and its Renstra belong
    to it. A retired unit stays readable and is never deleted."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    # Used in URLs (/<code>/<year>/...): lower case letters, digits and dashes, never digits only.
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(16), default="kabupaten")
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    # The place printed on the closing line of its documents ("Buntok").
    place: Mapped[str] = mapped_column(sa.String(100), default="")
    retired: Mapped[bool] = mapped_column(default=False)
    # A random number replaced, in the same transaction, by every change to data the roll-up
    # reads of this unit (models/stamps.py): a computation stored under the stamps of a subtree
    # is valid exactly as long as they are the same (docs/rollup.md, "No stale figure").
    data_stamp: Mapped[int | None] = mapped_column(sa.BigInteger)

    parent = relationship("Unit", remote_side=[id], back_populates="children")
    children = relationship("Unit", back_populates="parent", order_by="Unit.name")

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"


def default_unit_id(context=None) -> int | None:
    """The default unit: the oldest one (the office the install was made for, which the
    migration created from the existing data). Old URLs without a unit lead there.

    Also the column default of Year.unit_id and Renstra.unit_id for code that creates a row
    without naming its unit (scripts, fixtures of a single-unit install)."""
    query = sa.select(sa.func.min(Unit.id))
    if context is not None:
        return context.connection.scalar(query)
    return db.session.scalar(query)


class Membership(db.Model):
    """A person's role in one unit (roles in models/users.py ROLES). A person may hold roles in
    several units; reading a unit's descendants needs no row of its own (iku_web/access.py)."""

    __table_args__ = (sa.UniqueConstraint("user_id", "unit_id", name="uq_membership_user_unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"),
                                         index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id", ondelete="CASCADE"),
                                         index=True)
    role: Mapped[str] = mapped_column(sa.String(16))

    user = relationship("User", back_populates="memberships")
    unit = relationship("Unit")


class UnitMove(db.Model):
    """A unit moved under another parent from a year on (`from_year`: the first year it
    belongs to the new parent). The years before keep the tree they had: the roll-up reads a
    unit's parent of each year through these rows (docs/rollup.md, "Moving a unit")."""

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id", ondelete="CASCADE"),
                                         index=True)
    old_parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("unit.id", ondelete="SET NULL"))
    new_parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("unit.id", ondelete="SET NULL"))
    from_year: Mapped[int]
    moved_at: Mapped[datetime] = mapped_column(default=datetime.now)
    moved_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))

    unit = relationship("Unit", foreign_keys=[unit_id])
    old_parent = relationship("Unit", foreign_keys=[old_parent_id])
    new_parent = relationship("Unit", foreign_keys=[new_parent_id])
