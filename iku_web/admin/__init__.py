from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import routes, settings, tokens, users  # noqa: E402,F401
