"""Forms of the realisasi feature: narratives, quarter targets and the capaian settings."""

from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional, ValidationError

from ..domain import QUARTER_TARGET_MODES, is_hex_colour
from ..fields import Form, NumberField, choices

TEXT_LIMIT = Length(max=10000, message="Paling banyak 10.000 karakter.")
CAPS = {"": "Tanpa batas", "100": "Maksimal 100%", "120": "Maksimal 120%"}


class NarrativeForm(Form):
    """Kendala, solusi and tindak lanjut of one quarter, with the version the user started from."""

    obstacles = TextAreaField("Kendala", validators=[TEXT_LIMIT])
    solutions = TextAreaField("Solusi", validators=[TEXT_LIMIT])
    follow_up = TextAreaField("Tindak lanjut", validators=[TEXT_LIMIT])
    version = IntegerField(validators=[Optional()])
    base_obstacles = StringField()
    base_solutions = StringField()
    base_follow_up = StringField()


class QuarterTargetForm(Form):
    """Rencana Aksi: the targets due by the end of each quarter."""

    target_tw1 = NumberField("Target TW I")
    target_tw2 = NumberField("Target TW II")
    target_tw3 = NumberField("Target TW III")
    target_tw4 = NumberField("Target TW IV")
    quarter_target_mode = SelectField("Target triwulan ditulis",
                                      choices=choices(QUARTER_TARGET_MODES),
                                      default="per_triwulan")


class CategoryRowForm(Form):
    class Meta:
        csrf = False  # a sub-form: the outer form carries the token

    lower_bound = NumberField("Batas bawah (%)")
    inclusive = BooleanField("Termasuk batas")
    title = StringField("Label", validators=[Length(max=64)])  # FormField owns .label/.name
    colour = StringField("Warna", validators=[Optional()])
    delete = BooleanField("Hapus")

    def validate_colour(self, field):
        if field.data and not is_hex_colour(field.data):
            raise ValidationError("Warna harus berbentuk #rrggbb.")


class CapaianSettingsForm(Form):
    cap = SelectField("Batas atas capaian di laporan", choices=choices(CAPS))
    percent_warning = NumberField("Beri peringatan bila realisasi persentase di atas (%)")
    categories = FieldList(FormField(CategoryRowForm), min_entries=1)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        kept = [row for row in self.categories if not row.delete.data and _filled(row)]
        for row in self.categories:
            if row.delete.data or not _filled(row):
                continue
            if row.lower_bound.data is None and not row.lower_bound.errors:
                row.lower_bound.errors.append("Batas bawah wajib diisi.")
                ok = False
            if not (row.title.data or "").strip():
                row.title.errors.append("Label wajib diisi.")
                ok = False
        if not kept:
            self.cap.errors.append("Sisakan paling sedikit satu kategori.")
            ok = False
        limit = self.percent_warning.data
        if limit is not None and limit < 100:
            self.percent_warning.errors.append("Batas peringatan paling sedikit 100%.")
            ok = False
        return ok

    def kept_rows(self):
        """(lower bound, inclusive, label, colour) of every row not deleted and not blank."""
        return [(row.lower_bound.data, bool(row.inclusive.data), row.title.data.strip(),
                 row.colour.data or "#6c757d")
                for row in self.categories if not row.delete.data and _filled(row)]


def _filled(row) -> bool:
    # The blank row at the bottom is the "add a category" row; left empty it is ignored.
    return bool((row.title.data or "").strip()) or bool(getattr(row.lower_bound, "raw", ""))
