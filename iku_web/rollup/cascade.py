"""Cascading ("turunkan"): a parent unit's indicator given to each of its child units as a
linked indicator, with the targets the parent sets (docs/rollup.md, "Cascading").

The linked indicator carries the parent's definition (DEFINITION); the child types realisasi,
evidence and notes and verifies as usual, and may choose who is in charge of it (PIC), nothing
else. Only the parent sets its targets (TARGET_FIELDS)."""
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from .. import chain
from ..changelog import log_change
from ..extensions import db
from ..models import Indicator, RollupExemption, Sasaran, Unit, Year

DEFINITION = ("name", "formula", "data_source", "polarity", "aggregation", "target_kind",
              "target_unit", "quarter_target_mode")
TARGET_FIELDS = ("target_value", "target_upper", "target_grade", "target_tw1", "target_tw2",
                 "target_tw3", "target_tw4")
LOCKED_MESSAGE = ("Indikator ini diturunkan dari {parent}: definisi dan targetnya hanya dapat "
                  "diubah oleh unit tersebut.")


def parent_name(indicator: Indicator) -> str:
    """The name of the unit a linked indicator comes from."""
    parent = indicator.parent_indicator
    return parent.year_ref.unit.name if parent else "unit induk"


def linked_message(indicator: Indicator) -> str:
    return LOCKED_MESSAGE.format(parent=parent_name(indicator))


def linked_unchanged(form, indicator: Indicator) -> bool:
    """For the IKU register form: a linked indicator's definition and targets are the
    parent's; a posted change to them is refused at its field (nothing is saved). The child
    may still choose its sasaran and who is in charge."""
    if not indicator.linked:
        return True
    fields = DEFINITION + TARGET_FIELDS
    posted = SimpleNamespace(**{f: getattr(indicator, f) for f in fields},
                             pic_unit="", pic_user_id=None, national_standard=None,
                             national_standard_note="")
    form.apply_to(posted)
    changed = [f for f in fields if getattr(posted, f) != getattr(indicator, f)]
    for name in changed:
        getattr(form, name).errors.append(linked_message(indicator))
    return not changed


@dataclass(frozen=True)
class ChildTarget:
    """The target a parent gives a child's linked indicator (its kind is the parent's)."""
    value: Decimal | None = None
    upper: Decimal | None = None
    grade: str | None = None

    @classmethod
    def of(cls, indicator: Indicator) -> "ChildTarget":
        return cls(indicator.target_value, indicator.target_upper, indicator.target_grade)


def children_of(unit: Unit) -> list[Unit]:
    """The units a parent cascades to: its children that are not retired, by name."""
    return [child for child in unit.children if not child.retired]


def linked_of(parent: Indicator) -> dict[int, Indicator]:
    """The indicators linked to `parent`, per child unit id (one query)."""
    rows = db.session.execute(sa.select(Indicator, Year.unit_id).join(Year)
                              .where(Indicator.parent_indicator_id == parent.id)).all()
    return {unit_id: indicator for indicator, unit_id in rows}


def exemptions_of(parent: Indicator) -> dict[int, RollupExemption]:
    return {e.unit_id: e for e in db.session.scalars(
        sa.select(RollupExemption).where(RollupExemption.indicator_id == parent.id))}


def cascade(parent: Indicator, target: ChildTarget | None = None) -> list[Indicator]:
    """Give every child unit of the parent's unit a linked indicator (its own one of the same
    name that is not linked yet, else a new one), or bring an existing one back in line with
    the parent's definition. `target`: one target for all children; None keeps each child's
    target (a newly linked one gets the parent's own)."""
    year = parent.year_ref
    linked = linked_of(parent)
    made = []
    for child in children_of(year.unit):
        indicator = linked.get(child.id)
        if indicator is None:
            own = adoptable(_unlinked(child, year.year), parent)
            indicator = _new_linked(parent, child) if own is None else adopt(parent, own)
            if own is None:
                made.append(indicator)
            if target is None:
                set_target(indicator, ChildTarget.of(parent), log=own is not None)
        _copy_definition(parent, indicator)
        if target is not None:
            set_target(indicator, target, log=indicator not in made)
    db.session.flush()
    for indicator in made:
        log_change("indicator", "create", None, indicator.name, year=indicator.year_ref,
                   indicator=indicator)
    return made


def link(parent: Indicator, indicator: Indicator, target: ChildTarget) -> None:
    """Link a child's existing indicator to the parent's (the province demo, whose offices
    were loaded with the same six indicators), as cascading would have made it."""
    indicator.parent_indicator = parent
    _copy_definition(parent, indicator)
    set_target(indicator, target, log=False)


def set_target(indicator: Indicator, target: ChildTarget, log: bool = True) -> None:
    """The parent sets a child's yearly target (the quarterly ones: set_quarter_targets);
    only the fields of the target kind are kept."""
    kind = indicator.target_kind
    values = {"target_value": target.value if kind in ("number", "percent", "range") else None,
              "target_upper": target.upper if kind == "range" else None,
              "target_grade": target.grade if kind == "grade" else None}
    for field, new in values.items():
        old = getattr(indicator, field)
        if old != new:
            if log:
                log_change("indicator", field, old, new, year=indicator.year_ref,
                           indicator=indicator)
            setattr(indicator, field, new)


def set_quarter_targets(indicator: Indicator, targets: list[Decimal | None]) -> None:
    """The parent sets a child's quarterly targets (Rencana Aksi, written the parent's way:
    per triwulan or kumulatif, a definition field); the child cannot change them."""
    for q, new in enumerate(targets, start=1):
        field = f"target_tw{q}"
        old = getattr(indicator, field)
        if old != new:
            log_change("indicator", field, old, new, year=indicator.year_ref, indicator=indicator)
            setattr(indicator, field, new)


def _copy_definition(parent: Indicator, indicator: Indicator) -> None:
    for field in DEFINITION:
        setattr(indicator, field, getattr(parent, field))
    if parent.target_kind != "grade":
        indicator.target_grade = None


def _new_linked(parent: Indicator, child: Unit) -> Indicator:
    year = child_year(child, parent.year_ref.year)
    # The sasaran first: a flush of an indicator without one would give it its own.
    sasaran = _sasaran_for(year, parent)
    indicator = Indicator(parent_indicator=parent, position=len(year.indicators) + 1,
                          name=parent.name, sasaran=sasaran)
    year.indicators.append(indicator)
    chain.renumber(year)
    return indicator


def child_year(child: Unit, number: int) -> Year:
    """The child's year `number`; made (empty, with the child's name and place) when the child
    has not opened it yet, so that it can receive the cascaded indicators."""
    year = db.session.scalar(sa.select(Year).where(Year.unit_id == child.id,
                                                   Year.year == number))
    if year is None:
        year = Year(unit=child, year=number, institution_name=child.name,
                    closing_place=child.place)
        db.session.add(year)
        db.session.flush()
    return year


def _sasaran_for(year: Year, parent: Indicator) -> Sasaran:
    """The child's sasaran named like the parent indicator's (spaces and case aside), else a
    new one with that name at the end: the child's plan follows the parent's."""
    name = (parent.sasaran.name if parent.sasaran is not None else parent.name).strip()
    found = next((s for s in year.sasaran if s.name.strip().casefold() == name.casefold()),
                 None)
    if found is not None:
        return found
    last = max((s.position for s in year.sasaran), default=0)
    made = Sasaran(year_ref=year, name=name, position=last + 1)
    db.session.add(made)
    return made


@dataclass(frozen=True)
class Receipt:
    """A cascaded indicator of the parent unit's latest year that a unit joining it gets:
    `own` is the unit's indicator of the same name that is linked instead of a new one."""
    parent: Indicator
    own: Indicator | None
    target: ChildTarget


def to_receive(unit: Unit, parent_unit: Unit | None) -> list[Receipt]:
    """What `unit` gets on joining `parent_unit` (added, or moved under it): the cascaded
    indicators of the parent's latest year, each with the target most of its siblings have
    (the "one for all" target, when there was one). Nothing is written."""
    if parent_unit is None:
        return []
    latest = db.session.scalar(sa.select(Year).where(Year.unit_id == parent_unit.id)
                               .order_by(Year.year.desc()).limit(1))
    if latest is None:
        return []
    year = db.session.scalar(sa.select(Year).where(Year.unit_id == unit.id,
                                                   Year.year == latest.year))
    ours = {ind.id for ind in latest.indicators}
    free = [] if year is None else [i for i in year.indicators
                                    if i.parent_indicator_id not in ours]
    receipts = []
    for parent in latest.indicators:
        linked = linked_of(parent)
        if not linked or unit.id in linked:
            continue
        own = adoptable(free, parent)
        if own is not None:
            free.remove(own)
        common = Counter(ChildTarget.of(i) for i in linked.values()).most_common(1)[0][0]
        receipts.append(Receipt(parent, own, common))
    return receipts


def _unlinked(child: Unit, number: int) -> list[Indicator]:
    return list(db.session.scalars(sa.select(Indicator).join(Year).where(
        Year.unit_id == child.id, Year.year == number, Indicator.parent_indicator_id.is_(None))))


def adoptable(indicators: list[Indicator], parent: Indicator) -> Indicator | None:
    """The unit's own indicator named like the parent's (spaces and case aside): cascading
    links it, keeping its realisasi (or its own roll-up, at any depth), rather than giving
    the unit a second one."""
    name = parent.name.strip().casefold()
    return next((i for i in indicators if i.name.strip().casefold() == name), None)


def cascade_to_new_unit(unit: Unit) -> int:
    """A child unit added later, or moved under its parent, gets to_receive(); returns how
    many indicators it got."""
    receipts = to_receive(unit, unit.parent)
    for receipt in receipts:
        if receipt.own is None:
            indicator = _new_linked(receipt.parent, unit)
        else:
            indicator = adopt(receipt.parent, receipt.own)
        _copy_definition(receipt.parent, indicator)
        set_target(indicator, receipt.target, log=receipt.own is not None)
    db.session.flush()
    return len(receipts)


def adopt(parent: Indicator, indicator: Indicator) -> Indicator:
    """Link the unit's own indicator to the parent's, said in its change log."""
    log_change("indicator", "parent_indicator", None, parent.year_ref.unit.name,
               year=indicator.year_ref, indicator=indicator)
    indicator.parent_indicator = parent
    return indicator


def relink_copied_year(year: Year) -> None:
    """After a year was copied: each copied indicator whose source was linked to a parent
    indicator is linked to the copy of that parent in the parent unit's same year, and the
    children's copies of a copied parent are linked to it, whichever year was copied first.
    The roll-up rule is copied with the indicator (indicators.service.COPIED_FIELDS)."""
    unit = year.unit or db.session.get(Unit, year.unit_id)
    sources = {i.source_indicator_id: i for i in year.indicators if i.source_indicator_id}
    if not sources:
        return
    old = {i.id: i for i in db.session.scalars(sa.select(Indicator).where(
        Indicator.id.in_(list(sources))))}
    # Upwards: the copy of my old parent indicator, in my parent's year.
    wanted = {o.parent_indicator_id: sources[o.id] for o in old.values() if o.parent_indicator_id}
    if wanted and unit.parent_id is not None:
        for copy in db.session.scalars(sa.select(Indicator).join(Year).where(
                Year.unit_id == unit.parent_id, Year.year == year.year,
                Indicator.source_indicator_id.in_(list(wanted)))):
            wanted[copy.source_indicator_id].parent_indicator = copy
    # Downwards: my children's copies of the indicators linked to my old indicators.
    children = [c.id for c in unit.children]
    if children:
        linked_old = aliased(Indicator)
        for copy, old_parent in db.session.execute(
                sa.select(Indicator, linked_old.parent_indicator_id)
                .join(Year, Year.id == Indicator.year_id)
                .join(linked_old, linked_old.id == Indicator.source_indicator_id)
                .where(Year.unit_id.in_(children), Year.year == year.year,
                       linked_old.parent_indicator_id.in_(list(sources)),
                       Indicator.parent_indicator_id.is_(None))):
            copy.parent_indicator = sources[old_parent]
