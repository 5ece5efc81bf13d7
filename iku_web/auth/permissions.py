"""Who may change what. Every state-changing view is wrapped in one of these."""
from functools import wraps

from flask import abort
from flask_login import current_user

from ..guards import login_needed


def role_required(*roles: str):
    """Only logged-in users with one of the roles; anonymous users get guards.login_needed()."""

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
