"""Admin screens of the SAKIP chain: sasaran, Renstra, earlier years typed by hand."""
from flask import Blueprint

bp = Blueprint("sasaran", __name__)

from . import past_routes, renstra_edit, renstra_routes, routes  # noqa: E402, F401
