"""Tabeldefinities van de auditopslag (SQLAlchemy Core).

De migraties in ``migrations/versions`` zijn leidend voor het schema; deze metadata dient de store en
``alembic revision --autogenerate``. Wijzig het schema alleen met een nieuwe migratie.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

#: Vaste namen voor constraints, zodat latere migraties (ook in SQLite-batchmodus) ze kunnen aanwijzen.
NAAMGEVING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAAMGEVING)

#: Sleutel van de (enige) keten. Ketens per gemeente krijgen later een eigen sleutel in ``auditketen``.
GLOBALE_KETEN = "globaal"

#: BIGINT op PostgreSQL, INTEGER op SQLite (alleen ``INTEGER PRIMARY KEY`` is daar een rowid-alias).
Volgnummer = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator):
    """DateTime(timezone=True) die altijd een tijdzonebewust UTC-tijdstip teruggeeft.

    SQLite bewaart geen tijdzone: er wordt UTC opgeslagen en bij het lezen wordt UTC weer aangehecht.
    PostgreSQL geeft het tijdstip in de sessietijdzone terug; dat wordt naar UTC omgerekend.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("tijdstip moet tijdzonebewust zijn")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


auditrecord = Table(
    "auditrecord",
    metadata,
    Column("volgnummer", Volgnummer, primary_key=True, autoincrement=True),
    Column("berekening_id", String(36), nullable=False, unique=True, index=True),
    Column("soort", String(64), nullable=False),
    Column("tijdstip", UTCDateTime(), nullable=False),
    Column("invoer", Text, nullable=False),
    Column("resultaat", Text, nullable=False),  # canonieke JSON, exact zoals gehasht; geen JSON/JSONB-type
    Column("regelversie", String(64), nullable=False),
    Column("vorige_hash", String(64), nullable=False, unique=True),  # geen vertakkingen in de keten
    Column("hash", String(64), nullable=False, unique=True),
    sqlite_autoincrement=True,
)

auditketen = Table(
    "auditketen",
    metadata,
    Column("keten", String(64), primary_key=True),
    Column("laatste_hash", String(64), nullable=False),
    Column("laatste_volgnummer", Volgnummer, nullable=True),
)
