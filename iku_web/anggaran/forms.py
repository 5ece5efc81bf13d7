"""Forms of the budget screens."""
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..budget import EFFICIENCY_RULES
from ..fields import Form, RupiahField, choices


class ProgramForm(Form):
    parent_id = SelectField("Jenis", coerce=int)
    code = StringField("Kode", validators=[Length(max=50)])
    name = TextAreaField("Nama program / kegiatan", validators=[
        DataRequired("Nama wajib diisi."), Length(max=2000)])
    pagu = RupiahField("Pagu (Rp)", validators=[DataRequired("Pagu wajib diisi (boleh 0).")])
    sasaran_id = SelectField("Mendukung sasaran", coerce=int)
    note = StringField("Keterangan", validators=[Length(max=1000)])

    def validate(self, extra_validators=None) -> bool:
        # 0 is a valid pagu: DataRequired would refuse it, so check "typed" instead.
        if self.pagu.raw_data and self.pagu.raw_data[0].strip():
            self.pagu.validators = []
        return super().validate(extra_validators)


class RuleForm(Form):
    rule = SelectField("Rumus efisiensi", choices=choices(EFFICIENCY_RULES))
