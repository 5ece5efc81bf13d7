"""Programs and kegiatan of a year with their budget (pagu) and realisasi anggaran.

Rupiah are whole numbers (BigInteger), never floats: budgets are printed without decimals.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class Program(db.Model):
    """A program (parent_id NULL) or a kegiatan under a program (parent_id set).

    A program with kegiatan takes its pagu and realisasi from them (their sum; `pagu` and
    realisasi typed on it before it had kegiatan stay stored but are not counted); totals of a
    year add up programs, so nothing is counted twice (iku_web/budget.py).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("year.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("program.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(sa.String(50), default="")
    name: Mapped[str] = mapped_column(sa.Text)
    pagu: Mapped[int] = mapped_column(sa.BigInteger, default=0)  # Rupiah
    note: Mapped[str] = mapped_column(sa.Text, default="")  # keterangan
    # The sasaran this program supports (a kegiatan without one follows its program).
    sasaran_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sasaran.id", ondelete="SET NULL"), index=True)

    year_ref = relationship("Year")
    parent = relationship("Program", remote_side=[id], back_populates="kegiatan")
    kegiatan = relationship("Program", back_populates="parent", order_by="Program.position",
                            cascade="all, delete-orphan")
    sasaran = relationship("Sasaran")
    realisasi: Mapped[list["BudgetRealisasi"]] = relationship(
        back_populates="program", order_by="BudgetRealisasi.quarter",
        cascade="all, delete-orphan")

    @property
    def is_kegiatan(self) -> bool:
        return self.parent_id is not None


class BudgetRealisasi(db.Model):
    """Realisasi anggaran spent in one quarter (not cumulative); no row means not filled."""

    __table_args__ = (sa.UniqueConstraint("program_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        sa.ForeignKey("program.id", ondelete="CASCADE"), index=True)
    quarter: Mapped[int]  # 1..4
    amount: Mapped[int | None] = mapped_column(sa.BigInteger)  # Rupiah
    version: Mapped[int] = mapped_column(default=0)
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None]

    program: Mapped[Program] = relationship(back_populates="realisasi")
