"""Office-wide settings stored in the database, with their defaults in one place."""
import sqlalchemy as sa

from .capaian import DEFAULT_CATEGORIES, Category
from .extensions import db
from .models import Category as CategoryRow
from .models import Setting

DEFAULTS = {
    "capaian_cap": "",            # "", "100" or "120": cap of capaian in reports
    "evidence_public": "0",       # "1": anonymous visitors may see evidence lists
    "evidence_max_mb": "20",      # per-file upload limit
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


def capaian_cap() -> int | None:
    value = get("capaian_cap")
    return int(value) if value in ("100", "120") else None


def categories() -> tuple[Category, ...]:
    """The admin's category table, or the default bands when it has not been edited."""
    rows = db.session.scalars(sa.select(CategoryRow))
    table = [Category(r.lower_bound, r.label, r.colour, r.inclusive) for r in rows]
    return tuple(sorted(table, key=lambda c: c.lower_bound, reverse=True)) or DEFAULT_CATEGORIES
