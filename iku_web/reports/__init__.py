"""Documents for signing (IKU, Perjanjian Kinerja, Laporan Pengukuran) and Excel in and out."""
from flask import Blueprint

bp = Blueprint("reports", __name__)

from . import routes, signers  # noqa: E402,F401  (views register on bp)
from .imports import routes as import_routes  # noqa: E402,F401
