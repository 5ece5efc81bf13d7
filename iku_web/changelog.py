"""The change log (riwayat perubahan): every audited change goes through these two functions."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_login import current_user

from .extensions import db
from .models import ChangeLog, Indicator, Unit, User, Year
from .models.users import ROLES

MERGE_WINDOW = timedelta(seconds=60)


def log_change(entity: str, field: str, old, new, *, year: Year | None = None,
               indicator: Indicator | None = None, quarter: int | None = None) -> None:
    db.session.add(ChangeLog(
        user_id=current_user.id if current_user.is_authenticated else None,
        year_id=year.id if year else None,
        indicator_id=indicator.id if indicator else None,
        quarter=quarter, entity=entity, field=field,
        old_value=None if old is None else str(old),
        new_value=None if new is None else str(new),
    ))


def log_role(account: User, unit: Unit, old: str | None, new: str | None) -> None:
    """Audit a role given (`old` None), changed or taken away (`new` None) in a unit: an entry
    of the unit, not of a year, naming the account; the roles as their Indonesian names."""
    if old == new:
        return
    action = "grant" if old is None else "revoke" if new is None else "role"
    db.session.add(ChangeLog(
        user_id=current_user.id if current_user.is_authenticated else None, unit_id=unit.id,
        account=account, entity="membership", field=action,
        old_value=ROLES.get(old), new_value=ROLES.get(new)))


def record_change(indicator: Indicator, quarter: int, field: str, old: str, new: str, user,
                  now: datetime, *, merge: bool = True) -> None:
    """Audit one change; a user's rapid saves of one cell become a single entry.

    Typing "1", "12", "123" with pauses would otherwise log three changes nobody meant. The
    merged entry keeps the first old value; if the user typed back to it, the entry is dropped
    because nothing changed in the end.
    """
    last = None if not merge else db.session.scalar(
        sa.select(ChangeLog)
        .where(ChangeLog.entity == "realisasi", ChangeLog.indicator_id == indicator.id,
               ChangeLog.quarter == quarter, ChangeLog.field == field)
        .order_by(ChangeLog.id.desc()).limit(1))
    if last is not None and last.user_id == user.id and now - last.at <= MERGE_WINDOW:
        if (last.old_value or "") == new:
            db.session.delete(last)
        else:
            last.new_value, last.at = new or None, now
        return
    db.session.add(ChangeLog(
        at=now, user_id=user.id, year_id=indicator.year_id, indicator_id=indicator.id,
        quarter=quarter, entity="realisasi", field=field, old_value=old or None,
        new_value=new or None))
