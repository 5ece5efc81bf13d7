"""The LKE (Lembar Kerja Evaluasi AKIP): versioned criteria sets and a year's evaluation of them.

A criteria set (the national one of PermenPAN-RB 88/2021 is seeded by a migration) holds
components, sub-components and criteria with their weights; an evaluation points at the set it
was made with, so editing or copying a set later never changes an evaluation already made.
Scoring rules: docs/lke.md and iku_web/lke/scoring.py."""
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import ExactDecimal

SIDES = {"mandiri": "Penilaian mandiri", "evaluator": "Penilaian evaluator"}
STATUSES = {"draft": "Draf", "submitted": "Diajukan ke evaluator (terkunci)",
            "returned": "Dikembalikan untuk diperbaiki"}
FOLLOW_UP = {"belum": "Belum ditindaklanjuti", "proses": "Dalam proses", "selesai": "Selesai"}


class LkeCriteriaSet(db.Model):
    __tablename__ = "lke_criteria_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    version: Mapped[str] = mapped_column(sa.String(50), unique=True)
    source: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)

    components: Mapped[list["LkeComponent"]] = relationship(
        order_by="LkeComponent.position", cascade="all, delete-orphan")


class LkeComponent(db.Model):
    __tablename__ = "lke_component"

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lke_criteria_set.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(sa.String(10))
    name: Mapped[str] = mapped_column(sa.Text)
    weight: Mapped[Decimal] = mapped_column(ExactDecimal())

    subcomponents: Mapped[list["LkeSubcomponent"]] = relationship(
        order_by="LkeSubcomponent.position", cascade="all, delete-orphan")


class LkeSubcomponent(db.Model):
    __tablename__ = "lke_subcomponent"

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lke_component.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(sa.String(10))
    kind: Mapped[str] = mapped_column(sa.String(16))  # pemenuhan, kualitas, pemanfaatan
    name: Mapped[str] = mapped_column(sa.Text)
    weight: Mapped[Decimal] = mapped_column(ExactDecimal())

    criteria: Mapped[list["LkeCriterion"]] = relationship(
        order_by="LkeCriterion.position", cascade="all, delete-orphan")


class LkeCriterion(db.Model):
    __tablename__ = "lke_criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    subcomponent_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lke_subcomponent.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(sa.String(16))
    text: Mapped[str] = mapped_column(sa.Text)
    # Which of IKU Web's own records can evidence it (iku_web/lke/evidence.py); "" = none.
    evidence_rule: Mapped[str] = mapped_column(sa.String(32), default="")


class LkeEvaluation(db.Model):
    """A year's LKE: the self-evaluation and the evaluator's scoring of it."""

    __tablename__ = "lke_evaluation"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(
        sa.ForeignKey("year.id", ondelete="CASCADE"), unique=True)
    set_id: Mapped[int] = mapped_column(sa.ForeignKey("lke_criteria_set.id"), index=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="draft")
    comment: Mapped[str] = mapped_column(sa.Text, default="")  # why it was returned
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))

    criteria_set = relationship("LkeCriteriaSet")
    year_ref = relationship("Year")

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)


class LkeCheck(db.Model):
    """One criterion's answer on one side: met (True), not met (False) or not yet checked."""

    __tablename__ = "lke_check"
    __table_args__ = (sa.UniqueConstraint("evaluation_id", "criterion_id", "side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lke_evaluation.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lke_criterion.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(sa.String(16), default="mandiri")
    met: Mapped[bool | None]
    note: Mapped[str] = mapped_column(sa.Text, default="")
    evidence: Mapped[str] = mapped_column(sa.Text, default="")  # accepted or typed evidence
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None]


class LkeLetter(db.Model):
    """A sub-component's letter chosen by a person instead of the suggested one, with the
    reason, and (evaluator side) the evaluator's note on the sub-component."""

    __tablename__ = "lke_letter"
    __table_args__ = (sa.UniqueConstraint("evaluation_id", "subcomponent_id", "side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lke_evaluation.id", ondelete="CASCADE"), index=True)
    subcomponent_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lke_subcomponent.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(sa.String(16), default="mandiri")
    letter: Mapped[str | None] = mapped_column(sa.String(2))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")


class LkeRecommendation(db.Model):
    """An evaluator's recommendation and the unit's tindak lanjut of it."""

    __tablename__ = "lke_recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lke_evaluation.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.Text)
    follow_up: Mapped[str] = mapped_column(sa.Text, default="")
    due: Mapped[date | None]
    status: Mapped[str] = mapped_column(sa.String(16), default="belum")
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)

    @property
    def status_label(self) -> str:
        return FOLLOW_UP.get(self.status, self.status)


class LkeFile(db.Model):
    """A file attached as evidence to one criterion's answer on one side. Stored like the
    realisasi evidence (evidence/storage.py), in the lke/ folder of UPLOAD_DIR."""

    __tablename__ = "lke_file"
    __table_args__ = (sa.UniqueConstraint("evaluation_id", "criterion_id", "side", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lke_evaluation.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(
        sa.ForeignKey("lke_criterion.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(sa.String(16), default="mandiri")
    original_name: Mapped[str] = mapped_column(sa.String(255))
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int] = mapped_column(sa.BigInteger)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(default=datetime.now)

    uploaded_by = relationship("User")
    criterion = relationship("LkeCriterion")
