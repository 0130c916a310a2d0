"""De auditopslag: een append-only, met hashes geketende administratie van berekeningen.

Er is bewust geen API om records te wijzigen of te verwijderen.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import orjson
from alembic import command
from alembic.config import Config
from sqlalchemy import BigInteger, DateTime, Engine, String, exc, func, insert, select, text
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
from app.db.hashing import canonical_json, record_hash
from app.db.keten import Keten
from app.db.models import auditrecord, regelset, spiegeltelling, vergelijkingstelling
from app.db.pg import _is_vertakking, _pg_bericht_ontvangen
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
    _keten,
    _kort,
    _OnzekereCommit,
    _Opdracht,
    _record,
    _schrijf_rijen,
    _vergrendel_koppen,
    _zet_fout,
    _zet_resultaat,
    log,
    periode_van,
)
from app.db.tellingen import Tellingen
from app.db.versleuteling import VOORVOEGSEL
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


class AuditStore(Keten, Beleid, Tellingen):
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

    def start(self) -> None:
        """Start de schrijver meteen (anders bij het eerste record), zodat de gereedheidscontrole hem ziet."""
        self._schrijver()

    def schrijver_leeft(self) -> bool:
        """Draait de schrijver, en neemt de store nog records aan?"""
        with self._schrijver_slot:
            return not self._gesloten and self._thread is not None and self._thread.is_alive()

    def controleer_verbinding(self) -> None:
        """Een triviale vraag aan de database (SELECT 1); OpslagNietBeschikbaar als die geen antwoord geeft."""
        self._lees(select(1))

    def _schrijver(self) -> queue.SimpleQueue:
        with self._schrijver_slot:
            if self._gesloten:
                raise OpslagNietBeschikbaar("De auditopslag is gesloten.")
            if self._thread is None or not self._thread.is_alive():
                if self._thread is not None:  # hoort niet te gebeuren: _schrijf_lus vangt elke fout
                    log.error("De schrijver van de auditopslag was gestopt; een nieuwe neemt de wachtrij over")
                self._thread = threading.Thread(target=self._schrijf_lus, name="maatstaf-audit", daemon=True)
                self._thread.start()
        return self._wachtrij

    def _schrijf_lus(self) -> None:
        while True:
            eerste = self._wachtrij.get()
            if eerste is None:
                return
            groep = [eerste]
            while len(groep) < MAX_GROEP:
                try:
                    volgende = self._wachtrij.get_nowait()
                except queue.Empty:
                    break
                if volgende is None:
                    self._wachtrij.put(None)  # na deze groep stoppen
                    break
                groep.append(volgende)
            # Claimen vóór de transactie: een opdracht waarvan de aanvrager het wachten al opgaf (Future.cancel()
            # slaagde), wordt overgeslagen en nooit vastgelegd. Een geclaimde opdracht (RUNNING) kan niet meer
            # worden ingetrokken; de aanvrager wacht dan op de uitkomst. Beide gaan onder het slot van de Future.
            groep = [opdracht for opdracht in groep if opdracht.future.set_running_or_notify_cancel()]
            if not groep:
                continue
            try:
                self._schrijf_groep(groep)
            except Exception as fout:  # noqa: BLE001 - de schrijver mag nooit stoppen: dan wacht iedereen eeuwig
                log.error("Schrijver van de auditopslag: onverwachte fout", exc_info=fout)
                for opdracht in groep:
                    _zet_fout(opdracht.future, OpslagNietBeschikbaar("Vastleggen is mislukt."))
            self._misschien_opruimen()

    def _misschien_opruimen(self) -> None:
        """Ten hoogste eens per OPRUIMEN_ELKE_S: verlopen Idempotency-Keys weg (na het antwoord aan de groep)."""
        nu = time.monotonic()
        if nu < self._volgende_opruiming:
            return
        self._volgende_opruiming = nu + OPRUIMEN_ELKE_S
        try:
            aantal = self.ruim_sleutels_op()
        except Exception as fout:  # noqa: BLE001 - opruimen is bijzaak; de schrijver gaat door
            log.warning("Opruimen van Idempotency-Keys is mislukt: %s", fout)
            return
        if aantal:
            log.info("%d verlopen Idempotency-Keys opgeruimd", aantal)

    #: Wordt na elke geslaagde commit aangeroepen met (duur in seconden, aantal records): voor de metrics.
    waarnemer: Callable[[float, int], None] | None = None

    def _schrijf_groep(self, groep: list[_Opdracht]) -> None:
        """Legt geclaimde opdrachten vast en geeft elke Future haar uitkomst."""
        begin = time.perf_counter()
        try:
            records = self._leg_vast(groep)
        except _OnzekereCommit as onzeker:
            # Nagaan kan duren zolang de database weg is (tot ONZEKER_NAGAAN_S): op een eigen thread, zodat de
            # schrijver intussen de volgende groepen een antwoord geeft (503 zolang de database weg is). De kop van
            # deze ketens is nu onbekend: de volgende groep leest hem, met wat er ook van deze groep staat.
            threading.Thread(
                target=self._na_onzekere_commit, args=(groep, onzeker), name="maatstaf-nagaan", daemon=True
            ).start()
            return
        except exc.IntegrityError as fout:
            if len(groep) == 1:
                _zet_fout(groep[0].future, self._vertaal(fout))
                return
            # één record botst (dubbel id of sleutel): leg de rest los vast en meld de botsing alleen daar
            for opdracht in groep:
                self._schrijf_groep([opdracht])
            return
        except Exception as fout:  # noqa: BLE001 - elke fout gaat naar de wachtende aanroepers
            vertaald = self._vertaal(fout)
            for opdracht in groep:
                _zet_fout(opdracht.future, vertaald)
            return
        if self.waarnemer is not None:
            self.waarnemer(time.perf_counter() - begin, len(records))
        for opdracht, record in zip(groep, records, strict=True):
            _zet_resultaat(opdracht.future, record)

    @staticmethod
    def _vertaal(fout: BaseException) -> BaseException:
        if isinstance(fout, OpslagNietBeschikbaar | BerekeningBestaatAl | SleutelBestaatAl):
            return fout
        if isinstance(fout, exc.IntegrityError):
            # alleen de eerste regel: de naam van de constraint, niet de waarden (die komen van de client)
            tekst = (str(fout.orig).strip().splitlines() or [""])[0]
            if "idempotentiesleutel" in tekst:
                nieuw = SleutelBestaatAl("Deze Idempotency-Key is al gebruikt.")
            elif "berekening_id" in tekst or "uniek" in tekst or "beleidsversie" in tekst:
                nieuw = BerekeningBestaatAl("Er is al een auditrecord met dit id of deze sleutel.")
            else:
                nieuw = OpslagNietBeschikbaar(f"Vastleggen is mislukt: {_kort(fout)}")
        elif isinstance(fout, _DB_FOUTEN):
            nieuw = OpslagNietBeschikbaar(f"Vastleggen is mislukt: {_kort(fout)}")
        else:
            log.error("Onverwachte fout bij vastleggen", exc_info=fout)
            nieuw = OpslagNietBeschikbaar(f"Vastleggen is mislukt: {type(fout).__name__}")
        nieuw.__cause__ = fout
        return nieuw

    def _leg_vast(self, groep: list[_Opdracht]) -> list[AuditRecord]:
        nieuwe_sleutels: dict[str, bytes] = {}
        try:
            records = self._leg_vast_in_transactie(groep, nieuwe_sleutels)
        except exc.DBAPIError as fout:
            if fout.connection_invalidated:
                # De verbinding van de schrijver bleek verbroken (bijv. PostgreSQL herstart) vóór de COMMIT: er is
                # niets vastgelegd. Eén keer opnieuw, op een nieuwe verbinding; faalt dat ook, dan krijgt de groep 503.
                log.warning("Verbinding van de schrijver verbroken; de groep gaat opnieuw op een nieuwe verbinding")
            elif _is_vertakking(fout):
                # Een ander proces schreef intussen in deze keten: de kop die deze schrijver onthield, was niet meer
                # de laatste. De database weigerde de tweede opvolger (uq_auditrecord_keten_vorige_hash); er is
                # niets vastgelegd. Opnieuw, nu met de kop vergrendeld.
                log.info("Keten intussen door een ander proces verlengd; de groep gaat opnieuw met het slot op de kop")
            else:
                raise
            nieuwe_sleutels.clear()
            records = self._leg_vast_in_transactie(groep, nieuwe_sleutels)
        self._onthoud(nieuwe_sleutels)  # pas na de commit: een teruggedraaide sleutel mag nooit worden gebruikt
        return records

    def _leg_vast_in_transactie(self, groep: list[_Opdracht], nieuwe_sleutels: dict[str, bytes]) -> list[AuditRecord]:
        """Eén transactie voor de hele groep, ongeacht haar grootte.

        Op PostgreSQL rekent de schrijver op de kop van elke keten die hij zelf het laatst vastlegde: BEGIN, het slot
        op de koppen, alle rijen en COMMIT gaan dan in één rondgang naar de server (_schrijf_rijen). Schreef een
        ander proces intussen in een van die ketens, dan weigert de database het eerste nieuwe record
        (uq_auditrecord_keten_vorige_hash: een record heeft ten hoogste één opvolger), wordt niets vastgelegd en gaat
        de groep opnieuw (_leg_vast), nu met de koppen eerst vergrendeld en gelezen: drie rondgangen. Zo ook bij een
        keten die deze schrijver nog niet kent of die kort geleden omstreden was, en bij een groep met mutaties.
        Op SQLite houdt BEGIN IMMEDIATE de hele database vast; daar gaan dezelfde opdrachten na elkaar."""
        ketens = sorted({_keten(o.velden["gemeente"]) for o in groep})
        nu = time.monotonic()
        optimistisch = (
            self._schrijver_engine.dialect.name == "postgresql"
            and all(keten in self._koppen and self._omstreden.get(keten, 0.0) < nu for keten in ketens)
            and not any(opdracht.mutaties for opdracht in groep)
        )
        # Tot de commit slaagt, is de kop van deze ketens onbekend (een mislukte groep gaat opnieuw met het slot).
        onthouden = {keten: self._koppen.pop(keten, None) for keten in ketens}
        with self._schrijven(), self._schrijver_engine.connect() as verbinding:
            transactie = verbinding.begin()
            try:
                # Stuurde de server iets terwijl de verbinding stillag (bijv. dat hij de sessie afbrak), dan gaat de
                # groep niet in één rondgang met de COMMIT erin, maar vergrendelt eerst: die eerste vraag merkt een
                # verbroken verbinding, en dan gaat de groep veilig opnieuw (er is dan zeker niets vastgelegd).
                optimistisch = optimistisch and not _pg_bericht_ontvangen(verbinding)
                koppen = dict(onthouden) if optimistisch else _vergrendel_koppen(verbinding, ketens)
                records, rijen = [], []
                for opdracht in groep:
                    keten = _keten(opdracht.velden["gemeente"])
                    # De volgorde van tijdstippen volgt de volgorde van de keten: hier na het slot, of (in één
                    # rondgang) vóór een slot dat alleen slaagt als sindsdien niemand in de keten schreef.
                    tijdstip = datetime.now(UTC)
                    velden, resultaat_tekst = self._versleuteld(verbinding, opdracht, tijdstip, nieuwe_sleutels)
                    # De hash over de opgeslagen tekst zoals die is: het resultaat wordt daarvoor niet ingelezen.
                    record = AuditRecord(
                        **opdracht.velden,
                        tijdstip=tijdstip,
                        # De aanroeper krijgt de tekst zoals aangeboden (eigen kopie, precies wat get() teruggeeft); een
                        # batch heeft het resultaat al als tekst en leest het niet terug (terug_resultaat=False).
                        resultaat=orjson.loads(opdracht.resultaat_tekst) if opdracht.terug_resultaat else None,
                        vorige_hash=koppen[keten],
                        hash=record_hash(
                            **velden,
                            tijdstip=tijdstip,
                            resultaat=None,
                            resultaat_tekst=resultaat_tekst,
                            vorige_hash=koppen[keten],
                        ),
                    )
                    koppen[keten] = record.hash
                    records.append(record)
                    rijen.append(
                        {
                            **velden,
                            "tijdstip": record.tijdstip,
                            "resultaat": resultaat_tekst,
                            "vorige_hash": record.vorige_hash,
                            "hash": record.hash,
                            "keten": keten,
                            "uniek": opdracht.uniek,
                        }
                    )
                # Vóór de records, in dezelfde transactie: een dubbele sleutel botst eerst (SleutelBestaatAl), ook als
                # het record zelf op een andere unieke kolom zou botsen (bijv. hetzelfde maatwerk).
                sleutels = [
                    {
                        "gemeente": o.idempotentie.gemeente,
                        "sleutel": o.idempotentie.sleutel,
                        "vingerafdruk": o.idempotentie.vingerafdruk,
                        "berekening_id": r.berekening_id,
                        "locatie": o.idempotentie.locatie,
                        "aangemaakt": r.tijdstip,
                    }
                    for o, r in zip(groep, records, strict=True)
                    if o.idempotentie is not None
                ]
                if all(rij["team"] is None for rij in rijen):
                    # zonder team geen kolom team: zo schrijft de store ook op een schema van vóór 0006 (migratietests)
                    for rij in rijen:
                        del rij["team"]
                tellingen = self._tel_sleutels(
                    [(o.tellingen, o.velden["gemeente"], r.tijdstip) for o, r in zip(groep, records, strict=True)]
                )
                try:
                    volgnummers = _schrijf_rijen(verbinding, sleutels, rijen, tellingen, koppen, optimistisch)
                except exc.DBAPIError as fout:
                    if _is_vertakking(fout):
                        for keten in ketens:
                            self._omstreden[keten] = time.monotonic() + OMSTREDEN_S
                    elif optimistisch and fout.connection_invalidated:
                        # de COMMIT zat in dezelfde rondgang: misschien is alles vastgelegd, misschien niets
                        raise _OnzekereCommit(records) from fout
                    raise
                records = [replace(r, volgnummer=nr) for r, nr in zip(records, volgnummers, strict=True)]
                for opdracht, record in zip(groep, records, strict=True):
                    for mutatie in opdracht.mutaties:
                        if isinstance(mutatie, MetVersleuteling):  # vrije tekst ernaast, met de sleutel van het record
                            gemeente = opdracht.velden["gemeente"]
                            versleutel = self._versleutelaar(verbinding, gemeente, record.tijdstip, nieuwe_sleutels)
                            mutatie = mutatie.maak(versleutel)
                        verbinding.execute(mutatie)
            except BaseException:
                with suppress(Exception):
                    transactie.rollback()
                raise
            try:
                self._commit(transactie)
            except _DB_FOUTEN as fout:
                # De verbinding brak tijdens COMMIT: misschien is alles vastgelegd, misschien niets. Nieuwe
                # gegevenssleutels worden dan niet onthouden; een lezer haalt ze zo nodig uit de database.
                raise _OnzekereCommit(records) from fout
        if self._schrijver_engine.dialect.name == "postgresql":
            self._koppen.update(koppen)
        return records

    @staticmethod
    def _commit(transactie) -> None:
        transactie.commit()

    def _na_onzekere_commit(self, groep: list[_Opdracht], onzeker: _OnzekereCommit) -> None:
        """Na een afgebroken COMMIT nagaan of de groep er staat (een commit is alles of niets) en naar waarheid
        antwoorden: 201 als de records er zijn, 503 als ze er niet zijn. Is de database ook na
        ONZEKER_NAGAAN_S niet te bereiken, dan 503 met een fout in het log: dat is het enige geval waarin een 503
        niet zeker "niet vastgelegd" betekent."""
        ids = [r.berekening_id for r in onzeker.records]
        einde = time.monotonic() + ONZEKER_NAGAAN_S
        while True:
            try:
                gevonden = self._lees(
                    select(auditrecord.c.berekening_id, auditrecord.c.volgnummer).where(
                        auditrecord.c.berekening_id.in_(ids)
                    )
                )
                break
            except OpslagNietBeschikbaar:
                if time.monotonic() > einde:
                    log.error("COMMIT afgebroken en niet na te gaan of %d records zijn vastgelegd: %s", len(ids), ids)
                    for opdracht in groep:
                        _zet_fout(opdracht.future, OpslagNietBeschikbaar("Vastleggen is onzeker afgebroken."))
                    return
                time.sleep(0.5)
        gevonden_ids = {rij[0]: rij[1] for rij in gevonden}
        log.warning("COMMIT afgebroken; nagegaan: %d van %d records vastgelegd", len(gevonden_ids), len(ids))
        vertaald = self._vertaal(onzeker.__cause__ or onzeker)
        for opdracht, record in zip(groep, onzeker.records, strict=True):
            if record.berekening_id in gevonden_ids:
                _zet_resultaat(opdracht.future, replace(record, volgnummer=gevonden_ids[record.berekening_id]))
            else:
                _zet_fout(opdracht.future, vertaald)

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

    def records_van_regelversies(self, versies: list[str]):
        """(berekening_id, regelversie, invoer, tijdstip) van elk record onder deze regelversies, gestreamd."""
        vraag = select(
            auditrecord.c.berekening_id, auditrecord.c.regelversie, auditrecord.c.invoer, auditrecord.c.tijdstip
        ).where(auditrecord.c.regelversie.in_(versies))
        try:
            with self._lezen(), self._engine.connect() as verbinding:
                yield from verbinding.execution_options(yield_per=2000).execute(vraag)
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Lezen is mislukt: {_kort(fout)}") from fout

    def hertel(self, gemeente: str) -> tuple[dict[tuple, int], dict[tuple, int]]:
        """De tellingen van een gemeente opnieuw afgeleid uit haar auditrecords (zelfde vorm als
        ``tellingen_in_tabellen``): zo is na te gaan dat de lopende tellingen kloppen met de audittrail."""
        return self._hertel_uit(self.lijst_alle(gemeente))

    def herbouw_tellingen(self, gemeente: str) -> tuple[int, int]:
        """Vervangt de lopende tellingen van een gemeente door wat haar auditrecords geven (``hertel``), bijv. na de
        upgrade naar migratie 0006: records van daarvóór tellen dan ook mee. In één transactie met het slot op de
        keten van de gemeente, zodat de schrijver intussen niets voor haar vastlegt (geen telling dubbel of
        vergeten). Geeft het aantal rijen (spiegeltelling, vergelijkingstelling)."""
        keten = _keten(gemeente)
        try:
            with self._schrijven(), self._schrijf_engine.connect() as verbinding, verbinding.begin():
                _vergrendel_koppen(verbinding, [keten])
                rijen = verbinding.execute(
                    select(auditrecord).where(auditrecord.c.keten == keten).order_by(auditrecord.c.volgnummer)
                )
                spiegelrijen, vergelijking = self._hertel_uit(_record(rij) for rij in rijen)
                for tabel, tellingen in ((spiegeltelling, spiegelrijen), (vergelijkingstelling, vergelijking)):
                    verbinding.execute(tabel.delete().where(tabel.c.gemeente == gemeente))
                    kolommen = [kolom.name for kolom in tabel.primary_key.columns]
                    if tellingen:
                        verbinding.execute(
                            insert(tabel),
                            [
                                {**dict(zip(kolommen, sleutel, strict=True)), "aantal": n}
                                for sleutel, n in sorted(tellingen.items())
                            ],
                        )
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Hertellen is mislukt: {_kort(fout)}") from fout
        return len(spiegelrijen), len(vergelijking)

    def _hertel_uit(self, records) -> tuple[dict[tuple, int], dict[tuple, int]]:
        bekend: dict[str, AuditRecord] = {}
        items = []
        for record in records:
            bekend[record.berekening_id] = record
            oorsprong = None
            if record.soort in ("maatwerkbesluit", "maatwerkbeoordeling") and record.verwijzing:
                doel = bekend.get(record.verwijzing)
                if doel is not None and doel.soort == "maatwerkbesluit" and doel.verwijzing:
                    doel = bekend.get(doel.verwijzing)
                if doel is not None:
                    oorsprong = spiegel.Oorsprong(
                        doel.soort, json.loads(doel.invoer_tekst), doel.resultaat, doel.team, doel.sub
                    )
            tellingen = spiegel.tellingen_van(
                record.soort, json.loads(record.invoer_tekst), record.resultaat, record.team, record.sub, oorsprong
            )
            items.append((tellingen, record.gemeente, record.tijdstip))
        return self._tel_sleutels(items)

    def lijst_alle(self, gemeente: str):
        """Alle records van een gemeente in ketenvolgorde, gestreamd (niet ontsleuteld)."""
        try:
            with self._lezen(), self._engine.connect() as verbinding:
                rijen = verbinding.execution_options(yield_per=2000).execute(
                    select(auditrecord)
                    .where(auditrecord.c.keten == _keten(gemeente))
                    .order_by(auditrecord.c.volgnummer)
                )
                for rij in rijen:
                    yield _record(rij)
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Lezen is mislukt: {_kort(fout)}") from fout

    def _selectie(self, gemeente: str, soort: str, van: datetime | None, tot: datetime | None):
        voorwaarden = [auditrecord.c.keten == _keten(gemeente), auditrecord.c.soort == soort]
        if van is not None:
            voorwaarden.append(auditrecord.c.tijdstip >= van)
        if tot is not None:
            voorwaarden.append(auditrecord.c.tijdstip < tot)
        return voorwaarden

    def blokken(
        self, gemeente: str, soort: str, van: datetime | None, tot: datetime | None, grootte: int
    ) -> list[tuple[int, int, int]]:
        """De records van een gemeente en soort met ``van <= tijdstip < tot`` in blokken van ten hoogste
        ``grootte``, in ketenvolgorde: (eerste volgnummer, laatste volgnummer, aantal) per blok. Eén vraag; de
        database nummert, Python krijgt alleen de grenzen (een paar honderd rijen voor een miljoen records)."""
        genummerd = (
            select(
                auditrecord.c.volgnummer,
                ((func.row_number().over(order_by=auditrecord.c.volgnummer) - 1) // grootte).label("blok"),
            )
            .where(*self._selectie(gemeente, soort, van, tot))
            .subquery()
        )
        vraag = (
            select(func.min(genummerd.c.volgnummer), func.max(genummerd.c.volgnummer), func.count())
            .group_by(genummerd.c.blok)
            .order_by(genummerd.c.blok)
        )
        return [(r[0], r[1], r[2]) for r in self._lees(vraag)]

    def records_in_blok(
        self, gemeente: str, soort: str, van: datetime | None, tot: datetime | None, eerste: int, laatste: int
    ):
        """(berekening_id, invoer, resultaat, tijdstip) van de records in een blok (zie ``blokken``), gestreamd
        (server-side cursor), in ketenvolgorde. De invoer is ontsleuteld (gewiste tekst: de gewist-tekst); het
        resultaat is het opgeslagen resultaat zoals ingelezen, zonder te ontsleutelen (alleen bedragen en codes
        worden eruit gebruikt)."""
        vraag = (
            select(auditrecord.c.berekening_id, auditrecord.c.invoer, auditrecord.c.resultaat, auditrecord.c.tijdstip)
            .where(*self._selectie(gemeente, soort, van, tot), auditrecord.c.volgnummer.between(eerste, laatste))
            .order_by(auditrecord.c.volgnummer)
        )
        try:
            with self._lezen(), self._engine.connect() as verbinding:
                for rij in verbinding.execution_options(yield_per=500).execute(vraag):
                    invoer = rij.invoer
                    if VOORVOEGSEL in invoer:
                        invoer = _VERSLEUTELDE_TEKST.sub(partial(self._ontsleutel_json, id_=rij.berekening_id), invoer)
                    yield rij.berekening_id, invoer, orjson.loads(rij.resultaat), rij.tijdstip
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Lezen is mislukt: {_kort(fout)}") from fout

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

#: Een versleutelde tekst als JSON-tekst: het voorvoegsel, de sleutel-id en base64 (geen aanhalingsteken of escape).
_VERSLEUTELDE_TEKST = re.compile('"(' + re.escape(VOORVOEGSEL) + r'[0-9A-Za-z+/=:_\-]+)"')
