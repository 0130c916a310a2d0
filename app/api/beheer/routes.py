"""Beheer: de gezondheid van de service (liveness en readiness, voor Kubernetes en monitoring)."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

import orjson
from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from app.api.http.routering import api_router, json_antwoord, zorg_dat_klaar
from app.db import OpslagNietBeschikbaar
from app.waarneming import OORZAAK_503

log = logging.getLogger("maatstaf")

router = api_router()


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
