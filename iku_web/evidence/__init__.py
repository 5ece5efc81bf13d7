from flask import Blueprint

bp = Blueprint("evidence", __name__, cli_group="evidence")

from . import commands, routes  # noqa: E402,F401
