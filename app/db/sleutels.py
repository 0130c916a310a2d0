"""Gegevenssleutels en wissen (crypto-shredding): vrije tekst versleutelen met de sleutel van gemeente en jaar,
ontsleutelen bij het lezen, sleutels opzoeken en onthouden, een sleutel vernietigen; en de Idempotency-Keys met het
opruimen van verlopen sleutels."""

from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial

import orjson
from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.db.models import gegevenssleutel, idempotentiesleutel
from app.db.records import (
    _DB_FOUTEN,
    SLEUTEL_BEWAARTERMIJN,
    SLEUTEL_ONTHOUDEN_S,
    AuditRecord,
    EerderVerzoek,
    GeenSleutel,
    OpslagNietBeschikbaar,
    StoreBasis,
    _bevat_versleuteld,
    _kort,
    _Opdracht,
    log,
    periode_van,
)
from app.db.versleuteling import (
    VOORVOEGSEL,
    Ontsleutelfout,
    gewist_tekst,
    inpakken,
    lees_json,
    nieuwe_sleutel,
    ontsleutel_tekst,
    ontsleutel_waarde,
    schrijf_json,
    sleutel_id,
    sleutel_id_van,
    uitpakken,
    versleutel_record,
    versleutel_tekst,
)


class Sleutels(StoreBasis):
    """Versleutelen, ontsleutelen en wissen van vrije tekst; Idempotency-Keys."""

    def _versleuteld(
        self, verbinding, opdracht: _Opdracht, tijdstip: datetime, nieuwe_sleutels: dict[str, bytes]
    ) -> tuple[dict, str]:
        """(velden, resultaat_tekst) zoals ze worden opgeslagen: vrije tekst versleuteld met de sleutel van de
        gemeente en het jaar van ``tijdstip``."""
        gemeente = opdracht.velden["gemeente"]
        if not (opdracht.vrije_paden or opdracht.vrije_teksten) or not gemeente or self._hoofdsleutel is None:
            return opdracht.velden, opdracht.resultaat_tekst
        sid = sleutel_id(gemeente, periode_van(tijdstip))
        dek = self._schrijfsleutel(verbinding, sid, gemeente, tijdstip, nieuwe_sleutels)
        invoer, resultaat, veranderd = versleutel_record(
            opdracht.velden["invoer"],
            opdracht.resultaat_tekst,
            opdracht.vrije_paden,
            opdracht.vrije_teksten,
            lambda tekst: versleutel_tekst(dek, sid, tekst),
        )
        if not veranderd:
            return opdracht.velden, opdracht.resultaat_tekst
        return {**opdracht.velden, "invoer": invoer}, resultaat  # canonieke tekst in, canonieke tekst uit

    def _schrijfsleutel(
        self, verbinding, sid: str, gemeente: str, tijdstip: datetime, nieuwe_sleutels: dict[str, bytes]
    ) -> bytes:
        """De gegevenssleutel om mee te versleutelen; bestaat hij nog niet, dan in deze transactie aangemaakt."""
        if sid in nieuwe_sleutels:
            return nieuwe_sleutels[sid]
        bewaard = self._bewaarde_sleutel(sid)
        if bewaard is not None and bewaard[0] is not None:
            return bewaard[0]
        vraag = select(gegevenssleutel).where(gegevenssleutel.c.sleutel_id == sid)
        rij = verbinding.execute(vraag).one_or_none()
        if rij is None:
            invoegen = pg_insert if verbinding.dialect.name == "postgresql" else sqlite_insert
            verbinding.execute(
                invoegen(gegevenssleutel)
                .values(
                    sleutel_id=sid,
                    gemeente=gemeente,
                    periode=int(sid.rsplit("-", 1)[1]),
                    ingepakt=inpakken(self._hoofdsleutel, nieuwe_sleutel(), sid),
                    aangemaakt=tijdstip,
                )
                .on_conflict_do_nothing()
            )
            rij = verbinding.execute(vraag).one()
        if rij.ingepakt is None:
            raise OpslagNietBeschikbaar(f"De gegevenssleutel {sid} is gewist; in deze periode kan niets meer bij.")
        try:
            dek = uitpakken(self._hoofdsleutel, rij.ingepakt, sid)
        except Ontsleutelfout:
            raise OpslagNietBeschikbaar(
                f"De gegevenssleutel {sid} is niet uit te pakken: is MAATSTAF_SLEUTEL veranderd?"
            ) from None
        nieuwe_sleutels[sid] = dek
        return dek

    def _bewaarde_sleutel(self, sid: str) -> tuple[bytes | None, datetime | None] | None:
        with self._sleutel_slot:
            bewaard = self._sleutels.get(sid)
        if bewaard is None or bewaard[2] < time.monotonic():
            return None
        return bewaard[0], bewaard[1]

    def _onthoud(self, sleutels: dict[str, bytes | None], gewist_op: datetime | None = None) -> None:
        tot = time.monotonic() + SLEUTEL_ONTHOUDEN_S
        with self._sleutel_slot:
            for sid, dek in sleutels.items():
                self._sleutels[sid] = (dek, gewist_op, tot)

    def _leessleutel(self, sid: str) -> tuple[bytes | None, datetime | None]:
        """(sleutel, None), of (None, gewist_op) als de sleutel is vernietigd.

        Raises:
            GeenSleutel: er is geen hoofdsleutel, of de rij ontbreekt (de tekst is niet te lezen, maar niet gewist).
            OpslagNietBeschikbaar: de sleutel is niet uit te pakken (een andere MAATSTAF_SLEUTEL dan bij het
                vastleggen): een configuratiefout, geen wissen.
        """
        bewaard = self._bewaarde_sleutel(sid)
        if bewaard is not None:
            return bewaard
        if self._hoofdsleutel is None:
            raise GeenSleutel("[versleuteld: geen hoofdsleutel ingesteld]")
        rijen = self._lees(select(gegevenssleutel).where(gegevenssleutel.c.sleutel_id == sid))
        if not rijen:
            log.error("Gegevenssleutel %s ontbreekt, maar er is tekst mee versleuteld", sid)
            raise GeenSleutel("[niet te lezen: de sleutel ontbreekt]")
        if rijen[0].ingepakt is None:
            uitkomst: tuple[bytes | None, datetime | None] = (None, rijen[0].gewist_op)
        else:
            try:
                uitkomst = (uitpakken(self._hoofdsleutel, rijen[0].ingepakt, sid), None)
            except Ontsleutelfout:
                log.error("Gegevenssleutel %s is niet uit te pakken: is MAATSTAF_SLEUTEL veranderd?", sid)
                raise OpslagNietBeschikbaar(
                    "De vrije tekst is niet te lezen: de hoofdsleutel (MAATSTAF_SLEUTEL) past niet bij de opslag."
                ) from None
        self._onthoud({sid: uitkomst[0]}, uitkomst[1])
        return uitkomst

    def _ontsleuteld(self, record: AuditRecord) -> AuditRecord:
        """Het record met leesbare tekst; tekst waarvan de sleutel is vernietigd, wordt de gewist-tekst."""
        if VOORVOEGSEL not in record.invoer and not _bevat_versleuteld(record.resultaat):
            return record
        wanneer: list[datetime] = []
        ontsleutel = partial(self._ontsleutel_een, waarvan=f"record {record.berekening_id}", wanneer=wanneer)
        invoer, gewist = record.invoer, []
        if VOORVOEGSEL in record.invoer:
            data, gewist = ontsleutel_waarde(lees_json(record.invoer), ontsleutel, "invoer")
            invoer = schrijf_json(data)
        resultaat, gewist_resultaat = ontsleutel_waarde(record.resultaat, ontsleutel, "resultaat")
        return replace(
            record,
            invoer=invoer,
            resultaat=resultaat,
            gewist=tuple(gewist + gewist_resultaat),
            gewist_op=max(wanneer) if wanneer else None,
        )

    def _ontsleutel_een(self, waarde: str, waarvan: str, wanneer: list[datetime] | None = None) -> tuple[str, bool]:
        """(tekst, gewist) van één versleutelde tekst; bij een vernietigde sleutel de gewist-tekst (en het moment van
        wissen in ``wanneer``)."""
        try:
            dek, gewist_op = self._leessleutel(sleutel_id_van(waarde))
        except GeenSleutel as fout:
            return str(fout), False
        if dek is None:
            if gewist_op is not None and wanneer is not None:
                wanneer.append(gewist_op)
            return gewist_tekst(gewist_op), True
        try:
            return ontsleutel_tekst(dek, waarde), False
        except Ontsleutelfout:
            log.error("Tekst in %s is niet te ontsleutelen", waarvan)
            return "[niet te lezen: de versleutelde tekst klopt niet]", False

    def _ontsleutel_json(self, treffer: re.Match, id_: str) -> str:
        """Eén versleutelde JSON-tekst (``"versleuteld:v1:…"``) in een opgeslagen invoer als leesbare JSON-tekst;
        zoals ``_ontsleuteld``, maar zonder de invoer in te lezen en weer te schrijven."""
        waarde = treffer.group(1)
        try:
            dek, gewist_op = self._leessleutel(sleutel_id_van(waarde))
        except GeenSleutel as fout:
            return orjson.dumps(str(fout)).decode()
        if dek is None:
            return orjson.dumps(gewist_tekst(gewist_op)).decode()
        try:
            return orjson.dumps(ontsleutel_tekst(dek, waarde)).decode()
        except Ontsleutelfout:
            log.error("Tekst in record %s is niet te ontsleutelen", id_)
            return orjson.dumps("[niet te lezen: de versleutelde tekst klopt niet]").decode()

    def _versleutelaar(self, verbinding, gemeente: str | None, tijdstip: datetime, nieuwe_sleutels: dict[str, bytes]):
        """Versleutelt een tekst zoals de vrije tekst van een record van ``gemeente`` op ``tijdstip`` (dezelfde
        gegevenssleutel); zonder gemeente of hoofdsleutel blijft de tekst zoals hij is (zoals in het record)."""
        if not gemeente or self._hoofdsleutel is None:
            return lambda tekst: tekst
        sid = sleutel_id(gemeente, periode_van(tijdstip))
        dek = self._schrijfsleutel(verbinding, sid, gemeente, tijdstip, nieuwe_sleutels)
        return lambda tekst: versleutel_tekst(dek, sid, tekst)

    def vernietig_sleutel(self, gemeente: str, periode: int) -> datetime:
        """Vernietigt de gegevenssleutel van een gemeente en periode (na de bewaartermijn, vier ogen: zie de API).
        De rij blijft, zonder sleutel, met het moment van wissen. Geeft dat moment; idempotent."""
        sid = sleutel_id(gemeente, periode)
        nu = datetime.now(UTC)
        try:
            with self._schrijven(), self._schrijf_engine.begin() as verbinding:
                rij = verbinding.execute(
                    select(gegevenssleutel).where(gegevenssleutel.c.sleutel_id == sid).with_for_update()
                ).one_or_none()
                if rij is None:  # geen records met tekst in die periode: een lege rij voorkomt een latere sleutel
                    verbinding.execute(
                        insert(gegevenssleutel).values(
                            sleutel_id=sid, gemeente=gemeente, periode=periode, aangemaakt=nu, gewist_op=nu
                        )
                    )
                elif rij.gewist_op is None:
                    verbinding.execute(
                        update(gegevenssleutel)
                        .where(gegevenssleutel.c.sleutel_id == sid)
                        .values(ingepakt=None, gewist_op=nu)
                    )
                else:
                    nu = rij.gewist_op
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Wissen van de sleutel is mislukt: {_kort(fout)}") from fout
        self._onthoud({sid: None}, nu)
        return nu

    def sleutel_gewist_op(self, gemeente: str, periode: int) -> datetime | None:
        """Wanneer de sleutel van deze gemeente en periode is vernietigd; None als dat niet zo is."""
        rijen = self._lees(
            select(gegevenssleutel.c.gewist_op).where(gegevenssleutel.c.sleutel_id == sleutel_id(gemeente, periode))
        )
        return rijen[0].gewist_op if rijen else None

    def stand_uit_rijen(self, rijen) -> tuple:
        """De stand uit de rijen van ``UITLEGSTAND_SQL`` (soort, besluit, beoordeling, sleutel_id, gewist_op)."""
        maatwerk = tuple((r[1], r[2]) for r in rijen if r[0] == "m")
        sleutels = tuple((r[3], r[4]) for r in rijen if r[0] == "g")
        for sid, gewist_op in sleutels:
            bewaard = self._bewaarde_sleutel(sid)
            if bewaard is None or bewaard[0] is not None:
                self._onthoud({sid: None}, gewist_op)
        return maatwerk, tuple((sid, gewist_op.isoformat()) for sid, gewist_op in sleutels)

    def idempotentie(self, gemeente: str, sleutel: str) -> EerderVerzoek | None:
        """Wat bij deze Idempotency-Key van deze gemeente is vastgelegd, of None."""
        rijen = self._lees(
            select(idempotentiesleutel).where(
                idempotentiesleutel.c.gemeente == gemeente, idempotentiesleutel.c.sleutel == sleutel
            )
        )
        if not rijen:
            return None
        rij = rijen[0]
        return EerderVerzoek(rij.vingerafdruk, rij.berekening_id, rij.locatie, rij.aangemaakt)

    def idempotenties(self, gemeente: str, sleutels: list[str]) -> dict[str, EerderVerzoek]:
        """Per Idempotency-Key van deze gemeente wat is vastgelegd, in één vraag (voor een batch)."""
        if not sleutels:
            return {}
        rijen = self._lees(
            select(idempotentiesleutel).where(
                idempotentiesleutel.c.gemeente == gemeente, idempotentiesleutel.c.sleutel.in_(sleutels)
            )
        )
        return {r.sleutel: EerderVerzoek(r.vingerafdruk, r.berekening_id, r.locatie, r.aangemaakt) for r in rijen}

    def ruim_sleutels_op(self, bewaartermijn: timedelta = SLEUTEL_BEWAARTERMIJN) -> int:
        """Verwijdert Idempotency-Keys die ouder zijn dan de bewaartermijn (ten minste 24 uur); de auditrecords
        blijven. Geeft het aantal verwijderde sleutels."""
        if bewaartermijn < timedelta(hours=24):
            raise ValueError("Idempotency-Keys worden ten minste 24 uur bewaard.")
        grens = datetime.now(UTC) - bewaartermijn
        try:
            with self._schrijven(), self._schrijf_engine.begin() as verbinding:
                return verbinding.execute(
                    delete(idempotentiesleutel).where(idempotentiesleutel.c.aangemaakt < grens)
                ).rowcount
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Opruimen van sleutels is mislukt: {_kort(fout)}") from fout
