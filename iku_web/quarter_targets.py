"""Whether an indicator's quarterly targets (Rencana Aksi) agree with its yearly target, in
the way they are written (per triwulan or kumulatif s.d. triwulan); the rule is in
docs/capaian.md. The warning is shown where the targets are typed; nothing is refused."""
from collections.abc import Sequence
from decimal import Decimal

from .capaian import aggregate, amount
from .formatting import format_number, roman

SWITCH_HINT = (" Target triwulan tampaknya ditulis kumulatif s.d. triwulan: pilih "
               "\"Kumulatif s.d. triwulan\".")


def mismatch(kind: str, yearly: Decimal | None, targets: Sequence[Decimal | None], how: str,
             mode: str) -> str:
    """An Indonesian warning when the four quarterly targets contradict the yearly target,
    else "". Only numeric targets with all four quarters set are checked: a partial Rencana
    Aksi falls back to the yearly target and contradicts nothing."""
    goal = amount(yearly)
    quarters = [amount(t) for t in targets]
    if kind not in ("number", "percent") or goal is None or any(q is None for q in quarters):
        return ""
    last = quarters[-1]
    if mode == "kumulatif":
        if last != goal:
            return (f"Target TW IV ({format_number(last)}) tidak sama dengan target tahunan "
                    f"({format_number(goal)}): pada target kumulatif s.d. triwulan, target TW IV "
                    "adalah target tahunan.")
        falls = [i for i in range(1, 4) if quarters[i] < quarters[i - 1]]
        if how == "kumulatif" and falls:
            q = falls[0]
            return (f"Target kumulatif s.d. triwulan tidak boleh turun: target TW {roman(q + 1)} "
                    f"({format_number(quarters[q])}) lebih kecil dari TW {roman(q)} "
                    f"({format_number(quarters[q - 1])}).")
        return ""
    combined = aggregate(quarters, how)
    if combined is None or combined == goal:
        return ""
    what = {"kumulatif": "Jumlah target TW I-IV", "rata_rata": "Rata-rata target TW I-IV"}.get(
        how, "Target TW IV")
    hint = SWITCH_HINT if how == "kumulatif" and last == goal else ""
    return (f"{what} ({format_number(combined)}) tidak sama dengan target tahunan "
            f"({format_number(goal)}).{hint}")


def of_indicator(indicator) -> str:
    """mismatch() of an Indicator."""
    return mismatch(indicator.target_kind, indicator.target_value, indicator.quarter_targets,
                    indicator.aggregation, indicator.quarter_target_mode)
