"""Demo data: the IKU of KPU Kabupaten Barito Selatan, TA 2023, as signed by the office."""
from decimal import Decimal

import sqlalchemy as sa

from .extensions import db
from .models import Indicator, Sasaran, Signer, Unit, User, Year
from .models.units import default_unit_id

INSTITUTION = "Komisi Pemilihan Umum Kabupaten Barito Selatan"
FUNCTION = "Melaksanakan Tahapan Pemilu dan Pemilihan"
DUTIES = [
    "Penyusunan program dan anggaran Pemilu/Pemilihan;",
    "Penyelenggaraan Pemilu/Pemilihan;",
    "Merumuskan dan menyusun rancangan Keputusan KPU Kabupaten Barito Selatan;",
    "Menyusun laporan penyelenggaraan Pemilihan;",
    "Melaksanakan tugas-tugas lainnya (koordinasi, sosialisasi, evaluasi dan lain-lain) sesuai "
    "dengan peraturan perundang-undangan.",
]
CLOSING_PLACE = "Buntok"
CODE = "barito-selatan"

# (indikator, perhitungan, target % or None when the source is not legible, sumber data)
INDICATORS = [
    ("Terwujudnya Penyelenggaraan Pemilu sesuai jadwal",
     "Persentase KPU Kabupaten/Kota yang menyelenggarakan Pemilu sesuai jadwal",
     Decimal(100),
     "Laporan Pelaksanaan Tahapan Pemilu Serentak 2024 KPU Provinsi/KPU Kabupaten/Kota"),
    ("Terlaksananya pengelolaan kebutuhan, pengadaan, pendistribusian, pemeliharaan serta "
     "inventarisasi dan fasilitasi data logistik dalam Pemilu/Pemilihan",
     "Persentase KPU Kabupaten/Kota yang menginventarisir dan memelihara logistik sebelum "
     "pelaksanaan pemungutan suara",
     None,
     "Laporan Pengelolaan Logistik Pemilu/Pemilihan 2024 KPU Kabupaten/Kota"),
    ("Terwujudnya Data Pemilih secara Berkelanjutan",
     "Persentase KPU Kabupaten/Kota yang memutakhirkan Data Pemilih Tepat Waktu",
     None,
     "Laporan Pemutakhiran Data Pemilih KPU"),
    ("Terlaksananya proses seleksi Anggota KPU Kabupaten/Kota sesuai Peraturan "
     "Perundang-Undangan yang berlaku",
     "Persentase Anggota KPU Kabupaten/Kota yang pelaksanaan penggantian antar waktunya sesuai "
     "peraturan perundang-undangan yang berlaku",
     None,
     "Laporan PAW KPU Kabupaten/Kota"),
    ("Meningkatnya Akuntabilitas Keuangan dan Kinerja KPU",
     "Persentase KPU Provinsi dan KPU Kabupaten/Kota yang mendapatkan Nilai Hasil Evaluasi "
     "Mandiri atas Akuntabilitas Kinerja minimal B",
     Decimal(100),
     "Hasil Reviu atau Evaluasi Mandiri SAKIP KPU Provinsi dan KPU Kabupaten/Kota"),
    ("Persentase Pembentukan Badan Adhoc Seleksi KPPS",
     "Persentase jumlah Badan Adhoc yang dipersiapkan dan dibentuk",
     Decimal(100),
     "Terlaksananya pendaftaran seleksi Badan Adhoc KPPS dengan Aplikasi SIAKBA"),
]

# The document names no signer: the titles are known, the names are written by hand.
SIGNERS = [
    "Ketua KPU Kabupaten Barito Selatan",
    "Sekretaris KPU Kabupaten Barito Selatan",
]


def load_demo(year: int = 2023, unit: Unit | None = None) -> Year | None:
    """Insert the demo year into `unit` (default: the default unit) unless it exists; returns
    it, or None when nothing was added. A default unit that holds no year yet (a new install)
    becomes KPU Kabupaten Barito Selatan."""
    if unit is None:
        unit = db.session.get(Unit, default_unit_id())
        if not db.session.scalar(sa.select(Year.id).where(Year.unit_id == unit.id)):
            unit.name, unit.code, unit.kind, unit.place = (INSTITUTION, CODE, "kabupaten",
                                                           CLOSING_PLACE)
    if db.session.scalar(sa.select(Year.id).where(Year.year == year, Year.unit_id == unit.id)):
        return None
    year_obj = Year(unit=unit, year=year, institution_name=INSTITUTION, function=FUNCTION,
                    duties="\n".join(DUTIES), closing_place=CLOSING_PLACE)
    # The IKU column of the document is the sasaran: six sasaran with one indicator each.
    for position, (name, formula, target, source) in enumerate(INDICATORS, start=1):
        sasaran = Sasaran(year_ref=year_obj, position=position, name=name)
        year_obj.indicators.append(Indicator(
            sasaran=sasaran,
            position=position, name=name, formula=formula,
            target_kind="percent" if target is not None else "none",
            target_value=target, target_unit="%", polarity="higher", aggregation="nilai_akhir",
            data_source=source,
        ))
    year_obj.signers.extend(Signer(position=i, title=t) for i, t in enumerate(SIGNERS, start=1))
    db.session.add(year_obj)
    db.session.commit()
    return year_obj


def ensure_admin(password: str | None) -> tuple[User, str | None]:
    """The `admin` account; returns the generated password when one had to be made."""
    user = db.session.scalar(sa.select(User).where(User.username == "admin"))
    if user is not None:
        return user, None
    generated = None
    if not password:
        import secrets

        generated = password = secrets.token_urlsafe(12)
    user = User(username="admin", full_name="Administrator", role="admin")
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user, generated
