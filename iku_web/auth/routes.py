"""Log in and out."""
from urllib.parse import unquote, urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import clock
from ..access import can, current_unit
from ..fields import EmptyForm
from ..formatting import sentence
from ..models import User
from ..models.users import username_key
from ..monitoring.service import open_count
from ..reminders import notifications
from ..reminders.navigation import waiting_count
from ..reminders.open_items import returned_count
from ..scope import latest_year
from . import bp, sessions, throttle
from .forms import LoginForm
from .passwords import authenticate


@bp.route("/masuk", methods=["GET", "POST"])
def login():
    """The login form; on success go back to the page that asked for it.

    Every attempt is logged; after repeated failures for one username from one address the
    form asks to wait (throttle.py)."""
    if current_user.is_authenticated:
        return redirect(url_for("indicators.home"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        username, address = username_key(form.username.data), sessions.client_address()
        wait = throttle.seconds_to_wait(username, address)
        if wait:
            throttle.record(username, address, "throttled")
            form.password.errors.append(throttle.wait_message(wait))
            status = 429
        else:
            user = authenticate(username, form.password.data)
            if user is None:
                throttle.record(username, address, "failure")
                form.password.errors.append("Nama pengguna atau kata sandi salah.")
            else:
                sessions.start(user, throttle.event(username, address, "success", user))
                notifications.sync_deadlines(clock.today(), only_user_id=user.id)
                flash(sentence(f"Selamat datang, {user.display_name}"), "success")
                return redirect(_landing(user, request.args.get("next")))
    return render_template("auth/login.html", form=form), status


@bp.route("/keluar", methods=["POST"])
def logout():
    """Log out (POST with CSRF, so a link in a foreign page cannot log anyone out); the
    session ends on the server too, so a copied cookie no longer works."""
    form = EmptyForm()
    if form.validate_on_submit():
        sessions.end()
        flash("Anda telah keluar.", "info")
    return redirect(url_for("indicators.home"))


def _landing(user: User, target: str | None) -> str:
    """Where to go after login: the asked-for page; else staff with open or returned work see
    their to-do list first (owners forget to report), verifiers and admins the queue when
    something waits for them, everyone else the home page."""
    if target:
        return _safe_next(target)
    unit = current_unit()
    if can(user, "verify", unit):
        year = latest_year()
        if year and waiting_count(year):  # the verifier's queue is not empty
            return url_for("review.index", year=year)
    elif can(user, "edit_assigned", unit) and (open_count(user) or returned_count(user)):
        return url_for("monitoring.my_tasks")
    return _safe_next(target)


def _safe_next(target: str | None) -> str:
    """Only a path on this site, never an absolute URL to somewhere else.

    Browsers read "//host", "/\\host" and "////host" as another site, and drop tabs and
    newlines before reading, so any of those (also percent-encoded) sends to the home page.
    """
    if not target or not target.startswith("/"):
        return url_for("indicators.home")
    decoded = unquote(target)
    if (decoded.startswith("//") or "\\" in decoded or urlsplit(decoded).netloc
            or any(ch.isspace() or not ch.isprintable() for ch in decoded)):
        return url_for("indicators.home")
    return target
