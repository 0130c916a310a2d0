"""Idempotency-Key (IETF httpapi, draft-ietf-httpapi-idempotency-key-header) op elke POST die een record maakt.

- Zelfde sleutel en zelfde verzoek (methode, pad en canonieke body; per gemeente uit het token): het oorspronkelijke
  antwoord, 201 met dezelfde body (opgebouwd uit het auditrecord: dezelfde JSON, de volgorde van velden kan
  verschillen), hetzelfde ``berekeningId`` en dezelfde ``Location``, plus ``Idempotent-Replayed: true``. Er wordt
  niets opnieuw vastgelegd.
- Zelfde sleutel, ander verzoek: 422 (``idempotency_key_hergebruikt``).
- Geen geldige sleutel (1-255 afdrukbare ASCII-tekens, eventueel als sf-string tussen aanhalingstekens): 400.
- Gelijktijdige verzoeken met dezelfde sleutel: de sleutel wordt in dezelfde transactie als het auditrecord
  vastgelegd, met een unieke (gemeente, sleutel). Eén verzoek wint; de andere krijgen het antwoord van de winnaar,
  of 409 als dat (nog) niet te lezen is.
- Een verzoek dat niet is vastgelegd (400, 503, ...) bindt de sleutel niet: opnieuw proberen mag.

Sleutels worden ten minste 24 uur bewaard (de store ruimt ze na 72 uur op); de auditrecords blijven altijd.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal

import orjson
from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from app.api.http.auth import Gebruiker
from app.api.http.problemen import Probleem
from app.db import AuditRecord, Idempotentie

HEADER = "Idempotency-Key"
HERHAALD = "Idempotent-Replayed"
CODE_HERGEBRUIKT = "idempotency_key_hergebruikt"
CODE_IN_BEHANDELING = "idempotency_key_in_behandeling"

_AFDRUKBAAR = re.compile(r"[\x20-\x7e]{1,255}")
_SF_STRING = re.compile(r'"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"')

#: Voor de OpenAPI-beschrijving van de operaties die dit ondersteunen (openapi_extra).
OPENAPI = {
    "parameters": [
        {
            "name": HEADER,
            "in": "header",
            "required": False,
            "description": "Maakt deze POST veilig te herhalen (IETF draft-ietf-httpapi-idempotency-key-header). "
            "Zelfde sleutel en zelfde verzoek: het oorspronkelijke antwoord met `Idempotent-Replayed: true`, er "
            "wordt niets opnieuw vastgelegd. Zelfde sleutel, ander verzoek: 422. Per gemeente; ten minste 24 uur "
            "bewaard. 1-255 afdrukbare ASCII-tekens: een nieuwe per verzoek, bijv. een UUID "
            "(`uuidgen`, `python -c 'import uuid; print(uuid.uuid4())'`).",
            # Bewust zonder voorbeeld: Swagger UI vult een voorbeeld in bij elke 'Try it out', zodat een tweede,
            # ander verzoek met dezelfde sleutel 422 kreeg.
            "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x20-\\x7E]+$"},
        }
    ]
}

#: De extra antwoorden van een operatie met Idempotency-Key.
ANTWOORDEN = {
    409: {"description": "Een verzoek met dezelfde Idempotency-Key is nog in behandeling; probeer het zo opnieuw."},
    422: {"description": "Deze Idempotency-Key is al gebruikt voor een ander verzoek."},
}


@dataclass(frozen=True)
class Sleutel:
    waarde: str
    vingerafdruk: str

    def voor_opslag(self, gebruiker: Gebruiker, locatie: str) -> Idempotentie:
        return Idempotentie(gebruiker.gemeente, self.waarde, self.vingerafdruk, locatie)


def _ongeldig(reden: str) -> Probleem:
    return Probleem.veld(HEADER, "idempotency_key", reden)


def sleutel(request: Request, ruw: bytes) -> Sleutel | None:
    """De Idempotency-Key van het verzoek met de vingerafdruk ervan, None zonder header; 400 als hij ongeldig is."""
    waarden = request.headers.getlist(HEADER)
    if not waarden:
        return None
    if len(waarden) > 1:
        raise _ongeldig("Geef de Idempotency-Key één keer mee.")
    waarde = waarden[0].strip(" \t")
    gequote = _SF_STRING.fullmatch(waarde)
    if gequote:  # sf-string zoals in de draft: "..."
        waarde = re.sub(r"\\(.)", r"\1", gequote.group(1))
    if not _AFDRUKBAAR.fullmatch(waarde):
        raise _ongeldig("De Idempotency-Key moet 1 tot 255 afdrukbare ASCII-tekens zijn, bijv. een UUID.")
    return Sleutel(waarde, vingerafdruk(request.method, request.url.path, ruw))


def vingerafdruk(methode: str, pad: str, ruw: bytes) -> str:
    """sha256 over methode, pad en de canonieke body: volgorde van velden en witruimte tellen niet mee."""
    try:
        vorm = _canoniek(json.loads(ruw, parse_float=Decimal)) if ruw.strip() else ""
    except (ValueError, UnicodeDecodeError, RecursionError):
        vorm = "ruw:" + hashlib.sha256(ruw).hexdigest()  # geen JSON: dan de bytes zelf
    return hashlib.sha256(f"{methode} {pad}\n{vorm}".encode()).hexdigest()


def _canoniek(waarde) -> str:
    if isinstance(waarde, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_canoniek(waarde[k])}" for k in sorted(waarde)) + "}"
    if isinstance(waarde, list):
        return "[" + ",".join(_canoniek(w) for w in waarde) + "]"
    if isinstance(waarde, Decimal):
        return f"d:{waarde.normalize()}"  # 8000.00 en 8000.0 zijn hetzelfde getal; geen tekst "8000.00"
    return json.dumps(waarde)


Herhaal = Callable[[AuditRecord], Awaitable[dict]]


async def eerder_antwoord(
    request: Request, gebruiker: Gebruiker, sleutel: Sleutel, herhaal: Herhaal
) -> Response | None:
    """Het oorspronkelijke antwoord als deze sleutel al bij een record hoort; None als de sleutel nieuw is.

    ``herhaal`` maakt uit het vastgelegde record de body die toen is teruggegeven.
    """
    store = request.app.state.store
    eerder = await run_in_threadpool(store.idempotentie, gebruiker.gemeente, sleutel.waarde)
    if eerder is None:
        return None
    if eerder.vingerafdruk != sleutel.vingerafdruk:
        raise Probleem(
            422,
            "Deze Idempotency-Key is al gebruikt voor een ander verzoek (andere body of ander pad). "
            "Gebruik een nieuwe sleutel voor een nieuw verzoek.",
            code=CODE_HERGEBRUIKT,
        )
    record = await run_in_threadpool(store.get, eerder.berekening_id, gebruiker.gemeente)
    if record is None:
        raise in_behandeling()
    body = await herhaal(record)
    headers = {"Location": eerder.locatie, HERHAALD: "true"}
    return Response(orjson.dumps(body), status_code=201, media_type="application/json", headers=headers)


def in_behandeling() -> Probleem:
    return Probleem(
        409,
        "Een verzoek met deze Idempotency-Key is nog in behandeling; probeer het zo opnieuw.",
        headers={"Retry-After": "1"},
        code=CODE_IN_BEHANDELING,
    )


async def na_botsing(request: Request, gebruiker: Gebruiker, sleutel: Sleutel, herhaal: Herhaal) -> Response:
    """Een gelijktijdig verzoek met dezelfde sleutel legde eerst vast: diens antwoord (of 409)."""
    antwoord = await eerder_antwoord(request, gebruiker, sleutel, herhaal)
    if antwoord is None:
        raise in_behandeling()
    return antwoord
