"""De basis onder elk deel van de auditopslag: het record, de fouten, de constanten, lezen en schrijven met het juiste
slot, een rij als record, en het schrijven van de rijen van een groep (met het slot op de ketenkoppen).

Er is bewust geen API om records te wijzigen of te verwijderen."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import Engine, exc, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.db.hashing import BEGIN_HASH
from app.db.models import (
    GLOBALE_KETEN,
    auditketen,
    auditrecord,
    idempotentiesleutel,
    spiegeltelling,
    vergelijkingstelling,
)
from app.db.pg import KOLOMMEN, SLEUTELKOLOMMEN, SQL_KOPPEN, SQL_RECORDS, psycopg_fouten, schrijf_groep
from app.db.versleuteling import VOORVOEGSEL
from app.domain import spiegel

log = logging.getLogger("maatstaf.audit")

#: Hoe lang een append op SQLite op het proceslock wacht voordat de opslag als onbereikbaar geldt.
SCHRIJFSLOT_WACHTTIJD_S = 30

#: Hoe lang een schrijvende transactie op PostgreSQL ten hoogste op het slot van een keten wacht (lock_timeout);
#: daarna faalt de hele groep (niets vastgelegd) en krijgen de aanvragers 503.
PG_SLOT_WACHTTIJD_S = 120

#: Hoe lang een Idempotency-Key ten minste wordt bewaard voordat ruim_sleutels_op hem verwijdert.
SLEUTEL_BEWAARTERMIJN = timedelta(hours=72)

OPRUIMEN_ELKE_S = 3600

#: Zo lang probeert de schrijver na een afgebroken COMMIT na te gaan of de groep is vastgelegd.
ONZEKER_NAGAAN_S = 60

#: Hoeveel wachtende records de schrijver ten hoogste in één transactie (één commit, één fsync) vastlegt.
MAX_GROEP = 256

#: Botste een groep op een keten waarin een ander proces intussen schreef, dan vergrendelt de schrijver die keten zo
#: lang weer vooraf (drie rondgangen) in plaats van op zijn eigen laatste kop te rekenen (één rondgang).
OMSTREDEN_S = 5.0

#: Zo lang onthoudt een proces een uitgepakte gegevenssleutel (of dat hij gewist is). Wist een ander proces de
#: sleutel, dan is de tekst hier uiterlijk zo veel later onleesbaar.
SLEUTEL_ONTHOUDEN_S = 60.0

#: De periode van een record is het kalenderjaar van vastleggen in Nederlandse tijd.
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# IntegrityError is ook een DBAPIError; die wordt apart behandeld.
_DB_FOUTEN = (exc.OperationalError, exc.DBAPIError, exc.TimeoutError, OSError)


class OpslagNietBeschikbaar(Exception):
    """De auditdatabase is niet bereikbaar, niet gemigreerd, of de schrijfactie faalde op databaseniveau."""


class BerekeningBestaatAl(Exception):
    """Er is al een auditrecord met dit berekening_id of deze unieke sleutel (de append is teruggedraaid)."""


class _OnzekereCommit(Exception):
    """De verbinding brak tijdens COMMIT; ``records`` zijn misschien vastgelegd."""

    def __init__(self, records: list[AuditRecord]) -> None:
        super().__init__("COMMIT afgebroken")
        self.records = records


class Ketenfout(Exception):
    """De keten zet het laatste checkpoint niet voort (ingekort of herschreven): geen nieuw checkpoint."""


class GeenSleutel(Exception):
    """Versleutelde tekst zonder bruikbare sleutel die niet is gewist; de tekst is wat een lezer ziet."""


class SleutelBestaatAl(Exception):
    """Deze Idempotency-Key van deze gemeente hoort al bij een vastgelegd record (de append is teruggedraaid)."""


@dataclass(frozen=True)
class Idempotentie:
    """Een Idempotency-Key die samen met het record wordt vastgelegd (tabel idempotentiesleutel)."""

    gemeente: str
    sleutel: str
    vingerafdruk: str  # sha256 (hex) over methode, pad en canonieke body
    locatie: str  # de Location van het oorspronkelijke antwoord


@dataclass(frozen=True)
class EerderVerzoek:
    """Wat bij een Idempotency-Key is vastgelegd."""

    vingerafdruk: str
    berekening_id: str
    locatie: str
    aangemaakt: datetime


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
    sub: str | None = None
    gemeente: str | None = None
    verwijzing: str | None = None
    volgnummer: int | None = None
    #: Paden (``invoer.…``, ``resultaat.…``) van tekst waarvan de sleutel is vernietigd, en wanneer.
    gewist: tuple[str, ...] = ()
    gewist_op: datetime | None = None
    team: str | None = None

    @property
    def invoer_tekst(self) -> str:
        """De invoer als JSON-tekst. Vóór de invoercontrole van issue #8 kon een body met een UTF-8-BOM worden
        vastgelegd; die BOM staat nog in zulke oude records (en blijft, want de hash dekt hem) maar hoort niet bij
        de JSON."""
        return self.invoer.removeprefix("\ufeff")

    def als_dict(self) -> dict:
        """Het record zoals de API het toont (GET /berekeningen/{id})."""
        extra = {}
        if self.gewist:
            extra["gewist"] = {
                "op": self.gewist_op.astimezone(AMSTERDAM).date().isoformat() if self.gewist_op else None,
                "velden": list(self.gewist),
                "reden": "Bewaartermijn verstreken: de sleutel van deze tekst is vernietigd (vier ogen).",
            }
        return {
            "berekeningId": self.berekening_id,
            "soort": self.soort,
            "tijdstip": self.tijdstip.isoformat(),
            "invoer": json.loads(self.invoer_tekst),
            "resultaat": self.resultaat,
            "regelversie": self.regelversie,
            "sub": self.sub,
            "gemeente": self.gemeente,
            "verwijzing": self.verwijzing,
            "vorigeHash": self.vorige_hash,
            "hash": self.hash,
            **({"team": self.team} if self.team is not None else {}),
            **extra,
        }


@dataclass(frozen=True)
class Integriteit:
    """Uitkomst van het aflopen van één keten."""

    keten: str
    intact: bool
    aantal: int
    eerste_afwijking: str | None = None  # berekening_id van het eerste record dat niet klopt
    volgnummer: int | None = None
    reden: str | None = None


@dataclass(frozen=True)
class MetVersleuteling:
    """Een schrijfopdracht naast een record (``mutaties``) met vrije tekst erin: ``maak(versleutel)`` geeft de
    opdracht, met elke vrije tekst door ``versleutel`` gehaald. Dat versleutelt met de gegevenssleutel van het record
    (gemeente, jaar van vastleggen), zodat wissen ook deze tekst onleesbaar maakt."""

    maak: Callable[[Callable[[str], str]], object]


@dataclass
class _Opdracht:
    velden: dict
    resultaat_tekst: str
    uniek: str | None
    idempotentie: Idempotentie | None = None
    #: Vrije tekst om te versleutelen: paden in de invoer en losse teksten die in het resultaat kunnen staan.
    vrije_paden: frozenset = frozenset()
    vrije_teksten: tuple[str, ...] = ()
    #: Schrijfopdrachten (SQLAlchemy Core) in dezelfde transactie als het record, bijv. de stand van een beleidsversie;
    #: met vrije tekst erin als ``MetVersleuteling``.
    mutaties: tuple = ()
    #: Wat het record aan de lopende tellingen van de spiegel toevoegt (issue #10), in dezelfde transactie.
    tellingen: spiegel.Tellingen | None = None
    #: Het resultaat ingelezen in het teruggegeven record (False: de aanroeper heeft het al, bijv. een batch).
    terug_resultaat: bool = True
    future: Future = field(default_factory=Future)


def _zet_resultaat(future: Future, record: AuditRecord) -> None:
    """Bewaakt: een geclaimde Future kan niet meer worden geannuleerd, maar een fout hier mag de schrijver nooit
    stoppen of de rest van de groep een 503 geven."""
    try:
        future.set_result(record)
    except InvalidStateError:
        log.error("Uitkomst van %s kon niet worden doorgegeven (Future al afgehandeld)", record.berekening_id)


def _zet_fout(future: Future, fout: BaseException) -> None:
    with suppress(InvalidStateError):
        future.set_exception(fout)


def periode_van(tijdstip: datetime) -> int:
    """De periode van een record (voor zijn gegevenssleutel): het kalenderjaar van vastleggen, Nederlandse tijd."""
    return tijdstip.astimezone(AMSTERDAM).year


def _bevat_versleuteld(waarde) -> bool:
    if isinstance(waarde, str):
        return waarde.startswith(VOORVOEGSEL)
    if isinstance(waarde, dict):
        return any(_bevat_versleuteld(v) for v in waarde.values())
    if isinstance(waarde, list):
        return any(_bevat_versleuteld(v) for v in waarde)
    return False


def _keten(gemeente: str | None) -> str:
    return gemeente or GLOBALE_KETEN


def _record(rij) -> AuditRecord:
    return AuditRecord(
        berekening_id=rij.berekening_id,
        soort=rij.soort,
        tijdstip=rij.tijdstip,
        invoer=rij.invoer,
        resultaat=orjson.loads(rij.resultaat),
        regelversie=rij.regelversie,
        vorige_hash=rij.vorige_hash,
        hash=rij.hash,
        sub=rij.sub,
        gemeente=rij.gemeente,
        verwijzing=rij.verwijzing,
        volgnummer=rij.volgnummer,
        team=rij.team,
    )


def _kort(fout: BaseException) -> str:
    """Eerste regel van de onderliggende fout, zonder SQL en parameters."""
    orig = getattr(fout, "orig", None) or fout
    regels = str(orig).strip().splitlines()
    return f"{type(orig).__name__}: {regels[0] if regels else ''}"


def _vergrendel_koppen(verbinding, ketens: list[str]) -> dict[str, str]:
    """Keten -> laatste hash, met het slot op de kop van elke keten tot het einde van de transactie.

    PostgreSQL: BEGIN en de vraag in één rondgang (pijplijn), ``SELECT ... FOR UPDATE``. SQLite: de transactie is al
    met BEGIN IMMEDIATE begonnen en houdt de hele database vast. Een keten die nog niet bestaat (eerste record van
    een gemeente) wordt aangemaakt, gelijktijdig veilig (ON CONFLICT DO NOTHING)."""
    koppen: dict[str, str] = {}
    if verbinding.dialect.name == "postgresql":
        with psycopg_fouten(verbinding, SQL_KOPPEN) as pg:
            cursor = pg.cursor()
            with pg.pipeline():
                if pg.autocommit:  # de verbinding van de schrijver: BEGIN zelf, in dezelfde rondgang
                    cursor.execute("BEGIN")
                cursor.execute(SQL_KOPPEN, (ketens,))
            koppen = dict(cursor.fetchall())
    else:
        vraag = select(auditketen.c.keten, auditketen.c.laatste_hash).where(auditketen.c.keten.in_(ketens))
        koppen = dict(verbinding.execute(vraag).all())
    nieuw = [keten for keten in ketens if keten not in koppen]
    if nieuw:
        invoegen = pg_insert if verbinding.dialect.name == "postgresql" else sqlite_insert
        verbinding.execute(
            invoegen(auditketen).on_conflict_do_nothing(),
            [{"keten": keten, "laatste_hash": BEGIN_HASH, "laatste_volgnummer": None} for keten in nieuw],
        )
        vraag = select(auditketen.c.keten, auditketen.c.laatste_hash).where(auditketen.c.keten.in_(nieuw))
        koppen.update(verbinding.execute(vraag.order_by(auditketen.c.keten).with_for_update()).all())
    return koppen


def _schrijf_rijen(
    verbinding,
    sleutels: list[dict],
    rijen: list[dict],
    tellingen: tuple[dict[tuple, int], dict[tuple, int]],
    koppen: dict[str, str],
    met_commit: bool = False,
) -> list[int]:
    """Idempotency-Keys, auditrecords (in deze volgorde), lopende tellingen en de nieuwe ketenkoppen; geeft de
    volgnummers van de records.

    PostgreSQL: alles in één rondgang, als voorbereide opdrachten in een psycopg-pijplijn (app/db/pg.py,
    ``schrijf_groep``): de server krijgt de hele groep in één keer, en een fout in één opdracht breekt de transactie af
    (niets vastgelegd). ``met_commit``: eerst BEGIN en het slot op de koppen (in ketenvolgorde, zoals
    _vergrendel_koppen) en na de rijen COMMIT, in dezelfde rondgang (de verbinding van de schrijver staat op
    autocommit: psycopg stuurt zelf geen BEGIN).
    Elders: dezelfde opdrachten na elkaar via SQLAlchemy (zonder ``met_commit``)."""
    spiegelrijen, vergelijking = tellingen
    telrijen = [
        (tabel, [(*sleutel, n) for sleutel, n in sorted(aantallen.items())])
        for tabel, aantallen in ((spiegeltelling, spiegelrijen), (vergelijkingstelling, vergelijking))
        if aantallen
    ]
    if verbinding.dialect.name != "postgresql":
        if sleutels:
            verbinding.execute(insert(idempotentiesleutel), sleutels)
        nummers = []
        if rijen:
            vraag = insert(auditrecord).returning(auditrecord.c.volgnummer, sort_by_parameter_order=True)
            nummers = verbinding.execute(vraag, rijen).scalars().all()
        for tabel, waarden in telrijen:
            kolommen = [kolom.name for kolom in tabel.primary_key.columns] + ["aantal"]
            invoegen = sqlite_insert(tabel)
            verbinding.execute(
                invoegen.on_conflict_do_update(
                    index_elements=kolommen[:-1], set_={"aantal": tabel.c.aantal + invoegen.excluded.aantal}
                ),
                [dict(zip(kolommen, waarde, strict=True)) for waarde in waarden],
            )
        laatste = {rij["keten"]: nr for rij, nr in zip(rijen, nummers, strict=True)}
        for keten, laatste_hash in koppen.items():
            verbinding.execute(
                update(auditketen)
                .where(auditketen.c.keten == keten)
                .values(laatste_hash=laatste_hash, laatste_volgnummer=laatste[keten])
            )
        return nummers
    kolommen = KOLOMMEN if rijen and "team" in rijen[0] else KOLOMMEN[:-1]
    with psycopg_fouten(verbinding, SQL_RECORDS[kolommen]) as pg:
        volgnummer = schrijf_groep(
            pg,
            kolommen=kolommen,
            sleutels=[tuple(s[k] for k in SLEUTELKOLOMMEN) for s in sleutels],
            rijen=[tuple(rij[k] for k in kolommen) for rij in rijen],
            telrijen=[(tabel.name, waarden) for tabel, waarden in telrijen],
            koppen=koppen,
            met_commit=met_commit,
        )
    return [volgnummer[rij["berekening_id"]] for rij in rijen]


class StoreBasis:
    """De toestand die elk deel van de store deelt (gezet in ``AuditStore.__init__``) en lezen en
    schrijven met het juiste slot: op SQLite één schrijver per bestand (en één verbinding voor een geheugendatabase),
    op PostgreSQL serialiseert de database zelf."""

    _hoofdsleutel: bytes | None
    _engine: Engine  # lezen (pool met ping)
    _schrijf_engine: Engine  # schrijven buiten de schrijver om (op SQLite BEGIN IMMEDIATE)
    _schrijver_engine: Engine  # de schrijver; op PostgreSQL een eigen verbinding (maak_schrijver_engine)
    _schrijfslot: threading.Lock | None
    _leesslot: threading.Lock | None
    _sleutels: dict[str, tuple[bytes | None, datetime | None, float]]  # sleutel-id -> (sleutel, gewist_op, tot)
    _sleutel_slot: threading.Lock

    def _lees(self, vraag, parameters: dict | None = None) -> list:
        try:
            with self._lezen(), self._engine.connect() as verbinding:
                return verbinding.execute(vraag, parameters).all()
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Lezen is mislukt: {_kort(fout)}") from fout

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
