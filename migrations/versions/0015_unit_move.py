"""unit_move: a unit moved under another parent from a year on; earlier years keep their tree

Revision ID: 0015_unit_move
Revises: 0014_unit_data_stamp

A new table only: no existing row changes. Moves made before this version have no row, so
the roll-up reads the current tree for them, in every year, as before (docs/rollup.md).
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_unit_move"
down_revision = "0014_unit_data_stamp"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "unit_move",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("old_parent_id", sa.Integer(), nullable=True),
        sa.Column("new_parent_id", sa.Integer(), nullable=True),
        sa.Column("from_year", sa.Integer(), nullable=False),
        sa.Column("moved_at", sa.DateTime(), nullable=False),
        sa.Column("moved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="fk_unit_move_unit_id_unit",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["old_parent_id"], ["unit.id"],
                                name="fk_unit_move_old_parent_id_unit", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["new_parent_id"], ["unit.id"],
                                name="fk_unit_move_new_parent_id_unit", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["moved_by_id"], ["user.id"],
                                name="fk_unit_move_moved_by_id_user", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_unit_move"),
    )
    op.create_index("ix_unit_move_unit_id", "unit_move", ["unit_id"], unique=False)


def downgrade():
    op.drop_index("ix_unit_move_unit_id", table_name="unit_move")
    op.drop_table("unit_move")
