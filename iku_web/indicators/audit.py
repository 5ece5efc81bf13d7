"""The change log of an indicator's own fields: one entry per field that changed, named in
Indonesian, with the old and the new value as the register shows them (the fields' names:
change_labels.py INDICATOR_FIELDS)."""
from ..changelog import log_change
from ..domain import AGGREGATIONS, POLARITIES, QUARTER_TARGET_MODES
from ..extensions import db
from ..formatting import format_number
from ..models import Indicator, User
from ..presenters import target_label


def _user_name(user_id: int | None) -> str:
    user = db.session.get(User, user_id) if user_id else None
    return user.display_name if user else ""


def values(indicator: Indicator) -> dict[str, str]:
    """The audited fields of an indicator as display text ("" when empty)."""
    shown = {
        "name": indicator.name or "",
        "formula": indicator.formula or "",
        "target": target_label(indicator),
        "polarity": POLARITIES.get(indicator.polarity, indicator.polarity or ""),
        "aggregation": AGGREGATIONS.get(indicator.aggregation, indicator.aggregation or ""),
        "quarter_target_mode": QUARTER_TARGET_MODES.get(indicator.quarter_target_mode,
                                                        indicator.quarter_target_mode or ""),
        "data_source": indicator.data_source or "",
        "pic_unit": indicator.pic_unit or "",
        "pic_user": _user_name(indicator.pic_user_id),
    }
    for q in range(1, 5):
        value = getattr(indicator, f"target_tw{q}")
        shown[f"target_tw{q}"] = "" if value is None else format_number(value)
    return shown


def log_differences(before: dict[str, str], indicator: Indicator) -> int:
    """Log every field whose display text changed since `before`; returns how many."""
    after = values(indicator)
    changed = [key for key in after if after[key] != before.get(key, "")]
    for key in changed:
        log_change("indicator", key, before.get(key) or None, after[key] or None,
                   year=indicator.year_ref, indicator=indicator)
    return len(changed)
