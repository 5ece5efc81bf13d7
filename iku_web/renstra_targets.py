"""An indicator's Renstra targets: the Renstra period covering a year, the Renstra's target
for a year (the default of a new year's target) and the end-of-period target with the capaian
against it, as the indicator page, the documents, Excel and the LKjIP show them."""
import sqlalchemy as sa

from . import capaian
from .access import current_unit_id
from .extensions import db
from .models import Indicator, Renstra, RenstraIndicator, RenstraTarget, Year
from .presenters import value_with_unit


def renstra_for(year: int, unit_id: int | None = None) -> Renstra | None:
    """The Renstra period of the unit (default: the current one) that covers a year (the
    latest one starting, if periods overlap)."""
    unit_id = unit_id or current_unit_id()
    return db.session.scalar(sa.select(Renstra).where(
        Renstra.unit_id == unit_id, Renstra.start_year <= year, Renstra.end_year >= year)
        .order_by(Renstra.start_year.desc(), Renstra.id.desc()).limit(1))


def renstra_indicator_of(indicator: Indicator) -> RenstraIndicator | None:
    """The indicator's Renstra indicator (also for an indicator not flushed yet)."""
    if indicator.renstra_indicator is not None:
        return indicator.renstra_indicator
    if indicator.renstra_indicator_id is None:
        return None
    return db.session.get(RenstraIndicator, indicator.renstra_indicator_id)


def renstra_target(indicator: Indicator, year: int) -> RenstraTarget | None:
    """The Renstra's target of the indicator for a year, if its Renstra indicator has one."""
    ri = renstra_indicator_of(indicator)
    return None if ri is None else ri.target_for(year)


def apply_renstra_target(indicator: Indicator, year: int) -> bool:
    """Give the indicator the Renstra's target for `year` (the default of a new year inside
    the period); True when a target was found and set."""
    target = renstra_target(indicator, year)
    if target is None:
        return False
    if indicator.target_kind == "grade":
        if not target.grade:
            return False
        indicator.target_grade = target.grade
        return True
    if target.value is None:
        return False
    if indicator.target_kind in ("none", "range"):
        indicator.target_kind = "percent" if indicator.target_unit == "%" else "number"
        indicator.target_upper = None
    indicator.target_value = target.value
    return True


def cascaded(renstra: Renstra) -> dict[tuple[int, int], Indicator]:
    """The indicators following the Renstra's indicators that were cascaded from a parent
    unit, per (Renstra indicator id, year): their yearly target is the parent's."""
    rows = db.session.execute(sa.select(Indicator, Year.year).join(Year).where(
        Indicator.renstra_indicator_id.in_([ri.id for ri in renstra.indicators]),
        Indicator.parent_indicator_id.is_not(None)))
    return {(ind.renstra_indicator_id, year): ind for ind, year in rows}


def yearly_target(indicator: Indicator):
    """The indicator's yearly target as a Renstra cell holds it: a grade or a number."""
    return indicator.target_grade if indicator.target_kind == "grade" else indicator.target_value


def end_target(indicator: Indicator) -> capaian.Target:
    """The end-of-period target of the indicator's Renstra, as a capaian Target."""
    ri = renstra_indicator_of(indicator)
    if ri is None:
        return capaian.Target("none")
    if indicator.target_kind == "grade":
        return capaian.Target("grade", grade=ri.end_grade) if ri.end_grade \
            else capaian.Target("none")
    return capaian.Target("number", ri.end_value) if ri.end_value is not None \
        else capaian.Target("none")


def end_target_text(indicator: Indicator) -> str:
    target = end_target(indicator)
    if target.kind == "grade":
        return f"minimal {target.grade}"
    if target.kind == "none":
        return "-"
    kind = "percent" if indicator.target_kind == "percent" or indicator.target_unit == "%" \
        else "number"
    return value_with_unit(target.value, kind, indicator.target_unit)


def end_capaian(indicator: Indicator, realisasi, cap: int | None = None) -> capaian.Result:
    """Realisasi to date against the Renstra end-of-period target."""
    target = end_target(indicator)
    if target.kind == "none":
        return capaian.Result("no_target", None, "Tidak ada target akhir Renstra")
    result = capaian.achievement(target, realisasi, indicator.polarity)
    if result.percent is None or cap is None:
        return result
    return capaian.Result(result.status, capaian.apply_cap(result.percent, cap), result.message)
