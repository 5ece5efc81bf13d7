"""Quarterly realisasi: the live table, the indicator page and the capaian settings."""
from flask import Blueprint

bp = Blueprint("realisasi", __name__)

from . import indicator_page, routes, settings_routes  # noqa: E402,F401
