"""Changes to the IKU register that touch several rows: order, copy of a year."""
import sqlalchemy as sa

from ..extensions import db
from ..models import Indicator, Signer, Year

COPIED_FIELDS = (
    "position", "name", "formula", "target_kind", "target_value", "target_upper", "target_grade",
    "target_unit", "polarity", "aggregation", "data_source", "pic_unit", "pic_user_id",
    "target_tw1", "target_tw2", "target_tw3", "target_tw4",
)
PROFILE_FIELDS = ("institution_name", "function", "duties", "closing_place")
SIGNER_FIELDS = ("position", "title", "name", "nip", "rank")


def get_year(year: int) -> Year:
    return db.first_or_404(sa.select(Year).where(Year.year == year))


def latest_year() -> int | None:
    """The most recent year that has indicators, else the most recent year at all."""
    with_data = db.session.scalar(
        sa.select(sa.func.max(Year.year)).join(Indicator, Indicator.year_id == Year.id))
    return with_data or db.session.scalar(sa.select(sa.func.max(Year.year)))


def renumber(year: Year) -> None:
    for position, indicator in enumerate(year.indicators, start=1):
        indicator.position = position


def move(year: Year, indicator: Indicator, step: int) -> None:
    """Move an indicator one place up (-1) or down (+1); the numbering follows."""
    items = list(year.indicators)
    i = items.index(indicator)
    j = i + step
    if 0 <= j < len(items):
        items[i], items[j] = items[j], items[i]
        for position, item in enumerate(items, start=1):
            item.position = position


def copy_year(source: Year | None, new_year: int) -> Year:
    """A new year with the profile, indicators (targets included) and signers of source; no
    realisasi."""
    year = Year(year=new_year)
    if source is not None:
        for field in PROFILE_FIELDS:
            setattr(year, field, getattr(source, field))
        for old in source.indicators:
            year.indicators.append(Indicator(**{f: getattr(old, f) for f in COPIED_FIELDS}))
        for signer in source.signers:
            year.signers.append(Signer(**{f: getattr(signer, f) for f in SIGNER_FIELDS}))
    db.session.add(year)
    return year
