"""Issued documents: the register (/dokumen), the public check (/cek) and `flask documents`."""
from flask import Blueprint

bp = Blueprint("documents", __name__, cli_group="documents")

from . import commands, public, routes  # noqa: E402,F401  (views register on bp)
