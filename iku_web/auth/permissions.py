"""Who may change what. Every state-changing view is wrapped in one of these; each asks the
one policy, iku_web/access.py, about the unit of the request."""
from functools import wraps

from flask_login import current_user

from ..access import requires
from ..guards import login_needed

admin_required = requires("manage")  # the unit's admin
verifier_required = requires("verify")  # the unit's verifiers and admins
reader_required = requires("read")  # signed in, and the unit is theirs to read
install_admin_required = requires("install")  # install-wide settings, the units themselves


def signed_in(view):
    """Pages of a person rather than a unit (their notifications): any signed-in user."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_needed()
        return view(*args, **kwargs)

    return wrapped
