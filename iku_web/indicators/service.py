"""Changes to the IKU register that touch several rows: order, copy of a year."""
import sqlalchemy as sa

from .. import chain, renstra_targets
from ..extensions import db
from ..models import Indicator, Program, Sasaran, Signer, Year
from ..rollup import cascade

# The views' year lookup, kept under its old name for lke/ (the other views import it from
# scope, which keeps them out of a cycle through indicators).
from ..scope import get_year  # noqa: F401

COPIED_FIELDS = (
    "position", "name", "formula", "target_kind", "target_value", "target_upper", "target_grade",
    "target_unit", "polarity", "aggregation", "data_source", "pic_unit", "pic_user_id",
    "target_tw1", "target_tw2", "target_tw3", "target_tw4", "quarter_target_mode",
    "rollup_rule",
)
PROFILE_FIELDS = ("institution_name", "function", "duties", "closing_place")
LINK_FIELDS = ("renstra_indicator_id", "national_standard", "national_standard_note")
SIGNER_FIELDS = ("position", "title", "name", "nip", "rank")


def renumber(year: Year) -> None:
    chain.renumber(year)


def remove(year: Year, indicator: Indicator) -> None:
    """Delete an indicator; a sasaran that was only this indicator's (same text, no other
    indicator) goes with it, so deleting never leaves an empty sasaran behind by surprise."""
    sasaran = indicator.sasaran
    year.indicators.remove(indicator)
    db.session.flush()
    if sasaran is not None and sasaran.name.strip() == indicator.name.strip() and not any(
            i.sasaran_id == sasaran.id for i in year.indicators):
        year.sasaran.remove(sasaran)
        db.session.flush()
    renumber(year)


def move(year: Year, indicator: Indicator, step: int) -> None:
    """Move an indicator one place up (-1) or down (+1) inside its sasaran, or, when it is
    the only indicator of its sasaran, move the sasaran; the numbering follows (the flat order
    always follows the sasaran order, see chain.renumber)."""
    items = [i for i in year.indicators if i.sasaran_id == indicator.sasaran_id]
    if len(items) == 1 and indicator.sasaran is not None:
        chain.move_sasaran(year, indicator.sasaran, step)
        return
    i = items.index(indicator)
    j = i + step
    if 0 <= j < len(items):
        items[i].position, items[j].position = items[j].position, items[i].position
        year.indicators.sort(key=lambda item: item.position)
    chain.renumber(year)


def copy_year(source: Year | None, new_year: int, unit_id: int | None = None) -> Year:
    """A new year with the profile, sasaran, indicators (targets included), signers and
    programs (without pagu or realisasi) of source; no realisasi. Without a source, the
    indicators of the Renstra covering the year, if any.

    Each copied indicator and sasaran remembers the one it came from (lineage), and where the
    indicator follows a Renstra that has a target for the new year, that target replaces the
    copied one, unless the indicator was cascaded from a parent unit (its target is the
    parent's). Roll-up links are kept (docs/rollup.md, "Copying a year").
    """
    unit_id = unit_id or (source.unit_id if source is not None else None)
    year = Year(year=new_year, **({"unit_id": unit_id} if unit_id else {}))
    if source is not None:
        for field in PROFILE_FIELDS:
            setattr(year, field, getattr(source, field))
        sasaran = {}
        for old in source.sasaran:
            sasaran[old.id] = Sasaran(year_ref=year, position=old.position, name=old.name,
                                      source_sasaran_id=old.id)
        for old in source.indicators:
            new = Indicator(**{f: getattr(old, f) for f in COPIED_FIELDS + LINK_FIELDS},
                            source_indicator_id=old.id)
            year.indicators.append(new)
            new.sasaran = sasaran.get(old.sasaran_id)
            if not old.linked:  # a cascaded indicator's target is its parent unit's
                renstra_targets.apply_renstra_target(new, new_year)
        _copy_programs(source, year, sasaran)
        for signer in source.signers:
            year.signers.append(Signer(**{f: getattr(signer, f) for f in SIGNER_FIELDS}))
        db.session.add(year)
        cascade.relink_copied_year(year)  # the roll-up links follow the copies
    else:
        _from_renstra(year)
    db.session.add(year)
    return year


def _from_renstra(year: Year) -> None:
    """An empty new year inside a Renstra period starts with the Renstra's indicators and
    their targets for that year (each as its own sasaran until the admin groups them)."""
    renstra = renstra_targets.renstra_for(year.year, year.unit_id)
    if renstra is None:
        return
    for position, ri in enumerate(renstra.indicators, start=1):
        target = ri.target_for(year.year)
        grade = bool(target is not None and target.grade) or (target is None and ri.end_grade)
        indicator = Indicator(position=position, name=ri.name, target_unit=ri.satuan,
                              target_kind="grade" if grade else "none", renstra_indicator=ri)
        year.indicators.append(indicator)
        renstra_targets.apply_renstra_target(indicator, year.year)


def _copy_programs(source: Year, year: Year, sasaran: dict[int, Sasaran]) -> None:
    for old in db.session.scalars(sa.select(Program).where(
            Program.year_id == source.id, Program.parent_id.is_(None))
            .order_by(Program.position)):
        new = Program(year_ref=year, position=old.position, code=old.code, name=old.name,
                      note=old.note, pagu=0, sasaran=sasaran.get(old.sasaran_id))
        db.session.add(new)
        for kid in old.kegiatan:
            new.kegiatan.append(Program(year_ref=year, position=kid.position, code=kid.code,
                                        name=kid.name, note=kid.note, pagu=0,
                                        sasaran=sasaran.get(kid.sasaran_id)))

