"""Office-wide settings stored in the database, with their defaults in one place."""
from decimal import Decimal

import sqlalchemy as sa

from .categories import DEFAULT_CATEGORIES, Category
from .extensions import db
from .models import Category as CategoryRow
from .models import Setting
from .plausibility import DEFAULT_PERCENT_WARNING

DEFAULTS = {
    "capaian_cap": "",            # "", "100" or "120": cap of capaian in reports
    "evidence_public": "0",       # "1": anonymous visitors may see evidence lists
    "evidence_max_mb": "20",      # per-file upload limit
    "percent_warning": "200",     # a percentage above this is flagged "Periksa" (still saved)
    "efficiency_rule": "rasio",   # budget efficiency per sasaran: rasio, selisih or tidak
}


def get(key: str) -> str:
    value = db.session.scalar(sa.select(Setting.value).where(Setting.key == key))
    return DEFAULTS.get(key, "") if value is None else value


def put(key: str, value: str) -> None:
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value


def get_many(*keys: str) -> dict[str, str]:
    """Several settings in one query (the realisasi page reads a few on every request)."""
    rows = db.session.execute(sa.select(Setting.key, Setting.value).where(Setting.key.in_(keys)))
    stored = {key: value for key, value in rows}
    return {key: stored.get(key, DEFAULTS.get(key, "")) for key in keys}


def capaian_cap(value: str | None = None) -> int | None:
    value = get("capaian_cap") if value is None else value
    return int(value) if value in ("100", "120") else None


def percent_warning(value: str | None = None) -> Decimal:
    """Above this a percentage realisasi is flagged for checking; the default when unset."""
    try:
        limit = Decimal(get("percent_warning") if value is None else value)
    except ArithmeticError:
        limit = DEFAULT_PERCENT_WARNING
    return limit if limit.is_finite() and limit >= 100 else DEFAULT_PERCENT_WARNING


def measurement_settings() -> tuple[int | None, Decimal]:
    """(capaian cap, percent warning threshold), read together."""
    values = get_many("capaian_cap", "percent_warning")
    return capaian_cap(values["capaian_cap"]), percent_warning(values["percent_warning"])


def categories() -> tuple[Category, ...]:
    """The admin's category table, or the default bands when it has not been edited."""
    rows = db.session.scalars(sa.select(CategoryRow))
    table = [Category(r.lower_bound, r.label, r.colour, r.inclusive) for r in rows]
    return tuple(sorted(table, key=lambda c: c.lower_bound, reverse=True)) or DEFAULT_CATEGORIES
