"""The units of the install: the tree a user may read with each unit's reporting status, and
the unit switcher. See docs/units.md."""
from flask import Blueprint

bp = Blueprint("units", __name__)

from . import admin, routes  # noqa: E402,F401
