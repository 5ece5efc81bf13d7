"""Programs, kegiatan and their budget: pagu, realisasi anggaran per quarter, serapan."""
from flask import Blueprint

bp = Blueprint("budget", __name__)

from . import routes  # noqa: E402, F401
