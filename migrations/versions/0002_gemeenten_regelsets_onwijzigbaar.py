"""Een keten per gemeente, wie het vroeg, regelsets voor herberekening, en een database die niet laat wijzigen.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

- auditrecord krijgt ``keten`` (de CBS-code van de gemeente; "globaal" voor records van vóór deze migratie),
  ``sub`` en ``gemeente`` uit het token, ``verwijzing`` (naar een eerder record, bijv. bij maatwerk of een
  herberekening) en ``uniek`` (een optionele unieke sleutel, bijv. één beoordeling per maatwerkbesluit).
  ``vorige_hash`` is voortaan uniek per keten in plaats van over de hele tabel.
- regelset bewaart elke gebruikte regelversie met de volledige regeldata.
- UPDATE, DELETE en TRUNCATE op auditrecord worden door de database zelf geweigerd (triggers, PostgreSQL en
  SQLite). Een beheerder kan dat alleen omzeilen door de triggers bewust uit te schakelen.

De downgrade faalt als er meer dan één keten records bevat (de oude unieke ``vorige_hash`` laat dat niet toe).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GLOBALE_KETEN = "globaal"
MELDING = "auditrecord is append-only: wijzigen en verwijderen zijn niet toegestaan"

PG_FUNCTIE = f"""
CREATE FUNCTION maatstaf_weiger_wijziging() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MELDING}' USING ERRCODE = 'insufficient_privilege';
END;
$$
"""
PG_TRIGGERS = (
    "CREATE TRIGGER auditrecord_onwijzigbaar BEFORE UPDATE OR DELETE ON auditrecord "
    "FOR EACH ROW EXECUTE FUNCTION maatstaf_weiger_wijziging()",
    "CREATE TRIGGER auditrecord_niet_legen BEFORE TRUNCATE ON auditrecord "
    "FOR EACH STATEMENT EXECUTE FUNCTION maatstaf_weiger_wijziging()",
)
SQLITE_TRIGGERS = (
    f"CREATE TRIGGER auditrecord_geen_update BEFORE UPDATE ON auditrecord BEGIN SELECT RAISE(ABORT, '{MELDING}'); END",
    f"CREATE TRIGGER auditrecord_geen_delete BEFORE DELETE ON auditrecord BEGIN SELECT RAISE(ABORT, '{MELDING}'); END",
)


def _dialect() -> str:
    return op.get_context().dialect.name


def _auditrecord_0001() -> sa.Table:
    """De tabel zoals 0001 haar maakte (bevroren): batchmodus hoeft dan niet te reflecteren, ook offline (--sql)."""
    return sa.Table(
        "auditrecord",
        sa.MetaData(),
        sa.Column("volgnummer", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("berekening_id", sa.String(36), nullable=False),
        sa.Column("soort", sa.String(64), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("invoer", sa.Text(), nullable=False),
        sa.Column("resultaat", sa.Text(), nullable=False),
        sa.Column("regelversie", sa.String(64), nullable=False),
        sa.Column("vorige_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("vorige_hash", name="uq_auditrecord_vorige_hash"),
        sa.UniqueConstraint("hash", name="uq_auditrecord_hash"),
        sa.Index("ix_auditrecord_berekening_id", "berekening_id", unique=True),
        sqlite_autoincrement=True,
    )


def upgrade() -> None:
    with op.batch_alter_table(
        "auditrecord", copy_from=_auditrecord_0001(), table_kwargs={"sqlite_autoincrement": True}
    ) as batch:
        batch.add_column(sa.Column("keten", sa.String(64), nullable=False, server_default=GLOBALE_KETEN))
        batch.add_column(sa.Column("sub", sa.String(255), nullable=True))
        batch.add_column(sa.Column("gemeente", sa.String(4), nullable=True))
        batch.add_column(sa.Column("verwijzing", sa.String(36), nullable=True))
        batch.add_column(sa.Column("uniek", sa.String(120), nullable=True))
        batch.drop_constraint("uq_auditrecord_vorige_hash", type_="unique")
        batch.create_unique_constraint("uq_auditrecord_keten_vorige_hash", ["keten", "vorige_hash"])
        batch.create_unique_constraint("uq_auditrecord_uniek", ["uniek"])
        batch.create_index("ix_auditrecord_keten", ["keten"])
        batch.create_index("ix_auditrecord_verwijzing", ["verwijzing"])

    op.create_table(
        "regelset",
        sa.Column("versie", sa.String(64), nullable=False),
        sa.Column("inhoud", sa.Text(), nullable=False),
        sa.Column("vastgelegd", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("versie", name="pk_regelset"),
    )

    if _dialect() == "postgresql":
        op.execute(PG_FUNCTIE)
        for trigger in PG_TRIGGERS:
            op.execute(trigger)
    elif _dialect() == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    if _dialect() == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS auditrecord_niet_legen ON auditrecord")
        op.execute("DROP TRIGGER IF EXISTS auditrecord_onwijzigbaar ON auditrecord")
        op.execute("DROP FUNCTION IF EXISTS maatstaf_weiger_wijziging()")
    elif _dialect() == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS auditrecord_geen_update")
        op.execute("DROP TRIGGER IF EXISTS auditrecord_geen_delete")

    op.drop_table("regelset")
    with op.batch_alter_table("auditrecord", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_index("ix_auditrecord_verwijzing")
        batch.drop_index("ix_auditrecord_keten")
        batch.drop_constraint("uq_auditrecord_uniek", type_="unique")
        batch.drop_constraint("uq_auditrecord_keten_vorige_hash", type_="unique")
        batch.create_unique_constraint("uq_auditrecord_vorige_hash", ["vorige_hash"])
        batch.drop_column("uniek")
        batch.drop_column("verwijzing")
        batch.drop_column("gemeente")
        batch.drop_column("sub")
        batch.drop_column("keten")
    op.execute(f"DELETE FROM auditketen WHERE keten <> '{GLOBALE_KETEN}'")
