from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import memberships, routes, settings, tokens, users  # noqa: E402,F401
