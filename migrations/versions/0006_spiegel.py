"""Spiegel (issue #10 §2 en §3): lopende tellingen voor vergelijkbare zaken en het teamoverzicht, en het team.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29

- ``auditrecord.team``: het team uit het token (claim ``team``, een korte code), alleen in de hash als het gevuld
  is (zoals sub, gemeente en verwijzing sinds 0002): oudere records blijven controleerbaar.
- ``vergelijkingstelling``: per gemeente, soort overtreding, duurklasse, herhaling en maand van vastleggen hoeveel
  boeteberekeningen elke graad, uitkomst en begrenzing hadden en hoeveel maatwerk er werd aangevraagd en beoordeeld.
- ``spiegeltelling``: per gemeente, maand, team en medewerker (pseudoniem: een sleutelgebonden hash per gemeente,
  nooit de sub zelf) dezelfde soort tellingen plus verrekenduur en kwijtscheldingsroutes, voor het teamoverzicht.

Beide worden bijgehouden in dezelfde transactie als het auditrecord (app/db/store.py), zodat een telling nooit
een record mist of telt dat er niet is. Records van vóór deze migratie tellen niet mee (zij hebben geen soort
overtreding en geen team); ``maatstaf``-beheer kan de tellingen herberekenen uit de records (AuditStore.hertel).

Volgt op 0005 (beleidsversies, tak ``beleid``); gemaakt op 0004, bij het samenvoegen achter 0005 gezet.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Gewoon ADD COLUMN (ook in SQLite): de batchmodus zou de tabel opnieuw maken en de triggers die UPDATE en DELETE
    # weigeren (0002) kwijtraken.
    op.add_column("auditrecord", sa.Column("team", sa.String(16), nullable=True))
    op.create_table(
        "vergelijkingstelling",
        sa.Column("gemeente", sa.String(4), nullable=False),
        sa.Column("soort_overtreding", sa.String(24), nullable=False),
        sa.Column("duurklasse", sa.String(24), nullable=False),
        sa.Column("herhaling", sa.String(12), nullable=False),
        sa.Column("maand", sa.Integer(), nullable=False),
        sa.Column("kenmerk", sa.String(32), nullable=False),
        sa.Column("waarde", sa.String(40), nullable=False),
        sa.Column("aantal", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "gemeente",
            "soort_overtreding",
            "duurklasse",
            "herhaling",
            "maand",
            "kenmerk",
            "waarde",
            name="pk_vergelijkingstelling",
        ),
    )
    op.create_table(
        "spiegeltelling",
        sa.Column("gemeente", sa.String(4), nullable=False),
        sa.Column("maand", sa.Integer(), nullable=False),
        sa.Column("team", sa.String(16), nullable=False),
        sa.Column("medewerker", sa.String(16), nullable=False),
        sa.Column("kenmerk", sa.String(32), nullable=False),
        sa.Column("waarde", sa.String(40), nullable=False),
        sa.Column("aantal", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "gemeente", "maand", "team", "medewerker", "kenmerk", "waarde", name="pk_spiegeltelling"
        ),
    )


def downgrade() -> None:
    op.drop_table("spiegeltelling")
    op.drop_table("vergelijkingstelling")
    # Records met een team verliezen die kolom niet stilzwijgend: hun hash dekt het team.
    met_team = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM auditrecord WHERE team IS NOT NULL")).scalar_one()
    if met_team:
        raise RuntimeError(
            f"Downgrade van 0006 geweigerd: {met_team} auditrecords hebben een team; hun hash dekt dat team en de "
            "keten zou zonder die kolom niet meer te controleren zijn."
        )
    op.execute("ALTER TABLE auditrecord DROP COLUMN team")  # SQLite 3.35+ en PostgreSQL; geen batch (triggers)
