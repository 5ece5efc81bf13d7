"""units: every year and Renstra belongs to a unit; the existing office becomes the default unit

Revision ID: 0009_units
Revises: 0009_quarter_target_mode
"""
import re
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0009_units"
down_revision = "0009_quarter_target_mode"
branch_labels = None
depends_on = None

# How SQLite's batch mode names the unnamed UNIQUE(year) of 0001, so that it can be dropped.
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def upgrade():
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["unit.id"], name="fk_unit_parent_id_unit"),
        sa.PrimaryKeyConstraint("id", name="pk_unit"),
        sa.UniqueConstraint("code", name="uq_unit_code"),
    )
    op.create_index("ix_unit_parent_id", "unit", ["parent_id"], unique=False)
    unit_id = _insert_default_unit()
    # Rebuilding year or renstra on SQLite would cascade-delete their children (docs/migrations.md).
    with _foreign_keys_off():
        for table in ("year", "renstra"):
            with op.batch_alter_table(table) as batch_op:
                batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
            op.execute(sa.text(f"UPDATE {table} SET unit_id = :unit").bindparams(unit=unit_id))
        sqlite = op.get_bind().dialect.name == "sqlite"
        with op.batch_alter_table("year", naming_convention=SQLITE_NAMES) as batch_op:
            batch_op.alter_column("unit_id", existing_type=sa.Integer(), nullable=False)
            batch_op.create_foreign_key("fk_year_unit_id_unit", "unit", ["unit_id"], ["id"])
            batch_op.create_index("ix_year_unit_id", ["unit_id"], unique=False)
            batch_op.drop_constraint("uq_year_year" if sqlite else "year_year_key", type_="unique")
            batch_op.create_unique_constraint("uq_year_unit_id_year", ["unit_id", "year"])
        with op.batch_alter_table("renstra") as batch_op:
            batch_op.alter_column("unit_id", existing_type=sa.Integer(), nullable=False)
            batch_op.create_foreign_key("fk_renstra_unit_id_unit", "unit", ["unit_id"], ["id"])
            batch_op.create_index("ix_renstra_unit_id", ["unit_id"], unique=False)


def downgrade():
    with _foreign_keys_off():
        with op.batch_alter_table("renstra") as batch_op:
            batch_op.drop_index("ix_renstra_unit_id")
            batch_op.drop_constraint("fk_renstra_unit_id_unit", type_="foreignkey")
            batch_op.drop_column("unit_id")
        with op.batch_alter_table("year") as batch_op:
            batch_op.drop_constraint("uq_year_unit_id_year", type_="unique")
            batch_op.drop_index("ix_year_unit_id")
            batch_op.drop_constraint("fk_year_unit_id_unit", type_="foreignkey")
            batch_op.drop_column("unit_id")
            batch_op.create_unique_constraint("uq_year_year", ["year"])
    op.drop_index("ix_unit_parent_id", table_name="unit")
    op.drop_table("unit")


def default_unit_fields(name: str, place: str) -> dict:
    """The default unit made from the profile of the latest year: "Komisi Pemilihan Umum
    Kabupaten Barito Selatan" gives kind kabupaten and code barito-selatan."""
    name = name.strip() or "Kantor"
    kind = "kabupaten"
    for word in ("provinsi", "kota", "kabupaten"):
        if re.search(rf"\b{word}\b", name, re.IGNORECASE):
            kind = word
            break
    short = re.sub(r"^(komisi pemilihan umum|kpu)\s+", "", name, flags=re.IGNORECASE)
    short = re.sub(r"^(republik indonesia|ri|provinsi|kabupaten|kota)\b", "", short.strip(),
                   flags=re.IGNORECASE)
    code = re.sub(r"[^a-z0-9]+", "-", short.lower()).strip("-")[:64].strip("-")
    if not code or code.isdigit():
        code = "kantor"
    return {"name": name, "code": code, "kind": kind, "place": place.strip()}


def _insert_default_unit() -> int:
    bind = op.get_bind()
    latest = bind.execute(sa.text(
        "SELECT institution_name, closing_place FROM year ORDER BY year DESC LIMIT 1")).first()
    fields = default_unit_fields(*(latest or ("", "")))
    unit = sa.table("unit", *(sa.column(c) for c in ("name", "code", "kind", "place",
                                                     "retired")))
    bind.execute(unit.insert().values(retired=False, **fields))
    return bind.execute(sa.text("SELECT id FROM unit WHERE code = :code"),
                        {"code": fields["code"]}).scalar_one()


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
