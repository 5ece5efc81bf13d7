"""What the indicator page needs for its roll-up panel (templates/rollup/_panel.html)."""
import sqlalchemy as sa

from ..access import allowed, current_unit
from ..domain import ROLLUP_RULES
from ..extensions import db
from ..models import Indicator
from .cascade import children_of
from .forms import CascadeForm, RuleForm


def rollup_panel(indicator: Indicator, cascade_form: CascadeForm | None = None) -> dict:
    """The panel's values: the manage part only for an admin of a unit with children
    (`cascade_form`: as posted, when it was refused)."""
    manage = allowed("manage") and bool(children_of(current_unit()))
    values = {"rollup_manage": manage, "rollup_rules": ROLLUP_RULES}
    if manage:
        values.update(
            rule_form=RuleForm(rollup_rule=indicator.rollup_rule),
            cascade_form=cascade_form or CascadeForm(),
            rollup_linked=db.session.scalar(sa.select(sa.func.count(Indicator.id)).where(
                Indicator.parent_indicator_id == indicator.id)))
    return values
