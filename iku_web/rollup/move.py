"""What moving a unit under another parent does to its cascaded indicators (docs/rollup.md,
"Moving a unit"): said before the move (the install admin confirms it), then done with it.

A link only counts from a direct child, so the old parent stops counting the unit the moment
it moves. Its links to the old parent's indicators are therefore cut, in every year: the
indicators, their realisasi, evidence and reviews stay, as the unit's own (it may edit their
definition again). The old parent's "tidak berlaku" marks for the unit go. Then the unit joins
its new parent as an added unit does (cascade.to_receive)."""
from dataclasses import dataclass

import sqlalchemy as sa

from ..changelog import log_change
from ..extensions import db
from ..models import Indicator, RollupExemption, Unit, Year
from . import cascade


@dataclass(frozen=True)
class Effect:
    unit: Unit
    old_parent: Unit | None
    new_parent: Unit | None
    cut: list[Indicator]  # the unit's indicators linked to the old parent's
    cut_years: list[int]
    exemptions: list[RollupExemption]
    receipts: list[cascade.Receipt]

    def __bool__(self) -> bool:
        return bool(self.cut or self.exemptions or self.receipts)

    @property
    def lines(self) -> list[str]:
        """What the move will do, in Indonesian, one sentence a line."""
        lines = []
        if self.cut:
            years = ", ".join(str(y) for y in self.cut_years)
            lines.append(
                f"{len(self.cut)} indikator turunan dari {self.old_parent.name} (TA {years}) "
                f"diputus hubungannya: indikator, realisasi, bukti dukung dan verifikasinya "
                f"tetap ada sebagai indikator {self.unit.name} sendiri (definisinya dapat "
                f"diubah lagi), dan realisasinya tidak lagi dihitung oleh "
                f"{self.old_parent.name}.")
        if self.exemptions:
            lines.append(f"{len(self.exemptions)} tanda \"tidak berlaku\" dari "
                         f"{self.old_parent.name} untuk unit ini dihapus.")
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


def effect(unit: Unit, new_parent: Unit | None) -> Effect:
    """What moving `unit` under `new_parent` would do; nothing is written."""
    old = unit.parent
    rows, exemptions = [], []
    if old is not None:
        parents = sa.select(Indicator.id).join(Year).where(Year.unit_id == old.id)
        rows = db.session.execute(sa.select(Indicator, Year.year).join(Year).where(
            Year.unit_id == unit.id, Indicator.parent_indicator_id.in_(parents))
            .order_by(Year.year, Indicator.position)).all()
        exemptions = list(db.session.scalars(sa.select(RollupExemption).where(
            RollupExemption.unit_id == unit.id, RollupExemption.indicator_id.in_(parents))))
    return Effect(unit, old, new_parent, [ind for ind, _y in rows],
                  sorted({y for _i, y in rows}), exemptions, cascade.to_receive(unit, new_parent))


def move(unit: Unit, new_parent: Unit | None) -> Effect:
    """Move the unit and its links (effect() first); the caller commits."""
    done = effect(unit, new_parent)
    for indicator in done.cut:
        log_change("indicator", "parent_indicator", done.old_parent.name, None,
                   year=indicator.year_ref, indicator=indicator)
        indicator.parent_indicator = None
    for exemption in done.exemptions:
        db.session.delete(exemption)
    unit.parent = new_parent
    db.session.flush()
    cascade.cascade_to_new_unit(unit)
    return done
