"""Evidence for LKE criteria from IKU Web's own records (filled in by a later step)."""


def suggest(year) -> dict:
    return {}
