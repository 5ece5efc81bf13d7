"""signers per year; issued documents and the public check's throttle

Every existing year gets its own copy of the signers that were shared by all years until now.

Revision ID: 0007_issued_documents
Revises: 0005_reminders
"""
from alembic import op
import sqlalchemy as sa


revision = "0007_issued_documents"
down_revision = "0005_reminders"
branch_labels = None
depends_on = None

SIGNER_FIELDS = ("position", "title", "name", "nip", "rank")
_year = sa.table("year", sa.column("id", sa.Integer), sa.column("year", sa.Integer))
_signer = sa.table("signer", sa.column("id", sa.Integer), sa.column("year_id", sa.Integer),
                   *(sa.column(f) for f in SIGNER_FIELDS))


def upgrade():
    with op.batch_alter_table("signer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("year_id", sa.Integer(), nullable=True))

    conn = op.get_bind()
    shared = conn.execute(sa.select(*(_signer.c[f] for f in SIGNER_FIELDS))
                          .where(_signer.c.year_id.is_(None)).order_by(_signer.c.id)).all()
    year_ids = conn.execute(sa.select(_year.c.id).order_by(_year.c.year)).scalars().all()
    rows = [{"year_id": year_id, **row._asdict()} for year_id in year_ids for row in shared]
    if rows:
        conn.execute(_signer.insert(), rows)
    # The shared rows now live on in every year. With no year at all there is nothing they
    # could be printed on; a new year starts without signers.
    conn.execute(_signer.delete().where(_signer.c.year_id.is_(None)))

    with op.batch_alter_table("signer", schema=None) as batch_op:
        batch_op.alter_column("year_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f("ix_signer_year_id"), ["year_id"], unique=False)
        batch_op.create_foreign_key("fk_signer_year_id_year", "year", ["year_id"], ["id"],
                                    ondelete="CASCADE")

    op.create_table(
        "issued_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.String(length=16), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("stored_name", sa.String(length=64), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("issued_by_name", sa.String(length=200), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by_name", sa.String(length=200), nullable=False),
        sa.Column("revoke_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["issued_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["year_id"], ["year.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("stored_name"),
        sa.UniqueConstraint("year_id", "document", "quarter", "version"),
    )
    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_issued_document_year_id"), ["year_id"],
                              unique=False)

    op.create_table(
        "check_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("check_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_check_attempt_client"), ["client"], unique=False)
        batch_op.create_index(batch_op.f("ix_check_attempt_at"), ["at"], unique=False)


def downgrade():
    with op.batch_alter_table("check_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_check_attempt_client"))
    op.drop_table("check_attempt")
    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issued_document_year_id"))
    op.drop_table("issued_document")

    # Back to one shared list: keep the signers of the most recent year.
    conn = op.get_bind()
    latest = conn.execute(sa.select(_year.c.id).order_by(_year.c.year.desc()).limit(1)).scalar()
    conn.execute(_signer.delete().where(_signer.c.year_id != latest)
                 if latest is not None else _signer.delete())
    with op.batch_alter_table("signer", schema=None) as batch_op:
        batch_op.drop_constraint("fk_signer_year_id_year", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_signer_year_id"))
        batch_op.drop_column("year_id")
