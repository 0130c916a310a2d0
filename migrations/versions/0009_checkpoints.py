"""Ondertekende checkpoints van de auditketens (issue #20, 7): tabel auditcheckpoint, append-only.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

Per keten het aantal records en de hash van het laatste, op een tijdstip, ondertekend met een Ed25519-sleutel die
niet in de database staat (app/db/checkpoint.py). De auditrecords en hun hashes veranderen niet. Net als auditrecord
weigert de database wijzigen en verwijderen (en op SQLite vervangen); een beheerder die de triggers uitschakelt en
checkpoints weghaalt, wordt betrapt met een kopie van elders (GET /api/v1/audit/checkpoints, ``maatstaf audit``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MELDING = "auditcheckpoint is append-only: wijzigen, verwijderen en vervangen zijn niet toegestaan"
VOLGNUMMER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

#: maatstaf_weiger_wijziging() bestaat sinds 0002 (PostgreSQL).
PG_TRIGGERS = (
    "CREATE TRIGGER auditcheckpoint_onwijzigbaar BEFORE UPDATE OR DELETE ON auditcheckpoint "
    "FOR EACH ROW EXECUTE FUNCTION maatstaf_weiger_wijziging()",
    "CREATE TRIGGER auditcheckpoint_niet_legen BEFORE TRUNCATE ON auditcheckpoint "
    "FOR EACH STATEMENT EXECUTE FUNCTION maatstaf_weiger_wijziging()",
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER auditcheckpoint_geen_update BEFORE UPDATE ON auditcheckpoint "
    f"BEGIN SELECT RAISE(ABORT, '{MELDING}'); END",
    "CREATE TRIGGER auditcheckpoint_geen_delete BEFORE DELETE ON auditcheckpoint "
    f"BEGIN SELECT RAISE(ABORT, '{MELDING}'); END",
    # zoals 0008 voor auditrecord: INSERT OR REPLACE zou de bestaande rij verwijderen zonder DELETE-trigger
    "CREATE TRIGGER auditcheckpoint_geen_vervanging BEFORE INSERT ON auditcheckpoint "
    "WHEN EXISTS (SELECT 1 FROM auditcheckpoint WHERE keten = NEW.keten AND aantal = NEW.aantal) "
    f"BEGIN SELECT RAISE(ABORT, '{MELDING}'); END",
)


def upgrade() -> None:
    op.create_table(
        "auditcheckpoint",
        sa.Column("keten", sa.String(64), nullable=False),
        sa.Column("aantal", sa.BigInteger(), nullable=False),
        sa.Column("kop", sa.String(64), nullable=False),
        sa.Column("volgnummer", VOLGNUMMER, nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sleutel_id", sa.String(16), nullable=False),
        sa.Column("handtekening", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("keten", "aantal", name="pk_auditcheckpoint"),
    )
    dialect = op.get_context().dialect.name
    for trigger in PG_TRIGGERS if dialect == "postgresql" else SQLITE_TRIGGERS if dialect == "sqlite" else ():
        op.execute(trigger)


def downgrade() -> None:
    # de triggers gaan mee met de tabel
    op.drop_table("auditcheckpoint")
