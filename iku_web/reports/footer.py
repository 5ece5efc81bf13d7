"""What the foot of every PDF page says besides the page number: "DRAF - belum diterbitkan"
on previews and plain downloads, or the verification code and its QR code on an issued copy.

Drawn onto each page after xhtml2pdf laid it out (like the page numbers), so an issued copy
has exactly the pagination of the draft the admin looked at.
"""
from dataclasses import dataclass
from functools import lru_cache

import segno
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

DRAFT_TEXT = "DRAF - belum diterbitkan"
QR_SIZE = 14 * mm
LEFT = 15 * mm
BOTTOM = 4 * mm


class Draft:
    """The mark of a document nobody issued: no code, it proves nothing."""

    def draw(self, sheet: Canvas, _width: float, _height: float) -> None:
        sheet.setFont("Helvetica-Bold", 8)
        sheet.setFillGray(0.2)
        sheet.drawString(LEFT, 8 * mm, DRAFT_TEXT)


DRAFT = Draft()


@dataclass(frozen=True)
class Verification:
    """The code of an issued document and the address of its public check page."""

    code_display: str  # XXXX-XXXX-XX
    url: str

    def draw(self, sheet: Canvas, _width: float, _height: float) -> None:
        draw_qr(sheet, self.url, LEFT, BOTTOM, QR_SIZE)
        text_x = LEFT + QR_SIZE + 3 * mm
        sheet.setFillGray(0)
        sheet.setFont("Helvetica-Bold", 8)
        sheet.drawString(text_x, BOTTOM + 8 * mm, f"Kode verifikasi: {self.code_display}")
        sheet.setFont("Helvetica", 7)
        sheet.setFillGray(0.2)
        sheet.drawString(text_x, BOTTOM + 4.5 * mm, f"Periksa keaslian: {self.url}")


@lru_cache(maxsize=16)
def _matrix(data: str) -> tuple[tuple[int, ...], ...]:
    """The modules of the QR code (error correction M: a scratched or stamped-over paper
    still scans), made once for all the pages of a document."""
    return tuple(tuple(row) for row in segno.make(data, micro=False, error="m").matrix)


def draw_qr(sheet: Canvas, data: str, x: float, y: float, size: float) -> None:
    """A QR code of `data` as vector squares (sharp at any printer resolution, no image
    library involved), `size` wide including no quiet zone: the page margin around it is
    blank."""
    matrix = _matrix(data)
    modules = len(matrix)
    cell = size / modules
    sheet.setFillGray(0)
    top = y + size
    path = sheet.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < modules:
            if row[c]:
                start = c
                while c < modules and row[c]:
                    c += 1
                # One rectangle per horizontal run of dark modules, slightly overlapping the
                # next row so renderers leave no hairline gaps between rows.
                path.rect(x + start * cell, top - (r + 1) * cell, (c - start) * cell,
                          cell * 1.02)
            else:
                c += 1
    sheet.drawPath(path, stroke=0, fill=1)
