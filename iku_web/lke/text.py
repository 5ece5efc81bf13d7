"""How LKE figures are written: scores always with two decimals ("80,00"), as the worksheet."""
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal


def score(value: Decimal) -> str:
    return format_decimal(Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP),
                          format="#,##0.00", locale="id_ID")


def weight(value: Decimal) -> str:
    """A weight as the regulation writes it: 6, 4,5, 12,5."""
    return format_decimal(Decimal(value), format="#,##0.##", locale="id_ID")


def check(met: bool | None) -> str:
    return "Ya" if met is True else "Tidak" if met is False else "Belum dinilai"
