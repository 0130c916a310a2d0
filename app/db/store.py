"""De auditopslag: een append-only, met hashes geketende administratie van berekeningen.

Er is bewust geen API om records te wijzigen of te verwijderen.

Dit is de gevel die de api gebruikt (``AuditStore``); het werk staat in delen, van onder naar boven:

- ``pg.py``: de PostgreSQL-kant van het schrijven (een groep in één pijplijn, fouten van psycopg, vertakking);
- ``records.py``: ``AuditRecord``, de fouten, de constanten, lezen en schrijven met het juiste slot, rijen schrijven;
- ``keten.py``: de keten nalopen en checkpoints maken;
- ``sleutels.py``: gegevenssleutels, versleutelen, ontsleutelen en wissen; de Idempotency-Keys;
- ``tellingen.py``: de lopende tellingen van de spiegel en de vragen erover;
- ``beleid.py``: beleidsversies lezen;
- ``schrijver.py``: de schrijver (wachtrij, schrijfthread, transactie van een groep, onzekere commit);
- ``selectie.py``: selecties en blokken voor impactanalyses, alle records van een gemeente;
- ``hertellen.py``: de tellingen van een gemeente opnieuw afleiden uit haar records.

Hier blijven het openen en migreren van de opslag, het aanbieden van een record, lezen en de regelsets.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import BigInteger, DateTime, Engine, String, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

import app
from app.db.beleid import Beleid
from app.db.engine import (
    SCHRIJVEN,
    is_sqlite_geheugen,
    maak_engine,
    maak_schrijver_engine,
    normaliseer_url,
    sqlite_slot,
)
from app.db.hashing import canonical_json
from app.db.hertellen import Hertellen
from app.db.keten import Keten
from app.db.models import auditrecord, regelset
from app.db.records import (
    _DB_FOUTEN,
    AMSTERDAM,
    MAX_GROEP,
    OMSTREDEN_S,
    ONZEKER_NAGAAN_S,
    OPRUIMEN_ELKE_S,
    PG_SLOT_WACHTTIJD_S,
    SCHRIJFSLOT_WACHTTIJD_S,
    SLEUTEL_BEWAARTERMIJN,
    SLEUTEL_ONTHOUDEN_S,
    AuditRecord,
    BerekeningBestaatAl,
    EerderVerzoek,
    GeenSleutel,
    Idempotentie,
    Integriteit,
    Ketenfout,
    MetVersleuteling,
    OpslagNietBeschikbaar,
    SleutelBestaatAl,
    _kort,
    _Opdracht,
    _record,
    periode_van,
)
from app.db.schrijver import Schrijver
from app.domain import spiegel

__all__ = [
    "AMSTERDAM",
    "AuditRecord",
    "AuditStore",
    "BerekeningBestaatAl",
    "EerderVerzoek",
    "GeenSleutel",
    "Idempotentie",
    "Integriteit",
    "Ketenfout",
    "MAX_GROEP",
    "MetVersleuteling",
    "OMSTREDEN_S",
    "ONZEKER_NAGAAN_S",
    "OPRUIMEN_ELKE_S",
    "OpslagNietBeschikbaar",
    "PG_SLOT_WACHTTIJD_S",
    "SCHRIJFSLOT_WACHTTIJD_S",
    "SLEUTEL_BEWAARTERMIJN",
    "SLEUTEL_ONTHOUDEN_S",
    "SleutelBestaatAl",
    "UITLEGSTAND_SQL",
    "alembic_config",
    "periode_van",
]

MIGRATIES = Path(app.__file__).resolve().parent.parent / "migrations"

#: Alembic houdt zijn omgeving in modulevariabelen (alembic.context, alembic.op): binnen één proces mag
#: maar één migratie tegelijk lopen. Tussen processen beschermt env.py (advisory lock / BEGIN IMMEDIATE).
_ALEMBIC_SLOT = threading.Lock()


def alembic_config(database_url: str | None = None) -> Config:
    """Alembic-configuratie zonder alembic.ini, met de migraties van deze repository."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIES))
    cfg.set_main_option("path_separator", "os")
    if database_url:
        cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))  # configparser-interpolatie
    return cfg


class AuditStore(Schrijver, Keten, Beleid, Hertellen):
    """De auditopslag van één proces: de delen samen (zie boven), op één database, met één schrijfthread."""

    def __init__(self, database_url: str, hoofdsleutel: bytes | None = None) -> None:
        """``hoofdsleutel``: pakt de gegevenssleutels in (MAATSTAF_SLEUTEL). Zonder hoofdsleutel wordt niets
        versleuteld en is versleutelde tekst niet te lezen."""
        url = normaliseer_url(database_url)
        self._hoofdsleutel = hoofdsleutel
        self._sleutels: dict[str, tuple[bytes | None, datetime | None, float]] = {}
        self._sleutel_slot = threading.Lock()
        self._url = url
        self._engine = maak_engine(url)
        self._schrijf_engine = self._engine.execution_options(**{SCHRIJVEN: True})
        # De schrijver (één thread) heeft op PostgreSQL een eigen verbinding die blijft (maak_schrijver_engine).
        self._schrijver_engine = (
            maak_schrijver_engine(url, int(PG_SLOT_WACHTTIJD_S * 1000))
            if url.get_backend_name() == "postgresql"
            else self._schrijf_engine
        )
        if url.get_backend_name() == "sqlite":
            slot = sqlite_slot(url)
            self._schrijfslot: threading.Lock | None = slot
            self._leesslot = slot if is_sqlite_geheugen(url) else None  # één gedeelde verbinding
        else:
            # PostgreSQL serialiseert op de rij in auditketen (SELECT ... FOR UPDATE).
            self._schrijfslot = None
            self._leesslot = None
        self._wachtrij: queue.SimpleQueue[_Opdracht | None] = queue.SimpleQueue()
        # Alleen van de schrijfthread: de laatste kop per keten zoals déze schrijver hem vastlegde, en tot wanneer
        # een keten omstreden is (een ander proces schreef erin). Zie _leg_vast_in_transactie.
        self._koppen: dict[str, str] = {}
        self._omstreden: dict[str, float] = {}
        self._schrijver_slot = threading.Lock()
        self._thread: threading.Thread | None = None
        self._gesloten = False
        self._volgende_opruiming = 0.0

    @property
    def hoofdsleutel(self) -> bytes | None:
        """Voor een rekenproces dat zelf records leest en ontsleutelt (impactanalyse); nooit naar buiten."""
        return self._hoofdsleutel

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

    def append(
        self,
        *,
        berekening_id: str,
        soort: str,
        invoer: str,
        resultaat: dict,
        regelversie: str,
        sub: str | None = None,
        gemeente: str | None = None,
        verwijzing: str | None = None,
        uniek: str | None = None,
        vrije_paden: frozenset = frozenset(),
        vrije_teksten: tuple[str, ...] = (),
        team: str | None = None,
        tellingen: spiegel.Tellingen | None = None,
    ) -> AuditRecord:
        """Legt een record vast aan het eind van de keten van de gemeente; commit duurzaam voordat het terugkeert.

        Raises:
            BerekeningBestaatAl: dit berekening_id (of deze ``uniek``-sleutel) is al vastgelegd.
            OpslagNietBeschikbaar: de database is niet bereikbaar of de schrijfactie faalde.
        """
        return self.vastleggen(
            berekening_id=berekening_id,
            soort=soort,
            invoer=invoer,
            resultaat=resultaat,
            regelversie=regelversie,
            sub=sub,
            gemeente=gemeente,
            verwijzing=verwijzing,
            uniek=uniek,
            vrije_paden=vrije_paden,
            vrije_teksten=vrije_teksten,
            team=team,
            tellingen=tellingen,
        ).result()

    def vastleggen(
        self,
        *,
        berekening_id: str,
        soort: str,
        invoer: str,
        resultaat: dict | None = None,
        regelversie: str,
        sub: str | None = None,
        gemeente: str | None = None,
        verwijzing: str | None = None,
        uniek: str | None = None,
        idempotentie: Idempotentie | None = None,
        resultaat_canoniek: bytes | None = None,
        vrije_paden: frozenset = frozenset(),
        vrije_teksten: tuple[str, ...] = (),
        mutaties: tuple = (),
        team: str | None = None,
        tellingen: spiegel.Tellingen | None = None,
        terug_resultaat: bool = True,
    ) -> Future[AuditRecord]:
        """Zet een record in de wachtrij van de schrijver; de Future is klaar als het record gecommit is.

        De schrijver (één thread per store) legt alle wachtende records in één transactie vast: één commit en
        één fsync voor een hele groep. Zo bepaalt de schijf niet meer het aantal berekeningen per seconde.

        Wie niet langer wil wachten, roept ``future.cancel()`` aan. Geeft dat True, dan had de schrijver de opdracht
        nog niet geclaimd en wordt het record nooit vastgelegd. Geeft het False, dan zit het record al in een
        transactie: wacht dan op de uitkomst. Zo is een record dat de schrijver kreeg óf vastgelegd en gemeld, óf
        niet vastgelegd, nooit vastgelegd terwijl de aanvrager een fout kreeg.

        Met ``idempotentie`` wordt de sleutel in dezelfde transactie vastgelegd; hoort die sleutel al bij een
        record, dan faalt de Future met SleutelBestaatAl en is er niets vastgelegd.

        ``mutaties`` (INSERT/UPDATE-opdrachten) gaan in dezelfde transactie als het record: allebei of geen van beide.
        Botst een mutatie op een unieke index met "uniek" in de naam, dan faalt de Future met BerekeningBestaatAl.

        ``vrije_paden`` (paden in de invoer, ``"*"`` voor een element van een lijst) en ``vrije_teksten`` wijzen de
        vrije tekst aan: die wordt met de gegevenssleutel van de gemeente en het jaar versleuteld opgeslagen (de
        hash gaat over de versleutelde tekst). Het teruggegeven record toont de tekst zoals aangeboden.

        ``team`` (claim team) gaat in het record en de hash. ``tellingen`` werkt de lopende tellingen van de spiegel
        bij (issue #10), in dezelfde transactie: faalt het vastleggen, dan telt het record ook niet.

        Geef ``resultaat`` of ``resultaat_canoniek``: de canonieke JSON (``canonical_json_bytes``) die de aanroeper
        al heeft, bijv. als body van zijn antwoord. Die bytes gaan dan ongewijzigd in de hash en de kolom; het
        resultaat wordt niet nog eens geserialiseerd.
        ``terug_resultaat=False``: het teruggegeven record heeft geen ingelezen resultaat (None), bijv. voor een
        batch die het resultaat al als tekst heeft.
        """
        if (resultaat is None) == (resultaat_canoniek is None):
            raise ValueError("geef precies een van resultaat en resultaat_canoniek")
        opdracht = _Opdracht(
            velden={
                "berekening_id": berekening_id,
                "soort": soort,
                "invoer": invoer,
                "regelversie": regelversie,
                "sub": sub,
                "gemeente": gemeente,
                "verwijzing": verwijzing,
                "team": team,
            },
            resultaat_tekst=canonical_json(resultaat)
            if resultaat_canoniek is None
            else resultaat_canoniek.decode("utf-8"),
            uniek=uniek,
            idempotentie=idempotentie,
            vrije_paden=frozenset(vrije_paden),
            vrije_teksten=tuple(vrije_teksten),
            tellingen=tellingen,
            mutaties=tuple(mutaties),
            terug_resultaat=terug_resultaat,
        )
        self._schrijver().put(opdracht)
        return opdracht.future

    def controleer_verbinding(self) -> None:
        """Een triviale vraag aan de database (SELECT 1); OpslagNietBeschikbaar als die geen antwoord geeft."""
        self._lees(select(1))

    def get(self, berekening_id: str, gemeente: str | None = None) -> AuditRecord | None:
        """Het record, of None. Met ``gemeente`` alleen een record van die gemeente (anders: alsof het niet bestaat)."""
        vraag = select(auditrecord).where(auditrecord.c.berekening_id == berekening_id)
        if gemeente is not None:
            vraag = vraag.where(auditrecord.c.gemeente == gemeente)
        rijen = self._lees(vraag)
        return self._ontsleuteld(_record(rijen[0])) if rijen else None

    def verwijzend(self, verwijzing: str, gemeente: str, soort: str | None = None) -> list[AuditRecord]:
        """De records van deze gemeente die naar ``verwijzing`` verwijzen, in ketenvolgorde."""
        vraag = select(auditrecord).where(auditrecord.c.verwijzing == verwijzing, auditrecord.c.gemeente == gemeente)
        if soort is not None:
            vraag = vraag.where(auditrecord.c.soort == soort)
        return [self._ontsleuteld(_record(r)) for r in self._lees(vraag.order_by(auditrecord.c.volgnummer))]

    def uitlegstand(self, berekening_id: str, gemeente: str, besluit: str, beoordeling: str) -> tuple:
        """Wat de uitleg van een (onveranderlijk) record nog kan veranderen, in één leesvraag: de records van soort
        ``besluit`` die naar dit record verwijzen met hun ``beoordeling`` (volgnummers), en de vernietigde
        gegevenssleutels van de gemeente (met het moment van wissen). Records worden nooit gewijzigd of verwijderd
        en een vernietigde sleutel komt niet terug: zolang deze stand gelijk is, is de uitleg dezelfde.

        Een vernietigde sleutel wordt meteen in het geheugen van deze store als gewist onthouden, zodat een uitleg
        die hierna wordt gemaakt de tekst als gewist toont, ook als een andere worker de sleutel vernietigde.
        """
        parameters = {"id": berekening_id, "gemeente": gemeente, "besluit": besluit, "beoordeling": beoordeling}
        return self.stand_uit_rijen(self._lees(_UITLEGSTAND, parameters))

    @property
    def postgres_url(self) -> str | None:
        """De URL voor een eigen (asynchrone) psycopg-verbinding, of None als dit geen PostgreSQL is."""
        if self._url.get_backend_name() != "postgresql":
            return None
        return self._url.set(drivername="postgresql").render_as_string(hide_password=False)

    def lijst(
        self, gemeente: str, *, soort: str | None = None, na: int | None = None, aantal: int = 50
    ) -> list[AuditRecord]:
        """Records van één gemeente, nieuwste eerst; ``na`` is het volgnummer waarna de volgende pagina begint."""
        vraag = select(auditrecord).where(auditrecord.c.gemeente == gemeente)
        if soort is not None:
            vraag = vraag.where(auditrecord.c.soort == soort)
        if na is not None:
            vraag = vraag.where(auditrecord.c.volgnummer < na)
        rijen = self._lees(vraag.order_by(auditrecord.c.volgnummer.desc()).limit(aantal))
        return [self._ontsleuteld(_record(r)) for r in rijen]

    def volgnummer_van(self, berekening_id: str, gemeente: str) -> int | None:
        """Het volgnummer van een record van deze gemeente (de cursor van ``lijst``), of None."""
        rijen = self._lees(
            select(auditrecord.c.volgnummer).where(
                auditrecord.c.berekening_id == berekening_id, auditrecord.c.gemeente == gemeente
            )
        )
        return rijen[0][0] if rijen else None

    def registreer_regelset(self, versie: str, inhoud: str) -> None:
        """Bewaart de regeldata van een versie (idempotent): een herberekening kan er later op terugvallen."""
        try:
            with self._schrijven(), self._schrijf_engine.begin() as verbinding:
                invoegen = pg_insert if verbinding.dialect.name == "postgresql" else sqlite_insert
                verbinding.execute(
                    invoegen(regelset)
                    .values(versie=versie, inhoud=inhoud, vastgelegd=datetime.now(UTC))
                    .on_conflict_do_nothing()
                )
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Vastleggen van de regelset is mislukt: {_kort(fout)}") from fout

    def regelset(self, versie: str) -> str | None:
        rijen = self._lees(select(regelset.c.inhoud).where(regelset.c.versie == versie))
        return rijen[0].inhoud if rijen else None

    def regelversies_in_gebruik(self) -> dict[str, str]:
        """Elke regelversie waarmee records zijn gemaakt, met de bewaarde regeldata (inhoud) van die versie."""
        versies = select(auditrecord.c.regelversie).distinct().scalar_subquery()
        rijen = self._lees(select(regelset.c.versie, regelset.c.inhoud).where(regelset.c.versie.in_(versies)))
        return {rij.versie: rij.inhoud for rij in rijen}

    def aantal(self) -> int:
        return self._lees(select(func.count()).select_from(auditrecord))[0][0]

    def dispose(self) -> None:
        with self._schrijver_slot:
            self._gesloten = True
            thread = self._thread
        if thread is not None:
            self._wachtrij.put(None)
            thread.join(timeout=30)
        self._engine.dispose()
        if self._schrijver_engine is not self._schrijf_engine:
            self._schrijver_engine.dispose()


#: De stand van een uitleg (zie ``AuditStore.uitlegstand``) in één vraag, één keer opgebouwd: elk verzoek om een
#: onthouden uitleg stelt hem, dus geen SQL-constructie per verzoek.
UITLEGSTAND_SQL = """
    SELECT 'm' AS soort, besluit.volgnummer AS besluit, beoordeling.volgnummer AS beoordeling,
           NULL AS sleutel_id, NULL AS gewist_op
      FROM auditrecord AS besluit
      LEFT JOIN auditrecord AS beoordeling
        ON beoordeling.verwijzing = besluit.berekening_id
       AND beoordeling.soort = :beoordeling AND beoordeling.gemeente = :gemeente
     WHERE besluit.verwijzing = :id AND besluit.soort = :besluit AND besluit.gemeente = :gemeente
    UNION ALL
    SELECT 'g', NULL, NULL, sleutel_id, gewist_op
      FROM gegevenssleutel
     WHERE gemeente = :gemeente AND gewist_op IS NOT NULL
    ORDER BY 1, 2, 3, 4
"""

_UITLEGSTAND = text(UITLEGSTAND_SQL).columns(
    soort=String, besluit=BigInteger, beoordeling=BigInteger, sleutel_id=String, gewist_op=DateTime(timezone=True)
)
