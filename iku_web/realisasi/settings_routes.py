"""Capaian settings of the office: the cap used in reports and the category bands."""
from flask import flash, redirect, render_template, url_for
from werkzeug.datastructures import MultiDict

from .. import settings
from ..auth.permissions import install_admin_required
from ..categories import DEFAULT_CATEGORIES, LKJIP_CATEGORIES
from ..changelog import log_change
from ..extensions import db
from ..fields import EmptyForm
from ..formatting import format_number
from ..models import Category
from . import bp
from .forms import CapaianSettingsForm

PRESETS = {"bawaan": DEFAULT_CATEGORIES, "lkjip": LKJIP_CATEGORIES}


def _describe(bands) -> str:
    """Bands as one audit line: ">=100 Tercapai; >=90 Hampir tercapai; ..."""
    return "; ".join(f"{'>=' if b.inclusive else '>'}{format_number(b.lower_bound)} {b.label}"
                     for b in bands)


def _current_as_formdata() -> MultiDict:
    data = MultiDict({"cap": settings.get("capaian_cap"),
                      "percent_warning": format_number(settings.percent_warning())})
    bands = list(settings.categories()) + [None]  # a blank row to add a category
    for i, band in enumerate(bands):
        if band is None:
            continue
        prefix = f"categories-{i}-"
        data[prefix + "lower_bound"] = format_number(band.lower_bound, 4)
        if band.inclusive:
            data[prefix + "inclusive"] = "y"
        data[prefix + "title"] = band.label
        data[prefix + "colour"] = band.colour
    data[f"categories-{len(bands) - 1}-inclusive"] = "y"
    return data


def _replace_categories(rows) -> None:
    old = _describe(settings.categories())
    db.session.query(Category).delete()
    db.session.add_all(Category(lower_bound=low, inclusive=inclusive, label=label, colour=colour)
                       for low, inclusive, label, colour in rows)
    db.session.flush()
    new = _describe(settings.categories())
    if old != new:
        log_change("setting", "categories", old, new)


@bp.route("/pengaturan/capaian", methods=["GET", "POST"])
@install_admin_required
def capaian_settings():
    """The cap (none / 100% / 120%) and the editable category table (add, edit, delete rows)."""
    form = CapaianSettingsForm()
    if form.is_submitted():
        if form.validate():
            old_cap, new_cap = settings.get("capaian_cap"), form.cap.data
            if old_cap != new_cap:
                settings.put("capaian_cap", new_cap)
                log_change("setting", "capaian_cap", old_cap or "tanpa batas",
                           new_cap or "tanpa batas")
            old_limit = settings.get("percent_warning")
            new_limit = str(form.percent_warning.data if form.percent_warning.data is not None
                            else settings.DEFAULTS["percent_warning"])
            if old_limit != new_limit:
                settings.put("percent_warning", new_limit)
                log_change("setting", "percent_warning", old_limit, new_limit)
            _replace_categories(form.kept_rows())
            db.session.commit()
            flash("Pengaturan capaian disimpan.", "success")
            return redirect(url_for(".capaian_settings"))
    else:
        form = CapaianSettingsForm(formdata=_current_as_formdata())
    return render_template("realisasi/settings.html", form=form, presets=PRESETS,
                           preset_form=EmptyForm())


@bp.route("/pengaturan/capaian/preset/<any(bawaan,lkjip):name>", methods=["POST"])
@install_admin_required
def load_preset(name: str):
    """Replace the category table with one of the two presets (the default or LKjIP bands)."""
    form = EmptyForm()
    if form.validate_on_submit():
        _replace_categories((b.lower_bound, b.inclusive, b.label, b.colour)
                            for b in PRESETS[name])
        db.session.commit()
        flash("Kategori diganti dengan preset " + ("bawaan." if name == "bawaan" else "LKjIP."),
              "success")
    return redirect(url_for(".capaian_settings"))
