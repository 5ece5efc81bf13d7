"""LKE scoring of PermenPAN-RB 88/2021, as pure functions (no Flask, no database).

A sub-component gets one letter, suggested from the share of its criteria met; a person may
choose another with a reason (A and AA only when every criterion is met). The letter is worth a
share of the sub-component's weight; components and the total are sums. The rules, and a worked
example computed by hand, are in docs/lke.md."""
from dataclasses import dataclass, field
from decimal import Decimal

LETTER_VALUES = {"AA": 100, "A": 90, "BB": 80, "B": 70, "CC": 60, "C": 50, "D": 30, "E": 0}
LETTERS = tuple(LETTER_VALUES)
RAISED = ("AA", "A")  # only for a fully met sub-component
# Grade of the total: (lower bound, exclusive, except the last), letter, label.
GRADE_BANDS = (
    (Decimal(90), "AA", "Sangat Memuaskan"),
    (Decimal(80), "A", "Memuaskan"),
    (Decimal(70), "BB", "Sangat Baik"),
    (Decimal(60), "B", "Baik"),
    (Decimal(50), "CC", "Cukup (Memadai)"),
    (Decimal(30), "C", "Kurang"),
)
LOWEST_GRADE = ("D", "Sangat Kurang")


def suggested_letter(met: int, total: int) -> str:
    """0% E; >0-25% D; >25-50% C; >50-75% CC; >75% and <100% B; 100% BB. Compared in whole
    numbers, so 1 of 4 is exactly 25% (D) and 3 of 4 exactly 75% (CC)."""
    if total <= 0 or met <= 0:
        return "E"
    if met * 4 <= total:
        return "D"
    if met * 2 <= total:
        return "C"
    if met * 4 <= total * 3:
        return "CC"
    if met < total:
        return "B"
    return "BB"


def override_error(letter: str, reason: str, met: int, total: int) -> str | None:
    """Why a chosen letter cannot stand (an Indonesian message), or None when it can."""
    if letter not in LETTER_VALUES:
        return "Pilih nilai AA, A, BB, B, CC, C, D atau E."
    if letter in RAISED and (total == 0 or met < total):
        return (f"Nilai {letter} hanya untuk sub-komponen yang seluruh kriterianya terpenuhi "
                f"(baru {met} dari {total}).")
    if not reason.strip():
        return "Tuliskan alasan memilih nilai selain yang disarankan."
    return None


def letter_score(letter: str, weight: Decimal) -> Decimal:
    """Letter value / 100 x weight, exact."""
    return Decimal(LETTER_VALUES[letter]) * Decimal(weight) / Decimal(100)


def grade(total: Decimal) -> tuple[str, str]:
    """The grade letter and label of a total (AA > 90-100 ... D 0-30): a bound belongs to the
    band below it, so exactly 90 is A, 60 is CC and 30 is D."""
    for bound, letter, label in GRADE_BANDS:
        if total > bound:
            return letter, label
    return LOWEST_GRADE


@dataclass
class SubScore:
    code: str
    weight: Decimal
    met: int
    total: int
    unchecked: int
    suggested: str
    letter: str  # the one that counts
    reason: str = ""

    @property
    def overridden(self) -> bool:
        return self.letter != self.suggested

    @property
    def value(self) -> int:
        return LETTER_VALUES[self.letter]

    @property
    def score(self) -> Decimal:
        return letter_score(self.letter, self.weight)

    @property
    def share(self) -> Decimal:
        """Share of criteria met, in per cent (unchecked count as not met)."""
        return Decimal(100) * self.met / self.total if self.total else Decimal(0)


def sub_score(code: str, weight, checks: list[bool | None], chosen: str | None = None,
              reason: str = "") -> SubScore:
    """A sub-component's letter and score from its criteria's checks (None = not checked yet,
    counted as not met). A chosen letter counts only when override_error accepts it."""
    met = sum(1 for c in checks if c is True)
    unchecked = sum(1 for c in checks if c is None)
    suggested = suggested_letter(met, len(checks))
    letter = suggested
    if chosen and chosen != suggested and override_error(chosen, reason, met, len(checks)) is None:
        letter = chosen
    return SubScore(code, Decimal(weight), met, len(checks), unchecked, suggested, letter,
                    reason if letter != suggested else "")


@dataclass
class ComponentScore:
    code: str
    weight: Decimal
    subs: list[SubScore] = field(default_factory=list)

    @property
    def score(self) -> Decimal:
        return sum((s.score for s in self.subs), Decimal(0))


@dataclass
class Total:
    components: list[ComponentScore]

    @property
    def score(self) -> Decimal:
        return sum((c.score for c in self.components), Decimal(0))

    @property
    def unchecked(self) -> int:
        return sum(s.unchecked for c in self.components for s in c.subs)

    @property
    def provisional(self) -> bool:
        """"Sementara" while any criterion is not checked yet."""
        return self.unchecked > 0

    @property
    def grade(self) -> tuple[str, str]:
        return grade(self.score)
