"""The year's LKE (PermenPAN-RB 88/2021): self-evaluation, evaluator's score, outputs."""
from flask import Blueprint

bp = Blueprint("lke", __name__)

from . import api, criteria_admin, file_routes, recommendations, routes  # noqa: E402,F401
