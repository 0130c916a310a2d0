"""Waarneming voor de beheerder: metrics in Prometheus-formaat en gestructureerde logs (JSON) met een request-id.

- ``X-Request-ID``: een geldig id van de client (1-64 tekens uit ``A-Z a-z 0-9 . _ -``, zonder BSN) wordt
  overgenomen, anders maakt Maatstaf er een; het staat in elk antwoord en in elke logregel van dat verzoek.
- ``GET /metrics`` (Prometheus-tekstformaat): verzoeken en hun duur per route (het routesjabloon, nooit een id uit
  het pad), de duur en groepsgrootte van de commits van de auditopslag, en 503-antwoorden per oorzaak.
- Logs: één JSON-object per regel op stderr (``MAATSTAF_LOG_FORMAAT=tekst`` voor mensen). Nooit een token, een
  body of een queryparameter: alleen methode, routesjabloon, status, duur en request-id.

Bij meer workers heeft elk proces zijn eigen tellers; Prometheus telt ze op als elke worker apart wordt gescraped
(of zet een reverse proxy per worker). Zie README, "Beheer".
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from starlette.routing import Match

from app.persoonsgegevens import bevat_bsn

#: Het request-id van het verzoek dat nu wordt afgehandeld (voor elke logregel).
REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("maatstaf_request_id", default=None)
#: Sleutel in de ASGI-scope waarin een foutafhandeling de oorzaak van een 503 noteert.
OORZAAK_503 = "maatstaf.oorzaak_503"
#: Sleutel in de ASGI-scope: het protocol (app/server.py) sloot de verbinding omdat de body niet op tijd kwam.
TE_TRAAG = "maatstaf.te_traag"
#: De status van een verzoek dat de client afbrak vóór het antwoord compleet was (zoals nginx): geen fout van de
#: server, dus niet als 500 geteld of gelogd.
AFGEBROKEN = 499

#: Een request-id van de client: een veilige vorm (UUID, hex, een eigen kenmerk), nooit een BSN (zie ``request_id``).
_GELDIG_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_DUUR = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

log_toegang = logging.getLogger("maatstaf.toegang")


class Metrics:
    """De metrics van één app (een eigen registry, zodat tests en meerdere apps elkaar niet raken)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.verzoeken = Counter(
            "maatstaf_http_verzoeken",
            "HTTP-verzoeken per methode, routesjabloon en status.",
            ["methode", "route", "status"],
            registry=self.registry,
        )
        self.duur = Histogram(
            "maatstaf_http_verzoek_duur_seconden",
            "Duur van HTTP-verzoeken per methode en routesjabloon.",
            ["methode", "route"],
            buckets=_DUUR,
            registry=self.registry,
        )
        self.commit_duur = Histogram(
            "maatstaf_audit_commit_duur_seconden",
            "Duur van een commit van de auditopslag (een groep records in één transactie).",
            buckets=_DUUR,
            registry=self.registry,
        )
        self.groepsgrootte = Histogram(
            "maatstaf_audit_groepsgrootte",
            "Aantal auditrecords per commit.",
            buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256),
            registry=self.registry,
        )
        self.onbeschikbaar = Counter(
            "maatstaf_http_503", "503-antwoorden per oorzaak.", ["oorzaak"], registry=self.registry
        )

    def commit(self, duur_s: float, aantal: int) -> None:
        """Aangeroepen door de schrijver van de auditopslag na elke geslaagde commit."""
        self.commit_duur.observe(duur_s)
        self.groepsgrootte.observe(aantal)

    def tekst(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def _route(scope) -> str:
    """Het routesjabloon (``/api/v1/berekeningen/{berekeningId}``), nooit het echte pad met ids. Kwam het verzoek niet
    tot de router (413, 408 of 499 tijdens het lezen van de body), dan het sjabloon van de route die erbij past."""
    route = scope.get("route")
    if route is None:
        router = getattr(scope.get("app"), "router", None)
        for kandidaat in getattr(router, "routes", ()):
            if kandidaat.matches(scope)[0] != Match.NONE:
                route = kandidaat
                break
    pad = getattr(route, "path", None)
    if pad is None:
        return "onbekend"
    return f"{scope.get('root_path', '')}{pad}"


def request_id_uit(gegeven: str | None) -> str:
    """Het request-id van de client als het een veilige vorm heeft (1-64 tekens ``A-Z a-z 0-9 . _ -``) en geen BSN
    bevat; anders een nieuw. Het id gaat in elk antwoord en in elke logregel van het verzoek: een BSN (ook als
    ``123.456.782``) zou zo in het log belanden, en het log wordt niet versleuteld of gewist."""
    if gegeven is not None and _GELDIG_ID.fullmatch(gegeven) and not bevat_bsn(gegeven):
        return gegeven
    return uuid.uuid4().hex


def uitkomst(scope, status: int | None, compleet: bool, verbroken: bool) -> int:
    """De status om te tellen en te loggen: 408 als het protocol de verbinding sloot omdat de body niet op tijd kwam,
    499 als de client de verbinding verbrak vóór het antwoord compleet was, 500 als er geen antwoord begon."""
    if scope.get(TE_TRAAG):
        return 408
    if verbroken and not compleet:
        return AFGEBROKEN
    return 500 if status is None else status


class Waarneming:
    """ASGI-middleware: request-id, toegangslog (JSON) en metrics per verzoek."""

    def __init__(self, app, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        gegeven = None
        for naam, waarde in scope.get("headers", ()):
            if naam == b"x-request-id":
                gegeven = waarde.decode("latin-1")
                break
        request_id = request_id_uit(gegeven)
        token = REQUEST_ID.set(request_id)
        kop = (b"x-request-id", request_id.encode("ascii"))
        status: int | None = None
        compleet = False  # het hele antwoord is verstuurd
        verbroken = False  # de client verbrak de verbinding vóór het antwoord compleet was
        begin = time.perf_counter()

        async def ontvang():
            nonlocal verbroken
            bericht = await receive()
            if bericht["type"] == "http.disconnect" and not compleet:
                verbroken = True
            return bericht

        async def verstuur(bericht) -> None:
            nonlocal status, compleet
            if bericht["type"] == "http.response.start":
                status = bericht["status"]
                bericht["headers"] = [*bericht.get("headers", []), kop]
            elif not bericht.get("more_body", False):
                compleet = True
            await send(bericht)

        try:
            await self.app(scope, ontvang, verstuur)
        finally:
            duur = time.perf_counter() - begin
            route = _route(scope)
            methode = scope["method"]
            status = uitkomst(scope, status, compleet, verbroken)
            self.metrics.verzoeken.labels(methode, route, str(status)).inc()
            self.metrics.duur.labels(methode, route).observe(duur)
            if status == 503:
                self.metrics.onbeschikbaar.labels(scope.get(OORZAAK_503) or "overig").inc()
            duur_ms = round(duur * 1000, 2)
            # het bericht zelf noemt ze ook: de tekstlog toont alleen het bericht (nooit het pad met ids of de query)
            log_toegang.info(
                "%s %s %s %.1f ms",
                methode,
                route,
                status,
                duur_ms,
                extra={"methode": methode, "route": route, "status": status, "duurMs": duur_ms},
            )
            REQUEST_ID.reset(token)


#: Velden van een logrecord die niet als extra veld in de JSON komen; ``color_message`` is uvicorns bericht met
#: kleurcodes voor een terminal (ESC-reeksen), naast het gewone.
_STANDAARD_VELDEN = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "color_message",
}


class JsonFormaat(logging.Formatter):
    """Eén JSON-object per logregel: tijd, niveau, logger, bericht, requestId en de extra velden."""

    def format(self, record: logging.LogRecord) -> str:
        regel = {
            "tijd": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "niveau": record.levelname,
            "logger": record.name,
            "bericht": record.getMessage(),
        }
        request_id = REQUEST_ID.get()
        if request_id is not None:
            regel["requestId"] = request_id
        for sleutel, waarde in record.__dict__.items():
            if sleutel not in _STANDAARD_VELDEN and not sleutel.startswith("_"):
                regel[sleutel] = waarde
        if record.exc_info:
            regel["fout"] = self.formatException(record.exc_info)
        return json.dumps(regel, ensure_ascii=False, default=str)


class TekstFormaat(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        tekst = super().format(record)
        request_id = REQUEST_ID.get()
        return f"{tekst} [{request_id}]" if request_id else tekst


def formaat_van(formaat: str = "json") -> logging.Formatter:
    """De formatter van een logformaat (``json`` of ``tekst``)."""
    if formaat == "json":
        return JsonFormaat()
    return TekstFormaat("%(asctime)s %(levelname)s %(name)s: %(message)s")


_HANDLER_NAAM = "maatstaf"
#: Het formaat dat configureer_logging het laatst instelde (voor de rekenprocessen, zie ``in_rekenproces``).
_FORMAAT = "json"


def uvicorn_logconfig(formaat: str = "json") -> dict:
    """``log_config`` voor uvicorn (``python -m app.server``): ook wat uvicorn zelf logt vóór de app er is (het
    hoofdproces bij meer workers, het starten en stoppen), in het formaat van Maatstaf. Zonder dit schreef het
    hoofdproces kale tekstregels tussen de JSON. De app vervangt de handler bij het starten (``configureer_logging``,
    dezelfde naam)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {_HANDLER_NAAM: {"()": "app.waarneming.formaat_van", "formaat": formaat}},
        "handlers": {
            _HANDLER_NAAM: {"class": "logging.StreamHandler", "formatter": _HANDLER_NAAM, "stream": "ext://sys.stderr"}
        },
        "loggers": {
            "uvicorn": {"handlers": [_HANDLER_NAAM], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": [], "level": "INFO", "propagate": False},
        },
    }


#: Bibliotheken waarvan waarschuwingen en fouten in hetzelfde formaat moeten verschijnen (anders schrijft Python ze
#: als kale tekst op stderr, buiten de JSON-regels die een logverzamelaar leest).
BIBLIOTHEKEN = ("psycopg", "sqlalchemy")


def configureer_logging(formaat: str = "json", niveau: str = "INFO", toegangslog: bool = True) -> None:
    """Logregels van Maatstaf (en uvicorn) als JSON of tekst op stderr; de toegangslog van uvicorn gaat uit (Maatstaf
    schrijft zijn eigen, met routesjabloon en request-id). Idempotent."""
    global _FORMAAT
    _FORMAAT = formaat
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAAM)
    handler.setFormatter(formaat_van(formaat))
    for naam in ("maatstaf", "uvicorn", "uvicorn.error", *BIBLIOTHEKEN):
        logger = logging.getLogger(naam)
        logger.handlers = [h for h in logger.handlers if h.get_name() != _HANDLER_NAAM]
        if naam in ("maatstaf", *BIBLIOTHEKEN):  # propageren wel: pytest (caplog) en een eigen root-handler zien ze ook
            logger.addHandler(handler)
            logger.setLevel(niveau if naam == "maatstaf" else logging.WARNING)
        else:
            logger.handlers = [handler]
            logger.propagate = False
    logging.getLogger("uvicorn.access").disabled = True
    log_toegang.disabled = not toegangslog


def in_rekenproces(formaat: str) -> None:
    """Initializer van een rekenproces (app/rekenpool.py): een nieuw proces (spawn) kent de logging van de server
    niet, en schreef een fout bij een regel van een batch als kale tekst op stderr."""
    configureer_logging(formaat)


def huidig_formaat() -> str:
    return _FORMAAT
