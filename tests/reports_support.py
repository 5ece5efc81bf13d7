"""Helpers of the report tests: read PDFs back, fill realisasi, render PNG artefacts."""
import io
import re
import shutil
import subprocess
from decimal import Decimal as D
from pathlib import Path

import sqlalchemy as sa
from pypdf import PdfReader

from iku_web.extensions import db
from iku_web.models import Evidence, Indicator, Realisasi, Year

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
A4 = (595.28, 841.89)
F4 = (609.45, 935.43)


def squash(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines wherever a cell wraps."""
    return re.sub(r"\s+", "", text)


def read_pdf(data: bytes) -> tuple[PdfReader, list[str]]:
    assert data[:5] == b"%PDF-", data[:200]
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def assert_page_numbers(pages: list[str]) -> None:
    n = len(pages)
    for i, text in enumerate(pages, start=1):
        assert f"Halaman {i} dari {n}" in text, (i, n, text[:200])


def page_size(reader: PdfReader, index: int = 0) -> tuple[float, float]:
    box = reader.pages[index].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def indicators(app) -> list[Indicator]:
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        return list(year.indicators)


def fill_realisasi(app) -> None:
    """Realisasi of several shapes: percent, zero, numerator/denominator, narrative, evidence."""
    with app.app_context():
        ids = [i.id for i in db.session.scalars(
            sa.select(Indicator).join(Year).where(Year.year == 2023).order_by(Indicator.position))]
        db.session.add_all([
            Realisasi(indicator_id=ids[0], quarter=1, value=D("50"),
                      obstacles="Jadwal tahapan bergeser", solutions="Koordinasi dengan KPU"),
            Realisasi(indicator_id=ids[0], quarter=2, value=D("93.75")),
            Realisasi(indicator_id=ids[4], quarter=1, value=D("0")),
            Realisasi(indicator_id=ids[5], quarter=2, value=D("80"), numerator=D(187),
                      denominator=D(234)),
            Realisasi(indicator_id=ids[5], quarter=3, value=D("100.5")),
        ])
        db.session.add(Evidence(indicator_id=ids[0], quarter=1, original_name="a.pdf",
                                stored_name="x" * 40, content_type="application/pdf", size=1,
                                sha256="a" * 64))
        db.session.commit()


def add_indicators(app, count: int, name: str = "Indikator nomor {n} tentang pelayanan") -> None:
    with app.app_context():
        year = db.session.scalar(sa.select(Year).where(Year.year == 2023))
        start = len(year.indicators)
        for n in range(start + 1, start + count + 1):
            year.indicators.append(Indicator(
                position=n, name=name.format(n=n), formula=f"Rumus {n}",
                target_kind="percent", target_value=D(90), target_unit="%",
                data_source=f"Sumber {n}"))
        db.session.commit()


def save_png(data: bytes, name: str) -> list[Path]:
    """Every page as test-artifacts/<name>-<page>.png, for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "70", str(pdf),
                    str(ARTIFACTS / name)], check=True, timeout=60)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))
