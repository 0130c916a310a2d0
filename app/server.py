"""Het HTTP-protocol voor uvicorn: httptools met een grens aan de kop van een verzoek.

httptools (uvicorn's standaard) leest een kop tot het einde in, hoe groot ook: een Authorization-header van 200 MB
kostte 43 s en al dat geheugen. Dit protocol telt de bytes van de verzoekregel en de headers en antwoordt boven
``MAX_KOP_BYTES`` met 431 (RFC 6585) en sluit de verbinding, zonder de app aan te roepen.

Het sluit een keep-alive-verbinding ook als zij ``MAX_VERBINDINGSDUUR_S`` (±10%) seconden oud is, bij het
eerstvolgende antwoord (``Connection: close``; zoals gRPC's ``MAX_CONNECTION_AGE``). Een backofficesysteem houdt
een pool van verbindingen open; vallen die bij het verbinden ongelijk over de workers (gemeten: soms alle 50 op één
worker, bijv. omdat de andere net herstartte), dan blijft dat zo zolang ze leven, en staat een core leeg. Een grens
op de leeftijd trekt de verdeling terug: elke worker sluit per seconde een deel van zijn eigen verbindingen, wie er
meer heeft sluit er meer, en een nieuwe verbinding gaat naar de worker die haar het eerst aanneemt. (Een grens op
het aantal verzoeken per verbinding doet dat niet: onder volle belasting sluiten twee even snelle workers even veel
verbindingen, hoe ze ook verdeeld zijn, en de verdeling zwerft. Gemeten in BENCHMARKS.md.)

Gebruik: ``uvicorn app.main:app --http app.server:BegrensdeKop`` (zo start ``make run``). Met ``--http h11`` geldt in
plaats daarvan ``--h11-max-incomplete-event-size`` (standaard 16 KiB).

``python -m app.server`` (de Docker-image) start uvicorn met dit protocol en **één worker per core**: het GIL maakt
één Python-proces sequentieel, dus zonder meer workers laat een service de overige cores leeg. Het aantal cores is
de CPU-affiniteit van het proces, begrensd door het CPU-quotum van de container (cgroup v2 ``cpu.max``, zoals
Kubernetes ``resources.limits.cpu`` dat zet); ``MAATSTAF_WORKERS`` (of uvicorns ``WEB_CONCURRENCY``) kiest zelf.
``MAATSTAF_HOST`` en ``MAATSTAF_POORT`` (standaard 0.0.0.0 en 8000).
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
import time
from pathlib import Path

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.config import API_VERSION

#: Verzoekregel en alle headers samen; een token (ten hoogste 8192 tekens, zie app/api/auth.py) past ruim.
MAX_KOP_BYTES = 32 * 1024
#: Zo oud (seconden) wordt een keep-alive-verbinding ten hoogste: het antwoord daarna krijgt "Connection: close" en de
#: client verbindt opnieuw (50 verbindingen: minder dan twee nieuwe per seconde).
MAX_VERBINDINGSDUUR_S = 30.0


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
    """HttpToolsProtocol dat stopt zodra de kop van een verzoek groter wordt dan ``MAX_KOP_BYTES``, en dat een
    keep-alive-verbinding sluit na ``MAX_VERBINDINGSDUUR_S`` (±10%)."""

    max_kop_bytes = MAX_KOP_BYTES
    max_verbindingsduur_s = MAX_VERBINDINGSDUUR_S

    def connection_made(self, transport) -> None:  # type: ignore[override]
        self._kop_open = True
        self._kop_bytes = 0
        self._geweigerd = False
        # ±10%: verbindingen die samen zijn gemaakt (een pool bij het starten), sluiten niet allemaal tegelijk
        self._sluiten_na = time.monotonic() + self.max_verbindingsduur_s * random.uniform(0.9, 1.1)  # noqa: S311
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
        if time.monotonic() >= self._sluiten_na:
            self.cycle.keep_alive = False  # het antwoord krijgt "connection: close"; daarna sluit uvicorn

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


#: Het CPU-quotum van de container (cgroup v2): "<quotum> <periode>" in microseconden, of "max <periode>".
CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


def beschikbare_cores(cpu_max: Path = CPU_MAX) -> int:
    """De cores die dit proces mag gebruiken: de CPU-affiniteit, begrensd door het quotum van de container."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # geen Linux
        cores = os.cpu_count() or 1
    try:
        quotum, periode = cpu_max.read_text().split()
        if quotum != "max":
            cores = min(cores, math.ceil(int(quotum) / int(periode)))
    except (OSError, ValueError):
        pass  # geen cgroup v2 of geen quotum: de affiniteit geldt
    return max(1, cores)


def aantal_workers(omgeving: dict[str, str] | None = None, cpu_max: Path = CPU_MAX) -> int:
    """``MAATSTAF_WORKERS`` of ``WEB_CONCURRENCY`` als die zijn gezet (een geheel getal ≥ 1), anders één per core."""
    omgeving = os.environ if omgeving is None else omgeving
    for naam in ("MAATSTAF_WORKERS", "WEB_CONCURRENCY"):
        waarde = omgeving.get(naam, "").strip()
        if waarde:
            if not waarde.isdigit() or int(waarde) < 1:
                raise ValueError(f"{naam} moet een geheel getal van ten minste 1 zijn, niet {waarde!r}.")
            return int(waarde)
    return beschikbare_cores(cpu_max)


def main() -> None:
    """Start Maatstaf zoals in productie (de Docker-image): uvicorn met BegrensdeKop en één worker per core."""
    import uvicorn

    try:
        workers = aantal_workers()
    except ValueError as fout:
        print(fout, file=sys.stderr)
        raise SystemExit(2) from None
    uvicorn.run(
        "app.main:app",
        host=os.environ.get("MAATSTAF_HOST", "0.0.0.0"),  # noqa: S104 - in een container: van buiten bereikbaar
        port=int(os.environ.get("MAATSTAF_POORT", "8000")),
        workers=workers,
        proxy_headers=True,
        http="app.server:BegrensdeKop",
    )


if __name__ == "__main__":
    main()
