"""/unit: the tree of units a user may read; /unit/buka: the unit switcher."""
from flask import abort, g, redirect, render_template, request, url_for
from flask_login import current_user

from .. import clock
from ..access import can
from ..auth.permissions import signed_in
from ..extensions import db
from ..indicators import year_switch
from ..models import Unit, Year
from ..scope import latest_year
from . import bp, service


@bp.route("/unit")
@signed_in
def index():
    """Each unit the user may read, with the current quarter's filled / verified / missing."""
    today = clock.today()
    return render_template("units/index.html", nodes=service.tree(current_user, today),
                           today=today)


@bp.route("/unit/buka")
@signed_in
def switch():
    """Open the page given in `dari` in the unit `kode` (its register when that page has no
    counterpart there); a unit the user may not read is not found."""
    unit = db.session.scalar(db.select(Unit).where(Unit.code == request.args.get("kode", "")))
    if unit is None or not can(current_user, "read", unit):
        abort(404)
    g.unit = unit
    year = latest_year()
    if year is None:
        return redirect(url_for("units.index"))
    wanted = request.args.get("tahun", type=int) or year
    target = db.session.scalar(db.select(Year).where(Year.unit_id == unit.id,
                                                     Year.year == wanted))
    target = target or db.session.scalar(db.select(Year).where(Year.unit_id == unit.id,
                                                               Year.year == year))
    return redirect(year_switch.target_for(request.args.get("dari", ""), target))
