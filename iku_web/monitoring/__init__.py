"""Monitoring: who has not reported yet (Pantauan) and each person's own to-do list."""
from flask import Blueprint

bp = Blueprint("monitoring", __name__)

from . import routes  # noqa: E402,F401
