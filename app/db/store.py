"""De auditopslag: een append-only, met hashes geketende administratie van berekeningen.

Er is bewust geen API om records te wijzigen of te verwijderen.
"""

from __future__ import annotations

import json
import threading
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, exc, insert, select, update

import app
from app.db.engine import SCHRIJVEN, is_sqlite_geheugen, maak_engine, normaliseer_url, sqlite_slot
from app.db.hashing import canonical_json, record_hash
from app.db.models import GLOBALE_KETEN, auditketen, auditrecord

MIGRATIES = Path(app.__file__).resolve().parent.parent / "migrations"

#: Hoe lang een append op SQLite op het proceslock wacht voordat de opslag als onbereikbaar geldt.
SCHRIJFSLOT_WACHTTIJD_S = 30

#: Alembic houdt zijn omgeving in modulevariabelen (alembic.context, alembic.op): binnen één proces mag
#: maar één migratie tegelijk lopen. Tussen processen beschermt env.py (advisory lock / BEGIN IMMEDIATE).
_ALEMBIC_SLOT = threading.Lock()

# IntegrityError is ook een DBAPIError; die wordt apart behandeld.
_DB_FOUTEN = (exc.OperationalError, exc.DBAPIError, exc.TimeoutError, OSError)


class OpslagNietBeschikbaar(Exception):
    """De auditdatabase is niet bereikbaar, niet gemigreerd, of de schrijfactie faalde op databaseniveau."""


class BerekeningBestaatAl(Exception):
    """Er is al een auditrecord met dit berekening_id (de append is teruggedraaid)."""


@dataclass(frozen=True)
class AuditRecord:
    berekening_id: str
    soort: str
    tijdstip: datetime
    invoer: str
    resultaat: dict
    regelversie: str
    vorige_hash: str
    hash: str


def alembic_config(database_url: str | None = None) -> Config:
    """Alembic-configuratie zonder alembic.ini, met de migraties van deze repository."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIES))
    cfg.set_main_option("path_separator", "os")
    if database_url:
        cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))  # configparser-interpolatie
    return cfg


class AuditStore:
    def __init__(self, database_url: str) -> None:
        url = normaliseer_url(database_url)
        self._url = url
        self._engine = maak_engine(url)
        self._schrijf_engine = self._engine.execution_options(**{SCHRIJVEN: True})
        if url.get_backend_name() == "sqlite":
            slot = sqlite_slot(url)
            self._schrijfslot: threading.Lock | None = slot
            self._leesslot = slot if is_sqlite_geheugen(url) else None  # één gedeelde verbinding
        else:
            # PostgreSQL serialiseert op de rij in auditketen (SELECT ... FOR UPDATE).
            self._schrijfslot = None
            self._leesslot = None

    @property
    def engine(self) -> Engine:
        """Voor tests en beheertaken; schrijf niet buiten append() om."""
        return self._engine

    def migrate(self) -> None:
        """``alembic upgrade head`` op de verbinding van deze store; idempotent en veilig bij gelijktijdige starts."""
        cfg = alembic_config(self._url.render_as_string(hide_password=False))
        try:
            with _ALEMBIC_SLOT, self._schrijven(), self._schrijf_engine.begin() as verbinding:
                cfg.attributes["connection"] = verbinding
                command.upgrade(cfg, "head")
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Migreren van de auditdatabase is mislukt: {_kort(fout)}") from fout

    def append(self, *, berekening_id: str, soort: str, invoer: str, resultaat: dict, regelversie: str) -> AuditRecord:
        """Legt een record vast aan het eind van de keten; commit duurzaam voordat het terugkeert.

        Raises:
            BerekeningBestaatAl: dit berekening_id is al vastgelegd.
            OpslagNietBeschikbaar: de database is niet bereikbaar of de schrijfactie faalde.
        """
        resultaat_tekst = canonical_json(resultaat)
        try:
            with self._schrijven():
                return self._append(berekening_id, soort, invoer, resultaat_tekst, regelversie)
        except exc.IntegrityError as fout:
            if "berekening_id" in str(fout.orig):
                raise BerekeningBestaatAl(f"Er is al een auditrecord voor {berekening_id}.") from fout
            raise OpslagNietBeschikbaar(f"Vastleggen is mislukt: {_kort(fout)}") from fout
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Vastleggen is mislukt: {_kort(fout)}") from fout

    def _append(
        self, berekening_id: str, soort: str, invoer: str, resultaat_tekst: str, regelversie: str
    ) -> AuditRecord:
        with self._schrijf_engine.begin() as verbinding:
            vorige_hash = verbinding.execute(
                select(auditketen.c.laatste_hash).where(auditketen.c.keten == GLOBALE_KETEN).with_for_update()
            ).scalar_one_or_none()
            if vorige_hash is None:
                raise OpslagNietBeschikbaar("De auditketen ontbreekt; de database is niet gemigreerd.")
            # Pas na het slot: de volgorde van tijdstippen volgt de volgorde van de keten.
            record = _verzegeld(
                berekening_id=berekening_id,
                soort=soort,
                tijdstip=datetime.now(UTC),
                invoer=invoer,
                resultaat=json.loads(resultaat_tekst),  # eigen kopie, precies wat get() later teruggeeft
                regelversie=regelversie,
                vorige_hash=vorige_hash,
            )
            volgnummer = verbinding.execute(
                insert(auditrecord).values(
                    berekening_id=record.berekening_id,
                    soort=record.soort,
                    tijdstip=record.tijdstip,
                    invoer=record.invoer,
                    resultaat=resultaat_tekst,
                    regelversie=record.regelversie,
                    vorige_hash=record.vorige_hash,
                    hash=record.hash,
                )
            ).inserted_primary_key[0]
            verbinding.execute(
                update(auditketen)
                .where(auditketen.c.keten == GLOBALE_KETEN)
                .values(laatste_hash=record.hash, laatste_volgnummer=volgnummer)
            )
        return record

    def get(self, berekening_id: str) -> AuditRecord | None:
        try:
            with self._lezen(), self._engine.connect() as verbinding:
                rij = verbinding.execute(
                    select(auditrecord).where(auditrecord.c.berekening_id == berekening_id)
                ).one_or_none()
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Lezen is mislukt: {_kort(fout)}") from fout
        if rij is None:
            return None
        return AuditRecord(
            berekening_id=rij.berekening_id,
            soort=rij.soort,
            tijdstip=rij.tijdstip,
            invoer=rij.invoer,
            resultaat=json.loads(rij.resultaat),
            regelversie=rij.regelversie,
            vorige_hash=rij.vorige_hash,
            hash=rij.hash,
        )

    def dispose(self) -> None:
        self._engine.dispose()

    @contextmanager
    def _schrijven(self):
        if self._schrijfslot is None:
            yield
            return
        if not self._schrijfslot.acquire(timeout=SCHRIJFSLOT_WACHTTIJD_S):
            raise OpslagNietBeschikbaar("De auditdatabase is bezet (wachttijd voor schrijven verstreken).")
        try:
            yield
        finally:
            self._schrijfslot.release()

    def _lezen(self) -> AbstractContextManager:
        return self._leesslot if self._leesslot is not None else nullcontext()


def _verzegeld(**velden) -> AuditRecord:
    return AuditRecord(**velden, hash=record_hash(**velden))


def _kort(fout: BaseException) -> str:
    """Eerste regel van de onderliggende fout, zonder SQL en parameters."""
    orig = getattr(fout, "orig", None) or fout
    regels = str(orig).strip().splitlines()
    return f"{type(orig).__name__}: {regels[0] if regels else ''}"
