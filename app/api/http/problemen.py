"""Foutantwoorden als application/problem+json (RFC 9457), met ``invalidParams`` voor ongeldige invoer.

Nooit een stacktrace of interne melding naar buiten; FastAPI's standaard 422 komt niet voor.
"""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import JSONResponse
from starlette.routing import Match, Route

from app.db import OpslagNietBeschikbaar
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.waarneming import OORZAAK_503

log = logging.getLogger("maatstaf")

PROBLEM_JSON = "application/problem+json"

#: ``detail`` van elke 400 met ``invalidParams``.
ONGELDIG = "De invoer is ongeldig; zie invalidParams."

TITELS = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    413: "Verzoek te groot",
    415: "Mediatype niet ondersteund",
    422: "Verzoek niet verwerkbaar",
    500: "Interne fout",
    503: "Dienst niet beschikbaar",
}


class Probleem(Exception):
    def __init__(
        self,
        status: int,
        detail: str,
        problemen: list[Invoerprobleem] | None = None,
        headers: dict[str, str] | None = None,
        code: str | None = None,
        aantal: int | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.problemen = problemen
        self.headers = headers
        self.code = code  # een vaste, machineleesbare code naast de Nederlandse tekst
        #: het totaal aantal problemen, als ``problemen`` er maar een deel van is (zie MAX_PROBLEMEN)
        self.aantal = aantal

    @classmethod
    def veld(cls, naam: str, code: str, reden: str) -> Probleem:
        """400 over één veld (``invalidParams``), zoals ``Invoerfout.veld`` in het domein."""
        return cls(400, ONGELDIG, [Invoerprobleem(naam, code, reden)])


#: Zoveel problemen noemt een antwoord ten hoogste in ``invalidParams``; zijn er meer, dan staat het totaal in
#: ``aantalInvalidParams``. Een body van 1 MiB met tienduizenden onbekende sleutels gaf een 400 van 5 MB die elke
#: sleutel noemde: de kosten van een 400 horen bij een klein deel van de invoer, niet bij de hele.
MAX_PROBLEMEN = 50
#: Zoveel tekens van ``name`` en ``reason`` ten hoogste (een sleutel, en dus een pad, kan zo lang zijn als de body).
MAX_TEKST = 500


def _ingekort(tekst: str) -> str:
    return tekst if len(tekst) <= MAX_TEKST else tekst[: MAX_TEKST - 1] + "…"


def probleem_body(
    status: int,
    detail: str,
    instance: str | None = None,
    problemen: list[Invoerprobleem] | None = None,
    code: str | None = None,
    aantal: int | None = None,
) -> dict:
    """De body van een probleem (RFC 9457). ``invalidParams``: de eerste ``MAX_PROBLEMEN`` problemen, elk ingekort tot
    ``MAX_TEKST`` tekens; ``aantal`` (of anders het aantal ``problemen``) staat erbij als het er meer zijn."""
    body: dict = {"type": "about:blank", "title": TITELS.get(status, "Fout"), "status": status, "detail": detail}
    if code:
        body["code"] = code
    if instance:
        body["instance"] = instance
    if problemen:
        body["invalidParams"] = [
            {"name": _ingekort(p.naam), "code": p.code, "reason": _ingekort(p.reden)} for p in problemen[:MAX_PROBLEMEN]
        ]
        totaal = max(aantal or 0, len(problemen))
        if totaal > MAX_PROBLEMEN:
            body["aantalInvalidParams"] = totaal
            body["detail"] = f"{detail} De eerste {MAX_PROBLEMEN} van {totaal} problemen staan in invalidParams."
    return body


def probleem_antwoord(
    status: int,
    detail: str,
    instance: str | None = None,
    problemen: list[Invoerprobleem] | None = None,
    code: str | None = None,
    aantal: int | None = None,
) -> JSONResponse:
    return JSONResponse(
        probleem_body(status, detail, instance, problemen, code, aantal), status_code=status, media_type=PROBLEM_JSON
    )


# --------------------------------------------------------------- Pydantic-fouten in het Nederlands

_REDENEN = {
    "missing": "Dit veld is verplicht.",
    "extra_forbidden": "Onbekend veld.",
    "model_type": "Verwacht een object.",
    "model_attributes_type": "Verwacht een object.",
    "dict_type": "Verwacht een object.",
    "list_type": "Verwacht een lijst.",
    "string_type": "Verwacht tekst.",
    "bool_type": "Verwacht true of false.",
    "bool_parsing": "Verwacht true of false.",
    "int_type": "Verwacht een geheel getal.",
    "int_parsing": "Verwacht een geheel getal.",
    "int_from_float": "Verwacht een geheel getal.",
    "date_type": "Verwacht een datum in de vorm JJJJ-MM-DD.",
    "date_parsing": "Verwacht een datum in de vorm JJJJ-MM-DD.",
    "date_from_datetime_parsing": "Verwacht een datum in de vorm JJJJ-MM-DD.",
    "date_from_datetime_inexact": "Verwacht een datum in de vorm JJJJ-MM-DD.",
}


EIGEN_CODES = {
    "bedrag",
    "decimalen",
    "negatief",
    "te_groot",
    "te_lang",
    "datum",
    "datum_bereik",
    "tekst",
    "leeg",
    "motivering_ontbreekt",
    "een_vorm",
    "precies_een",
    "jaren",
    "percentage",
    "null",
    "bsn",
}


def _pad(loc: tuple) -> str:
    delen = [str(d) for d in loc if d not in ("body", "query", "path")]
    return ".".join(delen) or "body"


def _reden(fout: dict) -> str:
    soort = fout["type"]
    ctx = fout.get("ctx") or {}
    if soort in _REDENEN:
        return _REDENEN[soort]
    if soort in ("enum", "literal_error"):
        # Pydantic somt op als "'A', 'B' or 'C'": in het Nederlands "A, B of C"
        toegestaan = str(ctx.get("expected", "")).replace("'", "").replace(" or ", " of ")
        return f"Onbekende waarde; toegestaan: {toegestaan}."
    if soort == "too_short":
        return f"Ten minste {ctx.get('min_length')} element(en) verplicht."
    if soort == "too_long":
        return f"Ten hoogste {ctx.get('max_length')} elementen toegestaan."
    if soort == "greater_than_equal":
        return f"Moet ten minste {ctx.get('ge')} zijn."
    if soort == "less_than_equal":
        return f"Mag niet groter zijn dan {ctx.get('le')}."
    if soort == "string_pattern_mismatch":
        return "Heeft niet de juiste vorm."
    if soort.startswith("json"):
        return "De body is geen geldige JSON."
    if soort in EIGEN_CODES:  # eigen PydanticCustomError-meldingen zijn al Nederlands
        return fout["msg"]
    return "Ongeldige waarde."


def problemen_uit_pydantic(fouten: list[dict], prefix: str = "") -> list[Invoerprobleem]:
    gezien = set()
    uit = []
    for fout in fouten:
        loc = tuple(fout.get("loc", ()))
        # een union levert per variant een fout; toon de eerste per veld
        naam = _pad(loc)
        if prefix:
            naam = prefix if naam == "body" else f"{prefix}.{naam}"
        if naam in gezien:
            continue
        gezien.add(naam)
        uit.append(Invoerprobleem(naam, fout["type"], _reden(fout)))
    return uit


# --------------------------------------------------------------- handlers


async def _validatiefout(request: Request, exc: RequestValidationError) -> JSONResponse:
    problemen = problemen_uit_pydantic(list(exc.errors()))
    return probleem_antwoord(400, ONGELDIG, request.url.path, problemen)


async def _pydantic_fout(request: Request, exc: ValidationError) -> JSONResponse:
    problemen = problemen_uit_pydantic(exc.errors(include_url=False))
    return probleem_antwoord(400, ONGELDIG, request.url.path, problemen)


async def _invoerfout(request: Request, exc: Invoerfout) -> JSONResponse:
    return probleem_antwoord(400, ONGELDIG, request.url.path, exc.problemen)


async def _probleem(request: Request, exc: Probleem) -> JSONResponse:
    antwoord = probleem_antwoord(exc.status, exc.detail, request.url.path, exc.problemen, exc.code, exc.aantal)
    if exc.headers:
        antwoord.headers.update(exc.headers)
    return antwoord


async def _http_fout(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = {
        404: "Deze bron bestaat niet.",
        405: "Deze methode is voor dit pad niet toegestaan.",
    }.get(exc.status_code, str(exc.detail) if isinstance(exc.detail, str) else "Fout.")
    antwoord = probleem_antwoord(exc.status_code, detail, request.url.path)
    if exc.headers:
        antwoord.headers.update(exc.headers)
    if exc.status_code == 405:
        antwoord.headers["Allow"] = _toegestaan(request)
    return antwoord


def _toegestaan(request: Request) -> str:
    """Alle methoden van dit pad: Starlette noemt in Allow alleen die van de eerste route met dit pad, ook als GET
    en POST van hetzelfde pad twee routes zijn (bijv. /beleidsversies)."""
    methoden: set[str] = set()
    for route in request.app.router.routes:
        if isinstance(route, Route) and route.matches(request.scope)[0] != Match.NONE:
            methoden |= route.methods or set()
    return ", ".join(sorted(methoden))


async def _opslag_weg(request: Request, exc: Exception) -> JSONResponse:
    request.scope[OORZAAK_503] = "auditopslag"
    log.error("Auditopslag niet bereikbaar bij %s %s: %s", request.method, request.url.path, exc)
    antwoord = probleem_antwoord(
        503,
        "De auditopslag is niet bereikbaar. Zonder vastgelegd auditrecord geeft Maatstaf geen resultaat; "
        "probeer het later opnieuw.",
        request.url.path,
    )
    antwoord.headers["Retry-After"] = "30"
    return antwoord


async def _onverwacht(request: Request, exc: Exception) -> JSONResponse:
    log.exception("Onverwachte fout bij %s %s", request.method, request.url.path)
    return probleem_antwoord(
        500, "Er ging intern iets mis. De fout is gelogd; er is niets vastgelegd.", request.url.path
    )


class Vangnet:
    """ASGI-middleware, de binnenste laag: een onverwachte fout wordt hier een 500 (problem+json, zie ``_onverwacht``).

    Starlette handelt ``Exception`` pas af in zijn buitenste laag, buiten de eigen middleware: dan zou een 500 geen
    API-Version en X-Request-ID krijgen. (Zolang de API een gemounte tweede app was, deed diens buitenste laag dit
    binnen de middleware van de eerste.) Is het antwoord al begonnen, dan gaat de fout door naar de server.

    Brak de client de verbinding af terwijl de body nog werd gelezen (``ClientDisconnect``), dan is er niemand om te
    antwoorden en is er niets mis met de server: geen 500 en geen foutmelding in de log (app/waarneming.py telt 499).
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        begonnen = False

        async def verstuur(bericht) -> None:
            nonlocal begonnen
            begonnen = True
            await send(bericht)

        try:
            await self.app(scope, receive, verstuur)
        except ClientDisconnect:
            if begonnen:
                raise
            return
        except Exception as fout:
            if begonnen:
                raise
            antwoord = await _onverwacht(Request(scope), fout)
            await antwoord(scope, receive, send)


def registreer(app) -> None:
    app.add_exception_handler(RequestValidationError, _validatiefout)
    app.add_exception_handler(ValidationError, _pydantic_fout)
    app.add_exception_handler(Invoerfout, _invoerfout)
    app.add_exception_handler(Probleem, _probleem)
    app.add_exception_handler(StarletteHTTPException, _http_fout)
    app.add_exception_handler(OpslagNietBeschikbaar, _opslag_weg)
    app.add_exception_handler(Exception, _onverwacht)
