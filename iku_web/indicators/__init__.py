from flask import Blueprint

bp = Blueprint("indicators", __name__)

from . import routes, years  # noqa: E402,F401
