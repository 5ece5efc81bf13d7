"""Settings pages of the planning staff."""
from flask import flash, redirect, render_template, url_for

from ..auth.permissions import admin_required
from ..changelog import log_change
from ..extensions import db
from ..indicators.service import PROFILE_FIELDS
from ..scope import get_year
from . import bp
from .forms import ProfileForm

# Per-year document numbers (not copied into a new year, unlike the profile).
DOCUMENT_FIELDS = ("iku_decree_number", "iku_decree_date", "pk_number")


@bp.route("/<int:year>/profil", methods=["GET", "POST"])
@admin_required
def profile(year: int):
    """The institution profile printed on the documents of one year."""
    year_obj = get_year(year)
    form = ProfileForm(obj=year_obj)
    if form.validate_on_submit():
        for field in PROFILE_FIELDS:
            old, new = getattr(year_obj, field), getattr(form, field).data.strip()
            if old != new:
                log_change("year", field, old, new, year=year_obj)
                setattr(year_obj, field, new)
        for field in DOCUMENT_FIELDS:
            old, new = getattr(year_obj, field), getattr(form, field).data
            new = new.strip() if isinstance(new, str) else new
            if old != new:
                log_change("year", field, old, new, year=year_obj)
                setattr(year_obj, field, new)
        db.session.commit()
        flash("Profil lembaga disimpan.", "success")
        return redirect(url_for("indicators.register", year=year))
    return render_template("admin/profile.html", year=year_obj, form=form)
