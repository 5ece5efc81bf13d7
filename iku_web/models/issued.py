"""Issued documents: the exact PDF bytes an office signed, and the public check's throttle."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class IssuedDocument(db.Model):
    """One issued version of a document of a year. The file is never rendered again: the
    row keeps what the paper shows (signers, options) as it was when issued."""

    __table_args__ = (sa.UniqueConstraint("year_id", "document", "quarter", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("year.id"), index=True)
    document: Mapped[str] = mapped_column(sa.String(16))  # iku, pk, pengukuran
    quarter: Mapped[int] = mapped_column(default=0)  # Pengukuran up to a quarter; 0 = the year
    version: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(300))
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)  # without dashes
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int] = mapped_column(sa.BigInteger)
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # JSON: paper, orientation, closing line, quarter, signers (role, jabatan, name, NIP).
    details: Mapped[str] = mapped_column(sa.Text, default="{}")
    issued_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    issued_by_name: Mapped[str] = mapped_column(sa.String(200), default="")
    issued_at: Mapped[datetime] = mapped_column(default=datetime.now)
    replaced_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_by_name: Mapped[str] = mapped_column(sa.String(200), default="")
    revoke_reason: Mapped[str] = mapped_column(sa.Text, default="")

    year_ref = relationship("Year")

    @property
    def state(self) -> str:
        """"dicabut", "diganti" or "berlaku" (revoked wins: it is what the reader must know)."""
        if self.revoked_at is not None:
            return "dicabut"
        if self.replaced_at is not None:
            return "diganti"
        return "berlaku"

    @property
    def code_display(self) -> str:
        return f"{self.code[:4]}-{self.code[4:8]}-{self.code[8:]}"


class CheckAttempt(db.Model):
    """A lookup of an unknown code on the public check page, by client address. Kept in the
    database so that the limit holds across all server workers."""

    id: Mapped[int] = mapped_column(primary_key=True)
    client: Mapped[str] = mapped_column(sa.String(64), index=True)
    at: Mapped[datetime] = mapped_column(default=datetime.now, index=True)
