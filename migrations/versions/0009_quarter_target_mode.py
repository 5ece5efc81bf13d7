"""how the quarterly targets of an indicator are written: per triwulan or kumulatif s.d. TW

Revision ID: 0009_quarter_target_mode
Revises: 0006_security

Existing indicators keep "per_triwulan" (their capaian to date does not change), except a
kumulatif indicator whose four targets can only be read as cumulative: none falls, TW IV is the
yearly target and their sum is not (3 / 5 / 8 / 10 against 10). Those get "kumulatif", which
mends their capaian to date (docs/capaian.md).
"""
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from alembic import op

revision = "0009_quarter_target_mode"
down_revision = "0009_lke"
branch_labels = None
depends_on = None

QUARTERS = ("target_tw1", "target_tw2", "target_tw3", "target_tw4")


def _decimal(value):
    if value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _written_cumulative(yearly, targets) -> bool:
    if yearly is None or any(t is None for t in targets):
        return False
    rising = all(a <= b for a, b in zip(targets, targets[1:], strict=False))
    return rising and targets[-1] == yearly and sum(targets) != yearly


def upgrade():
    op.add_column("indicator", sa.Column("quarter_target_mode", sa.String(length=16),
                                         nullable=False, server_default="per_triwulan"))
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT id, target_value, " + ", ".join(QUARTERS) + " FROM indicator "
        "WHERE aggregation = 'kumulatif' AND target_kind IN ('number', 'percent')")).all()
    cumulative = [row[0] for row in rows
                  if _written_cumulative(_decimal(row[1]), [_decimal(v) for v in row[2:]])]
    for indicator_id in cumulative:
        conn.execute(sa.text("UPDATE indicator SET quarter_target_mode = 'kumulatif' "
                             "WHERE id = :id"), {"id": indicator_id})


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild of indicator would cascade deletes
    # into its realisasi (docs/migrations.md).
    op.execute("ALTER TABLE indicator DROP COLUMN quarter_target_mode")
