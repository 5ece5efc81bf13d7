"""The login log for the admin: who logged in or failed, when and from where."""
import sqlalchemy as sa
from flask import render_template, request

from ..extensions import db
from ..models import LoginEvent
from . import bp
from .permissions import install_admin_required

OUTCOMES = {"success": "Berhasil", "failure": "Gagal", "throttled": "Ditahan (terlalu sering)"}
PER_PAGE = 100


@bp.route("/pengguna/log-masuk")
@install_admin_required
def login_log():
    """The newest login attempts first, filterable by username and outcome, paginated."""
    username = request.args.get("pengguna", "").strip()[:64]
    outcome = request.args.get("hasil", "")
    query = sa.select(LoginEvent).order_by(LoginEvent.at.desc(), LoginEvent.id.desc())
    if username:
        query = query.where(LoginEvent.username == username)
    if outcome in OUTCOMES:
        query = query.where(LoginEvent.outcome == outcome)
    page = db.paginate(query, per_page=PER_PAGE, max_per_page=PER_PAGE, error_out=False)
    return render_template("auth/login_log.html", page=page, outcomes=OUTCOMES,
                           username=username, outcome=outcome)
