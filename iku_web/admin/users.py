"""User accounts, managed by the planning staff (the CLI commands do the same from a shell)."""
import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..access import current_unit
from ..auth.permissions import admin_required
from ..extensions import db
from ..fields import Form, choices
from ..models import Membership, User
from ..models.users import ROLES, find_user
from . import bp
from .memberships import RoleForm, assign_role, keeps_own_admin, may_edit_account


class UserForm(Form):
    username = StringField("Nama pengguna", filters=[lambda v: v.strip() if v else v], validators=[
        DataRequired("Nama pengguna wajib diisi."), Length(max=64),
        Regexp(r"^[A-Za-z0-9._-]+$", message="Hanya huruf, angka, titik, garis bawah, strip.")])
    full_name = StringField("Nama lengkap", validators=[Length(max=200)])
    unit = StringField("Unit kerja", validators=[Length(max=200)])
    email = StringField("E-mail (untuk pengingat, boleh kosong)", filters=[
        lambda v: (v or "").strip() or None], validators=[
        Optional(), Length(max=254), Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                                            message="Alamat e-mail tidak valid.")])
    role = SelectField("Peran", choices=choices(ROLES))
    active = BooleanField("Aktif", default=True)
    password = PasswordField("Kata sandi baru", validators=[
        Optional(), Length(min=8, message="Kata sandi paling sedikit 8 karakter.")])


@bp.route("/pengguna")
@admin_required
def users():
    """The accounts that hold a role in this unit, with that role."""
    unit = current_unit()
    rows = db.session.scalars(sa.select(User).join(Membership).where(
        Membership.unit_id == unit.id).order_by(User.username)).all()
    return render_template("admin/users.html", users=[(u, u.role_in(unit.id)) for u in rows],
                           roles=ROLES)


@bp.route("/pengguna/baru", methods=["GET", "POST"], defaults={"user_id": None})
@bp.route("/pengguna/<int:user_id>", methods=["GET", "POST"])
@admin_required
def user(user_id: int | None):
    """Create an account, or change one (role, unit, active, password). An account that
    also holds a role in a unit this admin does not administer: only its role here."""
    unit = current_unit()
    account = db.get_or_404(User, user_id) if user_id else None
    if account is not None and account.role_in(unit.id) is None:
        abort(404)  # an account of another unit
    if account is not None and not may_edit_account(current_user, account):
        return _role_only(account, unit)
    form = UserForm(obj=account)
    if account is not None and not form.is_submitted():
        form.role.data = account.role_in(unit.id)  # the role here, not in the default unit
    if form.validate_on_submit():
        taken = find_user(form.username.data)
        if taken is not None and taken.id != user_id:
            form.username.errors.append(
                "Nama pengguna sudah dipakai. Untuk memberi akun itu peran di unit ini, "
                "gunakan Tambah akun yang sudah ada.")
        elif account is None and not form.password.data:
            form.password.errors.append("Kata sandi wajib diisi untuk akun baru.")
        elif account is not None and (not keeps_own_admin(account, form.role.data)
                                      or (account.id == current_user.id
                                          and not form.active.data)):
            form.role.errors.append("Anda tidak dapat mencabut hak admin akun Anda sendiri.")
        else:
            account = account or User(password_hash="")
            for field in ("username", "full_name", "unit", "email", "active"):
                setattr(account, field, getattr(form, field).data)
            assign_role(account, unit, form.role.data)
            if form.password.data:
                account.set_password(form.password.data)
            db.session.add(account)
            db.session.commit()
            flash(f"Akun {account.username} disimpan.", "success")
            return redirect(url_for(".users"))
    return render_template("admin/user.html", form=form, account=account, limited=False)


def _role_only(account: User, unit):
    form = RoleForm()
    if not form.is_submitted():
        form.role.data = account.role_in(unit.id)
    if form.validate_on_submit():
        if not keeps_own_admin(account, form.role.data):
            form.role.errors.append("Anda tidak dapat mencabut hak admin akun Anda sendiri.")
        else:
            assign_role(account, unit, form.role.data)
            db.session.commit()
            flash(f"Peran {account.username} di unit ini disimpan.", "success")
            return redirect(url_for(".users"))
    return render_template("admin/user.html", form=form, account=account, limited=True)
