"""Forms of the SAKIP chain screens."""
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..capaian import GRADES
from ..fields import Form, NumberField, choices

GRADE_CHOICES = choices([("", "-")] + [(g, g) for g in GRADES])


class SasaranForm(Form):
    name = TextAreaField("Sasaran strategis", validators=[
        DataRequired("Teks sasaran wajib diisi."),
        Length(max=5000, message="Paling banyak 5.000 karakter.")])


class MoveForm(Form):
    sasaran_id = SelectField("Pindahkan ke sasaran", coerce=int)


class RenstraForm(Form):
    name = StringField("Nama Renstra", validators=[
        DataRequired("Nama wajib diisi, misalnya Renstra 2020-2024."), Length(max=300)])
    start_year = IntegerField("Tahun awal", validators=[
        DataRequired("Isi tahun awal."), NumberRange(2000, 2100, "Tahun antara 2000 dan 2100.")])
    end_year = IntegerField("Tahun akhir", validators=[
        DataRequired("Isi tahun akhir."), NumberRange(2000, 2100, "Tahun antara 2000 dan 2100.")])
    decree_number = StringField("Nomor keputusan", validators=[Length(max=200)])
    decree_date = DateField("Tanggal keputusan", validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        start, end = self.start_year.data, self.end_year.data
        if ok and start and end and end < start:
            self.end_year.errors.append("Tahun akhir tidak boleh sebelum tahun awal.")
            ok = False
        if ok and start and end and end - start > 9:
            self.end_year.errors.append("Periode Renstra paling lama 10 tahun.")
            ok = False
        return ok


class PastForm(Form):
    """A realisasi of a year before the application, typed from an old report."""

    year = IntegerField("Tahun", validators=[
        DataRequired("Isi tahun."), NumberRange(2000, 2100, "Tahun antara 2000 dan 2100.")])
    value = NumberField("Realisasi")
    grade = SelectField("Realisasi (nilai huruf)", choices=GRADE_CHOICES, default="")
    target_value = NumberField("Target tahun itu")
    target_grade = SelectField("Target (nilai huruf)", choices=GRADE_CHOICES, default="")
    capaian = NumberField("Capaian (%) seperti di laporan lama; kosongkan untuk dihitung")
    source = StringField("Sumber (dokumen, halaman)", validators=[
        DataRequired("Sebutkan sumbernya, misalnya LKjIP 2021 hlm. 12."), Length(max=1000)])


class RenstraIndicatorForm(Form):
    name = TextAreaField("Indikator Renstra", validators=[
        DataRequired("Nama indikator wajib diisi."), Length(max=5000)])
    satuan = StringField("Satuan", validators=[Length(max=50)])
    end_value = NumberField("Target akhir periode")
    end_grade = SelectField("Target akhir (nilai huruf)", choices=GRADE_CHOICES, default="")
    indicator_id = SelectField("Indikator tahun ini yang mengikuti", coerce=int)
