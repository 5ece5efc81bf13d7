"""A budget year (Tahun Anggaran) with its institution profile, and its indicators."""
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from ..extensions import db
from .types import ExactDecimal
from .units import default_unit_id

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
    """One Tahun Anggaran of a unit and the institution profile printed on its documents."""

    __table_args__ = (sa.UniqueConstraint("unit_id", "year", name="uq_year_unit_id_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id"), index=True,
                                         default=default_unit_id)
    year: Mapped[int]
    institution_name: Mapped[str] = mapped_column(sa.String(300), default="")
    function: Mapped[str] = mapped_column(sa.Text, default="")
    # One Tugas per line; kept as text because it is edited and printed as an ordered list.
    duties: Mapped[str] = mapped_column(sa.Text, default="")
    closing_place: Mapped[str] = mapped_column(sa.String(100), default="")
    # The decree (Keputusan) that set this year's IKU, printed above the IKU table.
    iku_decree_number: Mapped[str] = mapped_column(sa.String(200), default="")
    iku_decree_date: Mapped[date | None]
    # The number of this year's Perjanjian Kinerja, printed on its statement page.
    pk_number: Mapped[str] = mapped_column(sa.String(200), default="")

    unit = relationship("Unit")
    indicators: Mapped[list["Indicator"]] = relationship(
        back_populates="year_ref", order_by="Indicator.position", cascade="all, delete-orphan"
    )
    sasaran = relationship("Sasaran", back_populates="year_ref", order_by="Sasaran.position",
                           cascade="all, delete-orphan")
    # Programs only (kegiatan hang under them); read-only, the database deletes them with the year.
    programs = relationship("Program", order_by="Program.position",
                            primaryjoin="and_(Program.year_id == Year.id, "
                                        "Program.parent_id.is_(None))",
                            viewonly=True)
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
    # domain.QUARTER_TARGET_MODES: "per_triwulan" or "kumulatif" (s.d. triwulan).
    quarter_target_mode: Mapped[str] = mapped_column(sa.String(16), default="per_triwulan",
                                                     server_default="per_triwulan")
    # The sasaran strategis it serves (kept nullable in the database so that code creating an
    # indicator without one still works: iku_web.chain gives such an indicator its own sasaran
    # named after it when it is flushed).
    sasaran_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sasaran.id", ondelete="SET NULL"), index=True)
    # Lineage: the indicator of an earlier year this one was copied from.
    source_indicator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("indicator.id", ondelete="SET NULL"), index=True)
    # The Renstra indicator it carries out (gives the yearly and end-of-period targets).
    renstra_indicator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("renstra_indicator.id", ondelete="SET NULL"), index=True)
    # Optional national standard (standar nasional) in the indicator's satuan, and its source.
    national_standard: Mapped[Decimal | None] = mapped_column(Num)
    national_standard_note: Mapped[str] = mapped_column(sa.Text, default="")
    # Roll-up (docs/rollup.md). The indicator of the parent unit's same year this one was
    # cascaded from ("turunkan"): its definition is the parent's and only the parent sets its
    # target. A parent's children are the indicators linked to it.
    parent_indicator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("indicator.id", ondelete="SET NULL"), index=True)
    # domain.ROLLUP_RULES: "typed" (realisasi typed, as before) or the rule that computes the
    # realisasi from the linked indicators of the unit's children.
    rollup_rule: Mapped[str] = mapped_column(sa.String(24), default="typed",
                                             server_default="typed")

    # The satuan (unit) column of the documents is the target unit: one field, two names.
    satuan = synonym("target_unit")

    year_ref: Mapped[Year] = relationship(back_populates="indicators")
    pic_user = relationship("User", lazy="joined")
    sasaran = relationship("Sasaran", back_populates="indicators")
    source_indicator = relationship("Indicator", remote_side=[id],
                                    foreign_keys=[source_indicator_id])
    parent_indicator = relationship("Indicator", remote_side=[id],
                                    foreign_keys=[parent_indicator_id])
    renstra_indicator = relationship("RenstraIndicator")
    past_realisasi = relationship("PastRealisasi", back_populates="indicator",
                                  order_by="PastRealisasi.year", cascade="all, delete-orphan")

    @property
    def quarter_targets(self) -> list[Decimal | None]:
        return [self.target_tw1, self.target_tw2, self.target_tw3, self.target_tw4]

    @property
    def linked(self) -> bool:
        """Cascaded from a parent unit's indicator: the definition is not the unit's own."""
        return self.parent_indicator_id is not None

    @property
    def computed(self) -> bool:
        """Its realisasi is computed from the children's (never typed)."""
        return self.rollup_rule != "typed"

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
