"""LKE (PermenPAN-RB 88/2021): criteria sets, a year's evaluation, checks, letters and
recommendations; seeds the national criteria set.

Revision ID: 0009_lke
Revises: 0006_security
"""
from alembic import op
import sqlalchemy as sa

from iku_web.lke import criteria
from iku_web.models.types import ExactDecimal

revision = "0009_lke"
down_revision = "0006_security"
branch_labels = None
depends_on = None


def _id():
    return sa.Column("id", sa.Integer(), primary_key=True)


def _fk(name, target, ondelete="CASCADE", nullable=False):
    return sa.Column(name, sa.Integer(), sa.ForeignKey(target, ondelete=ondelete),
                     nullable=nullable, index=True)


def upgrade():
    op.create_table(
        "lke_criteria_set", _id(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("version", sa.String(50), nullable=False, unique=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "lke_component", _id(), _fk("set_id", "lke_criteria_set.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("weight", ExactDecimal(), nullable=False),
    )
    op.create_table(
        "lke_subcomponent", _id(), _fk("component_id", "lke_component.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("weight", ExactDecimal(), nullable=False),
    )
    op.create_table(
        "lke_criterion", _id(), _fk("subcomponent_id", "lke_subcomponent.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("evidence_rule", sa.String(32), nullable=False),
    )
    op.create_table(
        "lke_evaluation", _id(),
        sa.Column("year_id", sa.Integer(), sa.ForeignKey("year.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        _fk("set_id", "lke_criteria_set.id", ondelete=None),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(),
                  sa.ForeignKey("user.id", ondelete="SET NULL"), nullable=True),
    )
    op.create_table(
        "lke_check", _id(), _fk("evaluation_id", "lke_evaluation.id"),
        _fk("criterion_id", "lke_criterion.id"),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("met", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(),
                  sa.ForeignKey("user.id", ondelete="SET NULL"), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("evaluation_id", "criterion_id", "side"),
    )
    op.create_table(
        "lke_letter", _id(), _fk("evaluation_id", "lke_evaluation.id"),
        _fk("subcomponent_id", "lke_subcomponent.id"),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("letter", sa.String(2), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint("evaluation_id", "subcomponent_id", "side"),
    )
    op.create_table(
        "lke_recommendation", _id(), _fk("evaluation_id", "lke_evaluation.id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    # The national set as it stands in this version of the data file; later edits are made by
    # the admin in the database, and a later regulation is a new set.
    criteria.insert(op.get_bind(), criteria.load())


def downgrade():
    for table in ("lke_recommendation", "lke_letter", "lke_check", "lke_evaluation",
                  "lke_criterion", "lke_subcomponent", "lke_component", "lke_criteria_set"):
        op.drop_table(table)
