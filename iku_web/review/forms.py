"""The one form of the review screens: a comment (or reason) and the version that was seen."""
from wtforms import IntegerField, TextAreaField
from wtforms.validators import Length, Optional

from ..fields import Form


class ReviewForm(Form):
    comment = TextAreaField("Komentar", validators=[
        Length(max=2000, message="Paling banyak 2.000 karakter.")])
    version = IntegerField(validators=[Optional()])

    @property
    def text(self) -> str:
        return (self.comment.data or "").replace("\r\n", "\n").strip()
