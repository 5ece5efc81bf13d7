"""Review of a quarter's entry: submit, approve (lock), return, unlock."""
from flask import Blueprint

bp = Blueprint("review", __name__)

from . import bulk, routes  # noqa: E402,F401
