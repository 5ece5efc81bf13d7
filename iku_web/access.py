"""Who may do what in which unit: the one policy every decorator, view and template asks.

Roles are held per unit (models/units.py Membership). A role in a unit lets its holder read
that unit and every unit below it; the actions of the role apply to the unit itself only, so a
province's staff read their Kabupaten/Kota read-only. The admins of a top unit (one without
parent) are the install admins: they may do everything everywhere, including the units
themselves. A retired unit is read-only for everyone. See docs/units.md.
"""
from functools import wraps

import sqlalchemy as sa
from flask import abort, g, has_request_context
from flask_login import current_user

from .extensions import db
from .models import Unit

# What each role may do in its own unit. "read" is also granted in every descendant.
# lke_self / lke_evaluate: the two sides of the SAKIP self-evaluation (iku_web/lke).
ROLE_ACTIONS = {
    "admin": frozenset({"read", "edit", "verify", "manage", "lke_self", "lke_evaluate"}),
    "verifier": frozenset({"read", "edit", "verify", "lke_evaluate"}),
    "staff": frozenset({"read", "edit_assigned", "lke_self"}),
    "viewer": frozenset({"read"}),
}
ACTIONS = frozenset().union(*ROLE_ACTIONS.values()) | {"install"}


def _lineage(unit: Unit) -> list[Unit]:
    """The unit and its ancestors, nearest first."""
    chain = []
    while unit is not None and unit not in chain:
        chain.append(unit)
        unit = unit.parent
    return chain


def is_install_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.active:
        return False
    return any(m.role == "admin" and m.unit.parent_id is None for m in user.memberships)


def role_in(user, unit: Unit) -> str | None:
    """The role the user holds in the unit itself."""
    if not getattr(user, "is_authenticated", False) or not user.active:
        return None
    return user.role_in(unit.id)


def can(user, action: str, unit: Unit) -> bool:
    """Whether `user` may do `action` ("read", "edit", "edit_assigned", "verify", "manage",
    "install") in `unit`. Anonymous users may do nothing here; which pages they may read is
    decided by the views, as before units existed."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not getattr(user, "is_authenticated", False) or not user.active:
        return False
    if action == "install":  # the units themselves, install-wide settings
        return is_install_admin(user)
    if unit.retired and action != "read":
        return False
    if is_install_admin(user):
        return True
    role = role_in(user, unit)
    if role is not None and action in ROLE_ACTIONS.get(role, ()):
        return True
    if action == "read":
        held = {m.unit_id for m in user.memberships}
        return any(u.id in held for u in _lineage(unit))
    return False


def current_unit() -> Unit:
    """The unit of this request: the one named in the URL (iku_web/scope.py); on pages outside
    any unit (home, notifications, install settings) the signed-in user's first unit, else the
    default unit."""
    if g.get("unit") is None and g.get("unit_code"):  # asked before the unit was resolved
        g.unit = db.session.scalar(sa.select(Unit).where(Unit.code == g.unit_code))
    if g.get("unit") is None:
        memberships = getattr(current_user, "memberships", None) if has_request_context() \
            and current_user.is_authenticated else None
        if memberships:
            g.unit = memberships[0].unit
        else:
            from .scope import default_unit
            g.unit = default_unit()
    return g.unit


def current_unit_id(user=None):
    """current_unit().id, or, when the unit is not resolved yet, the same choice as an SQL
    expression to compare with (no query of its own: the navbar badge counts in a fixed
    number of queries)."""
    if g.get("unit") is not None:
        return g.unit.id
    if user is None and has_request_context():
        user = current_user
    if not getattr(user, "is_authenticated", False):
        return current_unit().id
    from .models import Membership
    first = (sa.select(Membership.unit_id).where(Membership.user_id == user.id)
             .order_by(Membership.unit_id).limit(1).scalar_subquery())
    return sa.func.coalesce(first, sa.select(sa.func.min(Unit.id)).scalar_subquery())


def allowed(action: str, unit: Unit | None = None) -> bool:
    """can() for the current user in the current unit (templates call it as `can`)."""
    return can(current_user, action, unit or current_unit())


def refuse(action: str, unit: Unit | None = None):
    """The answer when the current user may not do `action`: the login for anonymous users,
    404 when the unit is not theirs to read (its existence is not disclosed), 403 when they
    may read it but not do this; None when allowed."""
    from .guards import login_needed

    unit = unit or current_unit()
    if not current_user.is_authenticated:
        return login_needed()
    if can(current_user, action, unit):
        return None
    abort(403 if can(current_user, "read", unit) else 404)


def requires(action: str):
    """A view decorator: refuse() before the view runs."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            answer = refuse(action)
            return answer if answer is not None else view(*args, **kwargs)

        return wrapped

    return decorator
