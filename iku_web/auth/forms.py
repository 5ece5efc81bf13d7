from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from ..fields import Form


class LoginForm(Form):
    username = StringField("Nama pengguna", validators=[DataRequired("Nama pengguna wajib diisi.")])
    password = PasswordField("Kata sandi", validators=[DataRequired("Kata sandi wajib diisi.")])

