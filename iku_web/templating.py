"""Every Jinja filter, global and context processor of the app, registered here and nowhere else.

Templates read what their view passes; the only functions that query the database are the
navbar helpers of base.html (the year switcher, the latest year of the menu on pages outside a
year, and the "Tugas saya" badge), called lazily."""
import sqlalchemy as sa
from flask import Flask, g
from flask_login import current_user

from . import access, chain, formatting, icons, menu, presenters, quarter_targets
from .domain import QUARTERS
from .evidence import storage
from .extensions import db
from .guide.help import help_url
from .lke import text as lke_text
from .models import Year
from .monitoring.navigation import open_task_count
from .scope import latest_year


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        number=formatting.format_number,
        percent=formatting.format_percent,
        date_id=formatting.format_date,
        datetime_id=formatting.format_datetime,
        month_year=formatting.format_month_year,
        roman=formatting.roman,
        rupiah=formatting.format_rupiah,
    )
    app.jinja_env.globals.update(
        can=access.allowed,
        quarter_name=formatting.quarter_name,
        quarter_short=formatting.quarter_short,
        target_label=presenters.target_label,
        quarter_target_label=presenters.quarter_target_label,
        quarter_target_warning=quarter_targets.of_indicator,
        lock_icon=icons.LOCK,
        badge_style=presenters.badge_style,
        QUARTERS=QUARTERS,
        sasaran_groups=lambda year: chain.group(year, year.indicators, lambda i: i),
        lke_score=lke_text.score,
        lke_weight=lke_text.weight,
        lke_file_size=storage.human_size,
        lke_file_accept=storage.ACCEPT,
        help_url=help_url,
        main_menu=menu.build,
    )

    @app.context_processor
    def _years():
        def all_years() -> list[int]:
            return list(db.session.scalars(sa.select(Year.year).where(
                Year.unit_id == access.current_unit().id).order_by(Year.year.desc())))

        def readable_units() -> list:
            """The units the signed-in user may read, for the unit switcher (one query)."""
            if not current_user.is_authenticated:
                return []
            if "readable_units" not in g:
                from .units.service import readable
                # An install of one unit has nothing to switch to (known without a query).
                alone = g.get("unit_count") == 1
                g.readable_units = [] if alone else readable(current_user._get_current_object())
            return g.readable_units

        return {"all_years": all_years, "open_task_count": open_task_count,
                "latest_year": latest_year, "readable_units": readable_units,
                "current_unit": access.current_unit}
