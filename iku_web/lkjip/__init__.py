"""The year's Laporan Kinerja (LKjIP): the narrative page and the DOCX / PDF draft."""
from flask import Blueprint

bp = Blueprint("lkjip", __name__)

from . import routes  # noqa: E402,F401
