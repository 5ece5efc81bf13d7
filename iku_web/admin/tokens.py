"""API tokens of an account, issued and revoked by whoever manages the account's unit
(access.can "manage": the unit's admins, the install admins). docs/api.md."""
from datetime import date, datetime, time, timedelta

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..access import current_unit
from ..api import tokens
from ..auth.permissions import admin_required
from ..extensions import db
from ..fields import EmptyForm, Form
from ..models import ApiToken, User
from . import bp


class TokenForm(Form):
    label = StringField("Keterangan", filters=[lambda v: v.strip() if v else v], validators=[
        DataRequired("Keterangan wajib diisi, misalnya \"Dasbor KPU RI\"."), Length(max=100)])
    expires = DateField("Berlaku sampai (boleh kosong)", validators=[Optional()])

    def validate_expires(self, field):
        if field.data is not None and field.data < date.today():
            raise ValidationError("Tanggal berlaku tidak boleh sebelum hari ini.")


def _account(user_id: int) -> User:
    """The account if it holds a role in the current unit, else 404 (as admin.user)."""
    account = db.get_or_404(User, user_id)
    if account.role_in(current_unit().id) is None:
        abort(404)
    return account


def _page(account: User, form: TokenForm, new_token: str | None = None):
    return render_template("admin/tokens.html", account=account, form=form,
                           tokens=tokens.tokens_of(account), new_token=new_token,
                           revoke_form=EmptyForm(), now=datetime.now())


@bp.route("/pengguna/<int:user_id>/token", methods=["GET", "POST"])
@admin_required
def tokens_page(user_id: int):
    """The account's tokens; a POST issues one and shows it in full, this once."""
    account = _account(user_id)
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(account, form)
    # Valid through the chosen day: it expires when the next day begins.
    expires = datetime.combine(form.expires.data + timedelta(days=1), time.min) \
        if form.expires.data else None
    _row, token = tokens.issue(account, form.label.data, expires, current_user)
    db.session.commit()
    return _page(account, TokenForm(formdata=None), new_token=token)


@bp.route("/pengguna/<int:user_id>/token/<int:token_id>/cabut", methods=["POST"])
@admin_required
def token_revoke(user_id: int, token_id: int):
    account = _account(user_id)
    row = db.get_or_404(ApiToken, token_id)
    if row.user_id != account.id:
        abort(404)
    if EmptyForm().validate_on_submit():
        tokens.revoke(row)
        db.session.commit()
        flash(f"Token \"{row.label}\" dicabut; aplikasi yang memakainya tidak dapat lagi "
              "membaca data.", "success")
    return redirect(url_for(".tokens_page", user_id=account.id))
