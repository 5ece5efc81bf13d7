"""User accounts and their roles."""
from datetime import datetime

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db

ROLES = {
    "admin": "Administrator (perencanaan)",
    "verifier": "Verifikator",
    "staff": "Penanggung jawab indikator",
    "viewer": "Pimpinan (baca saja)",
}
# Roles that can be in charge of an indicator's realisasi (see guards.can_edit_indicator).
TASK_ROLES = ("admin", "verifier", "staff")


def username_key(name: str) -> str:
    """How usernames are compared: without surrounding spaces, without regard to case."""
    return name.strip().lower()


class User(UserMixin, db.Model):
    # One account per name whatever its case: "budi" and "Budi" cannot both exist.
    __table_args__ = (
        sa.Index("uq_user_username_ci", sa.func.lower(sa.text("username")), unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    full_name: Mapped[str] = mapped_column(sa.String(200), default="")
    unit: Mapped[str] = mapped_column(sa.String(200), default="")
    # Optional: reminders by e-mail go only to users who have one.
    email: Mapped[str | None] = mapped_column(sa.String(254))
    role: Mapped[str] = mapped_column(sa.String(16), default="staff")
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)

    def set_password(self, password: str) -> None:
        # Tests set a cheap method: the default scrypt costs about 0.1 s per hash.
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() \
            else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def has_tasks(self) -> bool:
        """Whether "Tugas saya" means anything: a viewer (pimpinan) only reads, so no quarter
        is ever theirs to fill."""
        return self.role in TASK_ROLES

    @property
    def display_name(self) -> str:
        return self.full_name or self.username



def find_user(name: str) -> User | None:
    """The account called `name`, in any case and with any surrounding spaces."""
    return db.session.scalar(
        sa.select(User).where(sa.func.lower(User.username) == username_key(name)))
