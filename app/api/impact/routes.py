"""POST /impactanalyses: wat een kandidaat-regelversie zou doen met de vastgelegde boetes van de eigen gemeente
(issue #9 §4), vóór de wijziging wordt doorgevoerd.

Een kandidaat is regeldata die de server kent (zie ``kandidaat_regeldata``):

- ``{"regelmap": "<naam>"}``: een submap van ``MAATSTAF_KANDIDAATREGELS_DIR``, gelezen zoals ``MAATSTAF_REGELS_DIR``
  (de ingebouwde regels plus die map). Zo zet de beheerder een correctie of de normen van een nieuw halfjaar eerst
  als kandidaat neer, laat de gemeente de gevolgen zien en rolt hem daarna uit;
- ``{"regelversie": "sha256:…"}``: een bewaarde regelversie (tabel ``regelset``), bijv. wat de regels van vorig
  jaar met dezelfde gevallen zouden doen.

- ``{"beleidsversie": "<id>"}``: een beleidsversie van de eigen gemeente, meestal een voorgestelde (nog niet
  vastgestelde): wat zou dit beleid met de boetes van vorig jaar hebben gedaan?

De kandidaat vervangt precies één laag; de andere blijft wat de boete gebruikte. Met kandidaat-regels rekent elke
boete met precies de beleidsversie die zij gebruikte (``beleid_van``, zoals een herberekening), zodat alleen het
effect van de regels zichtbaar wordt. Met een kandidaat-beleidsversie rekent elke boete met haar eigen, bewaarde
regelversie en met de keuzes van de kandidaat, ongeacht diens ``geldigVanaf``; keuzes die de wet op de
beschikkingsdatum van die boete niet toestaat (``toets`` van app/domain/beleid/toetsing.py), geven voor die boete een
``fout`` met de wettelijke reden, geen bedrag.

Elke geselecteerde boete wordt opnieuw berekend met dezelfde functie als de POST (``bereken_boete``), met de
nulrecorder ``GeenUitleg`` (dezelfde getallen, zonder zinnen) en zonder alternatieven, onder de kandidaat; de
opgeslagen invoer wordt daarvoor ontsleuteld. Er wordt geen berekening vastgelegd: alleen de analyse zelf, als één
auditrecord (soort ``impactanalyse``) met de samenvatting en de sha256 van de gewijzigde regels. Pas daarna gaat
het antwoord de deur uit; de regels worden tot dan op schijf gebufferd (geheugen blijft vlak).

Het rekenen gebeurt in blokken in de rekenprocessen (app/rekenpool.py): elk proces leest zijn blok zelf uit de
database (server-side cursor), rekent en geeft alleen de gewijzigde records en deeltotalen terug.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import tempfile
import uuid
from collections import deque
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import orjson
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from app import rekenpool
from app.api import berekeningen
from app.api.audit import regeldata_van
from app.api.berekeningen import versie_uit
from app.api.http import idempotentie
from app.api.http.auth import AUDITOR, BEOORDELAAR, Gebruiker, vereist
from app.api.http.lezen import gelezen
from app.api.http.problemen import Probleem
from app.api.http.routering import (
    TOEGANG,
    api_pad,
    api_router,
    body_met_voorbeeld,
    json_body,
    wacht_op_vastleggen,
    zorg_dat_klaar,
)
from app.api.http.typen import AMSTERDAM
from app.api.impact.blok import analyseer_blok, leeg_totaal
from app.api.impact.modellen import NAAM_PATROON, VOORBEELD, Impactverzoek, Kandidaat, Selectie
from app.db import AuditStore, SleutelBestaatAl
from app.domain.beleid import VASTGESTELD, Beleidsversie
from app.domain.regels import Regeldata
from app.regels import Regeldatafout, laad

router = api_router()
log = logging.getLogger("maatstaf")

NDJSON = "application/x-ndjson"
SOORT = "impactanalyse"
#: Zoveel records rekent een rekenproces per blok.
BLOK = 5000
#: Tot deze grootte blijven de gewijzigde regels in het geheugen; daarboven op schijf.
BUFFER = 8 * 1024 * 1024


Impactverzoek.model_config["json_schema_extra"] = {"examples": [VOORBEELD]}


# ---------------------------------------------------------------- de kandidaat


def kandidaatmappen(map_: str | None) -> dict[str, Path]:
    """De kandidaat-regelmappen op de server: naam → map."""
    if not map_:
        return {}
    basis = Path(map_)
    if not basis.is_dir():
        return {}
    return {p.name: p for p in sorted(basis.iterdir()) if p.is_dir() and re.fullmatch(NAAM_PATROON, p.name)}


async def kandidaat_regeldata(request: Request, kandidaat: Kandidaat) -> Regeldata:
    """De regeldata van een kandidaat-regelmap of -regelversie; 400 als de server haar niet kent."""
    if kandidaat.regelmap is not None:
        mappen = kandidaatmappen(request.app.state.instellingen.kandidaatregels_dir)
        pad = mappen.get(kandidaat.regelmap)
        if pad is None:
            # Geen opsomming van wat er wel is: de kandidaten staan op de server voor alle gemeenten, en welke een
            # beheerder heeft klaargezet, gaat een gemeente niet aan; de beheerder kent de namen.
            raise Probleem.veld(
                "kandidaat.regelmap",
                "onbekend",
                "Onbekende kandidaat-regelmap: de server heeft geen kandidaat met deze naam. Vraag de beheerder naar "
                "de naam van de kandidaat.",
            )
        try:
            return await run_in_threadpool(laad, pad)
        except Regeldatafout as fout:
            raise Probleem.veld(
                "kandidaat.regelmap", "regeldata", f"De kandidaat-regelmap is ongeldig: {fout}"
            ) from None
    data = await regeldata_van(request, kandidaat.regelversie)
    if data is None:
        raise Probleem.veld("kandidaat.regelversie", "onbekend", "Deze regelversie is niet bewaard.")
    return data


async def kandidaat_beleidsversie(request: Request, kandidaat: Kandidaat, gemeente: str) -> Beleidsversie:
    """Een beleidsversie van de eigen gemeente, in elke status; 400 als zij er niet is (of van een andere gemeente)."""
    rij = await run_in_threadpool(request.app.state.store.beleidsversie, kandidaat.beleidsversie, gemeente)
    if rij is None:
        raise Probleem.veld("kandidaat.beleidsversie", "onbekend", "Deze gemeente heeft geen beleidsversie met dit id.")
    return versie_uit(rij)


# ---------------------------------------------------------------- de analyse


def _tijdgrenzen(selectie: Selectie) -> tuple[datetime | None, datetime | None]:
    """De datums van de selectie (Nederlandse tijd, tot en met) als tijdstippen: van <= tijdstip < tot."""
    van = datetime.combine(selectie.van, time(), AMSTERDAM) if selectie.van else None
    tot = datetime.combine(selectie.tot + timedelta(days=1), time(), AMSTERDAM) if selectie.tot else None
    return van, tot


def _samenvatting(analyse_id: str, kandidaat: dict, huidig: str, selectie, totaal, sha) -> dict:
    per = totaal["per"]
    return {
        "analyseId": analyse_id,
        "kandidaat": kandidaat,
        "huidigeRegelversie": huidig,
        "selectie": {k: str(v) for k, v in selectie.model_dump(exclude_none=True).items()},
        "aantal": totaal["aantal"],
        "aantalGewijzigd": totaal["gewijzigd"],
        "aantalFout": totaal["fout"],
        "totaalOud": f"{totaal['oud']:.2f}",
        "totaalNieuw": f"{totaal['nieuw']:.2f}",
        "verschil": f"{totaal['nieuw'] - totaal['oud']:.2f}",
        "perBepalendeBegrenzing": [
            {
                "bepalendeBegrenzing": k,
                "aantalOud": v[0],
                "aantalNieuw": v[1],
                "totaalOud": f"{v[2]:.2f}",
                "totaalNieuw": f"{v[3]:.2f}",
            }
            for k, v in sorted(per.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
        ],
        "verschuivingen": [
            {"van": a, "naar": b, "aantal": n}
            for (a, b), n in sorted(totaal["van_naar"].items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1])))
        ],
        "wijzigingenSha256": sha,
    }


def _tel_op(totaal: dict, deel: dict) -> None:
    for sleutel in ("aantal", "gewijzigd", "fout", "oud", "nieuw"):
        totaal[sleutel] += deel[sleutel]
    for k, v in deel["per"].items():
        rij = totaal["per"].setdefault(k, [0, 0, Decimal(0), Decimal(0)])
        for i in range(4):
            rij[i] += v[i]
    for k, n in deel["van_naar"].items():
        totaal["van_naar"][k] = totaal["van_naar"].get(k, 0) + n


class _Buffer(StreamingResponse):
    """Stuurt eerst de samenvatting, dan de gebufferde regels (uit het geheugen of van schijf), dan sluit het."""

    def __init__(self, eerste: bytes, buffer, headers: dict) -> None:
        self._eerste, self._buffer = eerste, buffer
        super().__init__(self._delen(), status_code=201, media_type=NDJSON, headers=headers)

    async def _delen(self):
        try:
            yield self._eerste
            await run_in_threadpool(self._buffer.seek, 0)
            while deel := await run_in_threadpool(self._buffer.read, 256 * 1024):
                yield deel
        finally:
            self._buffer.close()


@router.post(
    "/impactanalyses",
    status_code=201,
    summary="Wat een kandidaat-regelversie of -beleidsversie zou doen met de vastgelegde boetes (rol beoordelaar of "
    "auditor)",
    description="Rekent de geselecteerde vastgelegde boetes van de eigen gemeente opnieuw onder een kandidaat: een "
    "kandidaat-regelmap op de server (`regelmap`) of een bewaarde regelversie (`regelversie`), elk met het beleid "
    "dat de boete gebruikte; of een beleidsversie van de gemeente (`beleidsversie`, bijv. een voorgestelde), elk "
    "met de eigen regelversie van de boete. Een keuze die de wet op de beschikkingsdatum van een boete niet "
    "toestaat, geeft voor die boete een `fout` met de reden. Legt geen "
    "berekening vast, alleen de analyse (soort `impactanalyse`, `Location`). Het antwoord is NDJSON: eerst de "
    "samenvatting (aantallen, totalen oud en nieuw, per bepalende begrenzing, verschuivingen), dan één regel per "
    "gewijzigde boete (`oud`, `nieuw`, `verschil`) of per boete die onder de kandidaat niet te berekenen is "
    "(`fout`). `wijzigingenSha256` is de sha256 over die regels (elk met `\\n`), zoals vastgelegd. Met een "
    "Idempotency-Key en hetzelfde verzoek: de vastgelegde samenvatting opnieuw (alleen die regel, "
    "`Idempotent-Replayed: true`); er wordt niet opnieuw gerekend of vastgelegd.",
    tags=["Audit"],
    response_model=None,
    responses={
        201: {
            "description": "Geanalyseerd en vastgelegd; eerst de samenvatting, dan de gewijzigde boetes (NDJSON).",
            "content": {NDJSON: {"schema": {"type": "object"}}},
        },
        400: {"description": "Ongeldig verzoek of onbekende kandidaat; invalidParams noemt het veld."},
        **TOEGANG,
        415: {"description": "De body is niet als application/json aangekondigd (Content-Type)."},
        500: {"description": "Interne fout; er is niets vastgelegd."},
        503: {"description": "De auditopslag is niet bereikbaar; er is niets vastgelegd en geen resultaat gegeven."},
        **idempotentie.ANTWOORDEN,
    },
    openapi_extra={**body_met_voorbeeld(Impactverzoek, VOORBEELD), **idempotentie.OPENAPI},
)
async def impactanalyses(request: Request, gebruiker: Gebruiker = Depends(vereist(BEOORDELAAR, AUDITOR))):
    ruw = await json_body(request)
    sleutel = idempotentie.sleutel(request, ruw)
    if sleutel is not None:
        await zorg_dat_klaar(request)
        eerder = await _herhaling(request, gebruiker, sleutel)
        if eerder is not None:
            return eerder
    verzoek: Impactverzoek = await gelezen(ruw, Impactverzoek)
    selectie = verzoek.selectie
    if selectie.van is not None and selectie.tot is not None and selectie.van > selectie.tot:
        # zoals het teamoverzicht: een lege periode is een fout van de vraag, geen analyse van nul boetes
        raise Probleem.veld("selectie.van", "datumvolgorde", "De datum van ligt na de datum tot.")
    await zorg_dat_klaar(request)
    state = request.app.state
    store: AuditStore = state.store
    regelsets: dict[str, str] | None = None
    if verzoek.kandidaat.beleidsversie is not None:
        beleid = await kandidaat_beleidsversie(request, verzoek.kandidaat, gebruiker.gemeente)
        kandidaat: tuple[str, str] | Beleidsversie = beleid
        beschreven = {
            "beleidsversie": beleid.id,
            "status": beleid.status,
            "geldigVanaf": beleid.geldig_vanaf.isoformat(),
        }
        regelsets = await run_in_threadpool(store.regelversies_in_gebruik)  # elke boete rekent met haar eigen
    else:
        data = await kandidaat_regeldata(request, verzoek.kandidaat)
        await run_in_threadpool(store.registreer_regelset, data.versie, data.inhoud)  # de analyse blijft na te rekenen
        kandidaat = (data.versie, data.inhoud)
        beschreven = {**verzoek.kandidaat.model_dump(exclude_none=True), "regelversie": data.versie}
    processen = state.instellingen.rekenprocessen
    bron = (store.engine.url.render_as_string(hide_password=False), store.hoofdsleutel) if processen else store
    soort = berekeningen.SOORTEN["boeteberekening"].naam
    van, tot = _tijdgrenzen(verzoek.selectie)
    blokken = await run_in_threadpool(store.blokken, gebruiker.gemeente, soort, van, tot, BLOK)
    beleidsversies = {
        v.id: v for v in map(versie_uit, await run_in_threadpool(store.beleidsversies, gebruiker.gemeente, VASTGESTELD))
    }

    buffer = tempfile.SpooledTemporaryFile(max_size=BUFFER)  # noqa: SIM115 - gesloten na het antwoord (_Buffer)
    sha = hashlib.sha256()
    totaal = leeg_totaal()
    onderweg: deque[asyncio.Future] = deque()

    async def verwerk(taak: asyncio.Future) -> None:
        regels, deel = await taak
        _tel_op(totaal, deel)
        if regels:
            tekst = b"\n".join(regels) + b"\n"
            sha.update(tekst)
            await run_in_threadpool(buffer.write, tekst)

    try:
        for eerste, laatste, _ in blokken:
            taak = asyncio.ensure_future(
                rekenpool.reken(
                    processen,
                    analyseer_blok,
                    bron,
                    gebruiker.gemeente,
                    soort,
                    van,
                    tot,
                    eerste,
                    laatste,
                    kandidaat,
                    beleidsversies,
                    regelsets,
                )
            )
            onderweg.append(taak)
            if len(onderweg) >= 2 * max(processen, 1):
                await verwerk(onderweg.popleft())
        while onderweg:
            await verwerk(onderweg.popleft())
    except BaseException:
        for taak in onderweg:
            taak.cancel()
        buffer.close()
        raise

    analyse_id = str(uuid.uuid4())
    samenvatting = _samenvatting(
        analyse_id, beschreven, state.regeldata.versie, verzoek.selectie, totaal, sha.hexdigest()
    )
    locatie = api_pad(request, f"/berekeningen/{analyse_id}")
    try:
        await wacht_op_vastleggen(
            request,
            store.vastleggen(
                berekening_id=analyse_id,
                soort=SOORT,
                invoer=ruw.decode("utf-8"),
                resultaat=samenvatting,
                regelversie=state.regeldata.versie,
                sub=gebruiker.sub,
                gemeente=gebruiker.gemeente,
                idempotentie=sleutel.voor_opslag(gebruiker, locatie) if sleutel else None,
            ),
        )
    except SleutelBestaatAl:  # een gelijktijdige analyse met dezelfde sleutel was eerder
        buffer.close()
        eerder = await _herhaling(request, gebruiker, sleutel)
        if eerder is None:
            raise idempotentie.in_behandeling() from None
        return eerder
    except BaseException:
        buffer.close()
        raise
    return _Buffer(orjson.dumps(samenvatting) + b"\n", buffer, {"Location": locatie})


async def _herhaling(request: Request, gebruiker: Gebruiker, sleutel: idempotentie.Sleutel) -> Response | None:
    """Zelfde Idempotency-Key en verzoek: de vastgelegde samenvatting (alleen die regel: de gewijzigde boetes
    staan niet in het record; hun sha256 wel). Een nieuwe analyse vraagt een nieuwe sleutel."""

    async def samenvatting(record) -> dict:
        return record.resultaat

    antwoord = await idempotentie.eerder_antwoord(request, gebruiker, sleutel, samenvatting)
    if antwoord is None:
        return None
    return Response(
        antwoord.body + b"\n", status_code=201, media_type=NDJSON, headers={k: antwoord.headers[k] for k in _HERHAAL}
    )


_HERHAAL = ("location", idempotentie.HERHAALD.lower())
