"""Jinja filters and globals: Indonesian formatting and the year switcher."""
import sqlalchemy as sa
from flask import Flask

from . import formatting, presenters
from .extensions import db
from .models import Year


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
        quarter_name=formatting.quarter_name,
        quarter_short=formatting.quarter_short,
        target_label=presenters.target_label,
        quarter_target_label=presenters.quarter_target_label,
    )

    @app.context_processor
    def _years():
        def all_years() -> list[int]:
            return list(db.session.scalars(sa.select(Year.year).order_by(Year.year.desc())))

        return {"all_years": all_years}
