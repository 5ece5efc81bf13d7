"""unit.data_stamp: replaced with every change to the data the roll-up reads of a unit

Revision ID: 0014_unit_data_stamp
Revises: 0013_change_log_unit
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0014_unit_data_stamp"
down_revision = "0013_change_log_unit"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN (no batch copy): on SQLite, rebuilding "unit" would run the ON DELETE
    # actions of every table that points at it.
    op.add_column("unit", sa.Column("data_stamp", sa.BigInteger(), nullable=True))
    # Every unit starts with a stamp of its own: a NULL would be the same "stamp" for whatever
    # data a unit has when a backup made before this version is restored and upgraded.
    unit = sa.table("unit", sa.column("id", sa.Integer), sa.column("data_stamp", sa.BigInteger))
    conn = op.get_bind()
    for (unit_id,) in conn.execute(sa.select(unit.c.id)).all():
        conn.execute(unit.update().where(unit.c.id == unit_id)
                     .values(data_stamp=secrets.randbits(62)))


def downgrade():
    # DROP COLUMN in place for the same reason (SQLite 3.35 and later, PostgreSQL).
    op.execute("ALTER TABLE unit DROP COLUMN data_stamp")
