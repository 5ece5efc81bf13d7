"""The one form of the review screens: a comment (or reason) and the version that was seen."""
from wtforms import IntegerField, TextAreaField
from wtforms.validators import Length, Optional

from ..fields import Form

# The answer "Ajukan tanpa bukti" to the question asked before submitting a quarter without
# evidence (a form field), and the indicator page's query parameter that shows the question in
# place of the button after a plain (no JavaScript) post.
CONFIRM_FIELD, CONFIRM_PARAM = "without_evidence", "ajukan"


class ReviewForm(Form):
    comment = TextAreaField("Komentar", validators=[
        Length(max=2000, message="Paling banyak 2.000 karakter.")])
    version = IntegerField(validators=[Optional()])

    @property
    def text(self) -> str:
        return (self.comment.data or "").replace("\r\n", "\n").strip()
