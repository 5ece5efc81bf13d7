"""memberships: roles are held per unit; today's role becomes a role in the default unit

Revision ID: 0010_memberships
Revises: 0009_units
"""
import warnings
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0010_memberships"
down_revision = "0009_units"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name="fk_membership_user_id_user",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name="fk_membership_unit_id_unit",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_membership"),
        sa.UniqueConstraint("user_id", "unit_id", name="uq_membership_user_unit"),
    )
    op.create_index("ix_membership_user_id", "membership", ["user_id"], unique=False)
    op.create_index("ix_membership_unit_id", "membership", ["unit_id"], unique=False)
    op.execute('INSERT INTO membership (user_id, unit_id, role) '
               'SELECT "user".id, (SELECT MIN(id) FROM unit), "user".role FROM "user"')
    # Rebuilding user on SQLite would cascade-delete sessions and notifications, and drops the
    # case-insensitive username index (docs/migrations.md).
    with _foreign_keys_off(), _no_index_warning():
        with op.batch_alter_table("user") as batch_op:
            batch_op.drop_column("role")
    _username_index()


def downgrade():
    with _foreign_keys_off(), _no_index_warning():
        with op.batch_alter_table("user") as batch_op:
            batch_op.add_column(sa.Column("role", sa.String(length=16), nullable=False,
                                          server_default="staff"))
    _username_index()
    op.execute('UPDATE "user" SET role = COALESCE((SELECT role FROM membership WHERE '
               'membership.user_id = "user".id AND membership.unit_id = '
               "(SELECT MIN(id) FROM unit)), 'viewer')")
    op.drop_index("ix_membership_unit_id", table_name="membership")
    op.drop_index("ix_membership_user_id", table_name="membership")
    op.drop_table("membership")


@contextmanager
def _no_index_warning():
    """The copy cannot reflect the lower(username) index; _username_index makes it again."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        yield


def _username_index():
    if op.get_bind().dialect.name == "sqlite":
        op.execute('CREATE UNIQUE INDEX IF NOT EXISTS uq_user_username_ci ON "user" '
                   "(lower(username))")


@contextmanager
def _foreign_keys_off():
    """As in 0004_sakip_chain: the pragma only changes outside a transaction."""
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
