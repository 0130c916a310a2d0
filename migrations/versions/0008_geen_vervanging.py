"""SQLite: ``INSERT OR REPLACE`` en een upsert komen niet meer langs de append-only-triggers van auditrecord.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

Bij een conflict op een unieke kolom verwijdert SQLite met ``INSERT OR REPLACE`` (of ``REPLACE INTO``) de
bestaande rij en voegt de nieuwe in. Die verwijdering loopt niet door de trigger ``auditrecord_geen_delete`` van
0002: SQLite roept DELETE-triggers bij een vervanging alleen aan met ``PRAGMA recursive_triggers = ON``, en dat is
een instelling per verbinding, die een beheerder met de sqlite3-CLI niet aanzet. Zo verving een REPLACE een
record, en verwijderde een REPLACE met een botsende hash het record met die hash.

Daarom weigert de database nu al het invoegen van een rij waarvan een unieke sleutel al bestaat (volgnummer,
berekening_id, hash, (keten, vorige_hash) of uniek), vóór SQLite aan een conflictoplossing toekomt: een trigger
``BEFORE INSERT`` per sleutel, die voor elke verbinding geldt. Een gewone dubbele invoeging geeft zo ook een
IntegrityError, met de naam van de kolom in de melding (de store herkent er een dubbel id of een dubbele unieke
sleutel aan). ``INSERT ... ON CONFLICT ... DO UPDATE`` stuit op dezelfde trigger (en anders op de UPDATE-trigger).

PostgreSQL kent geen REPLACE; ``INSERT ... ON CONFLICT DO UPDATE`` gaat daar door de trigger op UPDATE van 0002 en
wordt al geweigerd. Daar verandert niets.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MELDING = "auditrecord is append-only: er is al een record met"

#: (naam van de trigger, voorwaarde op de bestaande rij, wat de melding noemt)
SLEUTELS = (
    ("auditrecord_geen_vervanging_volgnummer", "volgnummer = NEW.volgnummer", "dit volgnummer"),
    ("auditrecord_geen_vervanging_berekening_id", "berekening_id = NEW.berekening_id", "dit berekening_id"),
    ("auditrecord_geen_vervanging_hash", "hash = NEW.hash", "deze hash"),
    (
        "auditrecord_geen_vervanging_vorige_hash",
        "keten = NEW.keten AND vorige_hash = NEW.vorige_hash",
        "deze keten en vorige_hash",
    ),
    ("auditrecord_geen_vervanging_uniek", "uniek = NEW.uniek", "deze waarde van uniek"),
)


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for naam, voorwaarde, wat in SLEUTELS:
        op.execute(
            f"CREATE TRIGGER {naam} BEFORE INSERT ON auditrecord "
            f"WHEN EXISTS (SELECT 1 FROM auditrecord WHERE {voorwaarde}) "
            f"BEGIN SELECT RAISE(ABORT, '{MELDING} {wat}'); END"
        )


def downgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for naam, _, _ in SLEUTELS:
        op.execute(f"DROP TRIGGER IF EXISTS {naam}")
