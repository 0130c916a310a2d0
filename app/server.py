"""Het HTTP-protocol voor uvicorn: httptools met een grens aan de kop van een verzoek.

httptools (uvicorn's standaard) leest een kop tot het einde in, hoe groot ook: een Authorization-header van 200 MB
kostte 43 s en al dat geheugen. Dit protocol telt de bytes van de verzoekregel en de headers en antwoordt boven
``MAX_KOP_BYTES`` met 431 (RFC 6585) en sluit de verbinding, zonder de app aan te roepen.

Gebruik: ``uvicorn app.main:app --http app.server:BegrensdeKop`` (zo starten ``make run`` en de Docker-image).
Met ``--http h11`` geldt in plaats daarvan ``--h11-max-incomplete-event-size`` (standaard 16 KiB).
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.config import API_VERSION

#: Verzoekregel en alle headers samen; een token (ten hoogste 8192 tekens, zie app/api/auth.py) past ruim.
MAX_KOP_BYTES = 32 * 1024


def _antwoord_431() -> bytes:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "Headers te groot",
            "status": 431,
            "detail": f"De verzoekregel en headers samen zijn groter dan {MAX_KOP_BYTES // 1024} KiB.",
        },
        ensure_ascii=False,
    ).encode()
    kop = (
        "HTTP/1.1 431 Request Header Fields Too Large\r\n"
        "content-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\n"
        f"api-version: {API_VERSION}\r\n"
        "connection: close\r\n\r\n"
    )
    return kop.encode("ascii") + body


class BegrensdeKop(HttpToolsProtocol):
    """HttpToolsProtocol dat stopt zodra de kop van een verzoek groter wordt dan ``MAX_KOP_BYTES``."""

    max_kop_bytes = MAX_KOP_BYTES

    def connection_made(self, transport) -> None:  # type: ignore[override]
        self._kop_open = True
        self._kop_bytes = 0
        self._geweigerd = False
        super().connection_made(transport)

    def _weiger(self) -> None:
        self._geweigerd = True
        self.logger.warning("Verzoek met een kop van meer dan %d bytes geweigerd (431)", self.max_kop_bytes)
        self.transport.write(_antwoord_431())
        self.transport.close()

    def on_headers_complete(self) -> None:
        self._kop_open = False
        grootte = len(self.url) + sum(len(naam) + len(waarde) + 4 for naam, waarde in self.headers)
        if grootte > self.max_kop_bytes:  # de hele kop kwam in één stuk binnen: de app wordt niet aangeroepen
            self._weiger()
            return
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._geweigerd:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self._geweigerd:
            return
        self._kop_open = True
        self._kop_bytes = 0
        super().on_message_complete()

    def data_received(self, data: bytes) -> None:
        if self._geweigerd:
            return
        # Eerst parsen: een stuk kan de rest van de kop én een deel van de body bevatten. Hoogstens één stuk
        # (asyncio leest ten hoogste 256 KiB per keer) boven de grens wordt zo nog gebufferd.
        if self._kop_open:
            self._kop_bytes += len(data)
        super().data_received(data)
        if self._kop_open and self._kop_bytes > self.max_kop_bytes and not self._geweigerd:
            self._weiger()
