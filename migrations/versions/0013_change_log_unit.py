"""change log entries of a unit: role grants name the unit and the account

Revision ID: 0013_change_log_unit
Revises: 0012_api_tokens
"""
import warnings
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0013_change_log_unit"
down_revision = "0012_api_tokens"
branch_labels = None
depends_on = None


@contextmanager
def _change_log():
    """change_log rebuilt on SQLite (it has no children, so nothing is deleted with it)."""
    with warnings.catch_warnings():
        # The copy reflects "user" (a foreign key target), whose lower(username) index
        # SQLAlchemy cannot reflect on SQLite; the copy does not touch it.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        with op.batch_alter_table("change_log", schema=None) as batch_op:
            yield batch_op


def upgrade():
    with _change_log() as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_change_log_unit_id_unit", "unit", ["unit_id"], ["id"],
                                    ondelete="CASCADE")
        batch_op.create_foreign_key("fk_change_log_account_id_user", "user", ["account_id"],
                                    ["id"], ondelete="SET NULL")
        batch_op.create_index("ix_change_log_unit_id", ["unit_id"], unique=False)


def downgrade():
    with _change_log() as batch_op:
        batch_op.drop_index("ix_change_log_unit_id")
        batch_op.drop_constraint("fk_change_log_account_id_user", type_="foreignkey")
        batch_op.drop_constraint("fk_change_log_unit_id_unit", type_="foreignkey")
        batch_op.drop_column("account_id")
        batch_op.drop_column("unit_id")
