"""Who may change what. Every state-changing view is wrapped in one of these."""
from functools import wraps

from flask import abort, url_for
from flask_login import current_user

from ..extensions import login_manager
from ..htmx import is_htmx, redirect_to


def login_needed():
    """Send an anonymous user to the login page; htmx is told to load it as a whole page
    (following a 302 would swap the login form into the fragment's target)."""
    if is_htmx():
        return redirect_to(url_for("auth.login"))
    return login_manager.unauthorized()


def role_required(*roles: str):
    """Only logged-in users with one of the roles; anonymous users are sent to log in."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_needed()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


admin_required = role_required("admin")


def can_edit_indicator(user, indicator) -> bool:
    """Realisasi, narrative and evidence of an indicator: admins and verifiers for every
    indicator, staff only for the indicators assigned to them."""
    if not user.is_authenticated or not user.active:
        return False
    if user.role in ("admin", "verifier"):
        return True
    return user.role == "staff" and indicator.pic_user_id == user.id
