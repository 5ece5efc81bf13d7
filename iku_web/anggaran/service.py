"""The one write of a quarter's realisasi anggaran, shared by the live save and the import."""
from datetime import datetime

from ..extensions import db
from ..models import BudgetRealisasi


def write_amount(entry: BudgetRealisasi | None, program_id: int, quarter: int,
                 amount: int | None, user_id: int | None) -> BudgetRealisasi:
    """Store `amount` as the program's realisasi of `quarter` in its stored row `entry` (a new
    row when None): a new version, who and when. The caller logs the change and commits."""
    if entry is None:
        entry = BudgetRealisasi(program_id=program_id, quarter=quarter, version=0)
        db.session.add(entry)
    entry.amount = amount
    entry.version = (entry.version or 0) + 1
    entry.updated_by_id = user_id
    entry.updated_at = datetime.now()
    return entry
