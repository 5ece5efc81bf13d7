from iku_web.extensions import db
from iku_web.models import Realisasi, Indicator

def test_repro(admin, app):
    with app.app_context():
        ind = db.session.get(Indicator, 5)
        ind.target_kind, ind.target_value, ind.target_grade = "grade", None, "B"
        db.session.add(Realisasi(indicator_id=5, quarter=1, grade="CC", version=1))
        db.session.commit()
    for url in ("/2023/dasbor", "/2023/realisasi", "/2023/indikator/5", "/2023/laporan/pengukuran", "/2023/dasbor?tw=1", "/saya", "/2023/lkjip", "/2023/verifikasi", "/2023/pantauan"):
        t = admin.get(url).text
        for m in re.finditer(r"Tidak tercapai\W{1,3}Tidak tercapai", t):
            print(url, t[max(0,m.start()-150):m.end()+20])
import re
