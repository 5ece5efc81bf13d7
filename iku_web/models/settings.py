"""Settings: office-wide key/value options, capaian categories, and each year's signers."""
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .years import Num


class Setting(db.Model):
    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text, default="")


class Category(db.Model):
    """A capaian band: from lower_bound (inclusive unless stated) upward to the next band."""

    id: Mapped[int] = mapped_column(primary_key=True)
    lower_bound: Mapped[Decimal] = mapped_column(Num)
    inclusive: Mapped[bool] = mapped_column(default=True)
    label: Mapped[str] = mapped_column(sa.String(64))
    colour: Mapped[str] = mapped_column(sa.String(16))


class Signer(db.Model):
    """A person who signs the documents of one year; the name may stay blank to be written by
    hand. Each year has its own rows, so changing 2024's signers never touches 2023's."""

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("year.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(200))  # jabatan
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    nip: Mapped[str] = mapped_column(sa.String(32), default="")
    rank: Mapped[str] = mapped_column(sa.String(100), default="")  # pangkat/golongan
