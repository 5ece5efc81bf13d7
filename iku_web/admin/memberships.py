"""Roles of existing accounts in a unit: a unit's admin gives an account that already exists
(say a Kabupaten's staff member) a role in their own unit, or takes it away. The account is
named by its exact username: other units' accounts are never listed or searched. Rules in
docs/units.md "Accounts across units"."""
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from ..access import ROLE_ACTIONS, can, current_unit, is_install_admin
from ..auth.permissions import admin_required
from ..changelog import log_role
from ..extensions import db
from ..fields import Form, choices
from ..models import User
from ..models.users import ROLES, find_user
from . import bp


class GrantForm(Form):
    username = StringField("Nama pengguna (persis seperti akunnya)", filters=[
        lambda v: v.strip() if v else v], validators=[
        DataRequired("Nama pengguna wajib diisi."), Length(max=64)])
    role = SelectField("Peran di unit ini", choices=choices(ROLES))


class RoleForm(Form):
    role = SelectField("Peran di unit ini", choices=choices(ROLES))


def home_unit(account: User):
    """The unit the account belongs to: where it got its first role (normally the unit
    whose admin created it). Roles given later elsewhere do not move it."""
    first = min(account.memberships, key=lambda m: m.id, default=None)
    return first.unit if first is not None else None


def may_edit_account(editor, account: User) -> bool:
    """Whether `editor` may change the account itself (username, name, e-mail, password,
    active): the admins of its home unit and the install admins. An admin who gave another
    unit's account a role changes only that role, or the province admin who made a
    Kabupaten's staff member a viewer could take the account over."""
    if is_install_admin(editor):
        return True
    home = home_unit(account)
    return home is not None and can(editor, "manage", home)


def keeps_own_admin(account: User, role: str | None) -> bool:
    """False when the signed-in admin would take their own right to manage this unit away."""
    return account.id != current_user.id or (role is not None and "manage" in ROLE_ACTIONS[role])


def assign_role(account: User, unit, role: str | None) -> None:
    """Give, change or take away (None) the account's role in the unit, and log it: every
    change of a role goes through here."""
    old = account.role_in(unit.id)
    account.set_role(unit.id, role)
    log_role(account, unit, old, role)


@bp.route("/pengguna/tambah-akun", methods=["GET", "POST"])
@admin_required
def grant():
    """Give an existing account (of any unit) a role in this unit."""
    unit = current_unit()
    form = GrantForm()
    if form.validate_on_submit():
        account = find_user(form.username.data)
        if account is None:
            form.username.errors.append(
                "Akun tidak ditemukan. Periksa ejaan nama pengguna, atau buat akun baru.")
        elif not account.active:
            form.username.errors.append("Akun ini nonaktif; minta admin unitnya mengaktifkannya.")
        elif account.role_in(unit.id) is not None:
            form.username.errors.append("Akun ini sudah memiliki peran di unit ini.")
        else:
            assign_role(account, unit, form.role.data)
            db.session.commit()
            flash(f"{account.username} kini {ROLES[form.role.data]} di {unit.name}.", "success")
            return redirect(url_for(".users"))
    return render_template("admin/grant.html", form=form, unit=unit)


@bp.route("/pengguna/<int:user_id>/cabut", methods=["POST"])
@admin_required
def revoke(user_id: int):
    """Take the account's role in this unit away (the account and its other roles stay)."""
    unit = current_unit()
    account = db.get_or_404(User, user_id)
    if account.role_in(unit.id) is None:
        abort(404)  # not an account of this unit
    if not keeps_own_admin(account, None):
        flash("Anda tidak dapat mencabut hak admin akun Anda sendiri.", "danger")
        return redirect(url_for(".user", user_id=user_id))
    assign_role(account, unit, None)
    db.session.commit()
    flash(f"Peran {account.username} di {unit.name} dicabut.", "success")
    return redirect(url_for(".users"))
