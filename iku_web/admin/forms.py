from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..fields import Form


class ProfileForm(Form):
    institution_name = StringField("Nama lembaga", validators=[
        DataRequired("Nama lembaga wajib diisi."), Length(max=300)])
    duties = TextAreaField("Tugas (satu per baris)", validators=[Length(max=10000)])
    function = TextAreaField("Fungsi", validators=[Length(max=5000)])
    closing_place = StringField("Tempat penandatanganan", validators=[
        DataRequired("Tempat wajib diisi, misalnya Buntok."), Length(max=100)])
