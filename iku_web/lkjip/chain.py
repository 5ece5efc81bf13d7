"""What the LKjIP takes from the SAKIP chain (sasaran, Renstra, earlier years, programs and
budget; iku_web/chain.py and iku_web/budget.py), as display text. Every part may be absent:
the draft then leaves its section as a marked slot."""
from dataclasses import dataclass, field

from .. import budget as budget_module
from .. import chain as sakip
from .. import indicator_measure, measurement, renstra_targets, settings
from ..formatting import format_date, sentence
from ..presenters import value_with_unit


@dataclass(frozen=True)
class SasaranGroup:
    key: str  # slot key of its analysis text
    title: str
    rows: tuple[measurement.Row, ...]


@dataclass(frozen=True)
class Chain:
    """The chain data of a year. Empty tuples / dicts and None mean "not recorded"."""

    groups: tuple[SasaranGroup, ...]
    renstra: str | None = None  # "Renstra ... periode 2020-2024, Keputusan ..."
    renstra_rows: tuple = ()  # table: header, then one row per indicator with Renstra targets
    previous: dict = field(default_factory=dict)  # iid -> ((year, realisasi, capaian, note),)
    renstra_end: dict = field(default_factory=dict)  # iid -> (end target text, capaian text)
    national: dict = field(default_factory=dict)  # iid -> national standard text
    programs: tuple = ()  # budget table: header, programs and kegiatan, total
    sasaran_programs: dict = field(default_factory=dict)  # group key -> (program name,)
    efficiency: dict = field(default_factory=dict)  # group key -> sentence
    budget_sentence: str | None = None  # pagu, realisasi and serapan of the whole year
    efficiency_rule: str = ""


def _kind(indicator) -> str:
    return "percent" if indicator.target_kind == "percent" or indicator.target_unit == "%" \
        else "number"


def _target_text(indicator, target) -> str:
    if target is None:
        return "-"
    if indicator.target_kind == "grade":
        return f"minimal {target.grade}" if target.grade else "-"
    return value_with_unit(target.value, _kind(indicator), indicator.target_unit) or "-"


def _renstra(year, rows):
    renstra = renstra_targets.renstra_for(year.year, year.unit_id)
    if renstra is None:
        return None, ()
    decree = ""
    if renstra.decree_number:
        decree = f", ditetapkan dengan Keputusan Nomor {renstra.decree_number}"
        if renstra.decree_date:
            decree += f" tanggal {format_date(renstra.decree_date)}"
    text = sentence(f"{year.institution_name} berpedoman pada {renstra.name} periode "
                    f"{renstra.start_year}-{renstra.end_year}{decree}")
    years = list(renstra.years)
    table = [("No", "Indikator Kinerja", *map(str, years), "Target akhir")]
    for row in rows:
        ri = renstra_targets.renstra_indicator_of(row.indicator)
        if ri is None:
            continue
        table.append((f"{row.number}.", sakip.indicator_text(row.indicator),
                      *(_target_text(row.indicator, ri.target_for(y)) for y in years),
                      renstra_targets.end_target_text(row.indicator)))
    return text, tuple(table) if len(table) > 1 else ()


def _previous(rows) -> dict:
    result = {}
    for iid, years in sakip.history(row.indicator for row in rows).items():
        if years:
            result[iid] = tuple(
                (p.year, p.realisasi_text, p.capaian_text,
                 f"diketik; sumber: {p.source}" if p.typed else "")
                for p in sorted(years, key=lambda p: p.year))
    return result


def _end(rows, cap) -> dict:
    result = {}
    for row in rows:
        ind = row.indicator
        if renstra_targets.end_target(ind).kind == "none":
            continue
        outcome = renstra_targets.end_capaian(ind, row.progress.realisasi, cap)
        text = (indicator_measure.result_text(outcome) if outcome.status == "ok"
                else outcome.message)
        result[ind.id] = (renstra_targets.end_target_text(ind), text)
    return result


def _national(rows) -> dict:
    result = {}
    for row in rows:
        ind = row.indicator
        if ind.national_standard is None:
            continue
        text = value_with_unit(ind.national_standard, _kind(ind), ind.target_unit)
        note = (ind.national_standard_note or "").strip()
        result[ind.id] = f"{text} ({note})" if note else text
    return result


def _budget(year, m, keys):
    budget = budget_module.build(year, measurement=m)
    if not budget.rows:
        return (), {}, {}, None, budget.rule_text
    table = [("No", "Program / Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan")]
    table += [(r.number, r.program.name, r.pagu_text, r.realisasi_text, r.serapan_text)
              for r in budget.rows]
    table.append(("", "Jumlah", budget.pagu_text, budget.realisasi_text, budget.serapan_text))
    names: dict[str, list[str]] = {}
    for r in budget.rows:  # a program, and a kegiatan that supports a sasaran of its own
        own = r.program.sasaran_id
        if own in keys and (not r.is_kegiatan or own != r.program.parent.sasaran_id):
            names.setdefault(keys[own], []).append(r.program.name)
    efficiency = {}
    for s in budget.sasaran:
        if s.sasaran.id in keys and s.pagu:
            efficiency[keys[s.sasaran.id]] = (
                f"Sasaran ini didukung pagu {s.pagu_text} dengan realisasi {s.realisasi_text} "
                f"(serapan {s.serapan_text}); rata-rata capaian indikatornya "
                f"{s.capaian_text}, efisiensi {s.efficiency_text} ({budget.rule_text}).")
    sentence = (f"Pagu anggaran Tahun {year.year} sebesar {budget.pagu_text} dengan realisasi "
                f"{budget.realisasi_text}, serapan {budget.serapan_text}.")
    return (tuple(table), {k: tuple(v) for k, v in names.items()}, efficiency, sentence,
            budget.rule_text)


def one_per_indicator(rows) -> tuple[SasaranGroup, ...]:
    return tuple(SasaranGroup(f"indikator-{row.indicator.id}", row.indicator.name, (row,))
                 for row in rows)


def load(year, m: measurement.Measurement) -> Chain:
    rows = m.rows
    groups, keys = [], {}
    for group in sakip.group(year, rows):
        if group.sasaran is None:  # an indicator never given a sasaran: its own group
            groups.extend(one_per_indicator(group.rows))
            continue
        key = f"sasaran-{group.sasaran.id}"
        keys[group.sasaran.id] = key
        groups.append(SasaranGroup(key, group.name, group.rows))
    renstra, renstra_rows = _renstra(year, rows)
    programs, sasaran_programs, efficiency, sentence, rule = _budget(year, m, keys)
    return Chain(
        groups=tuple(groups), renstra=renstra, renstra_rows=renstra_rows,
        previous=_previous(rows), renstra_end=_end(rows, settings.capaian_cap()),
        national=_national(rows), programs=programs, sasaran_programs=sasaran_programs,
        efficiency=efficiency, budget_sentence=sentence, efficiency_rule=rule)



