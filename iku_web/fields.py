"""Form fields that read numbers the way Indonesian users type them ("1.234,5", "93,75%")."""
from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.fields.choices import SelectChoice

from .formatting import ParseError, format_number, parse_number, sentence


def choices(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs or a {value: label} dict."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return [SelectChoice(value, label) for value, label in items]


class NumberField(StringField):
    """An optional number; blank gives None (blank is "not set", never 0)."""

    def __init__(self, label=None, validators=None, minimum: Decimal | None = Decimal(0), **kw):
        super().__init__(label, validators, **kw)
        self.minimum = minimum

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not self.raw:
            return
        try:
            self.data = parse_number(self.raw)
        except ParseError as exc:
            raise ValueError(sentence(str(exc))) from exc
        if self.minimum is not None and self.data < self.minimum:
            self.data = None
            raise ValueError(f"Nilai tidak boleh kurang dari {format_number(self.minimum)}.")

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_number(self.data) if self.data is not None else ""


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
