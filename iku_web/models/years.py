"""A budget year (Tahun Anggaran) with its institution profile, and its indicators."""
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import ExactDecimal

Num = ExactDecimal()


def target_is_set(kind: str, value, upper, grade) -> bool:
    """Whether a target can be measured against; shared by the model and the column-only reads
    of the realisasi summary, so both agree."""
    if kind == "grade":
        return bool(grade)
    if kind == "range":
        return value is not None and upper is not None
    return kind != "none" and value is not None


class Year(db.Model):
    """One Tahun Anggaran and the institution profile printed on its documents."""

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    institution_name: Mapped[str] = mapped_column(sa.String(300), default="")
    function: Mapped[str] = mapped_column(sa.Text, default="")
    # One Tugas per line; kept as text because it is edited and printed as an ordered list.
    duties: Mapped[str] = mapped_column(sa.Text, default="")
    closing_place: Mapped[str] = mapped_column(sa.String(100), default="")

    indicators: Mapped[list["Indicator"]] = relationship(
        back_populates="year_ref", order_by="Indicator.position", cascade="all, delete-orphan"
    )
    signers: Mapped[list["Signer"]] = relationship(  # noqa: F821  (models/settings.py)
        order_by="[Signer.position, Signer.id]", cascade="all, delete-orphan"
    )

    @property
    def duty_list(self) -> list[str]:
        return [line.strip() for line in self.duties.splitlines() if line.strip()]


class Indicator(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("year.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(sa.Text)  # the sasaran / indikator kinerja utama
    formula: Mapped[str] = mapped_column(sa.Text, default="")  # PERHITUNGAN, verbatim
    target_kind: Mapped[str] = mapped_column(sa.String(16), default="none")
    target_value: Mapped[Decimal | None] = mapped_column(Num)  # lower bound for a range
    target_upper: Mapped[Decimal | None] = mapped_column(Num)
    target_grade: Mapped[str | None] = mapped_column(sa.String(4))
    target_unit: Mapped[str] = mapped_column(sa.String(50), default="")
    polarity: Mapped[str] = mapped_column(sa.String(8), default="higher")
    aggregation: Mapped[str] = mapped_column(sa.String(16), default="nilai_akhir")
    data_source: Mapped[str] = mapped_column(sa.Text, default="")
    pic_unit: Mapped[str] = mapped_column(sa.String(200), default="")
    pic_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    # Quarterly targets (Rencana Aksi of the Perjanjian Kinerja), in the indicator's unit.
    target_tw1: Mapped[Decimal | None] = mapped_column(Num)
    target_tw2: Mapped[Decimal | None] = mapped_column(Num)
    target_tw3: Mapped[Decimal | None] = mapped_column(Num)
    target_tw4: Mapped[Decimal | None] = mapped_column(Num)

    year_ref: Mapped[Year] = relationship(back_populates="indicators")
    pic_user = relationship("User", lazy="joined")

    @property
    def quarter_targets(self) -> list[Decimal | None]:
        return [self.target_tw1, self.target_tw2, self.target_tw3, self.target_tw4]

    @property
    def has_target(self) -> bool:
        return target_is_set(self.target_kind, self.target_value, self.target_upper,
                             self.target_grade)

    @property
    def pic_label(self) -> str:
        parts = [self.pic_unit] if self.pic_unit else []
        if self.pic_user is not None:
            parts.append(self.pic_user.display_name)
        return " / ".join(parts)
