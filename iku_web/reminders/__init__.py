"""Nobody forgets: reporting deadlines, notifications in the app, reminders by e-mail."""
from flask import Blueprint

bp = Blueprint("reminders", __name__)

from . import navigation, routes  # noqa: E402,F401
