"""Verification codes: random, easy to read aloud and to type from paper."""
import re
import secrets

# No 0/O, no 1/l/I: nothing a reader can confuse. 32 symbols, 5 bits each.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 10  # 50 bits: guessing one live code takes about 10^14 tries


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    """ABCD2345EF -> ABCD-2345-EF, as printed."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def normalise(typed: str) -> str | None:
    """What a person typed (any case, with or without dashes and spaces) as a stored code, or
    None when it cannot be one."""
    code = re.sub(r"[\s-]", "", typed or "").upper()
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code
