"""Reporting deadlines per quarter, in-app notifications and the log of e-mail reminders."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

NOTIFICATION_KINDS = {
    "returned": "Dikembalikan",
    "approved": "Disetujui",
    "deadline": "Tenggat",
    "overdue": "Terlambat",
    "rollup_reminder": "Pengingat dari unit induk",  # rollup/province.py
}


class Deadline(db.Model):
    """The admin's reporting deadline of one quarter of a year; no row means the default
    (the 10th day of the month after the quarter)."""

    __table_args__ = (sa.UniqueConstraint("year_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("year.id", ondelete="CASCADE"), index=True)
    quarter: Mapped[int]  # 1..4
    due: Mapped[date]


class Notification(db.Model):
    """One message in a user's bell. `key` makes generated notices idempotent: the same
    deadline notice for the same item is created once, however often the reminders run."""

    __table_args__ = (sa.UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"),
                                         index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    key: Mapped[str] = mapped_column(sa.String(120))
    message: Mapped[str] = mapped_column(sa.Text)
    link: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]

    @property
    def kind_label(self) -> str:
        return NOTIFICATION_KINDS.get(self.kind, self.kind)


class MailLog(db.Model):
    """Every e-mail the reminder command sent or failed to send."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    day: Mapped[date] = mapped_column(index=True)  # the clock's date of the run
    kind: Mapped[str] = mapped_column(sa.String(16))  # reminder, digest
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"),
                                                index=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(300))
    items: Mapped[str] = mapped_column(sa.Text, default="")  # one open item per line
    status: Mapped[str] = mapped_column(sa.String(16))  # sent, failed
    error: Mapped[str] = mapped_column(sa.Text, default="")

    user = relationship("User")
