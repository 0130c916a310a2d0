"""Bulk: lz4 voor de grote tekstkolommen van auditrecord (PostgreSQL) en een index voor de selectie van een
impactanalyse.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29

Een boete met uitleg en alternatieven is ~10 kB canonieke JSON. PostgreSQL comprimeert zo'n tekst (TOAST) standaard
met pglz; met lz4 kost een INSERT daar ongeveer de helft van de tijd (gemeten: ~200 µs tegen ~90 µs per rij). Dat
geldt alleen voor nieuwe rijen; bestaande rijen blijven zoals ze zijn en lezen gewoon (de bytes van een record, en
dus de hashketen, veranderen niet: compressie is opslag, geen inhoud). Zonder lz4 in de server blijft pglz.

De index (keten, soort, tijdstip) met volgnummer erbij dient de selectie van een impactanalyse: de records van één
gemeente en soort in een periode, in ketenvolgorde (app/api/impact.py).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _compressie(methode: str) -> None:
    """Zet de compressie van invoer en resultaat, alleen als de server lz4 kent (ook in offline SQL)."""
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
        "AND 'lz4' = ANY(enumvals)) THEN "
        f"ALTER TABLE auditrecord ALTER COLUMN invoer SET COMPRESSION {methode}; "
        f"ALTER TABLE auditrecord ALTER COLUMN resultaat SET COMPRESSION {methode}; "
        "END IF; END $$"
    )


def upgrade() -> None:
    _compressie("lz4")
    op.create_index(
        "ix_auditrecord_keten_soort_tijdstip",
        "auditrecord",
        ["keten", "soort", "tijdstip"],
        postgresql_include=["volgnummer"],
    )


def downgrade() -> None:
    op.drop_index("ix_auditrecord_keten_soort_tijdstip", table_name="auditrecord")
    _compressie("pglz")
