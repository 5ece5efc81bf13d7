"""User accounts and their roles."""
from datetime import datetime

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from .units import Membership, default_unit_id

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
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)

    # The signed-in user's are loaded with the session row (auth/sessions.py), in one query.
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="Membership.unit_id")
    # The role in the first unit, read with the row itself (a subquery, no extra round trip),
    # so that `role` also answers on an account loaded in an earlier session.
    first_role: Mapped[str | None] = column_property(
        sa.select(Membership.role).where(Membership.user_id == id)
        .order_by(Membership.unit_id).limit(1).correlate_except(Membership).scalar_subquery())

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

    def role_in(self, unit_id: int | None) -> str | None:
        """The role held in that unit itself (not inherited from an ancestor), or None."""
        return next((m.role for m in self.memberships if m.unit_id == unit_id), None)

    def set_role(self, unit_id: int, role: str | None) -> None:
        """Give the role in that unit, or take every role there away (None)."""
        held = next((m for m in self.memberships if m.unit_id == unit_id), None)
        if role is None:
            if held is not None:
                self.memberships.remove(held)
        elif held is None:
            self.memberships.append(Membership(unit_id=unit_id, role=role))
        else:
            held.role = role

    @property
    def role(self) -> str | None:
        """The role in the account's first unit (the oldest it holds a role in): in a
        single-unit install, "the" role. Readable on an account loaded earlier (no query)."""
        if "memberships" in self.__dict__:  # loaded (and perhaps changed since)
            return self.memberships[0].role if self.memberships else None
        return self.first_role

    @role.setter
    def role(self, value: str) -> None:
        """Sets the role in the default unit (`flask create-user --role`, the seed)."""
        self.set_role(default_unit_id(), value)

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
