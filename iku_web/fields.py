"""Form fields that read numbers the way Indonesian users type them ("1.234,5", "93,75%",
"Rp1.234.567.000"), and the app's form base classes."""
from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.fields.choices import SelectChoice

from .formatting import ParseError, format_number, parse_number, parse_rupiah, sentence


def choices(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs or a {value: label} dict."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return [SelectChoice(value, label) for value, label in items]


class NumberField(StringField):
    """An optional number; blank gives None (blank is "not set", never 0)."""

    places = 2  # decimals shown when the saved value is written back into the input

    def __init__(self, label=None, validators=None, minimum: Decimal | None = Decimal(0), **kw):
        super().__init__(label, validators, **kw)
        self.minimum = minimum

    def read(self, text: str):
        """The value of non-blank typed text; ValueError with the message for the user."""
        try:
            value = parse_number(text)
        except ParseError as exc:
            raise ValueError(sentence(str(exc))) from exc
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"Nilai tidak boleh kurang dari {format_number(self.minimum)}.")
        return value

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if self.raw:
            self.data = self.read(self.raw)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_number(self.data, self.places) if self.data is not None else ""


class RupiahField(NumberField):
    """Whole rupiah typed as "1.234.567.000", "Rp1.234.567.000" or "1234567000"."""

    places = 0

    def read(self, text: str) -> int:
        try:
            return parse_rupiah(text)
        except ParseError as exc:
            raise ValueError(str(exc)) from exc


_MESSAGES_ID = {
    "Not a valid choice.": "Pilihan tidak valid.",
    "Invalid Choice: could not coerce.": "Pilihan tidak valid.",
    "Not a valid integer value.": "Harus berupa bilangan bulat.",
    "Not a valid decimal value.": "Bukan angka yang valid.",
    "Not a valid float value.": "Bukan angka yang valid.",
    "Not a valid date value.": "Tanggal tidak valid.",
    "This field is required.": "Wajib diisi.",
    "Invalid input.": "Isian tidak valid.",
    "Field must be between %(min)d and %(max)d characters long.":
        "Panjang isian harus %(min)d sampai %(max)d karakter.",
    "Field cannot be longer than %(max)d character.": "Paling banyak %(max)d karakter.",
    "Field cannot be longer than %(max)d characters.": "Paling banyak %(max)d karakter.",
    "Number must be between %(min)s and %(max)s.": "Angka harus antara %(min)s dan %(max)s.",
}


class _IndonesianTranslations:
    """WTForms ships no Indonesian catalogue; these are the messages our forms can show."""

    def gettext(self, string):
        return _MESSAGES_ID.get(string, string)

    def ngettext(self, singular, plural, n):
        return self.gettext(singular if n == 1 else plural)


class Form(FlaskForm):
    """Base form of the app: CSRF from Flask-WTF, built-in messages in Indonesian."""

    class Meta:
        def get_translations(self, form):
            return _IndonesianTranslations()


class EmptyForm(Form):
    """A form with only the CSRF token, for button-only POSTs."""
