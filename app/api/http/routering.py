"""Wat elke router van de API deelt: paden onder /api/v1 met vaste operationIds, verzoekbodies met voorbeeld in het
OpenAPI-document, JSON-antwoorden, Content-Type en Accept, wachten op het vastleggen, de database klaar, en het
eerdere antwoord bij een Idempotency-Key."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import Future
from datetime import date

import orjson
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute
from pydantic import BaseModel
from pydantic_core import PydanticCustomError
from starlette.responses import Response

from app.api.http import idempotentie
from app.api.http.auth import Gebruiker
from app.api.http.problemen import Probleem
from app.api.http.typen import DATUM_SCHEMA, lees_datum, vandaag
from app.config import API_PAD
from app.db import OpslagNietBeschikbaar


def operatie_id(route: APIRoute) -> str:
    """De operationId zoals FastAPI hem maakt, maar over het pad binnen de API (zonder /api/v1): zo blijven de ids
    in openapi.yaml gelijk aan die van de vroegere, op /api/v1 gemounte API-app."""
    pad = route.path_format.removeprefix(API_PAD)
    return re.sub(r"\W", "_", f"{route.name}{pad}") + f"_{sorted(route.methods)[0].lower()}"


def api_router() -> APIRouter:
    """Een router voor een deel van de API: paden onder /api/v1 (app/main.py neemt de routes rechtstreeks over)."""
    return APIRouter(prefix=API_PAD, generate_unique_id_function=operatie_id)


#: Het schema van de queryparameter peildatum naast zijn ``pattern``: een datum binnen het ondersteunde bereik.
PEILDATUM_SCHEMA = {k: v for k, v in DATUM_SCHEMA.items() if k != "type"}


VERZOEKEN: dict[str, type[BaseModel]] = {}


def body_met_voorbeeld(model: type[BaseModel], voorbeeld: dict) -> dict:
    VERZOEKEN[model.__name__] = model
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": f"#/components/schemas/{model.__name__}"},
                    "example": voorbeeld,
                }
            },
        }
    }


def api_pad(request: Request, pad: str) -> str:
    """Het volledige pad van ``pad`` in de API (voor Location en links), achter een eventuele proxy-prefix."""
    return f"{request.scope.get('root_path', '')}{API_PAD}{pad}"


def json_antwoord(body: dict, status: int = 200, headers: dict | None = None) -> Response:
    inhoud = orjson.dumps(body)
    return Response(inhoud, status_code=status, media_type="application/json", headers=headers)


def is_json_mediatype(content_type: str | None) -> bool:
    """``application/json``, met hoogstens ``charset=utf-8`` als parameter (RFC 8259 kent geen andere)."""
    if not content_type:
        return False
    soort, *parameters = (deel.strip().lower() for deel in content_type.split(";"))
    if soort != "application/json":
        return False
    for parameter in parameters:
        naam, _, waarde = parameter.partition("=")
        if naam.strip() != "charset" or waarde.strip().strip('"') != "utf-8":
            return False
    return True


def q_waarden(accept: str) -> dict[str, float]:
    """Mediatype (kleine letters) -> zijn q-waarde uit een Accept-header (RFC 9110 §12.5.1; zonder q: 1, een
    onleesbare q: 0, bij herhaling de hoogste)."""
    waarden: dict[str, float] = {}
    for deel in accept.split(","):
        stukken = [s.strip().lower() for s in deel.split(";")]
        q = 1.0
        for param in stukken[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        waarden[stukken[0]] = max(waarden.get(stukken[0], 0.0), q)
    return waarden


async def json_body(request: Request) -> bytes:
    """De ruwe body van een POST, alleen als die als JSON is aangekondigd; anders 415 (er wordt niets gelezen)."""
    if not is_json_mediatype(request.headers.get("content-type")):
        raise Probleem(
            415,
            "Stuur de body als JSON met de header Content-Type: application/json (UTF-8).",
            headers={"Accept": "application/json"},  # RFC 9110 §12.5.1: wat wel wordt aangenomen
        )
    return await request.body()


async def wacht_op_vastleggen(request: Request, toekomst: Future):
    """Wacht op de commit van een record dat aan de schrijver is gegeven.

    Na de wachttijd (``MAATSTAF_VASTLEGGEN_WACHTTIJD_S``, standaard 30 s) trekt het verzoek de opdracht in. Lukt
    dat, dan wordt het record nooit vastgelegd en volgt 503. Lukt het niet, dan zit het record al in een
    transactie en wacht het verzoek op de uitkomst, hoe lang ook: 201 betekent vastgelegd, 503 niet vastgelegd.

    Eén asyncio-future die de schrijver (via ``call_soon_threadsafe``) of de wachttijd (``call_later``) gereed
    zet, in plaats van ``wait_for(shield(wrap_future(...)))``: dat maakte per verzoek drie futures, een taak-
    callbackketen en een tweede timer (issue #9, het slanke verzoekpad).
    """
    loop = asyncio.get_running_loop()
    gemeld = loop.create_future()
    toekomst.add_done_callback(lambda _: loop.is_closed() or loop.call_soon_threadsafe(_gereed, gemeld))
    verlopen = loop.call_later(request.app.state.vastleggen_wachttijd_s, _gereed, gemeld)
    try:
        await gemeld
    except asyncio.CancelledError:
        # Het verzoek zelf is afgebroken (bijv. afsluiten met --timeout-graceful-shutdown): er komt geen antwoord,
        # dus ook geen record als de schrijver er nog niet aan begon.
        toekomst.cancel()
        raise
    finally:
        verlopen.cancel()
    if not toekomst.done() and toekomst.cancel():
        raise OpslagNietBeschikbaar(
            f"Vastleggen duurde langer dan {request.app.state.vastleggen_wachttijd_s:g} s; er is niets vastgelegd "
            "en geen resultaat gegeven."
        )
    if not toekomst.done():  # de schrijver is er al mee bezig: wachten op de echte uitkomst, hoe lang ook
        return await asyncio.wrap_future(toekomst)
    return toekomst.result()


def _gereed(gemeld: asyncio.Future) -> None:
    if not gemeld.done():
        gemeld.set_result(None)


async def zorg_dat_klaar(request: Request) -> None:
    """Was de database er bij het starten niet, dan nu migreren en de regelversie bewaren (anders 503)."""
    state = request.app.state
    if not state.klaar:
        await run_in_threadpool(state.klaarmaken)


async def eerder_antwoord(
    request: Request, gebruiker: Gebruiker, sleutel: idempotentie.Sleutel | None, herhaal: idempotentie.Herhaal
) -> Response | None:
    """Het antwoord dat al bij deze Idempotency-Key hoort (zie app/api/http/idempotentie.py), met de database eerst
    klaar; None zonder sleutel of bij een nieuwe sleutel. Vóór het valideren: een herhaling geeft hetzelfde."""
    if sleutel is None:
        return None
    await zorg_dat_klaar(request)
    return await idempotentie.eerder_antwoord(request, gebruiker, sleutel, herhaal)


TOEGANG = {
    401: {"description": "Geen, een ongeldig of een verlopen token."},
    403: {"description": "Het token heeft niet de rol die hiervoor nodig is."},
}


def peildatum_uit(peildatum: str | None) -> date:
    """De query-parameter ``peildatum`` (GET /regels, GET /beleid) als datum; zonder: vandaag. Een datum die niet
    bestaat (2026-02-30) of buiten bereik ligt, geeft een 400 die het veld noemt."""
    if not peildatum:
        return vandaag()
    try:
        return lees_datum(peildatum)
    except PydanticCustomError as fout:
        if fout.type == "datum_bereik":
            raise Probleem.veld("peildatum", fout.type, fout.message()) from None
        raise Probleem.veld("peildatum", "datum", "Verwacht een bestaande datum in de vorm JJJJ-MM-DD.") from None
