"""The year selector: open the same page in another budget year."""
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app, redirect, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from ..extensions import db
from ..models import Indicator, Year
from ..scope import unit_clause
from . import bp, service

# Pages of a year that exist in every year, under the same address with another year.
SAME_PAGE = {"indicators.register", "realisasi.page", "reports.index", "monitoring.overview",
             "review.index", "admin.profile", "reports.import_form",
             "reports.import_realisasi_form", "budget.index", "sasaran.index",
             "dashboard.page"}
INDICATOR_PAGES = {"realisasi.indicator", "evidence.panel"}


def _match(path: str, follow: bool = True) -> tuple[str, dict] | None:
    """The endpoint and values of one of our addresses; an old address (without the unit) is
    followed to the page it redirects to."""
    try:
        return current_app.url_map.bind("localhost").match(path, method="GET")
    except RequestRedirect as moved:
        return _match(urlsplit(moved.new_url).path, follow=False) if follow else None
    except HTTPException:
        return None


def _copy_of(indicator_id: int, year: Year) -> Indicator | None:
    """The indicator of `year` copied from this one: same name, the nearest position."""
    source = db.session.scalar(unit_clause(Indicator, sa.select(Indicator).where(
        Indicator.id == indicator_id)))
    if source is None:
        return None
    candidates = db.session.scalars(sa.select(Indicator).where(
        Indicator.year_id == year.id, Indicator.name == source.name)).all()
    return min(candidates, key=lambda i: abs(i.position - source.position), default=None)


def target_for(path: str, year: Year) -> str:
    """Where the page at `path` is in `year`; the register when it has no counterpart."""
    matched = _match(path or "/")
    if matched is not None:
        endpoint, args = matched
        args.pop("kode", None)  # the page in this unit (the one of the switcher's address)
        if endpoint in SAME_PAGE and "year" in args:
            return url_for(endpoint, **{**args, "year": year.year})
        if endpoint in INDICATOR_PAGES and "indicator_id" in args:
            copy = _copy_of(args["indicator_id"], year)
            if copy is not None:
                return url_for(endpoint, year=year.year, indicator_id=copy.id)
    return url_for("indicators.register", year=year.year)


@bp.route("/pindah-tahun")
def switch_year():
    """Open the page given in `dari` for the year in `tahun`; only our own addresses."""
    year = service.get_year(request.args.get("tahun", type=int) or 0)
    return redirect(target_for(request.args.get("dari", ""), year))
