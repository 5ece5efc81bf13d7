"""Characters outside Latin-1 reach the PDF text layer in an embedded Unicode font."""
import pytest
import sqlalchemy as sa

from iku_web.extensions import db
from iku_web.models import Indicator
from tests.reports_support import read_pdf, squash

SPECIAL = "≥ ≤ ± – “ ” ²"


def fonts_of(reader) -> set[str]:
    """BaseFont names of every font used on every page, and whether each is embedded."""
    found = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = bool(descriptor and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2",
                                                           "/FontFile3")))
            found.add((str(font["/BaseFont"]).lstrip("/").split("+")[-1], embedded))
    return found


@pytest.fixture
def unicode_name(app):
    with app.app_context():
        indicator = db.session.scalar(sa.select(Indicator).order_by(Indicator.position))
        indicator.name = f"Nilai {SPECIAL} batas\u200bakhir dan emoji 📈 selesai, 😀 ada"
        db.session.commit()


@pytest.mark.parametrize("document", ["iku", "pk", "pengukuran"])
def test_special_characters_are_in_the_text_layer(client, unicode_name, document):
    response = client.get(f"/barito-selatan/2023/laporan/{document}.pdf")
    assert response.status_code == 200
    reader, pages = read_pdf(response.data)
    text = squash("".join(pages))
    fonts = fonts_of(reader)
    assert ("DejaVuSans", True) in fonts, fonts
    assert ("DejaVuSans-Bold", True) in fonts, fonts
    # Only the stamps drawn after the layout (page numbers, the draft mark, the verification
    # code) may still use Helvetica: their text is ASCII, never user input.
    assert {name for name, _ in fonts} <= {"DejaVuSans", "DejaVuSans-Bold", "Helvetica",
                                           "Helvetica-Bold"}, fonts
    for char in SPECIAL.split():
        assert char in text, char
    assert "batasakhir" in text.replace("\u200b", "")  # zero width, no box
    # Emoji have no glyph in the shipped font (or, outside the BMP, are dropped by the PDF
    # library): a visible replacement, never a silent box or gap.
    assert "emoji\ufffdselesai,\ufffdada" in text, text[text.find("emoji"):][:60]
