"""Gegevenssleutels per gemeente en periode: vrije tekst versleuteld, na de bewaartermijn te wissen.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

Vrije tekst in een auditrecord (bewijs, motivering, toelichting, reden, kenmerk) wordt versleuteld met een
gegevenssleutel per gemeente en kalenderjaar. Die sleutels staan hier, ingepakt met de hoofdsleutel uit de
configuratie. Na de bewaartermijn (Archiefwet) wordt de sleutel vernietigd (``ingepakt`` NULL, ``gewist_op``
gevuld): de tekst is dan onleesbaar, terwijl de hashketen over de versleutelde tekst intact blijft. Bestaande
records (van vóór deze migratie) blijven onversleuteld.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "gegevenssleutel",
        sa.Column("sleutel_id", sa.String(32), nullable=False),
        sa.Column("gemeente", sa.String(4), nullable=False),
        sa.Column("periode", sa.Integer(), nullable=False),
        sa.Column("ingepakt", sa.Text(), nullable=True),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gewist_op", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("sleutel_id", name="pk_gegevenssleutel"),
    )


def downgrade() -> None:
    # Zonder de sleutels is alle versleutelde tekst voorgoed onleesbaar: dat is wissen, en dat gaat alleen met vier
    # ogen (zie app/api/wissen.py), nooit als bijwerking van een downgrade.
    sleutels = op.get_bind().execute(
        sa.text("SELECT COUNT(*) FROM gegevenssleutel WHERE ingepakt IS NOT NULL")
    ).scalar_one()
    if sleutels:
        raise RuntimeError(
            f"Downgrade van 0004 geweigerd: er zijn {sleutels} gegevenssleutels; zonder die sleutels is de "
            "versleutelde vrije tekst in de audittrail onleesbaar."
        )
    op.drop_table("gegevenssleutel")
