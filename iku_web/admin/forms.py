from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..fields import Form


class ProfileForm(Form):
    institution_name = StringField("Nama lembaga", validators=[
        DataRequired("Nama lembaga wajib diisi."), Length(max=300)])
    duties = TextAreaField("Tugas (satu per baris)", validators=[Length(max=10000)])
    function = TextAreaField("Fungsi", validators=[Length(max=5000)])
    closing_place = StringField("Tempat penandatanganan", validators=[
        DataRequired("Tempat wajib diisi, misalnya Buntok."), Length(max=100)])
    iku_decree_number = StringField("Nomor keputusan penetapan IKU", validators=[Length(max=200)])
    iku_decree_date = DateField("Tanggal keputusan penetapan IKU", validators=[Optional()])
    pk_number = StringField("Nomor Perjanjian Kinerja", validators=[Length(max=200)])
