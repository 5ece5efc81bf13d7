"""What the LKjIP takes from the SAKIP chain (sasaran, Renstra, earlier years, programs and
budget). Every part may be absent: the draft then leaves its section as a marked slot."""
from dataclasses import dataclass, field

from .. import measurement


@dataclass(frozen=True)
class SasaranGroup:
    key: str  # slot key of its analysis text
    title: str
    rows: tuple[measurement.Row, ...]


@dataclass(frozen=True)
class Chain:
    """The chain data of a year, as display text. Empty tuples / None mean "not recorded"."""

    groups: tuple[SasaranGroup, ...]
    from_chain: bool = False  # True when the groups are real sasaran, not one per indicator
    renstra: str | None = None  # "Renstra 2020-2024 (Keputusan ...)"
    renstra_rows: tuple = ()  # (indicator row, {year: target text}, end target text)
    previous: dict = field(default_factory=dict)  # indicator id -> ((year, realisasi, capaian),)
    renstra_end: dict = field(default_factory=dict)  # indicator id -> (end target, capaian)
    national: dict = field(default_factory=dict)  # indicator id -> national standard text
    programs: tuple = ()  # Program rows, see budget()
    sasaran_programs: dict = field(default_factory=dict)  # sasaran key -> (program name,)
    efficiency: dict = field(default_factory=dict)  # sasaran key -> sentence
    budget_sentence: str | None = None  # pagu, realisasi and serapan of the whole year


def one_per_indicator(rows) -> tuple[SasaranGroup, ...]:
    """Without sasaran data every indicator stands for its own sasaran (the seed's IKU column
    is the sasaran)."""
    return tuple(SasaranGroup(f"indikator-{row.indicator.id}", row.indicator.name, (row,))
                 for row in rows)


def load(year, rows) -> Chain:
    return Chain(groups=one_per_indicator(rows))
