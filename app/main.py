"""De ASGI-app: ``uvicorn app.main:app``. De API staat onder /api/v1 (Swagger UI: /api/v1/docs), in dezelfde app als\n/metrics en de doorverwijzing van /: één middleware-stapel per verzoek."""

from __future__ import annotations

import asyncio
import gc
import html
import logging
from contextlib import asynccontextmanager, suppress
from pathlib import Path

import fastapi_offline
import orjson
from fastapi import APIRouter, FastAPI, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from app import openapi_doc, rekenpool
from app.api import audit, beheer, beleid, berekeningen, impact, maatwerk, regels, spiegel
from app.api.http import problemen
from app.api.http.auth import ONTWIKKELGEHEIM, Verificateur
from app.api.http.middleware import BodyLimiet, VasteKoppen
from app.config import API_PAD, API_VERSION, Configuratiefout, Instellingen
from app.db import AuditStore
from app.db.standlezer import Standlezer
from app.regelbeheer import controleer_tegen_opgeslagen
from app.regels import Regeldatafout, bronregel, laad
from app.waarneming import Metrics, Waarneming, configureer_logging

#: Generatie 0 van de garbage collector: een collectie per zoveel nieuwe containerobjecten (Python: 700).
GC_DREMPEL = 10_000

log = logging.getLogger("maatstaf")


#: Swagger UI uit het pakket fastapi-offline (swagger-ui-bundle.js, swagger-ui.css, favicon.png).
SWAGGER_UI_BESTANDEN = Path(fastapi_offline.__file__).resolve().parent / "static"
#: Het script dat Swagger UI start (een bestand, geen script in de pagina: zie CSP_DOCS).
SWAGGER_UI_START = (Path(openapi_doc.__file__).resolve().parent / "swagger-ui-start.js").read_bytes()
#: De Content-Security-Policy van Swagger UI: scripts, CSS en afbeeldingen alleen van de service zelf (plus de
#: data:-afbeeldingen in swagger-ui.css), verzoeken alleen naar de service zelf, niet in een frame.
CSP_DOCS = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def swagger_ui_pagina(basis: str) -> str:
    """De pagina van Swagger UI, zonder script of stijl in de pagina zelf (zie CSP_DOCS)."""
    basis = html.escape(basis, quote=True)
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Maatstaf - Swagger UI</title>
<link rel="stylesheet" href="{basis}/docs-bestanden/swagger-ui.css">
<link rel="icon" href="{basis}/docs-bestanden/favicon.png">
</head>
<body>
<div id="swagger-ui" data-openapi="{basis}/openapi.json"></div>
<script src="{basis}/docs-bestanden/swagger-ui-bundle.js"></script>
<script src="{basis}/docs/start.js"></script>
</body>
</html>
"""


def inhoudsopgave(basis: str) -> JSONResponse:
    """Wat /api/v1 zelf antwoordt: waar de documentatie staat (in plaats van een 404)."""
    return JSONResponse(
        {
            "naam": "Maatstaf",
            "versie": API_VERSION,
            "omschrijving": "Benadeling, terugvordering, verwijtbaarheid en bestuurlijke boete naar draagkracht "
            "(Participatiewet), met audittrail.",
            "links": {
                "documentatie": f"{basis}/docs",
                "openapi": f"{basis}/openapi.json",
                "gezondheid": f"{basis}/health",
            },
        }
    )


#: De routers van de API, elk van een feature (app/api/<feature>/). De volgorde is die van de paden in openapi.yaml:
#: een nieuwe feature komt achteraan (of waar haar paden in het document horen).
ROUTERS: tuple[APIRouter, ...] = (
    berekeningen.router,
    regels.router,
    beheer.router,
    berekeningen.batch_router,
    impact.router,
    audit.inzage_router,
    audit.herberekening_router,
    audit.integriteit_router,
    maatwerk.router,
    audit.wissen_router,
    beleid.router,
    beleid.vaststelling_router,
    spiegel.router,
)


def maak_api(levensloop=None) -> FastAPI:
    """Eén ASGI-app: de API onder /api/v1, de documentatie, /metrics en de doorverwijzing van /. Eén middleware-stapel
    en één foutafhandeling per verzoek (vroeger was de API een tweede FastAPI-app, gemount in een eerste). De routes
    van de routers staan rechtstreeks in de app (niet via include_router): één platte lijst om te doorzoeken."""
    api = FastAPI(
        routes=[route for router in ROUTERS for route in router.routes],
        lifespan=levensloop,
        title="Maatstaf",
        version=API_VERSION,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        # FastAPI's eigen OpenTelemetry-koppeling uit: Maatstaf meet zelf (GET /metrics, logregels met requestId) en
        # stuurt nergens iets heen. Aan kostte zij per verzoek een opzoeking van de tracer- en meterproviders (~1%
        # van de CPU van een berekening, py-spy), ook zonder dat er een was ingesteld.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    api.mount(f"{API_PAD}/docs-bestanden", StaticFiles(directory=SWAGGER_UI_BESTANDEN), name="docs-bestanden")

    @api.get(f"{API_PAD}/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        """Swagger UI met JavaScript en CSS van de service zelf: geen CDN, geen lettertypen, geen validatorbadge."""
        basis = f"{request.scope.get('root_path', '')}{API_PAD}"
        return HTMLResponse(swagger_ui_pagina(basis), headers={"Content-Security-Policy": CSP_DOCS})

    @api.get(f"{API_PAD}/docs/start.js", include_in_schema=False)
    async def docs_start() -> Response:
        return Response(SWAGGER_UI_START, media_type="text/javascript; charset=utf-8")

    @api.get(f"{API_PAD}/openapi.json", include_in_schema=False)
    async def openapi_json() -> Response:
        return Response(orjson.dumps(api.openapi()), media_type="application/json")

    @api.get(API_PAD, include_in_schema=False)
    @api.get(f"{API_PAD}/", include_in_schema=False)
    async def index(request: Request) -> JSONResponse:
        return inhoudsopgave(f"{request.scope.get('root_path', '')}{API_PAD}")

    problemen.registreer(api)
    api.openapi = lambda: api.openapi_schema or _zet(api, openapi_doc.bouw(api))
    return api


def _zet(api: FastAPI, schema: dict) -> dict:
    api.openapi_schema = schema
    return schema


def verificateur(instellingen: Instellingen) -> Verificateur:
    """Weigert te starten zonder geheim of JWKS-URL, behalve in de expliciete ontwikkelmodus."""
    geheim = instellingen.tokengeheim()
    if geheim is None and not instellingen.jwks_url:
        raise Configuratiefout(
            "MAATSTAF_JWT_SECRET of MAATSTAF_JWKS_URL ontbreekt: Maatstaf start niet zonder tokencontrole. "
            "Lokaal ontwikkelen: MAATSTAF_ONTWIKKELING=1 (of `make run`)."
        )
    if instellingen.jwt_secret and len(instellingen.jwt_secret) < 32:
        raise Configuratiefout("MAATSTAF_JWT_SECRET is te kort: gebruik ten minste 32 tekens.")
    if geheim == ONTWIKKELGEHEIM:
        log.warning("ONTWIKKELMODUS: tokens met het vaste ontwikkelgeheim worden geaccepteerd. Niet voor productie.")
    if instellingen.jwks_url and not instellingen.jwt_audience:
        log.warning("MAATSTAF_JWKS_URL zonder MAATSTAF_JWT_AUDIENCE: de aud-claim van tokens wordt niet gecontroleerd.")
    return Verificateur(geheim, instellingen.jwks_url, instellingen.jwt_audience, instellingen.jwt_issuer)


def maak_app(instellingen: Instellingen | None = None) -> FastAPI:
    instellingen = instellingen or Instellingen.uit_omgeving()
    configureer_logging(instellingen.log_formaat, toegangslog=instellingen.toegangslog)

    @asynccontextmanager
    async def levensloop(_app: FastAPI):
        app.state.verificateur = verificateur(instellingen)
        if instellingen.ontwikkelmodus and not instellingen.sleutel:
            log.warning("ONTWIKKELMODUS: vrije tekst wordt versleuteld met de vaste ontwikkelsleutel.")
        hoofdsleutel = instellingen.hoofdsleutel()
        app.state.checkpointsleutel = instellingen.checkpointsleutel()
        if instellingen.ontwikkelmodus and not instellingen.checkpoint_sleutel:
            log.warning(
                "ONTWIKKELMODUS: checkpoints van de audittrail worden ondertekend met de vaste ontwikkelsleutel; ze "
                "bewijzen niets. Niet voor productie."
            )
        store = AuditStore(instellingen.database_url, hoofdsleutel=hoofdsleutel)
        regeldata = laad(instellingen.regels_dir)  # een fout in de regelmap laat de service niet starten
        if instellingen.regels_dir:
            bezwaren = bronregel.controleer(regeldata)  # ook de regelmap noemt voor elke waarde haar bron
            if bezwaren:
                raise Regeldatafout("De regelmap voldoet niet aan de bronregel: " + "; ".join(map(str, bezwaren)))
            log.info("Regelmap %s ingelezen: regelversie %s", instellingen.regels_dir, regeldata.versie)

        def klaarmaken() -> None:
            """Schema naar de laatste revisie, de regelmap getoetst aan de bewaarde records, en de regelversie
            bewaard (voor herberekeningen)."""
            if instellingen.automatisch_migreren:
                store.migrate()
            if instellingen.regels_dir:
                bezwaren = controleer_tegen_opgeslagen(regeldata, store)
                if bezwaren:
                    raise Regeldatafout("De regelmap wijzigt gebruikte perioden: " + " ".join(bezwaren))
            store.registreer_regelset(regeldata.versie, regeldata.inhoud)
            app.state.klaar = True

        app.state.klaar = False
        app.state.klaarmaken = klaarmaken
        try:
            klaarmaken()
        except Regeldatafout:
            store.dispose()
            raise
        except Exception:  # de service start wel; het eerste verzoek probeert het opnieuw, tot dan 503
            log.exception("De auditdatabase is bij het starten niet klaar; het eerste verzoek probeert het opnieuw")
        store.waarnemer = metrics.commit
        store.start()
        app.state.store = store
        app.state.standlezer = Standlezer(store)
        app.state.regeldata = regeldata
        if instellingen.gc_bevriezen:
            # Alles wat bij het starten is geladen (FastAPI, modellen, regeldata) leeft tot het einde: buiten de
            # cyclische garbage collector houden, zodat die per verzoek alleen nieuwe objecten bekijkt (issue #9).
            gc.collect()
            gc.freeze()
            # En die nieuwe objecten minder vaak: een verzoek maakt duizenden dicts en lijsten die met het verzoek
            # weer verdwijnen (referentietelling). Bij de standaarddrempel (700) telt de collector om de paar
            # honderd objecten alles na wat van de lopende verzoeken nog leeft; bij GC_DREMPEL zelden.
            # Gemeten (callgrind, -3,5% instructies per verzoek): BENCHMARKS.md, "30 november 2026, tweede sessie".
            gc.set_threshold(GC_DREMPEL, *gc.get_threshold()[1:])
        bijhouden = None
        if instellingen.checkpoint_interval_s > 0:  # ondertekende checkpoints van elke gegroeide keten (issue #20)
            bijhouden = asyncio.create_task(
                audit.checkpoints_bijhouden(store, app.state.checkpointsleutel, instellingen.checkpoint_interval_s)
            )
        try:
            yield
        finally:
            if bijhouden is not None:
                bijhouden.cancel()
                with suppress(asyncio.CancelledError):
                    await bijhouden
            # uvicorn roept dit pas aan als de lopende verzoeken klaar zijn; dispose() laat de schrijver zijn
            # wachtrij leegmaken (alles wat al is aangeboden, wordt vastgelegd of krijgt een fout) en stopt hem dan.
            await app.state.standlezer.sluit()
            store.dispose()
            if instellingen.rekenprocessen:
                rekenpool.sluit()  # de rekenprocessen van batch en impactanalyse

    app = maak_api(levensloop)
    app.state.vastleggen_wachttijd_s = instellingen.vastleggen_wachttijd_s
    app.state.instellingen = instellingen
    app.state.uitlegcache = audit.Uitlegcache()

    @app.get("/", include_in_schema=False)
    async def begin() -> RedirectResponse:
        return RedirectResponse(f"{API_PAD}/docs")

    metrics = Metrics()
    if instellingen.metrics:

        @app.get("/metrics", include_in_schema=False)
        async def prometheus() -> Response:
            """Metrics in Prometheus-tekstformaat; zonder token: bereikbaar maken voor het monitoringnetwerk alleen."""
            inhoud, soort = metrics.tekst()
            return Response(inhoud, media_type=soort)

    app.add_middleware(problemen.Vangnet)  # binnenste laag: een 500 krijgt ook API-Version en X-Request-ID
    app.add_middleware(BodyLimiet, limiet=instellingen.max_body_bytes)
    app.add_middleware(VasteKoppen)  # API-Version en de beveiligingsheaders op elk antwoord
    app.add_middleware(Waarneming, metrics=metrics)  # buitenste laag: ziet elk antwoord, ook 413
    app.state.api = app  # vroeger de gemounte API-app; bestaande tests en scripts lezen app.state.api.state
    app.state.metrics = metrics
    return app


app = maak_app()
api: FastAPI = app
