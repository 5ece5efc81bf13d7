"""The user guide (/panduan): Markdown files of docs/panduan/ rendered as one page and one PDF,
and the "Bantuan" link of every main page to its section."""
from flask import Blueprint

bp = Blueprint("guide", __name__)

from . import routes  # noqa: E402,F401
