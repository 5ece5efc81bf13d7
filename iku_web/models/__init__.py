"""All models, importable from one place (Alembic autogenerate needs them all imported)."""
from . import stamps  # noqa: F401  (registers the data stamp listeners)
from .budget import BudgetRealisasi, Program
from .evidence import Evidence
from .issued import CheckAttempt, IssuedDocument
from .lke import (
    LkeCheck,
    LkeComponent,
    LkeCriteriaSet,
    LkeCriterion,
    LkeEvaluation,
    LkeFile,
    LkeLetter,
    LkeRecommendation,
    LkeSubcomponent,
)
from .lkjip import LkjipText
from .realisasi import ChangeLog, Realisasi
from .reminders import Deadline, MailLog, Notification
from .review import Review
from .rollup import RollupExemption
from .sakip import PastRealisasi, Renstra, RenstraIndicator, RenstraTarget, Sasaran
from .security import LoginEvent, UserSession
from .settings import Category, Setting, Signer
from .tokens import ApiToken
from .units import Membership, Unit, UnitMove
from .users import User
from .years import Indicator, Year

__all__ = [
    "BudgetRealisasi", "PastRealisasi", "Program", "Renstra", "RenstraIndicator",
    "RenstraTarget", "Sasaran",
    "Category", "ChangeLog", "Evidence", "Indicator", "LkjipText", "Realisasi", "Review",
    "Setting", "Signer", "RollupExemption",
    "Membership", "Unit", "UnitMove", "User", "Year",
    "Deadline", "MailLog", "Notification",
    "CheckAttempt", "IssuedDocument",
    "LoginEvent", "UserSession", "ApiToken",
    "LkeCheck", "LkeComponent", "LkeCriteriaSet", "LkeCriterion", "LkeEvaluation", "LkeFile",
    "LkeLetter",
    "LkeRecommendation", "LkeSubcomponent",
]
