"""Text that a spreadsheet must not run as a formula (CSV and formula injection).

Every CSV and XLSX export passes its cells through here: a text cell that begins with "=",
"+", "-", "@", a tab or a carriage return gets a leading single quote, so Excel and
LibreOffice show it as text instead of evaluating it (a bagian name "=1+2" or a failed-login
username "@SUM(...)" typed by anyone). Numbers stay numbers: numeric cells are not text, and a
text that is only a number ("-5", "-1.234,5") cannot run anything. The imports take the quote
off again (reports/imports/xlsx.text_of), so an exported file imports back unchanged.
Why and which characters: docs/architecture.md, section Exports and imports.
"""
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number written as text, or the lone dash the documents print for "no value".
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?|-")


def safe_text(value):
    """`value` unchanged unless it is text a spreadsheet would read as a formula; then with a
    leading single quote."""
    if (isinstance(value, str) and value.startswith(FORMULA_STARTS)
            and not _PLAIN_NUMBER.fullmatch(value)):
        return "'" + value
    return value


def safe_row(values) -> list:
    """A CSV row with every cell made safe."""
    return [safe_text(value) for value in values]


def safe_workbook(wb) -> None:
    """Make every text cell of every sheet of an openpyxl workbook safe, in place. (openpyxl
    stores a text beginning with "=" as a formula; the quoted text is stored as text.)"""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                safe = safe_text(cell.value)
                if safe is not cell.value:
                    cell.value = safe


def unquoted(text: str) -> str:
    """The text as it was before safe_text (an import reading an exported file)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
