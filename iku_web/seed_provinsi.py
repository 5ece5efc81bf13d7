"""The province demo (`make run-provinsi`): KPU Provinsi Kalimantan Tengah and its 14
Kabupaten/Kota offices, TA 2024 with the seed's six indicators in every office, realisasi for
Triwulan I-III in various states, an LKE self-evaluation per office whose grades differ
(lke/demo.py), and three accounts per unit. The province's six indicators are computed from its
offices' (cascaded, one office silent, one exempt from two). See README and docs/rollup.md."""
import random
import secrets
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa

from .extensions import db
from .lke import demo as lke_demo
from .models import Realisasi, Review, RollupExemption, Unit, User, Year
from .models.units import default_unit_id
from .rollup import cascade
from .seed import load_demo

PROVINCE = ("kalteng", "provinsi", "Komisi Pemilihan Umum Provinsi Kalimantan Tengah",
            "Palangka Raya")
# (code, kind, name after "Komisi Pemilihan Umum", place printed on the documents)
OFFICES = [
    ("barito-selatan", "kabupaten", "Kabupaten Barito Selatan", "Buntok"),
    ("barito-timur", "kabupaten", "Kabupaten Barito Timur", "Tamiang Layang"),
    ("barito-utara", "kabupaten", "Kabupaten Barito Utara", "Muara Teweh"),
    ("gunung-mas", "kabupaten", "Kabupaten Gunung Mas", "Kuala Kurun"),
    ("kapuas", "kabupaten", "Kabupaten Kapuas", "Kuala Kapuas"),
    ("katingan", "kabupaten", "Kabupaten Katingan", "Kasongan"),
    ("kotawaringin-barat", "kabupaten", "Kabupaten Kotawaringin Barat", "Pangkalan Bun"),
    ("kotawaringin-timur", "kabupaten", "Kabupaten Kotawaringin Timur", "Sampit"),
    ("lamandau", "kabupaten", "Kabupaten Lamandau", "Nanga Bulik"),
    ("murung-raya", "kabupaten", "Kabupaten Murung Raya", "Puruk Cahu"),
    ("pulang-pisau", "kabupaten", "Kabupaten Pulang Pisau", "Pulang Pisau"),
    ("seruyan", "kabupaten", "Kabupaten Seruyan", "Kuala Pembuang"),
    ("sukamara", "kabupaten", "Kabupaten Sukamara", "Sukamara"),
    ("palangka-raya", "kota", "Kota Palangka Raya", "Palangka Raya"),
]
YEAR = 2024
RETURNED = "katingan"  # its Triwulan II came back from the verifier
RETURN_COMMENT = "Lampirkan laporan tahapan yang ditandatangani; angka TW II belum sesuai."
# The province's six indicators are computed from its offices (docs/rollup.md): the first
# four are shares of offices that met their target, the fifth ("... Nilai Hasil Evaluasi
# Mandiri ... minimal B") the share of offices whose LKE grade is at least B (lke/demo.py),
# the sixth the mean of the offices' percentages. The province sets its own targets and a
# target of 100% for every office.
RULES = ("persentase_memenuhi",) * 4 + ("persentase_huruf", "rata_rata")
PROVINCE_TARGETS = (Decimal(100), Decimal(90), Decimal(90), Decimal(100), Decimal(100),
                    Decimal(95))
OFFICE_TARGET = Decimal(100)
SILENT = "lamandau"  # reports nothing, nor fills its LKE: "belum melapor" in every figure
# Offices that do not count in an indicator of the year (by position), with the reason.
EXEMPT = {("murung-raya", 1): "Tahapan Pemilu 2024 di wilayah ini dilaksanakan oleh KPU "
                              "Provinsi (contoh demo).",
          ("murung-raya", 4): "Tidak ada penggantian antar waktu anggota pada 2024."}
ACCOUNTS = (("admin", "admin"), ("staf", "staff"), ("verifikator", "verifier"))


def _quarters_reported(index: int, code: str = "") -> int:
    """How far an office got: the first five through TW III, the next five through TW II
    (but SILENT, which reported nothing), the rest through TW I."""
    if code == SILENT:
        return 0
    return 3 if index < 5 else 2 if index < 10 else 1


def _cascade(province: Year, offices: list[Year]) -> None:
    """The province's indicators computed from the offices' linked ones."""
    for position, parent in enumerate(province.indicators, start=1):
        parent.rollup_rule = RULES[position - 1]
        parent.target_kind, parent.target_value = "percent", PROVINCE_TARGETS[position - 1]
        for year in offices:
            cascade.link(parent, year.indicators[position - 1],
                         cascade.ChildTarget(OFFICE_TARGET))
            reason = EXEMPT.get((year.unit.code, position))
            if reason:
                db.session.add(RollupExemption(indicator=parent, unit_id=year.unit_id,
                                               reason=reason))


def _profile(year: Year, unit: Unit) -> None:
    """The seed's texts name Barito Selatan and Buntok: each office gets its own."""
    short = unit.name.removeprefix("Komisi Pemilihan Umum ")
    year.institution_name = unit.name
    year.closing_place = unit.place
    year.duties = year.duties.replace("Kabupaten Barito Selatan", short)
    for signer in year.signers:
        signer.title = signer.title.replace("Kabupaten Barito Selatan", short)


def _report(year: Year, unit: Unit, reported: int, staff: User, verifier: User,
            rng: random.Random) -> None:
    when = datetime(YEAR, 10, 5, 9, 0)
    for indicator in year.indicators:
        indicator.pic_user_id = staff.id
        for quarter in range(1, reported + 1):
            value = rng.choice([100, 100, 100, 100, 100, 95, 87.5, 75])
            db.session.add(Realisasi(indicator_id=indicator.id, quarter=quarter, value=value,
                                     version=1, updated_by_id=staff.id, updated_at=when))
            if unit.code == RETURNED and quarter == 2:
                status, comment = "returned", RETURN_COMMENT
            elif quarter < reported:
                status, comment = "approved", ""
            else:
                status, comment = "submitted", ""
            db.session.add(Review(indicator_id=indicator.id, quarter=quarter, status=status,
                                  comment=comment, submitted_by_id=staff.id, submitted_at=when,
                                  reviewed_by_id=None if status == "submitted" else verifier.id,
                                  reviewed_at=None if status == "submitted" else when))


def _account(username: str, unit: Unit, role: str, password: str) -> User:
    user = User(username=username, full_name=f"{role.title()} {unit.place}")
    user.set_password(password)
    user.set_role(unit.id, role)
    db.session.add(user)
    return user


def load_provinsi(password: str | None) -> tuple[bool, str | None]:
    """Build the province demo on an empty install; (whether it was built, the generated
    password when none was given). Running it again changes nothing."""
    if db.session.scalar(sa.select(Unit.id).where(Unit.code == PROVINCE[0])):
        return False, None
    top = db.session.get(Unit, default_unit_id())
    if db.session.scalar(sa.select(Year.id).where(Year.unit_id == top.id)):
        raise RuntimeError("Basis data ini sudah berisi data; gunakan basis data kosong.")
    generated = None
    if not password:
        generated = password = secrets.token_urlsafe(12)
    top.code, top.kind, top.name, top.place = PROVINCE
    units = [(top, 0)]  # the province's realisasi is computed, not typed
    for index, (code, kind, name, place) in enumerate(OFFICES):
        unit = Unit(code=code, kind=kind, name=f"Komisi Pemilihan Umum {name}", place=place,
                    parent=top)
        db.session.add(unit)
        units.append((unit, _quarters_reported(index, code)))
    db.session.flush()
    _account("admin", top, "admin", password)
    years = []
    for unit, reported in units:
        year = load_demo(YEAR, unit=unit)
        _profile(year, unit)
        people = {role: _account(f"{prefix}.{unit.code}", unit, role, password)
                  for prefix, role in ACCOUNTS}
        db.session.flush()
        _report(year, unit, reported, people["staff"], people["verifier"],
                random.Random(unit.code))
        lke_demo.fill_province_office(year, people["admin"].id)
        years.append(year)
    _cascade(years[0], years[1:])
    db.session.commit()
    return True, generated
