"""Column types."""
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class ExactDecimal(TypeDecorator):
    """A Decimal stored exactly: NUMERIC(18, 4) on PostgreSQL, text on SQLite.

    SQLite has no decimal type: a NUMERIC column there stores REAL, so 16-digit values would
    come back rounded through a float. Text keeps every digit; we never compare these columns
    in SQL, so text ordering does not matter.
    """

    impl = sa.Numeric(18, 4)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.String(40))
        return dialect.type_descriptor(sa.Numeric(18, 4))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = Decimal(value)
        return str(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)
