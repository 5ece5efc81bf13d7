"""usernames unique without regard to case or surrounding spaces; change log source

Revision ID: 0003_username_ci
Revises: 0008_lkjip

Refuses to run while two accounts share a name up to case (e.g. "budi" and "Budi"): which
of them is the real one is the admin's decision, not the migration's. The message names the
pairs and the command that renames one of them.

Also records where each change log entry came from (change_log.source: layar, impor Excel,
perintah); older entries keep NULL ("not recorded").
"""
import warnings
from collections import defaultdict

from alembic import op
import sqlalchemy as sa


revision = '0003_username_ci'
down_revision = '0008_lkjip'
branch_labels = None
depends_on = None

user = sa.table('user', sa.column('id', sa.Integer), sa.column('username', sa.String))


def _case_duplicates(rows) -> list[list[str]]:
    groups = defaultdict(list)
    for _id, name in rows:
        groups[name.strip().lower()].append(name)
    return [names for names in groups.values() if len(names) > 1]


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.select(user.c.id, user.c.username).order_by(user.c.id)).all()
    pairs = _case_duplicates(rows)
    if pairs:
        listed = "; ".join(", ".join(repr(name) for name in names) for names in pairs)
        raise RuntimeError(
            "Nama pengguna harus unik tanpa membedakan huruf besar/kecil, tetapi akun berikut "
            f"hanya berbeda huruf besar/kecil atau spasi: {listed}. Ganti nama salah satu "
            "akun dari setiap pasangan, misalnya: flask --app wsgi rename-user Budi budi2 "
            "(atau di halaman Pengaturan > Pengguna), lalu jalankan lagi: "
            "flask --app wsgi db upgrade. "
            "(Usernames must be unique regardless of case; rename one account of each pair "
            "listed above, then run the upgrade again.)")
    for id_, name in rows:
        if name != name.strip():
            conn.execute(user.update().where(user.c.id == id_).values(username=name.strip()))
    op.create_index('uq_user_username_ci', 'user', [sa.text('lower(username)')], unique=True)
    # A plain ADD COLUMN (SQLite and PostgreSQL both have it): no table copy.
    op.add_column('change_log', sa.Column('source', sa.String(length=16), nullable=True))


def downgrade():
    op.drop_index('uq_user_username_ci', table_name='user')
    with warnings.catch_warnings():
        # The table copy reflects "user" (a foreign key target), whose lower(username) index
        # SQLAlchemy cannot reflect on SQLite; that index is dropped above anyway.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        with op.batch_alter_table('change_log', schema=None) as batch_op:
            batch_op.drop_column('source')
