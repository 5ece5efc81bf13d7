"""What moving a unit under another parent does to its cascaded indicators (docs/rollup.md,
"Moving a unit"): said before the move (the install admin confirms it), then done with it.

A move takes effect from a year (`from_year`, the first year under the new parent) and is
recorded (UnitMove): the roll-up reads each year's tree through these rows, so the years
before keep counting the unit under its old parent, as a signed report of theirs says. A link
only counts from a child of that year, so from `from_year` on the old parent stops counting
the unit: its links to the old parent's indicators of those years are cut (the indicators,
their realisasi, evidence and reviews stay, as the unit's own; it may edit their definition
again) and the old parent's "tidak berlaku" marks for it in those years go. Earlier years keep
both. Then the unit joins its new parent as an added unit does (cascade.to_receive)."""
from dataclasses import dataclass

import sqlalchemy as sa

from .. import clock
from ..changelog import log_change
from ..extensions import db
from ..models import Indicator, RollupExemption, Unit, UnitMove, Year
from . import cascade

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a move may take effect from


@dataclass(frozen=True)
class Effect:
    unit: Unit
    old_parent: Unit | None
    new_parent: Unit | None
    from_year: int  # the first year under the new parent
    cut: list[Indicator]  # the unit's indicators linked to the old parent's, from from_year
    cut_years: list[int]
    exemptions: list[RollupExemption]
    exempt_years: list[int]  # read before the move deletes them
    receipts: list[cascade.Receipt]

    def __bool__(self) -> bool:
        return bool(self.cut or self.exemptions or self.receipts)

    @property
    def lines(self) -> list[str]:
        """What the move will do, in Indonesian, one sentence a line."""
        lines = [f"Berlaku mulai TA {self.from_year}" + (
            f": TA sebelumnya {self.unit.name} tetap dihitung oleh {self.old_parent.name}."
            if self.old_parent is not None else ".")]
        if self.cut:
            years = ", ".join(str(y) for y in self.cut_years)
            lines.append(
                f"{len(self.cut)} indikator turunan dari {self.old_parent.name} (TA {years}) "
                f"diputus hubungannya: indikator, realisasi, bukti dukung dan verifikasinya "
                f"tetap ada sebagai indikator {self.unit.name} sendiri (definisinya dapat "
                f"diubah lagi), dan realisasinya tidak lagi dihitung oleh "
                f"{self.old_parent.name}.")
        if self.exemptions:
            years = ", ".join(str(y) for y in self.exempt_years)
            lines.append(f"{len(self.exemptions)} tanda \"tidak berlaku\" dari "
                         f"{self.old_parent.name} untuk unit ini (TA {years}) dihapus.")
        if self.receipts:
            own = sum(1 for r in self.receipts if r.own is not None)
            year = self.receipts[0].parent.year_ref.year
            lines.append(
                f"{self.unit.name} menerima {len(self.receipts)} indikator turunan "
                f"{self.new_parent.name} TA {year}" + (
                    f"; {own} di antaranya indikator unit ini yang bernama sama, yang "
                    "dihubungkan (realisasinya tetap) dan mengikuti definisi serta target "
                    "dari unit induk baru." if own else "."))
        return lines


def default_year(unit: Unit, new_parent: Unit | None) -> int:
    """The year a move takes effect from unless the admin says otherwise: the newest year the
    new parent or the unit has (the one being worked on), else the current calendar year."""
    owners = [unit.id] + ([new_parent.id] if new_parent is not None else [])
    newest = db.session.scalar(sa.select(sa.func.max(Year.year))
                               .where(Year.unit_id.in_(owners)))
    return newest or clock.today().year


def last_move_year(unit: Unit) -> int | None:
    """The year the unit's latest recorded move took effect from: a new move may not take
    effect before it (the years in between would belong to two parents at once)."""
    return db.session.scalar(sa.select(sa.func.max(UnitMove.from_year))
                             .where(UnitMove.unit_id == unit.id))


def effect(unit: Unit, new_parent: Unit | None, from_year: int) -> Effect:
    """What moving `unit` under `new_parent` from `from_year` would do; nothing is written."""
    old = unit.parent
    rows, exemptions = [], []
    if old is not None:
        parents = sa.select(Indicator.id).join(Year).where(Year.unit_id == old.id,
                                                           Year.year >= from_year)
        rows = db.session.execute(sa.select(Indicator, Year.year).join(Year).where(
            Year.unit_id == unit.id, Indicator.parent_indicator_id.in_(parents))
            .order_by(Year.year, Indicator.position)).all()
        exemptions = db.session.execute(
            sa.select(RollupExemption, Year.year)
            .join(Indicator, Indicator.id == RollupExemption.indicator_id)
            .join(Year, Year.id == Indicator.year_id)
            .where(RollupExemption.unit_id == unit.id,
                   RollupExemption.indicator_id.in_(parents))).all()
    receipts = cascade.to_receive(unit, new_parent)
    # The new parent's latest year may come before the move (a move announced for next year):
    # its indicators are not the unit's to receive then, the unit still counting for its old
    # parent that year. It receives them when the new parent cascades the year of the move.
    if receipts and receipts[0].parent.year_ref.year < from_year:
        receipts = []
    return Effect(unit, old, new_parent, from_year, [ind for ind, _y in rows],
                  sorted({y for _i, y in rows}), [e for e, _y in exemptions],
                  sorted({y for _e, y in exemptions}), receipts)


def move(unit: Unit, new_parent: Unit | None, from_year: int,
         by_id: int | None = None) -> Effect:
    """Move the unit from `from_year` on and its links (effect() first), recording the move
    (`by_id`: the account); the caller commits."""
    done = effect(unit, new_parent, from_year)
    db.session.add(UnitMove(unit_id=unit.id, old_parent_id=unit.parent_id,
                            new_parent_id=new_parent.id if new_parent is not None else None,
                            from_year=from_year, moved_by_id=by_id))
    for indicator in done.cut:
        log_change("indicator", "parent_indicator", done.old_parent.name, None,
                   year=indicator.year_ref, indicator=indicator)
        indicator.parent_indicator = None
    for exemption in done.exemptions:
        db.session.delete(exemption)
    unit.parent = new_parent
    db.session.flush()
    if done.receipts:
        cascade.cascade_to_new_unit(unit)
    return done
