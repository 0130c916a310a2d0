"""De schrijver van de auditopslag: één thread per store die wachtende records in groepen vastlegt (één transactie,
één commit, één fsync per groep), met het claimen en intrekken van opdrachten, het opnieuw proberen na een vertakte
keten of een verbroken verbinding, en het nagaan van een onzekere commit (RELIABILITY.md)."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from datetime import UTC, datetime

import orjson
from sqlalchemy import exc, select

from app.db.hashing import record_hash
from app.db.models import auditrecord
from app.db.pg import bericht_ontvangen, is_vertakking
from app.db.records import (
    _DB_FOUTEN,
    MAX_GROEP,
    OMSTREDEN_S,
    ONZEKER_NAGAAN_S,
    OPRUIMEN_ELKE_S,
    AuditRecord,
    BerekeningBestaatAl,
    MetVersleuteling,
    OpslagNietBeschikbaar,
    SleutelBestaatAl,
    _keten,
    _kort,
    _OnzekereCommit,
    _Opdracht,
    _schrijf_rijen,
    _vergrendel_koppen,
    _zet_fout,
    _zet_resultaat,
    log,
)
from app.db.sleutels import Sleutels
from app.db.tellingen import Tellingen


class Schrijver(Tellingen, Sleutels):
    """De wachtrij, de schrijfthread en de transactie van een groep."""

    _wachtrij: queue.SimpleQueue[_Opdracht | None]
    # Alleen van de schrijfthread: de laatste kop per keten zoals déze schrijver hem vastlegde, en tot wanneer een
    # keten omstreden is (een ander proces schreef erin). Zie _leg_vast_in_transactie.
    _koppen: dict[str, str]
    _omstreden: dict[str, float]
    _schrijver_slot: threading.Lock
    _thread: threading.Thread | None
    _gesloten: bool
    _volgende_opruiming: float

    def start(self) -> None:
        """Start de schrijver meteen (anders bij het eerste record), zodat de gereedheidscontrole hem ziet."""
        self._schrijver()

    def schrijver_leeft(self) -> bool:
        """Draait de schrijver, en neemt de store nog records aan?"""
        with self._schrijver_slot:
            return not self._gesloten and self._thread is not None and self._thread.is_alive()

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
            elif is_vertakking(fout):
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
                optimistisch = optimistisch and not bericht_ontvangen(verbinding)
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
                    if is_vertakking(fout):
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
