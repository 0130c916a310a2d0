"""Audittrail: auditrecord en de kop van de hashketen (auditketen).

Revision ID: 0001
Revises:
Create Date: 2025-11-24

auditrecord is append-only: de applicatie kent geen UPDATE of DELETE. De volgorde van de keten is
volgnummer. resultaat is tekst (canonieke JSON), geen JSON/JSONB: de hash moet exact herberekend kunnen worden.
auditketen heeft één rij per keten (nu alleen "globaal") met de laatste hash; appends vergrendelen die rij.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Bevroren kopieën van de waarden in app/db: een migratie mag niet veranderen als de applicatie verandert.
BEGIN_HASH = "0" * 64
GLOBALE_KETEN = "globaal"
VOLGNUMMER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "auditrecord",
        sa.Column("volgnummer", VOLGNUMMER, primary_key=True, autoincrement=True),
        sa.Column("berekening_id", sa.String(36), nullable=False),
        sa.Column("soort", sa.String(64), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("invoer", sa.Text(), nullable=False),
        sa.Column("resultaat", sa.Text(), nullable=False),
        sa.Column("regelversie", sa.String(64), nullable=False),
        sa.Column("vorige_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("volgnummer", name="pk_auditrecord"),
        sa.UniqueConstraint("vorige_hash", name="uq_auditrecord_vorige_hash"),
        sa.UniqueConstraint("hash", name="uq_auditrecord_hash"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_auditrecord_berekening_id", "auditrecord", ["berekening_id"], unique=True)

    auditketen = op.create_table(
        "auditketen",
        sa.Column("keten", sa.String(64), nullable=False),
        sa.Column("laatste_hash", sa.String(64), nullable=False),
        sa.Column("laatste_volgnummer", VOLGNUMMER, nullable=True),
        sa.PrimaryKeyConstraint("keten", name="pk_auditketen"),
    )
    op.bulk_insert(auditketen, [{"keten": GLOBALE_KETEN, "laatste_hash": BEGIN_HASH, "laatste_volgnummer": None}])


def downgrade() -> None:
    op.drop_table("auditketen")
    op.drop_index("ix_auditrecord_berekening_id", table_name="auditrecord")
    op.drop_table("auditrecord")
