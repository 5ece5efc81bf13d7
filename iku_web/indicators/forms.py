"""Forms of the IKU register: one indicator, and a new year copied from another."""
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..domain import (
    AGGREGATIONS,
    GRADES,
    POLARITIES,
    QUARTER_TARGET_MODES,
    QUARTERS,
    TARGET_KINDS,
)
from ..fields import Form, NumberField, choices

REQUIRED = "Wajib diisi."


class IndicatorForm(Form):
    name = TextAreaField("Indikator kinerja utama", validators=[
        DataRequired(REQUIRED), Length(max=5000, message="Paling banyak 5.000 karakter.")])
    formula = TextAreaField("Perhitungan", validators=[Length(max=5000)])
    target_kind = SelectField("Jenis target", choices=choices(TARGET_KINDS))
    target_value = NumberField("Target")
    target_upper = NumberField("Batas atas")
    target_grade = SelectField(
        "Nilai minimal", choices=choices([("", "-")] + [(g, g) for g in GRADES]))
    target_unit = StringField("Satuan", validators=[Length(max=50)])
    polarity = SelectField("Polaritas", choices=choices(POLARITIES))
    aggregation = SelectField("Agregasi triwulan", choices=choices(AGGREGATIONS))
    data_source = TextAreaField("Sumber data", validators=[Length(max=5000)])
    pic_unit = StringField("Penanggung jawab (unit)", validators=[Length(max=200)])
    pic_user_id = SelectField(
        "Penanggung jawab (pengguna)", coerce=int, choices=choices([(0, "-")]))
    target_tw1 = NumberField("Target TW I")
    target_tw2 = NumberField("Target TW II")
    target_tw3 = NumberField("Target TW III")
    target_tw4 = NumberField("Target TW IV")
    quarter_target_mode = SelectField("Target triwulan ditulis",
                                      choices=choices(QUARTER_TARGET_MODES),
                                      default="per_triwulan")
    # -1 (field absent): keep the sasaran; 0: a new sasaran named after the indicator.
    sasaran_id = SelectField("Sasaran strategis", coerce=int, default=-1, validate_choice=False)
    national_standard = NumberField("Standar nasional (opsional)")
    national_standard_note = StringField("Sumber standar nasional", validators=[Length(max=500)])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        kind = self.target_kind.data
        if kind in ("number", "percent") and self.target_value.data is None \
                and not self.target_value.errors:
            self.target_value.errors.append("Target wajib diisi untuk jenis ini.")
            ok = False
        if kind == "range":
            low, high = self.target_value.data, self.target_upper.data
            if low is None and not self.target_value.errors:
                self.target_value.errors.append("Batas bawah wajib diisi.")
                ok = False
            if high is None and not self.target_upper.errors:
                self.target_upper.errors.append("Batas atas wajib diisi.")
                ok = False
            if low is not None and high is not None and low > high:
                self.target_upper.errors.append("Batas atas harus lebih besar dari batas bawah.")
                ok = False
        if kind == "grade" and not self.target_grade.data:
            self.target_grade.errors.append("Pilih nilai minimal.")
            ok = False
        return ok

    def apply_to(self, indicator) -> None:
        """Copy validated data onto the indicator, clearing what the target kind does not use."""
        kind = self.target_kind.data
        indicator.name = self.name.data.strip()
        indicator.formula = (self.formula.data or "").strip()
        indicator.target_kind = kind
        indicator.target_value = self.target_value.data if kind in (
            "number", "percent", "range") else None
        indicator.target_upper = self.target_upper.data if kind == "range" else None
        indicator.target_grade = self.target_grade.data if kind == "grade" else None
        indicator.target_unit = (self.target_unit.data or "").strip()
        indicator.polarity = self.polarity.data
        indicator.aggregation = self.aggregation.data
        indicator.data_source = (self.data_source.data or "").strip()
        indicator.pic_unit = (self.pic_unit.data or "").strip()
        indicator.pic_user_id = self.pic_user_id.data or None
        for q in QUARTERS:
            setattr(indicator, f"target_tw{q}", getattr(self, f"target_tw{q}").data)
        if self.quarter_target_mode.raw_data:  # the field was on the page (not an old form)
            indicator.quarter_target_mode = self.quarter_target_mode.data
        if self.national_standard.raw_data:  # the field was on the page
            indicator.national_standard = self.national_standard.data
            indicator.national_standard_note = (self.national_standard_note.data or "").strip()


class NewYearForm(Form):
    year = IntegerField("Tahun anggaran baru", validators=[
        DataRequired("Isi tahun, misalnya 2025."),
        NumberRange(2000, 2100, "Tahun harus antara 2000 dan 2100.")])
    source = SelectField("Salin indikator dari tahun", coerce=int, validators=[Optional()])
