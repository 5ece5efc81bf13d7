from flask import Blueprint

bp = Blueprint("indicators", __name__)

from . import routes, year_switch, years  # noqa: E402,F401
