"""roll-up: an indicator linked to its parent unit's indicator, a roll-up rule, exemptions

Revision ID: 0011_rollup
Revises: 0010_memberships

Existing indicators stay typed and unlinked: no number moves (docs/rollup.md).
"""
import warnings
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0011_rollup"
down_revision = "0010_memberships"
branch_labels = None
depends_on = None


def upgrade():
    # On SQLite the batch copies the indicator table and drops the old one; with foreign keys
    # on, that drop would delete every realisasi, evidence and review row (docs/migrations.md).
    with _foreign_keys_off(), _no_index_warning():
        with op.batch_alter_table("indicator") as batch_op:
            batch_op.add_column(sa.Column("parent_indicator_id", sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column("rollup_rule", sa.String(length=24), nullable=False,
                                          server_default="typed"))
            batch_op.create_index("ix_indicator_parent_indicator_id", ["parent_indicator_id"],
                                  unique=False)
            batch_op.create_foreign_key("fk_indicator_parent_indicator_id", "indicator",
                                        ["parent_indicator_id"], ["id"], ondelete="SET NULL")
    op.create_table(
        "rollup_exemption",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"],
                                name="fk_rollup_exemption_indicator_id_indicator",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"],
                                name="fk_rollup_exemption_unit_id_unit", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"],
                                name="fk_rollup_exemption_created_by_id_user",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_rollup_exemption"),
        sa.UniqueConstraint("indicator_id", "unit_id", name="uq_rollup_exemption_indicator_unit"),
    )
    op.create_index("ix_rollup_exemption_indicator_id", "rollup_exemption", ["indicator_id"],
                    unique=False)
    op.create_index("ix_rollup_exemption_unit_id", "rollup_exemption", ["unit_id"], unique=False)


def downgrade():
    op.drop_index("ix_rollup_exemption_unit_id", table_name="rollup_exemption")
    op.drop_index("ix_rollup_exemption_indicator_id", table_name="rollup_exemption")
    op.drop_table("rollup_exemption")
    with _foreign_keys_off(), _no_index_warning():
        with op.batch_alter_table("indicator") as batch_op:
            batch_op.drop_constraint("fk_indicator_parent_indicator_id", type_="foreignkey")
            batch_op.drop_index("ix_indicator_parent_indicator_id")
            batch_op.drop_column("rollup_rule")
            batch_op.drop_column("parent_indicator_id")


@contextmanager
def _no_index_warning():
    """Copying indicator reflects the tables it refers to, user among them, whose
    lower(username) index cannot be reflected; user itself is not rebuilt, so the index stays."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        yield


@contextmanager
def _foreign_keys_off():
    """On SQLite, a batch copy of the indicator table must not cascade-delete its children
    when the old table is dropped; the pragma only changes outside a transaction."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        yield
        return
    bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
    bind.exec_driver_sql("BEGIN")
    try:
        yield
    finally:
        problems = bind.exec_driver_sql("PRAGMA foreign_key_check").all()
        bind.exec_driver_sql("COMMIT")
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")
        bind.exec_driver_sql("BEGIN")
    if problems:
        raise RuntimeError(f"foreign keys broken by the table copy: {problems[:5]}")
