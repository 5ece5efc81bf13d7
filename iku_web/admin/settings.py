"""The index of the admin settings pages."""
from flask import render_template, request

from ..auth.permissions import admin_required
from ..scope import get_year, latest_year
from . import bp


@bp.route("/pengaturan")
@admin_required
def settings_index():
    """The admin settings pages in one list (the navbar has no room, and no JS dropdown)."""
    chosen = request.args.get("tahun", type=int) or latest_year()
    return render_template("admin/settings.html",
                           year=get_year(chosen) if chosen else None)
