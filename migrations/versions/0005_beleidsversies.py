"""Beleidsversies per gemeente: de keuzes van het college binnen de wet, gedateerd en met vier ogen vastgesteld.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

Elke gemeente legt haar beleid (volstaan met een waarschuwing, afronding, bruto/netto terugvorderen, vermogen in de
draagkracht, looptijd van een schuldregeling, afzien na N jaar, vier ogen) vast als versie met ``geldig_vanaf`` en
een verwijzing naar de gepubliceerde beleidsregels (CVDR of URL, artikel). Een beleidsbeheerder stelt voor, een
andere stelt vast of wijst af; beide zijn ook auditrecords. Per gemeente en datum ten hoogste één vastgestelde
versie (partiële unieke index, SQLite en PostgreSQL).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VASTGESTELD = sa.text("status = 'VASTGESTELD'")


def upgrade() -> None:
    op.create_table(
        "beleidsversie",
        sa.Column("beleidsversie_id", sa.String(36), nullable=False),
        sa.Column("gemeente", sa.String(4), nullable=False),
        sa.Column("geldig_vanaf", sa.Date(), nullable=False),
        sa.Column("waarden", sa.Text(), nullable=False),
        sa.Column("bron", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("voorgesteld_door", sa.String(255), nullable=False),
        sa.Column("voorgesteld_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("beoordeeld_door", sa.String(255), nullable=True),
        sa.Column("beoordeeld_op", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("beleidsversie_id", name="pk_beleidsversie"),
    )
    op.create_index("ix_beleidsversie_gemeente_geldig_vanaf", "beleidsversie", ["gemeente", "geldig_vanaf"])
    op.create_index(
        "ix_beleidsversie_uniek_vastgesteld",
        "beleidsversie",
        ["gemeente", "geldig_vanaf"],
        unique=True,
        sqlite_where=VASTGESTELD,
        postgresql_where=VASTGESTELD,
    )


def downgrade() -> None:
    # Een berekening noemt de beleidsversie waarmee zij rekende; zonder die versie is zij niet meer exact te
    # herberekenen. Alleen een database zonder vastgestelde versies mag terug.
    vastgesteld = op.get_bind().execute(
        sa.text("SELECT COUNT(*) FROM beleidsversie WHERE status = 'VASTGESTELD'")
    ).scalar_one()
    if vastgesteld:
        raise RuntimeError(
            f"Downgrade van 0005 geweigerd: er zijn {vastgesteld} vastgestelde beleidsversies; berekeningen die ermee "
            "rekenden, zijn zonder die versies niet meer te herberekenen."
        )
    op.drop_index("ix_beleidsversie_uniek_vastgesteld", table_name="beleidsversie")
    op.drop_index("ix_beleidsversie_gemeente_geldig_vanaf", table_name="beleidsversie")
    op.drop_table("beleidsversie")
