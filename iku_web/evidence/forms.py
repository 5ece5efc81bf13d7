from wtforms import BooleanField, IntegerField
from wtforms.validators import InputRequired, NumberRange

from ..fields import Form

# Werkzeug refuses request bodies above MAX_CONTENT_LENGTH (210 MB by default) before any view.
LIMIT_MB = 200


class EvidenceSettingsForm(Form):
    public = BooleanField("Pengunjung tanpa login boleh melihat daftar bukti dukung")
    max_mb = IntegerField("Ukuran maksimal per berkas (MB)", validators=[
        InputRequired("Ukuran maksimal wajib diisi."),
        NumberRange(1, LIMIT_MB, f"Ukuran maksimal harus antara 1 dan {LIMIT_MB} MB.")])
