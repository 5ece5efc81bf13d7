"""The year's order of work (/<tahun>/alur): the SAKIP year as a checklist derived from the data."""
from flask import Blueprint

bp = Blueprint("flow", __name__)

from . import routes  # noqa: E402,F401
