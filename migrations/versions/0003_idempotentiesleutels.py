"""Idempotency-Key: één record per sleutel per gemeente.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

Een eigen tabel naast de audittrail (die append-only is): welke sleutel van welke gemeente bij welk verzoek
(vingerafdruk van methode, pad en canonieke body) en welk auditrecord hoort. De store schrijft de sleutel in
dezelfde transactie als het auditrecord; de primaire sleutel (gemeente, sleutel) zorgt dat gelijktijdige
verzoeken met dezelfde sleutel samen precies één record opleveren. Oude sleutels mogen worden opgeruimd (na ten
minste 24 uur); de auditrecords blijven.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotentiesleutel",
        sa.Column("gemeente", sa.String(4), nullable=False),
        sa.Column("sleutel", sa.String(255), nullable=False),
        sa.Column("vingerafdruk", sa.String(64), nullable=False),
        sa.Column("berekening_id", sa.String(36), nullable=False),
        sa.Column("locatie", sa.String(255), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("gemeente", "sleutel", name="pk_idempotentiesleutel"),
    )
    op.create_index("ix_idempotentiesleutel_aangemaakt", "idempotentiesleutel", ["aangemaakt"])


def downgrade() -> None:
    op.drop_index("ix_idempotentiesleutel_aangemaakt", table_name="idempotentiesleutel")
    op.drop_table("idempotentiesleutel")
