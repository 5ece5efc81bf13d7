"""LKE evidence files: a file attached to one criterion's answer on one side

Revision ID: 0012_lke_files
Revises: 0011_rollup
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_lke_files"
down_revision = "0011_rollup"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "lke_file",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("evaluation_id", sa.Integer(),
                  sa.ForeignKey("lke_evaluation.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("criterion_id", sa.Integer(),
                  sa.ForeignKey("lke_criterion.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("original_name", sa.String(255), nullable=False),
        sa.Column("stored_name", sa.String(64), nullable=False, unique=True),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(),
                  sa.ForeignKey("user.id", ondelete="SET NULL"), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("evaluation_id", "criterion_id", "side", "sha256"),
    )


def downgrade():
    op.drop_table("lke_file")
