from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from iku_web.formatting import (
    MONTHS,
    ParseError,
    format_date,
    format_datetime,
    format_month_year,
    format_number,
    format_percent,
    parse_number,
    quarter_name,
    quarter_short,
    roman,
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "max_places", "expected"),
    [
        (D("1234.5"), 2, "1.234,5"),
        (D("85.50"), 2, "85,5"),
        (100, 2, "100"),
        (D("93.756"), 2, "93,76"),
        (D("93.755"), 2, "93,76"),  # half up, not banker's rounding
        (D("0.125"), 2, "0,13"),
        (D("-93.755"), 2, "-93,76"),  # half away from zero
        (None, 2, ""),
        (D("0"), 2, "0"),
        (D("0.00"), 2, "0"),
        (D("-0.001"), 2, "0"),  # no "-0"
        (D("-1234.5"), 2, "-1.234,5"),
        (-1234, 2, "-1.234"),
        (D("1234567.891"), 2, "1.234.567,89"),
        (D("1E+3"), 2, "1.000"),
        (D("12.3456"), 4, "12,3456"),
        (D("12.3456"), 0, "12"),
        (D("12.5"), 0, "13"),
        (D("999.995"), 2, "1.000"),
        (
            D("123456789012345678901234567890.125"),
            2,
            "123.456.789.012.345.678.901.234.567.890,13",
        ),
    ],
)
def test_format_number(value, max_places, expected):
    assert format_number(value, max_places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("93.75"), "93,75%"),
        (D("100.00"), "100%"),
        (D("102.2222"), "102,22%"),
        (D("0"), "0%"),
        (D("-5.5"), "-5,5%"),
        (D("1234.5"), "1.234,5%"),
        (None, ""),
    ],
)
def test_format_percent(value, expected):
    assert format_percent(value) == expected


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (1.5, TypeError),
        ("12", TypeError),
        (True, TypeError),
        (D("NaN"), ValueError),
        (D("Infinity"), ValueError),
    ],
)
def test_format_number_rejects(value, error):
    with pytest.raises(error):
        format_number(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85", D("85")),
        ("85,5", D("85.5")),
        ("85.5", D("85.5")),
        ("1.234,5", D("1234.5")),
        ("1,234.5", D("1234.5")),
        ("93,75%", D("93.75")),
        (" 93,75 % ", D("93.75")),
        ("1.234.567", D("1234567")),
        ("1.234.567,89", D("1234567.89")),
        ("1,234,567.89", D("1234567.89")),
        ("-2", D("-2")),
        ("+2", D("2")),
        ("0", D("0")),
        ("-0", D("0")),
        ("1.234", D("1234")),  # Indonesian reading of a single dot + 3 digits
        ("12.345", D("12345")),
        ("0.125", D("0.125")),
        ("1234.567", D("1234.567")),  # not a valid grouping, so a decimal point
        ("1.2345", D("1.2345")),
        ("1,234", D("1.234")),  # a lone comma is always the decimal comma
        ("007", D("7")),
        ("85,50000", D("85.5")),  # trailing zeros do not count as decimals
        ("999999999999", D("999999999999")),
        ("000000000000085", D("85")),
        ("0,0001", D("0.0001")),
        ("-1.234,5", D("-1234.5")),
        ("\u00a01.234,5\u00a0", D("1234.5")),
    ],
)
def test_parse_number(text, expected):
    result = parse_number(text)
    assert result == expected
    assert result.is_finite()
    assert not result.is_signed() or result < 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Isian kosong"),
        ("   ", "Isian kosong"),
        (None, "Isian kosong"),
        ("abc", "Bukan angka yang valid"),
        ("1e5", "Bukan angka yang valid"),
        ("1e999", "Bukan angka yang valid"),
        ("NaN", "Bukan angka yang valid"),
        ("nan", "Bukan angka yang valid"),
        ("inf", "Bukan angka yang valid"),
        ("Infinity", "Bukan angka yang valid"),
        ("-Infinity", "Bukan angka yang valid"),
        ("12abc", "Bukan angka yang valid"),
        ("--1", "Bukan angka yang valid"),
        ("-+1", "Bukan angka yang valid"),
        ("1..2", "Bukan angka yang valid"),
        ("1,2,3", "Bukan angka yang valid"),
        ("1.23.456", "Bukan angka yang valid"),
        ("1.2345.678", "Bukan angka yang valid"),
        ("12.34,5", "Bukan angka yang valid"),
        ("1,23.5", "Bukan angka yang valid"),
        ("1.234,5,6", "Bukan angka yang valid"),
        ("1,234.5.6", "Bukan angka yang valid"),
        ("1234.567,8", "Bukan angka yang valid"),
        ("%", "Bukan angka yang valid"),
        ("-", "Bukan angka yang valid"),
        ("93,75%%", "Bukan angka yang valid"),
        ("5,", "Bukan angka yang valid"),
        ("5.", "Bukan angka yang valid"),
        (",5", "Bukan angka yang valid"),
        (".5", "Bukan angka yang valid"),
        ("1 234", "Bukan angka yang valid"),
        ("- 5", "Bukan angka yang valid"),
        ("\u0661\u0662", "Bukan angka yang valid"),  # Arabic-Indic digits
        ("\uff11\uff12", "Bukan angka yang valid"),  # full-width digits
        ("0x10", "Bukan angka yang valid"),
        ("1_000", "Bukan angka yang valid"),
        ("1234567890123", "Angka terlalu besar atau terlalu panjang"),
        ("1.234.567.890.123", "Angka terlalu besar atau terlalu panjang"),
        ("1,23456", "Angka terlalu besar atau terlalu panjang"),
        ("0.00001", "Angka terlalu besar atau terlalu panjang"),
        ("9" * 5000, "Angka terlalu besar atau terlalu panjang"),
    ],
)
def test_parse_number_rejects(text, message):
    with pytest.raises(ParseError) as excinfo:
        parse_number(text)
    assert str(excinfo.value) == message
    assert isinstance(excinfo.value, ValueError)


ROUND_TRIP = [
    D("0"),
    D("1"),
    D("-1"),
    D("0.5"),
    D("0.05"),
    D("0.12"),
    D("1.5"),
    D("85.5"),
    D("93.75"),
    D("100"),
    D("100.00"),
    D("102.22"),
    D("999"),
    D("1000"),
    D("1234"),
    D("1234.5"),
    D("-1234.56"),
    D("12345.67"),
    D("1234567"),
    D("999999999999.99"),
]


@pytest.mark.parametrize("value", ROUND_TRIP)
def test_round_trip_number(value):
    assert parse_number(format_number(value)) == value


@pytest.mark.parametrize("value", ROUND_TRIP)
def test_round_trip_percent(value):
    assert parse_number(format_percent(value)) == value


@pytest.mark.parametrize(
    ("d", "expected_date", "expected_month_year"),
    [
        (date(2024, 1, 15), "15 Januari 2024", "Januari 2024"),
        (date(2024, 2, 1), "1 Februari 2024", "Februari 2024"),
        (date(2023, 3, 31), "31 Maret 2023", "Maret 2023"),
        (date(2024, 5, 9), "9 Mei 2024", "Mei 2024"),
        (date(2024, 8, 17), "17 Agustus 2024", "Agustus 2024"),
        (date(2024, 12, 31), "31 Desember 2024", "Desember 2024"),
        (None, "", ""),
    ],
)
def test_format_date_and_month_year(d, expected_date, expected_month_year):
    assert format_date(d) == expected_date
    assert format_month_year(d) == expected_month_year


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        (datetime(2024, 1, 15, 13, 5), "15 Januari 2024 13.05"),
        (datetime(2024, 1, 15, 0, 0), "15 Januari 2024 00.00"),
        (datetime(2024, 12, 31, 23, 59, 59), "31 Desember 2024 23.59"),
        # An aware datetime is shown in its own zone, not converted to UTC.
        (
            datetime(2024, 1, 15, 13, 5, tzinfo=timezone(timedelta(hours=7))),
            "15 Januari 2024 13.05",
        ),
        (None, ""),
    ],
)
def test_format_datetime(dt, expected):
    assert format_datetime(dt) == expected


def test_months():
    assert MONTHS == (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("quarter", "roman_numeral", "name", "short"),
    [
        (1, "I", "Triwulan I", "TW I"),
        (2, "II", "Triwulan II", "TW II"),
        (3, "III", "Triwulan III", "TW III"),
        (4, "IV", "Triwulan IV", "TW IV"),
    ],
)
def test_quarters(quarter, roman_numeral, name, short):
    assert roman(quarter) == roman_numeral
    assert quarter_name(quarter) == name
    assert quarter_short(quarter) == short


@pytest.mark.parametrize("quarter", [0, 5, -1, None, "1", 1.0, True])
@pytest.mark.parametrize("func", [roman, quarter_name, quarter_short])
def test_quarters_reject(func, quarter):
    with pytest.raises(ValueError, match=r"quarter must be 1\.\.4"):
        func(quarter)
