"""Pantauan pengisian and Tugas saya."""
from flask import redirect, render_template, request, url_for
from flask_login import current_user

from ..auth.permissions import reader_required
from ..formatting import format_date
from ..reminders.open_items import returned_to
from ..scope import get_year, latest_year
from . import bp, service


@bp.route("/<int:year>/pantauan")
@reader_required
def overview(year: int):
    """Who has not reported: per person in charge, the due quarters without realisasi and
    those with realisasi but no evidence file."""
    year_obj = get_year(year)
    data = service.overview(year_obj)
    return render_template("monitoring/overview.html", year=year_obj, data=data,
                           today_text=format_date(data.on))


@bp.route("/pantauan")
@reader_required
def overview_latest():
    """The navbar link on pages without a year: the most recent year's overview."""
    year = latest_year()
    if year is None:
        return redirect(url_for("indicators.home"))
    return redirect(url_for(".overview", year=year))


@bp.route("/saya")
@reader_required
def my_tasks():
    """Tugas saya: the logged-in user's indicators with quarters still to fill or lacking
    evidence, for the most recent year or `?tahun=`."""
    chosen = request.args.get("tahun", type=int) or latest_year()
    if chosen is None:
        return redirect(url_for("indicators.home"))
    year_obj = get_year(chosen)
    due, gaps = service.tasks_of(current_user, year_obj)
    return render_template("monitoring/my_tasks.html", year=year_obj, due=due, gaps=gaps,
                           open_gaps=[gap for gap in gaps if gap.open],
                           returned=returned_to(current_user, year_obj),
                           today_text=format_date(service.today()))
