"""What the pages, documents and the API ask of the roll-up (docs/rollup.md, "Interface").

    computed = service.computation(indicator)        # one computed indicator
    many = service.computations(year.indicators)     # every computed one of a page, batched
    computed.verified.quarters[2].value              # TW III, approved quarters only
    computed.provisional.progress.realisasi          # the year, "sementara"
    service.figure_text(computed.verified.year, spec) # "9 dari 14 KPU Kabupaten/Kota, 64,29%"

A computed child's figures (a province's, under KPU RI) are stored per process under the
data stamps of its subtree and used only while the database holds the same stamps: an
approval, return or unlock below replaces a stamp in its own transaction and shows on the
next request (memo.py). The number of queries does not depend on the number of units or
levels (load.py).
"""
from collections.abc import Iterable
from dataclasses import dataclass

from .. import capaian
from ..domain import SHARE_RULES
from ..extensions import db
from ..formatting import format_number, format_percent
from ..indicator_measure import Spec, result_text
from ..models import Indicator
from ..models.stamps import wrote
from ..presenters import value_with_unit
from .compute import compute, subtree
from .figures import STATUSES, ChildFigure, Figure, Rollup, Snapshot
from .load import load
from .memo import memo, subtree_keys

__all__ = ["STATUSES", "ChildFigure", "Computation", "Figure", "Rollup", "capaian_text",
           "computation", "computations", "computations_of_ids", "counted_text", "figure_text",
           "leaves_word", "target_text", "value_text"]


@dataclass(frozen=True)
class Computation:
    """A computed indicator: its verified figures (the official ones) and the "sementara"
    figures that also take unverified entries."""
    indicator_id: int
    spec: Spec
    verified: Rollup
    provisional: Rollup

    @property
    def differs(self) -> bool:
        """The sementara figures say something else than the verified ones."""
        return self.verified.values != self.provisional.values


def computations(indicators: Iterable[Indicator]) -> dict[int, Computation]:
    """The computations of the computed indicators among `indicators` (typed ones are left
    out), in six queries whatever their number."""
    return computations_of_ids([i.id for i in indicators if i.rollup_rule != "typed"])


def computations_of_ids(wanted: list[int]) -> dict[int, Computation]:
    """computations() of the indicators with these ids (all of them computed ones).

    The rows of the indicators asked for and of those linked to them directly are read; a
    linked child that is itself computed (a province under KPU RI) comes from its stored
    subtree while no unit of that subtree has changed, else from its rows (memo.py)."""
    if not wanted:
        return {}
    if db.session.autoflush:
        db.session.flush()  # pending changes are stamped (or not) before the store is asked
    if wrote(db.session):  # its own changes are not in the store's stamps yet (memo.py)
        snapshot = load(wanted)
    else:
        snapshot = load(wanted, deep=False)
        _fill_stored(snapshot, wanted)
    return {iid: _computation(snapshot, iid) for iid in wanted if iid in snapshot.nodes}


def _fill_stored(snapshot: Snapshot, wanted: list[int]) -> None:
    below = {child for iid in wanted for child in snapshot.linked.get(iid, {}).values()
             if snapshot.nodes[child].rule != "typed"}
    if not below:
        return
    stored = memo()
    keys = subtree_keys(snapshot, {(snapshot.nodes[iid].unit_id, snapshot.nodes[iid].year)
                                   for iid in below})
    missing = []
    for iid in sorted(below):
        found = stored.get(iid, keys[snapshot.nodes[iid].unit_id, snapshot.nodes[iid].year])
        if found is None:
            missing.append(iid)
        else:
            snapshot.stored[iid] = found
    if missing:
        # Keyed by the stamps read before these rows (load.py): never older than their key.
        rows = load(missing)
        for iid in missing:
            node = rows.nodes[iid]
            snapshot.stored[iid] = subtree(rows, rows.units[node.unit_id], node)
            stored.put(iid, keys[node.unit_id, node.year], snapshot.stored[iid])


def computation(indicator: Indicator) -> Computation | None:
    """The computation of one indicator, None when it is typed."""
    return computations([indicator]).get(indicator.id)


def _computation(snapshot: Snapshot, indicator_id: int) -> Computation:
    verified, provisional = compute(snapshot, indicator_id)
    return Computation(indicator_id, snapshot.nodes[indicator_id].spec, verified, provisional)


def leaves_word(figure: Figure) -> str:
    """What the counted units are called: "KPU Kabupaten/Kota", "KPU Provinsi" or "unit"."""
    kinds = {leaf.kind for leaf in figure.leaves}
    if kinds and kinds <= {"kabupaten", "kota"}:
        return "KPU Kabupaten/Kota"
    if kinds == {"provinsi"}:
        return "KPU Provinsi"
    return "unit"


def value_text(spec: Spec, value) -> str:
    """A figure's value as the parent shows it ("64,29%", "1.234 dokumen", "B")."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return value_with_unit(value, "percent" if spec.percent else "number", spec.unit)


def figure_text(figure: Figure | None, spec: Spec) -> str:
    """The computation in one line: "9 dari 14 KPU Kabupaten/Kota, 64,29%" (share rules) or
    "12 dari 14 KPU Kabupaten/Kota melapor, jumlah 1.234 dokumen" (numeric rules); the units
    left out as "tidak berlaku" are named after it."""
    if figure is None or figure.value is None:
        return "Belum ada data yang dapat dihitung"
    word = leaves_word(figure)
    exempt = f" ({figure.exempt} tidak berlaku)" if figure.exempt else ""
    if figure.rule in SHARE_RULES:
        value = format_percent(capaian.round_percent(figure.value))
        return f"{figure.numerator} dari {figure.denominator} {word}, {value}{exempt}"
    how = {"jumlah": "jumlah", "rata_rata": "rata-rata", "minimum": "terendah",
           "maksimum": "tertinggi"}[figure.rule]
    return (f"{figure.numerator} dari {figure.denominator} {word} melapor, {how} "
            f"{value_text(spec, figure.value)}{exempt}")


def target_text(target: capaian.Target | None, spec: Spec) -> str:
    """A child's yearly target as printed ("100%", "minimal B", "80-90%")."""
    if target is None or target.kind == "none":
        return "belum ditetapkan"
    if target.kind == "grade":
        return f"minimal {target.grade}"
    shown_as = "percent" if spec.percent else "number"
    if target.kind == "range":
        return f"{format_number(target.value)}-{value_with_unit(target.upper, shown_as, spec.unit)}"
    return value_with_unit(target.value, shown_as, spec.unit)


def counted_text(line: ChildFigure, rule: str) -> str:
    """Whether the child entered the figure, as the drill-down says it."""
    if not line.counted:
        return "Tidak"
    if rule in SHARE_RULES:
        return "Ya, memenuhi target" if line.met else "Ya, tidak memenuhi target"
    return "Ya" if line.value is not None and line.result is not None else "Ya, tanpa nilai"


def capaian_text(line: ChildFigure) -> str:
    """A child's capaian as the drill-down shows it."""
    if line.result is None:
        if line.from_lke and line.pending is not None:
            return f"{line.pending}, belum final: tidak dihitung"
        return "-"
    return result_text(line.result)
