"""`flask --app wsgi copy-database SOURCE_URL`: copy every row of another IKU Web database (the
office's SQLite file) into the app's own database (a new PostgreSQL database), to move to
PostgreSQL without losing history, reviews or issued documents.

Both databases must be at the same migration (`db upgrade` on each first). The target must hold
no office data yet (no year, no user): what the migrations seeded there (the LKE criteria, the
default categories) is replaced by the source's copy of it, with the same ids, in one
transaction, so a failure leaves the target as it was. Files (UPLOAD_DIR) and SECRET_KEY are
not in the database and stay where they are."""
import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from .extensions import db

CHUNK = 1000


def _revision(connection) -> str | None:
    try:
        return connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
    except sa.exc.DBAPIError:
        return None


def _reset_sequences(connection, tables) -> None:
    """PostgreSQL hands out ids from a sequence that the copied rows did not advance."""
    for table in tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, sa.Integer):
            continue
        name, column = table.name, key[0].name
        connection.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{column}'), "
            f"COALESCE(MAX(\"{column}\"), 1), MAX(\"{column}\") IS NOT NULL) FROM \"{name}\""))


def copy_rows(source_url: str) -> dict[str, int]:
    """Copy every table of the models from `source_url` into the app's database; returns the
    number of rows per table. Raises click.ClickException with the reason when refused."""
    source = sa.create_engine(source_url)
    tables = db.metadata.sorted_tables
    try:
        with source.connect() as src, db.engine.begin() as dst:
            here, there = _revision(src), _revision(dst)
            if here is None or here != there:
                raise click.ClickException(
                    f"Versi skema berbeda (sumber {here}, tujuan {there}): jalankan "
                    "`db upgrade` pada keduanya dengan versi IKU Web yang sama.")
            for name in ("year", "user"):
                if dst.scalar(sa.select(sa.func.count()).select_from(db.metadata.tables[name])):
                    raise click.ClickException(
                        "Basis data tujuan sudah berisi data kantor (tahun atau pengguna); "
                        "tidak ada yang disalin.")
            for table in reversed(tables):
                dst.execute(table.delete())
            counts = {}
            for table in tables:
                rows = src.execute(sa.select(table).order_by(*table.primary_key.columns))
                counts[table.name] = 0
                while chunk := rows.fetchmany(CHUNK):
                    dst.execute(table.insert(), [dict(row._mapping) for row in chunk])
                    counts[table.name] += len(chunk)
            if dst.dialect.name == "postgresql":
                _reset_sequences(dst, tables)
            return counts
    finally:
        source.dispose()


@click.command("copy-database")
@click.argument("source_url")
@with_appcontext
def copy_database_command(source_url: str):
    """Copy all rows of SOURCE_URL (e.g. sqlite:////srv/iku-web/instance/iku.sqlite3) into
    the database of DATABASE_URL."""
    counts = copy_rows(source_url)
    click.echo(f"{sum(counts.values())} baris dari {len(counts)} tabel disalin.")
