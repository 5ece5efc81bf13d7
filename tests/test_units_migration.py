"""The units migrations (0009_units, 0010_memberships) on a database made by the previous
release (the Barito Selatan demo year and a year of a second institution): every row of every
table is kept, value for value; every year and Renstra belongs to the default unit made from the
latest year's profile, and each account's role became its role in that unit."""
import importlib.util
import itertools
import warnings
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from tests.migration_support import MIGRATIONS, app_before, upgrade_to_head

_counter = itertools.count(1)


def _value(column):
    """A plausible value for a NOT NULL column the test does not name."""
    n = next(_counter)
    kind = column.type.python_type if not isinstance(column.type, sa.types.NullType) else str
    if kind is bool:
        return True
    if kind is int:
        return n
    if kind is datetime:
        return datetime(2024, 1, 1, 8, 0, n % 60)
    if kind is date:
        return date(2024, 1, n % 28 + 1)
    text = f"{column.name}-{n}"
    length = getattr(column.type, "length", None)  # PostgreSQL enforces it, SQLite does not
    return text[-length:] if length else text


def _insert(conn, meta, table: str, **values) -> int:
    """One row with the given values and made-up ones for the other required columns."""
    t = meta.tables[table]
    for column in t.columns:
        if (column.name not in values and not column.nullable and not column.primary_key
                and column.server_default is None):
            values[column.name] = _value(column)
    result = conn.execute(t.insert().values(**values))
    return result.inserted_primary_key[0] if result.inserted_primary_key else None


def _fill(conn) -> None:
    meta = _reflect(conn)
    ins = lambda table, **v: _insert(conn, meta, table, **v)  # noqa: E731
    admin = ins("user", username="admin", role="admin", active=True)
    staff = ins("user", username="staf", role="staff", active=True)
    ins("user", username="pimpinan", role="viewer", active=False)
    renstra = ins("renstra", name="Renstra 2020-2024", start_year=2020, end_year=2024)
    thread = ins("renstra_indicator", renstra_id=renstra, position=1, name="Pemilu tepat waktu")
    ins("renstra_target", renstra_indicator_id=thread, year=2023, value="100")
    profiles = [(2023, "Komisi Pemilihan Umum Kabupaten Barito Selatan", "Buntok"),
                (2024, "Komisi Pemilihan Umum Kabupaten Kapuas", "Kuala Kapuas")]
    for year, name, place in profiles:
        yid = ins("year", year=year, institution_name=name, closing_place=place,
                  function="Melaksanakan Tahapan Pemilu", duties="Satu\nDua")
        sasaran = ins("sasaran", year_id=yid, position=1, name=f"Sasaran {year}")
        program = ins("program", year_id=yid, name="Program", pagu=1_500_000_000,
                      sasaran_id=sasaran)
        ins("program", year_id=yid, parent_id=program, name="Kegiatan", pagu=500_000_000)
        ins("budget_realisasi", program_id=program, quarter=1, amount=123_456_789)
        for position in (1, 2):
            ind = ins("indicator", year_id=yid, position=position, name=f"Indikator {position}",
                      target_kind="percent", target_value="100", sasaran_id=sasaran,
                      renstra_indicator_id=thread, pic_user_id=staff)
            ins("realisasi", indicator_id=ind, quarter=1, value="87.5", version=2,
                updated_by_id=staff)
            ins("evidence", indicator_id=ind, quarter=1, original_name="lap.pdf",
                uploaded_by_id=staff)
            ins("review", indicator_id=ind, quarter=1, status="approved", reviewed_by_id=admin)
            ins("past_realisasi", indicator_id=ind, year=2021, value="90", source="LKjIP 2021")
            ins("change_log", user_id=staff, year_id=yid, indicator_id=ind, quarter=1,
                entity="realisasi", field="value", old_value=None, new_value="87,5")
        ins("signer", year_id=yid, position=1, title="Ketua", name="Nama Ketua")
        ins("deadline", year_id=yid, quarter=1, due=date(year, 4, 10))
        ins("issued_document", year_id=yid, document="iku", quarter=0, version=1,
            issued_by_id=admin)
        ins("lkjip_text", year_id=yid, slot="kata_pengantar", text="Puji syukur")
    ins("setting", key="capaian_cap", value="120")
    ins("category", lower_bound="100", inclusive=True, label="Tercapai", colour="#198754")
    ins("notification", user_id=staff, kind="returned", key="k1", message="Dikembalikan",
        link="/barito-selatan/2023/indikator/1")
    ins("mail_log", user_id=staff, recipient="staf@example.go.id", kind="reminder",
        status="sent")
    ins("check_attempt", client="10.0.0.1")
    ins("login_event", username="admin", outcome="success", user_id=admin)
    ins("user_session", id="s1", user_id=admin)


def _snapshot(conn) -> dict[str, list[tuple]]:
    meta = _reflect(conn)
    tables = {}
    for name, table in meta.tables.items():
        if name == "alembic_version":
            continue
        order = list(table.primary_key.columns) or list(table.columns)
        tables[name] = [tuple(row) for row in conn.execute(
            sa.select(*table.columns).order_by(*order))]
    return tables


def test_upgrade_keeps_every_row_and_makes_the_default_unit(tmp_path):
    app = app_before(tmp_path, "0009_units")
    with app.app_context(), db.engine.begin() as conn:
        _fill(conn)
        before = _snapshot(conn)
        old_columns = {name: [c.name for c in t.columns]
                       for name, t in _reflect(conn).tables.items()}
        roles = conn.execute(sa.text('SELECT id, role FROM "user" ORDER BY id')).all()
    upgrade_to_head(app)
    with app.app_context(), db.engine.connect() as conn:
        after_meta = _reflect(conn)
        for table, rows in before.items():
            names = old_columns[table]
            if table == "user":  # its role moved to membership
                gone = names.index("role")
                names = names[:gone] + names[gone + 1:]
                rows = [row[:gone] + row[gone + 1:] for row in rows]
            cols = [after_meta.tables[table].c[c] for c in names]
            order = list(after_meta.tables[table].primary_key.columns) or cols
            kept = [tuple(r) for r in conn.execute(sa.select(*cols).order_by(*order))]
            assert kept == rows, table
        assert sum(map(len, before.values())) > 40
        units = conn.execute(sa.text("SELECT id, name, code, kind, place, parent_id, retired "
                                     "FROM unit")).all()
        assert units == [(1, "Komisi Pemilihan Umum Kabupaten Kapuas", "kapuas", "kabupaten",
                          "Kuala Kapuas", None, False)]
        assert conn.execute(sa.text("SELECT DISTINCT unit_id FROM year")).scalars().all() == [1]
        assert conn.execute(sa.text("SELECT unit_id FROM renstra")).scalars().all() == [1]
        memberships = conn.execute(sa.text(
            "SELECT user_id, unit_id, role FROM membership ORDER BY user_id")).all()
        assert memberships == [(uid, 1, role) for uid, role in roles]
        assert [r for _u, r in roles] == ["admin", "staff", "viewer"]


def test_year_is_unique_per_unit_not_per_install(tmp_path):
    app = app_before(tmp_path, "0009_units")
    upgrade_to_head(app)
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO unit (name, code, kind, place, retired) VALUES "
                             "('KPU Kabupaten Kapuas', 'kapuas', 'kabupaten', '', FALSE)"))
        for unit in (1, 2):
            conn.execute(sa.text("INSERT INTO year (unit_id, year, institution_name, function, "
                                 "duties, closing_place, iku_decree_number, pk_number) VALUES "
                                 f"({unit}, 2024, '', '', '', '', '', '')"))
    with app.app_context(), db.engine.begin() as conn, pytest.raises(sa.exc.IntegrityError):
        conn.execute(sa.text("INSERT INTO year (unit_id, year, institution_name, function, "
                             "duties, closing_place, iku_decree_number, pk_number) VALUES "
                             "(2, 2024, '', '', '', '', '', '')"))


def _reflect(conn) -> sa.MetaData:
    """The tables as they are; SQLAlchemy cannot reflect the case-insensitive username index
    (an expression) and says so in a warning the test does not need."""
    meta = sa.MetaData()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sa.exc.SAWarning)
        meta.reflect(conn)
    return meta


@pytest.mark.parametrize("name, code, kind", [
    ("Komisi Pemilihan Umum Kabupaten Barito Selatan", "barito-selatan", "kabupaten"),
    ("KPU Kota Palangka Raya", "palangka-raya", "kota"),
    ("KPU Kabupaten Kotawaringin Barat", "kotawaringin-barat", "kabupaten"),
    ("Komisi Pemilihan Umum Provinsi Kalimantan Tengah", "kalimantan-tengah", "provinsi"),
    ("", "kantor", "kabupaten"),
])
def test_default_unit_code_and_kind_come_from_the_name(name, code, kind):
    path = MIGRATIONS / "versions" / "0009_units.py"
    spec = importlib.util.spec_from_file_location("units_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fields = module.default_unit_fields(name, " Buntok ")
    assert (fields["code"], fields["kind"], fields["place"]) == (code, kind, "Buntok")
