"""Log in and out."""
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from .. import clock
from ..fields import EmptyForm
from ..indicators.service import latest_year
from ..models import User
from ..models.users import find_user
from ..monitoring.service import open_count
from ..reminders import notifications
from ..reminders.navigation import waiting_count
from ..reminders.open_items import returned_count
from . import bp
from .forms import LoginForm


@bp.route("/masuk", methods=["GET", "POST"])
def login():
    """The login form; on success go back to the page that asked for it."""
    if current_user.is_authenticated:
        return redirect(url_for("indicators.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = find_user(form.username.data)
        if user is None or not user.active or not user.check_password(form.password.data):
            form.password.errors.append("Nama pengguna atau kata sandi salah.")
        else:
            login_user(user)
            notifications.sync_deadlines(clock.today(), only_user_id=user.id)
            flash(f"Selamat datang, {user.display_name}.", "success")
            return redirect(_landing(user, request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/keluar", methods=["POST"])
def logout():
    """Log out (POST with CSRF, so a link in a foreign page cannot log anyone out)."""
    form = EmptyForm()
    if form.validate_on_submit():
        logout_user()
        flash("Anda telah keluar.", "info")
    return redirect(url_for("indicators.home"))


def _landing(user: User, target: str | None) -> str:
    """Where to go after login: the asked-for page; else staff with open or returned work see
    their to-do list first (owners forget to report), verifiers and admins the queue when
    something waits for them, everyone else the home page."""
    if not target and user.role == "staff":
        if open_count(user) or returned_count(user):
            return url_for("monitoring.my_tasks")
    if not target and user.role in ("verifier", "admin"):
        year = latest_year()
        if year and waiting_count(year):  # the verifier's queue is not empty
            return url_for("review.index", year=year)
    return _safe_next(target)


def _safe_next(target: str | None) -> str:
    # Only a path on this site, never an absolute URL to somewhere else.
    if target and target.startswith("/") and not urlsplit(target).netloc and "\\" not in target:
        return target
    return url_for("indicators.home")
