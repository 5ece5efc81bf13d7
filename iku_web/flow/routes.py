"""The checklist page of a year."""
from flask import render_template
from flask_login import login_required

from ..scope import get_year
from . import bp, steps


@bp.route("/<int:year>/alur")
@login_required
def page(year: int):
    """Every step of the year with its status, what is in place, what is missing and where."""
    year_obj = get_year(year)
    all_steps = steps.steps(year_obj)
    return render_template("flow/index.html", year=year_obj, steps=all_steps,
                           next_step=steps.next_step(all_steps),
                           done=sum(s.status == steps.DONE for s in all_steps))
