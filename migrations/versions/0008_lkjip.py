"""narrative slots of the Laporan Kinerja (LKjIP)

Revision ID: 0008_lkjip
Revises: 0004_sakip_chain
"""
from alembic import op
import sqlalchemy as sa


revision = "0008_lkjip"
down_revision = "0004_sakip_chain"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "lkjip_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["year_id"], ["year.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year_id", "slot"),
    )
    with op.batch_alter_table("lkjip_text", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lkjip_text_year_id"), ["year_id"], unique=False)


def downgrade():
    with op.batch_alter_table("lkjip_text", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lkjip_text_year_id"))
    op.drop_table("lkjip_text")
