"""ASGI-middleware: vaste headers op elk antwoord (``API-Version``, ADR /core/version-header, en de
beveiligingsheaders) en een limiet op de body (413)."""

from __future__ import annotations

import json

from app.config import API_VERSION

#: Op elk antwoord, ook JSON en fouten: de versie van de API, geen MIME-sniffing (een JSON-antwoord wordt nooit als
#: HTML of script uitgevoerd), niet in een frame van een andere site (clickjacking; X-Frame-Options voor oudere
#: browsers naast frame-ancestors), en geen Referer naar een andere site (een URL met een berekeningId in de uitleg
#: blijft bij de gemeente).
VASTE_KOPPEN = (
    (b"api-version", API_VERSION.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)
#: De Content-Security-Policy van een antwoord dat zelf geen kiest (JSON, CSV, tekst, fouten): niets laden, niets
#: uitvoeren, niet in een frame. De HTML-pagina's (uitleg, teamoverzicht, Swagger UI) zetten hun eigen.
CSP_STANDAARD = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
_CSP = b"content-security-policy"


class VasteKoppen:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def verstuur(bericht) -> None:
            if bericht["type"] == "http.response.start":
                headers = [*bericht.get("headers", []), *VASTE_KOPPEN]
                if not any(naam == _CSP for naam, _ in headers):
                    headers.append(CSP_STANDAARD)
                bericht["headers"] = headers
            await send(bericht)

        await self.app(scope, receive, verstuur)


async def _te_groot(send, limiet: int) -> None:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "Verzoek te groot",
            "status": 413,
            "detail": f"De body is groter dan {limiet // 1024} KiB.",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


#: Paden die hun body zelf gestreamd lezen, met een eigen limiet per regel (app/api/berekeningen/batch.py).
GESTREAMD = ("/batchberekeningen",)


class BodyLimiet:
    """Leest de body van POST/PUT/PATCH vooraf in, tot ``limiet`` bytes; daarboven 413 zonder de app aan te roepen.
    Niet voor de gestreamde paden (``GESTREAMD``): een batch mag groter zijn dan het geheugen."""

    def __init__(self, app, limiet: int) -> None:
        self.app = app
        self.limiet = limiet

    async def __call__(self, scope, receive, send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("POST", "PUT", "PATCH")
            or scope["path"].endswith(GESTREAMD)
        ):
            await self.app(scope, receive, send)
            return
        for naam, waarde in scope.get("headers", []):
            if naam == b"content-length" and waarde.isdigit() and int(waarde) > self.limiet:
                await _te_groot(send, self.limiet)
                return
        delen = []
        grootte = 0
        while True:
            bericht = await receive()
            if bericht["type"] == "http.disconnect":
                return
            deel = bericht.get("body", b"")
            grootte += len(deel)
            if grootte > self.limiet:
                await _te_groot(send, self.limiet)
                return
            delen.append(deel)
            if not bericht.get("more_body"):
                break
        body = b"".join(delen)
        gegeven = False

        async def opnieuw():
            nonlocal gegeven
            if not gegeven:
                gegeven = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, opnieuw, send)
