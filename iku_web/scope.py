"""The unit (and year) a request works in, resolved in one place. See docs/units.md."""
import sqlalchemy as sa

from .extensions import db
from .models import Unit


def default_unit() -> Unit:
    """The oldest unit: the office the install was made for (docs/units.md)."""
    return db.session.scalars(sa.select(Unit).order_by(Unit.id).limit(1)).one()
