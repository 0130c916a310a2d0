"""Persistentie: de append-only, met hashes geketende audittrail (SQLAlchemy 2 + Alembic)."""

from app.db.hashing import BEGIN_HASH, canonical_json, canonical_json_bytes, record_hash
from app.db.store import (
    AuditRecord,
    AuditStore,
    BerekeningBestaatAl,
    EerderVerzoek,
    Idempotentie,
    MetVersleuteling,
    OpslagNietBeschikbaar,
    SleutelBestaatAl,
    alembic_config,
)

__all__ = [
    "BEGIN_HASH",
    "AuditRecord",
    "AuditStore",
    "BerekeningBestaatAl",
    "EerderVerzoek",
    "Idempotentie",
    "MetVersleuteling",
    "OpslagNietBeschikbaar",
    "SleutelBestaatAl",
    "alembic_config",
    "canonical_json",
    "canonical_json_bytes",
    "record_hash",
]
