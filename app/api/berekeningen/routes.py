"""De endpoints van SPEC §4. Elke berekening wordt eerst vastgelegd en pas daarna teruggegeven."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

import orjson
from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from starlette.responses import Response

from app.api.berekeningen import vertaling
from app.api.berekeningen.resultaten import (
    Benadelingsresultaat,
    Boeteresultaat,
    Kwijtscheldingsresultaat,
    Regeloverzicht,
    Schuldregelingsresultaat,
    Verwijtbaarheidsresultaat,
)
from app.api.berekeningen.vastleggen import bereken_en_vastleg
from app.api.berekeningen.verzoeken import (
    VOORBEELD_BOETE,
    VOORBEELD_KWIJTSCHELDING,
    VOORBEELD_SCHULDREGELING,
    Benadelingsverzoek,
    Boeteverzoek,
    Kwijtscheldingsverzoek,
    Schuldregelingsverzoek,
    Verwijtbaarheidsverzoek,
)
from app.api.http import idempotentie
from app.api.http.auth import BEVEILIGD, Gebruiker, vereist
from app.api.http.routering import (
    PEILDATUM_SCHEMA,
    TOEGANG,
    api_router,
    body_met_voorbeeld,
    json_antwoord,
    peildatum_uit,
    zorg_dat_klaar,
)
from app.api.http.typen import DATUMBEREIK
from app.db import OpslagNietBeschikbaar
from app.waarneming import OORZAAK_503

log = logging.getLogger("maatstaf")


router = api_router()


_FOUTEN_POST = {
    400: {"description": "Ongeldige invoer; invalidParams noemt elk veld met de reden."},
    **TOEGANG,
    413: {"description": "De body is groter dan 1 MiB."},
    415: {"description": "De body is niet als application/json aangekondigd (Content-Type)."},
    500: {"description": "Interne fout; er is niets vastgelegd."},
    503: {"description": "De auditopslag is niet bereikbaar; er is geen resultaat zonder auditrecord."},
}


def _aangemaakt(model: type[BaseModel]) -> dict:
    return {
        201: {
            "description": "Berekend en vastgelegd; Location wijst naar het auditrecord. Met een eerder gebruikte "
            "Idempotency-Key: het oorspronkelijke antwoord, met `Idempotent-Replayed: true`.",
            "model": model,
        },
        **_FOUTEN_POST,
        **idempotentie.ANTWOORDEN,
    }


def _met_sleutel(extra: dict) -> dict:
    """openapi_extra van een POST met Idempotency-Key (en ``aanmelden``)."""
    return {**extra, **idempotentie.OPENAPI, **BEVEILIGD}


@router.post(
    "/benadelingsbedragen",
    status_code=201,
    summary="Benadelingsbedrag en terugvordering berekenen",
    description="Per periode ontvangen min recht; het benadelingsbedrag is de netto som, niet lager dan nul "
    "(Pw 18a lid 2). Terugvordering is verplicht (Pw 58 lid 1); bruto volgens Pw 58 lid 5.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(Benadelingsresultaat),
    openapi_extra=_met_sleutel(
        body_met_voorbeeld(Benadelingsverzoek, Benadelingsverzoek.model_config["json_schema_extra"]["examples"][0])
    ),
)
async def benadelingsbedragen(request: Request) -> Response:
    return await bereken_en_vastleg(request, "benadelingsbedrag")


@router.post(
    "/verwijtbaarheidsbeoordelingen",
    status_code=201,
    summary="Mate van verwijtbaarheid beoordelen",
    description="Voorrang: GEEN (Awb 5:41) > VERMINDERD (Boetebesluit 2a lid 2) > OPZET > GROVE_SCHULD > NORMAAL. "
    "Opzet en grove schuld vereisen bewijs (Boetebesluit 2 lid 9); Maatstaf leidt ze nooit zelf af.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(Verwijtbaarheidsresultaat),
    openapi_extra=_met_sleutel(
        body_met_voorbeeld(
            Verwijtbaarheidsverzoek, Verwijtbaarheidsverzoek.model_config["json_schema_extra"]["examples"][0]
        )
    ),
)
async def verwijtbaarheidsbeoordelingen(request: Request) -> Response:
    return await bereken_en_vastleg(request, "verwijtbaarheidsbeoordeling")


@router.post(
    "/boeteberekeningen",
    status_code=201,
    summary="Bestuurlijke boete berekenen, begrensd door draagkracht",
    description="Geen verwijtbaarheid, verval, dringende redenen, waarschuwing, percentage of vast bedrag "
    "(Boetebesluit 2 lid 7), wettelijk maximum, draagkracht, matigingen en afronding, in die volgorde. "
    "Percentages en maxima onder de regels van begindatum en beschikkingsdatum: de laagste boete geldt.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(Boeteresultaat),
    openapi_extra=_met_sleutel(body_met_voorbeeld(Boeteverzoek, VOORBEELD_BOETE)),
)
async def boeteberekeningen(request: Request) -> Response:
    return await bereken_en_vastleg(request, "boeteberekening")


@router.post(
    "/kwijtscheldingsbeoordelingen",
    status_code=201,
    summary="Routes naar kwijtschelding of afzien van terugvordering beoordelen",
    description="Per wettelijke route (Pw 18a lid 13, Pw 58 lid 7 onder a-d, Pw 58 lid 8, Awb 4:94a): MOGELIJK, "
    "NIET_MOGELIJK met elke niet vervulde voorwaarde, of BEOORDELING_VEREIST bij een open norm of omstreden recht. "
    "Maatstaf stelt vast of het college bevoegd is; de beslissing zelf blijft aan het college.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(Kwijtscheldingsresultaat),
    openapi_extra=_met_sleutel(body_met_voorbeeld(Kwijtscheldingsverzoek, VOORBEELD_KWIJTSCHELDING)),
)
async def kwijtscheldingsbeoordelingen(request: Request) -> Response:
    return await bereken_en_vastleg(request, "kwijtscheldingsbeoordeling")


@router.post(
    "/schuldregelingstoetsen",
    status_code=201,
    summary="Vorderingen van de gemeente toetsen voor een schuldregeling",
    description="Per vordering: KWIJTSCHELDING_MOGELIJK, ALLEEN_VOLLEDIGE_BETALING (Pw 60c; een boete met opzet of "
    "grove schuld: Pw 18a lid 13) of OP_VERZOEK (boete, Pw 18a lid 13). Met de totalen en hoeveel maanden het "
    "aflossen van wat blijft staan duurt bij de verrekenruimte.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(Schuldregelingsresultaat),
    openapi_extra=_met_sleutel(body_met_voorbeeld(Schuldregelingsverzoek, VOORBEELD_SCHULDREGELING)),
)
async def schuldregelingstoetsen(request: Request) -> Response:
    return await bereken_en_vastleg(request, "schuldregelingstoets")


@router.get(
    "/regels",
    summary="De regeldata die op een peildatum geldt",
    description="Elke parameter met omschrijving, bron (wet, artikel, lid), de versie in werking, de status "
    "(geverifieerd of onzeker) en de herkomst (ingebouwd of uit de regelmap MAATSTAF_REGELS_DIR), het boeteregime "
    "op de peildatum, plus het standaardbeleid van de gemeente. De regeldata dekt elke datum vanaf 2013-01-01 "
    "(Fraudewet); de bijstandsnormen lopen tot en met de laatst opgenomen halfjaarversie.",
    tags=["Regels"],
    response_model=None,
    responses={
        200: {"description": "De regels op de peildatum.", "model": Regeloverzicht},
        400: {"description": "Ongeldige peildatum."},
        **TOEGANG,
        500: {"description": "Interne fout."},
    },
)
async def regels(
    request: Request,
    gebruiker: Gebruiker = Depends(vereist()),
    peildatum: str | None = Query(
        None,
        description=f"Datum (JJJJ-MM-DD, een bestaande datum {DATUMBEREIK}) waarop de regels gelden; standaard "
        "vandaag. De regeldata begint op 2013-01-01 (Fraudewet): daarvóór is `inWerking` null.",
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        json_schema_extra=PEILDATUM_SCHEMA,
        examples=["2015-06-01"],
    ),
) -> Response:
    return json_antwoord(vertaling.regels_json(request.app.state.regeldata, peildatum_uit(peildatum)))


#: Zo lang mag de gereedheidscontrole op de database wachten.
GEREEDHEID_WACHTTIJD_S = 5.0

_GEZONDHEID = {
    "type": "object",
    "required": ["status", "checks"],
    "properties": {
        "status": {"type": "string", "enum": ["UP"]},
        "checks": {
            "type": "object",
            "description": "Per controle UP of DOWN: database (antwoordt op SELECT 1), schema (gemigreerd en de "
            "regelversie bewaard), schrijver (de thread die auditrecords vastlegt draait).",
            "additionalProperties": {"type": "string", "enum": ["UP", "DOWN"]},
        },
    },
}


async def _controles(request: Request) -> dict[str, str]:
    state = request.app.state
    store = getattr(state, "store", None)
    if store is None:  # nog aan het starten
        return {"database": "DOWN", "schema": "DOWN", "schrijver": "DOWN"}
    checks = {}
    try:
        await asyncio.wait_for(run_in_threadpool(store.controleer_verbinding), GEREEDHEID_WACHTTIJD_S)
        checks["database"] = "UP"
    except (OpslagNietBeschikbaar, TimeoutError) as fout:
        log.warning("Gereedheid: de database antwoordt niet: %s", fout or "time-out")
        checks["database"] = "DOWN"
    if not state.klaar and checks["database"] == "UP":
        try:
            await zorg_dat_klaar(request)
        except Exception as fout:  # noqa: BLE001 - een gezondheidscontrole faalt niet zelf
            log.warning("Gereedheid: migreren of de regelversie bewaren is mislukt: %s", fout)
    checks["schema"] = "UP" if state.klaar else "DOWN"
    if not store.schrijver_leeft():
        with suppress(OpslagNietBeschikbaar):  # gesloten (afsluiten): dan blijft het DOWN
            store.start()  # een onverwacht gestopte schrijver wordt vervangen
    checks["schrijver"] = "UP" if store.schrijver_leeft() else "DOWN"
    return checks


async def _gereedheid(request: Request) -> Response:
    checks = await _controles(request)
    if all(waarde == "UP" for waarde in checks.values()):
        return json_antwoord({"status": "UP", "checks": checks})
    mislukt = [naam for naam, waarde in checks.items() if waarde != "UP"]
    request.scope[OORZAAK_503] = "niet_gereed"
    body = {
        "type": "about:blank",
        "title": "Dienst niet beschikbaar",
        "status": 503,
        "detail": f"Niet gereed: {', '.join(mislukt)}.",
        "instance": request.url.path,
        "checks": checks,
    }
    return Response(orjson.dumps(body), 503, media_type="application/problem+json", headers={"Retry-After": "5"})


_GEREED_ANTWOORDEN = {
    200: {
        "description": "Gereed: de database antwoordt, het schema is bij en de schrijver draait.",
        "content": {"application/json": {"schema": _GEZONDHEID}},
    },
    503: {"description": "Niet gereed; `checks` noemt welke controle faalde (DOWN)."},
}


@router.get(
    "/health/live",
    summary="Leeft het proces? (liveness)",
    description="200 zolang het proces verzoeken beantwoordt; raadpleegt de database niet. Voor een "
    "Kubernetes-livenessProbe: faalt deze, dan is herstarten zinvol.",
    tags=["Beheer"],
    response_model=None,
    responses={200: {"description": "Het proces leeft.", "content": {"application/json": {"schema": _GEZONDHEID}}}},
)
async def live() -> Response:
    return json_antwoord({"status": "UP", "checks": {"proces": "UP"}})


@router.get(
    "/health/ready",
    summary="Kan de service verzoeken aan? (readiness)",
    description="200 alleen als de database antwoordt op een triviale vraag, het schema gemigreerd is en de "
    "schrijver van de auditopslag draait; anders 503 met per controle UP of DOWN. Voor een "
    "Kubernetes-readinessProbe: zolang deze faalt, krijgt de pod geen verkeer (herstarten helpt niet).",
    tags=["Beheer"],
    response_model=None,
    responses=_GEREED_ANTWOORDEN,
)
async def ready(request: Request) -> Response:
    return await _gereedheid(request)


@router.get(
    "/health",
    summary="Gezondheid van de service (gelijk aan /health/ready)",
    description="Hetzelfde als `/health/ready`: 200 alleen als de service berekeningen kan vastleggen. Vroeger "
    "gaf dit altijd 200, ook zonder database; gebruik voor liveness `/health/live`.",
    tags=["Beheer"],
    response_model=None,
    responses=_GEREED_ANTWOORDEN,
)
async def health(request: Request) -> Response:
    return await _gereedheid(request)
