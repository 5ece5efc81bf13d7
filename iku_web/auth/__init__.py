from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import log, routes  # noqa: E402,F401
