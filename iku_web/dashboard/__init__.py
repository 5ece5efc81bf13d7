"""The dashboard leaders look at: big figures, bars per indicator, trend, reporting progress."""
from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from . import routes  # noqa: E402,F401
