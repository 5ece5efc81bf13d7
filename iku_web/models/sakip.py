"""The SAKIP chain above and around the indicators of a year: sasaran strategis, the Renstra
(five-year plan) with its per-year and end-of-period targets, and realisasi of earlier years
typed by hand (years before the office used this application)."""
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..extensions import db
from .units import default_unit_id
from .years import Indicator, Num, Year


class Sasaran(db.Model):
    """A sasaran strategis of one year; each indicator of the year belongs to one."""

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("year.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(sa.Text)
    # The sasaran of the previous year this one was copied from (like Indicator.source).
    source_sasaran_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sasaran.id", ondelete="SET NULL"))

    year_ref = relationship("Year", back_populates="sasaran")
    indicators = relationship("Indicator", back_populates="sasaran",
                              order_by="Indicator.position")


class Renstra(db.Model):
    """A Rencana Strategis period (e.g. 2020-2024) of a unit, set by a decree."""

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id"), index=True,
                                         default=default_unit_id)
    name: Mapped[str] = mapped_column(sa.String(300))
    start_year: Mapped[int]
    end_year: Mapped[int]
    decree_number: Mapped[str] = mapped_column(sa.String(200), default="")
    decree_date: Mapped[date | None]

    indicators: Mapped[list["RenstraIndicator"]] = relationship(
        back_populates="renstra", order_by="RenstraIndicator.position",
        cascade="all, delete-orphan")

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class RenstraIndicator(db.Model):
    """One indicator of a Renstra: the thread that links the same indicator over the period,
    with a target for each year and the target at the end of the period. A target is a number
    (in the indicator's satuan) or, for grade indicators, a grade ("B")."""

    id: Mapped[int] = mapped_column(primary_key=True)
    renstra_id: Mapped[int] = mapped_column(
        sa.ForeignKey("renstra.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(sa.Text)
    satuan: Mapped[str] = mapped_column(sa.String(50), default="")
    end_value: Mapped[Decimal | None] = mapped_column(Num)
    end_grade: Mapped[str | None] = mapped_column(sa.String(4))

    renstra: Mapped[Renstra] = relationship(back_populates="indicators")
    targets: Mapped[list["RenstraTarget"]] = relationship(
        back_populates="renstra_indicator", order_by="RenstraTarget.year",
        cascade="all, delete-orphan")

    def target_for(self, year: int) -> "RenstraTarget | None":
        return next((t for t in self.targets if t.year == year), None)


class RenstraTarget(db.Model):
    __table_args__ = (sa.UniqueConstraint("renstra_indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    renstra_indicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("renstra_indicator.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    value: Mapped[Decimal | None] = mapped_column(Num)
    grade: Mapped[str | None] = mapped_column(sa.String(4))

    renstra_indicator: Mapped[RenstraIndicator] = relationship(back_populates="targets")


class PastRealisasi(db.Model):
    """The yearly realisasi of an indicator in a year before the application was used, typed
    by the admin from an old report (always shown as "diketik", with its source). It hangs on
    an indicator of a later year; every year copied from that indicator inherits it."""

    __table_args__ = (sa.UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    value: Mapped[Decimal | None] = mapped_column(Num)  # realisasi (number)
    grade: Mapped[str | None] = mapped_column(sa.String(4))  # realisasi (grade indicators)
    target_value: Mapped[Decimal | None] = mapped_column(Num)  # that year's target, if known
    target_grade: Mapped[str | None] = mapped_column(sa.String(4))
    # Capaian as printed in the old report; when blank it is computed from value and target.
    capaian: Mapped[Decimal | None] = mapped_column(Num)
    source: Mapped[str] = mapped_column(sa.Text)  # e.g. "LKjIP 2021, hlm. 14"
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)

    indicator = relationship("Indicator", back_populates="past_realisasi")


@event.listens_for(Session, "before_flush")
def _give_sasaran(session, _context, _instances) -> None:
    """Every writer keeps the rule "each indicator belongs to a sasaran": an indicator flushed
    without one gets its own sasaran named after it (the rule the migration applied to the
    indicators that existed before sasaran did)."""
    for obj in list(session.new):
        if isinstance(obj, Indicator) and obj.sasaran is None and obj.sasaran_id is None:
            year = obj.year_ref
            if year is None and obj.year_id is not None:
                year = session.get(Year, obj.year_id)
            if year is not None:
                obj.sasaran = Sasaran(year_ref=year, name=obj.name, position=obj.position or 0)
