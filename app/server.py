"""Het HTTP-protocol voor uvicorn: httptools met grenzen aan wat één verbinding mag kosten.

httptools (uvicorn's standaard) leest een kop tot het einde in, hoe groot ook, en wacht op een verzoek of een body
zo lang als de client wil. Een client kon zo met een halve kop of één byte body per seconde een verbinding (en een
bestandsdescriptor) eindeloos vasthouden: 20.000 verbindingen met elk een halve kop brachten het proces aan zijn
grens van open bestanden, en nieuwe verbindingen werden geweigerd. Dit protocol begrenst per verbinding:

- **de grootte van de kop**: verzoekregel en headers samen ten hoogste ``MAX_KOP_BYTES``, anders 431 (RFC 6585);
- **de tijd voor de kop**: van het eerste byte van een verzoek tot het einde van zijn kop ten hoogste
  ``KOP_TIJD_S`` seconden, anders 408 (RFC 9110 §15.5.9) en dicht;
- **de tijd voor de body**: ``BODY_TIJD_S`` seconden plus één seconde per ``MIN_SNELHEID`` ontvangen bytes (zoals
  Apache's mod_reqtimeout ``body=...,MinRate=...``), anders 408 en dicht. Wachten op Maatstaf zelf telt niet: zolang
  de app de body niet leest (uvicorn stopt dan met lezen) of ``Expect: 100-continue`` nog niet is beantwoord, loopt
  de klok niet;
- **de rust tussen verzoeken**: een verbinding zonder verzoek (nieuw, of keep-alive na een antwoord) sluit na
  uvicorns ``--timeout-keep-alive`` (standaard 5 s), zonder antwoord. Uvicorn zelf doet dat alleen na een antwoord;
  een nieuwe verbinding die niets stuurde, bleef open;
- **het aantal verbindingen per proces**: ten hoogste ``MAATSTAF_MAX_VERBINDINGEN`` (standaard 2048), en altijd
  ``RESERVE_BESTANDEN`` onder de grens van open bestanden (``ulimit -n``). Komt er een verbinding bij boven die grens,
  dan sluit de verbinding die het langst op haar verzoek wacht (een halve kop krijgt 408, een rustende sluit
  stil); wacht er geen, dan krijgt de nieuwe 503 en sluit. Een gewone client stuurt zijn kop in milliseconden en
  komt er dus tussendoor, ook als iemand duizenden verbindingen openhoudt. (uvicorns ``--limit-concurrency``
  beschermt hier niet: dat telt pas als een kop compleet is.)

Wat op deze manier wordt gesloten, meldt het protocol samengevat (ten hoogste één logregel per ``MELD_INTERVAL_S``),
niet per verbinding: onder een aanval zouden dat er duizenden per seconde zijn. Een 408 tijdens de body ziet de app
ook: die telt en logt het verzoek met status 408 (app/waarneming.py).

Het sluit een keep-alive-verbinding ook als zij ``MAX_VERBINDINGSDUUR_S`` (±10%) seconden oud is, bij het
eerstvolgende antwoord (``Connection: close``; zoals gRPC's ``MAX_CONNECTION_AGE``). Een backofficesysteem houdt
een pool van verbindingen open; vallen die bij het verbinden ongelijk over de workers (gemeten: soms alle 50 op één
worker, bijv. omdat de andere net herstartte), dan blijft dat zo zolang ze leven, en staat een core leeg. Een grens
op de leeftijd trekt de verdeling terug: elke worker sluit per seconde een deel van zijn eigen verbindingen, wie er
meer heeft sluit er meer, en een nieuwe verbinding gaat naar de worker die haar het eerst aanneemt. (Een grens op
het aantal verzoeken per verbinding doet dat niet: onder volle belasting sluiten twee even snelle workers even veel
verbindingen, hoe ze ook verdeeld zijn, en de verdeling zwerft. Gemeten in BENCHMARKS.md.)

Gebruik: ``uvicorn app.main:app --http app.server:BegrensdeKop``. Met ``--http h11`` gelden deze grenzen niet (alleen
``--h11-max-incomplete-event-size``, standaard 16 KiB).

``python -m app.server`` (de Docker-image; ``make run`` met ``MAATSTAF_WORKERS=1``) start uvicorn met dit protocol
en **één worker per core**: het GIL maakt één Python-proces sequentieel, dus zonder meer workers laat een service de
overige cores leeg. Het aantal cores is de CPU-affiniteit van het proces, begrensd door het CPU-quotum van de
container (cgroup v2 ``cpu.max``, zoals Kubernetes ``resources.limits.cpu`` dat zet); ``MAATSTAF_WORKERS`` (of
uvicorns ``WEB_CONCURRENCY``) kiest zelf. ``MAATSTAF_HOST`` en ``MAATSTAF_POORT`` (standaard 0.0.0.0 en 8000). Het
verhoogt de zachte grens van open bestanden tot de harde, en logt in het formaat van ``MAATSTAF_LOG_FORMAAT`` vanaf
de eerste regel, ook wat uvicorn zelf logt (het hoofdproces bij meer workers).
"""

from __future__ import annotations

import json
import math
import os
import random
import resource
import sys
import time
from functools import cache
from pathlib import Path

from uvicorn.protocols.http.flow_control import FlowControl
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.config import API_PAD, API_VERSION, log_formaat
from app.waarneming import TE_TRAAG, uvicorn_logconfig

#: Verzoekregel en alle headers samen; een token (ten hoogste 8192 tekens, zie app/api/http/auth.py) past ruim.
MAX_KOP_BYTES = 32 * 1024
#: Zo oud (seconden) wordt een keep-alive-verbinding ten hoogste: het antwoord daarna krijgt "Connection: close" en de
#: client verbindt opnieuw (50 verbindingen: minder dan twee nieuwe per seconde).
MAX_VERBINDINGSDUUR_S = 30.0
#: Van het eerste byte van een verzoek tot het einde van zijn kop (seconden); een client stuurt een kop in één keer.
KOP_TIJD_S = 10.0
#: De body krijgt zoveel seconden, plus een seconde per MIN_SNELHEID ontvangen bytes: 1 MiB mag ruim 17 minuten
#: duren, één byte per seconde houdt een verbinding geen 11 s vast.
BODY_TIJD_S = 10.0
MIN_SNELHEID = 1024
#: Verbindingen per proces (MAATSTAF_MAX_VERBINDINGEN); daarnaast nooit meer dan de grens van open bestanden min
#: RESERVE_BESTANDEN (voor de database, de logbestanden, de rekenprocessen en het aannemen van een nieuwe verbinding).
MAX_VERBINDINGEN = 2048
RESERVE_BESTANDEN = 128
#: Ten hoogste één samenvattende logregel per zoveel seconden over gesloten verbindingen.
MELD_INTERVAL_S = 10.0


def _antwoord(status: int, reden: str, titel: str, detail: str, *extra: str) -> bytes:
    """Een volledig HTTP-antwoord (problem+json) dat de verbinding sluit; zonder de app."""
    body = json.dumps(
        {"type": "about:blank", "title": titel, "status": status, "detail": detail}, ensure_ascii=False
    ).encode()
    kop = "".join(
        [
            f"HTTP/1.1 {status} {reden}\r\n",
            "content-type: application/problem+json\r\n",
            f"content-length: {len(body)}\r\n",
            f"api-version: {API_VERSION}\r\n",
            "x-content-type-options: nosniff\r\n",
            *(f"{regel}\r\n" for regel in extra),
            "connection: close\r\n\r\n",
        ]
    )
    return kop.encode("ascii") + body


@cache  # onder een aanval duizenden keren per seconde: één keer opbouwen
def _antwoord_431() -> bytes:
    return _antwoord(
        431,
        "Request Header Fields Too Large",
        "Headers te groot",
        f"De verzoekregel en headers samen zijn groter dan {MAX_KOP_BYTES // 1024} KiB.",
    )


@cache
def _antwoord_408() -> bytes:
    return _antwoord(
        408,
        "Request Timeout",
        "Verzoek te traag",
        "Het verzoek kwam niet op tijd binnen; de verbinding wordt gesloten. Stuur het opnieuw, in één keer.",
    )


@cache
def _antwoord_503() -> bytes:
    return _antwoord(
        503,
        "Service Unavailable",
        "Dienst niet beschikbaar",
        "Te veel open verbindingen; probeer het zo opnieuw.",
        "retry-after: 1",
    )


def grens_verbindingen(omgeving: dict[str, str] | None = None) -> int:
    """``MAATSTAF_MAX_VERBINDINGEN`` (standaard ``MAX_VERBINDINGEN``), en nooit meer dan de zachte grens van open
    bestanden min ``RESERVE_BESTANDEN`` (ten minste 16)."""
    omgeving = os.environ if omgeving is None else omgeving
    tekst = omgeving.get("MAATSTAF_MAX_VERBINDINGEN", "").strip()
    if tekst and (not tekst.isdigit() or int(tekst) < 1):
        raise ValueError(f"MAATSTAF_MAX_VERBINDINGEN moet een geheel getal van ten minste 1 zijn, niet {tekst!r}.")
    grens = int(tekst) if tekst else MAX_VERBINDINGEN
    zacht, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if zacht != resource.RLIM_INFINITY:
        grens = min(grens, max(16, zacht - RESERVE_BESTANDEN))
    return grens


class _Stroom(FlowControl):
    """uvicorns FlowControl, die bijhoudt hoe lang het lezen stil heeft gestaan: zolang wacht de client op ons."""

    def __init__(self, transport) -> None:
        super().__init__(transport)
        self._stil_sinds: float | None = None
        self._stil_s = 0.0

    def pause_reading(self) -> None:
        if not self.read_paused:
            self._stil_sinds = time.monotonic()
        super().pause_reading()

    def resume_reading(self) -> None:
        if self.read_paused and self._stil_sinds is not None:
            self._stil_s += time.monotonic() - self._stil_sinds
            self._stil_sinds = None
        super().resume_reading()

    def stil_s(self, nu: float) -> float:
        """Alle seconden dat het lezen tot ``nu`` stil stond (ook een pauze die nog loopt)."""
        return self._stil_s + (nu - self._stil_sinds if self._stil_sinds is not None else 0.0)


class _Verbindingen:
    """Wat de verbindingen van één server (één worker) delen: hoeveel er open zijn, wie op een verzoek wacht (in
    volgorde van wachten: de eerste wacht het langst), en de tellingen voor de samenvattende logregel."""

    def __init__(self, grens: int) -> None:
        self.grens = grens
        self.open = 0
        self.wachtend: dict[BegrensdeKop, None] = {}  # een geordende verzameling
        self.gesloten: dict[str, int] = {}
        self.melding = None  # de geplande logregel

    @classmethod
    def van(cls, server_state) -> _Verbindingen:
        gedeeld = getattr(server_state, "maatstaf_verbindingen", None)
        if gedeeld is None:
            gedeeld = cls(grens_verbindingen())
            server_state.maatstaf_verbindingen = gedeeld
        return gedeeld


class BegrensdeKop(HttpToolsProtocol):
    """HttpToolsProtocol met grenzen aan de grootte en de duur van kop en body, aan de rust tussen verzoeken en aan
    het aantal verbindingen; sluit een keep-alive-verbinding na ``MAX_VERBINDINGSDUUR_S`` (±10%)."""

    max_kop_bytes = MAX_KOP_BYTES
    max_verbindingsduur_s = MAX_VERBINDINGSDUUR_S
    kop_tijd_s = KOP_TIJD_S
    body_tijd_s = BODY_TIJD_S
    min_snelheid = MIN_SNELHEID
    meld_interval_s = MELD_INTERVAL_S

    def connection_made(self, transport) -> None:  # type: ignore[override]
        self._kop_open = True
        self._kop_bytes = 0
        self._geweigerd = False
        self._fase = "rust"  # rust: geen verzoek; kop: de kop komt binnen; body: de body komt binnen; app: klaar
        self._klok = None  # de timer van kop of body
        self._begin = 0.0
        self._body_bytes = 0
        self._stil_bij_begin = 0.0
        # ±10%: verbindingen die samen zijn gemaakt (een pool bij het starten), sluiten niet allemaal tegelijk
        self._sluiten_na = time.monotonic() + self.max_verbindingsduur_s * random.uniform(0.9, 1.1)  # noqa: S311
        super().connection_made(transport)
        self.flow = _Stroom(transport)
        self._gedeeld = _Verbindingen.van(self.server_state)
        self._gedeeld.open += 1
        self._telt = True
        self._gedeeld.wachtend[self] = None
        if self._gedeeld.open > self._gedeeld.grens and not self._maak_plaats():
            return
        # rust vanaf het begin: uvicorn zet die klok pas na een antwoord (data_received haalt haar weg)
        self.timeout_keep_alive_task = self.loop.call_later(self.timeout_keep_alive, self.timeout_keep_alive_handler)

    def connection_lost(self, exc) -> None:
        self._afmelden()
        super().connection_lost(exc)

    # -------------------------------------------------------------- grenzen aan het aantal en de tijd

    def _afmelden(self) -> None:
        """Telt deze verbinding niet meer mee (ze is dicht of gaat dicht) en stopt haar klok."""
        if self._klok is not None:
            self._klok.cancel()
            self._klok = None
        if self._telt:
            self._telt = False
            self._gedeeld.open -= 1
            self._gedeeld.wachtend.pop(self, None)

    def _sluit(self, antwoord: bytes | None, reden: str) -> None:
        """Sluit de verbinding (eventueel na ``antwoord``) en telt ``reden`` voor de samenvattende logregel."""
        self._afmelden()
        self._unset_keepalive_if_required()
        if not self.transport.is_closing():
            if antwoord is not None:
                self.transport.write(antwoord)
            self.transport.close()
        self._meld(reden)

    def _maak_plaats(self) -> bool:
        """Boven de grens: sluit de verbinding die het langst op een verzoek wacht, of anders deze (503).
        True als deze verbinding open blijft."""
        for oudste in self._gedeeld.wachtend:
            if oudste is not self:
                if oudste._fase == "kop":
                    oudste._sluit(_antwoord_408(), "verdrongen")
                else:
                    oudste._sluit(None, "verdrongen")
                return True
        self._sluit(_antwoord_503(), "geweigerd")
        return False

    def _zet_klok(self, moment: float, functie) -> None:
        if self._klok is not None:
            self._klok.cancel()
        self._klok = self.loop.call_at(moment, functie)

    def _kop_verlopen(self) -> None:
        self._klok = None
        if self._fase == "kop":
            self._sluit(_antwoord_408(), "kop")

    def _body_verlopen(self) -> None:
        self._klok = None
        if self._fase != "body" or self.cycle is None:
            return
        nu = self.loop.time()
        if self.cycle.waiting_for_100_continue:
            # de client wacht op "100 Continue", en dat stuurt uvicorn pas als de app de body vraagt
            self._begin, self._body_bytes, self._stil_bij_begin = nu, 0, self.flow.stil_s(time.monotonic())
        deadline = (
            self._begin
            + self.body_tijd_s
            + self._body_bytes / self.min_snelheid
            + (self.flow.stil_s(time.monotonic()) - self._stil_bij_begin)
        )
        if nu < deadline:
            self._zet_klok(deadline, self._body_verlopen)
            return
        self.cycle.scope[TE_TRAAG] = True  # type: ignore[literal-required]  # eigen sleutel in de ASGI-scope
        self._sluit(None if self.cycle.response_started else _antwoord_408(), "body")

    def _meld(self, reden: str) -> None:
        gedeeld = self._gedeeld
        gedeeld.gesloten[reden] = gedeeld.gesloten.get(reden, 0) + 1
        if gedeeld.melding is None:
            gedeeld.melding = self.loop.call_later(self.meld_interval_s, self._meld_nu, gedeeld, self.logger)

    @staticmethod
    def _meld_nu(gedeeld: _Verbindingen, logger) -> None:
        gedeeld.melding = None
        tellingen, gedeeld.gesloten = gedeeld.gesloten, {}
        namen = {
            "kop": "kop niet op tijd (408)",
            "body": "body niet op tijd (408)",
            "verdrongen": "verdrongen door een nieuwe verbinding boven de grens",
            "geweigerd": "geweigerd boven de grens (503)",
        }
        logger.warning(
            "Verbindingen gesloten: %s (grens %d per proces, nu %d open)",
            ", ".join(f"{aantal} {namen.get(reden, reden)}" for reden, aantal in sorted(tellingen.items())),
            gedeeld.grens,
            gedeeld.open,
            extra={"gesloten": tellingen},
        )

    # -------------------------------------------------------------- parser

    def send_400_response(self, msg: str) -> None:
        """Geen geldig HTTP: uvicorn antwoordde met de platte Engelse tekst "Invalid HTTP request received."."""
        self.logger.warning("Ongeldig HTTP-verzoek ontvangen (400)")
        self._afmelden()
        self.transport.write(_antwoord(400, "Bad Request", "Ongeldig verzoek", "Dit is geen geldig HTTP/1.1-verzoek."))
        self.transport.close()

    def _weiger(self) -> None:
        self._geweigerd = True
        self.logger.warning("Verzoek met een kop van meer dan %d bytes geweigerd (431)", self.max_kop_bytes)
        self._afmelden()
        self.transport.write(_antwoord_431())
        self.transport.close()

    def on_message_begin(self) -> None:
        if self._fase != "kop":  # al "kop" als er eerder losse regeleinden kwamen: de klok liep al
            self._fase = "kop"
            self._begin = self.loop.time()
        super().on_message_begin()

    def on_headers_complete(self) -> None:
        self._kop_open = False
        grootte = len(self.url) + sum(len(naam) + len(waarde) + 4 for naam, waarde in self.headers)
        if grootte > self.max_kop_bytes:  # de hele kop kwam in één stuk binnen: de app wordt niet aangeroepen
            self._weiger()
            return
        self._fase = "body"
        self._begin = self.loop.time()
        self._body_bytes = 0
        self._stil_bij_begin = self.flow.stil_s(time.monotonic())
        self._gedeeld.wachtend.pop(self, None)
        super().on_headers_complete()
        if time.monotonic() >= self._sluiten_na:
            self.cycle.keep_alive = False  # het antwoord krijgt "connection: close"; daarna sluit uvicorn

    def on_body(self, body: bytes) -> None:
        if not self._geweigerd:
            self._body_bytes += len(body)
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self._geweigerd:
            return
        self._kop_open = True
        self._kop_bytes = 0
        self._fase = "app"
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self._telt and self._fase == "app" and not self.transport.is_closing():
            self._fase = "rust"
            self._gedeeld.wachtend[self] = None  # achteraan: wacht vanaf nu op het volgende verzoek

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
            return
        if self._fase == "rust" and data:
            # bytes zonder begin van een verzoek (lege regels): de klok van de kop loopt vanaf nu, anders hield een
            # regeleinde per paar seconden de verbinding eindeloos open (uvicorn stopt de rustklok bij elk byte)
            self._fase = "kop"
            self._begin = self.loop.time()
        # Een klok alleen als een verzoek half binnen is: een gewoon verzoek komt in één stuk en zet er geen.
        if self._fase == "kop":
            if self._klok is None and not self.transport.is_closing():
                self._zet_klok(self._begin + self.kop_tijd_s, self._kop_verlopen)
        elif self._fase == "body":
            if self._klok is None and not self.transport.is_closing():
                self._zet_klok(self._begin + self.body_tijd_s, self._body_verlopen)
        elif self._klok is not None:
            self._klok.cancel()
            self._klok = None


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


def verhoog_bestandsgrens() -> int:
    """De zachte grens van open bestanden naar de harde (zoals Go en nginx' ``worker_rlimit_nofile``): zo bepaalt
    ``MAATSTAF_MAX_VERBINDINGEN`` het aantal verbindingen, niet een toevallige ``ulimit -n`` van 1024. Geeft de
    zachte grens die nu geldt."""
    zacht, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != zacht and (zacht != resource.RLIM_INFINITY):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            zacht = hard
        except (ValueError, OSError):
            pass
    return zacht


def gezondheidsadres(omgeving: dict[str, str] | None = None) -> str:
    """Het adres van ``/api/v1/health`` van de service die ``python -m app.server`` in deze omgeving start: dezelfde
    ``MAATSTAF_POORT``, en ``MAATSTAF_HOST`` (op alle adressen luisteren: via 127.0.0.1)."""
    omgeving = os.environ if omgeving is None else omgeving
    host = omgeving.get("MAATSTAF_HOST", "").strip() or "0.0.0.0"  # noqa: S104
    if host in ("0.0.0.0", "::"):  # noqa: S104
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    poort = omgeving.get("MAATSTAF_POORT", "").strip() or "8000"
    return f"http://{host}:{poort}{API_PAD}/health"


def gezond(omgeving: dict[str, str] | None = None, timeout: float = 4.0) -> bool:
    """True als de service gereed is (``/api/v1/health``: 200). Voor de HEALTHCHECK van de Docker-image, die zo de
    poort volgt die ``MAATSTAF_POORT`` kiest (vroeger vast 8000)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(gezondheidsadres(omgeving), timeout=timeout) as antwoord:  # noqa: S310
            return antwoord.status == 200
    except (OSError, urllib.error.URLError, ValueError):
        return False


def main(argumenten: list[str] | None = None) -> None:
    """Start Maatstaf zoals in productie (de Docker-image): uvicorn met BegrensdeKop en één worker per core.
    ``python -m app.server gezond``: exit 0 als de service gereed is (de HEALTHCHECK van de image)."""
    argumenten = sys.argv[1:] if argumenten is None else argumenten
    if argumenten == ["gezond"]:
        raise SystemExit(0 if gezond() else 1)
    if argumenten:
        print("Gebruik: python -m app.server [gezond]", file=sys.stderr)
        raise SystemExit(2)
    import uvicorn

    try:
        workers = aantal_workers()
        grens_verbindingen()  # een ongeldige MAATSTAF_MAX_VERBINDINGEN: niet starten
    except ValueError as fout:
        print(fout, file=sys.stderr)
        raise SystemExit(2) from None
    verhoog_bestandsgrens()
    uvicorn.run(
        "app.main:app",
        host=os.environ.get("MAATSTAF_HOST", "0.0.0.0"),  # noqa: S104 - in een container: van buiten bereikbaar
        port=int(os.environ.get("MAATSTAF_POORT", "8000")),
        workers=workers,
        proxy_headers=True,
        http="app.server:BegrensdeKop",
        log_config=uvicorn_logconfig(log_formaat()),
    )


if __name__ == "__main__":
    main()
