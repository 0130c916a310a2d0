"""De ASGI-app: ``uvicorn app.main:app``. De API staat onder /api/v1 (Swagger UI: /api/v1/docs)."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.responses import RedirectResponse

from app import openapi_doc
from app.api import problemen
from app.api.middleware import ApiVersie, BodyLimiet
from app.api.routes import router
from app.config import API_VERSION, Instellingen
from app.db import AuditStore
from app.regels import standaard

log = logging.getLogger("maatstaf")


def maak_api(instellingen: Instellingen) -> FastAPI:
    api = FastAPI(
        title="Maatstaf",
        version=API_VERSION,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        swagger_ui_parameters={"defaultModelsExpandDepth": 0, "tryItOutEnabled": True},
    )
    api.include_router(router)
    problemen.registreer(api)
    api.openapi = lambda: api.openapi_schema or _zet(api, openapi_doc.bouw(api))
    return api


def _zet(api: FastAPI, schema: dict) -> dict:
    api.openapi_schema = schema
    return schema


def maak_app(instellingen: Instellingen | None = None) -> FastAPI:
    instellingen = instellingen or Instellingen.uit_omgeving()
    api = maak_api(instellingen)

    @asynccontextmanager
    async def levensloop(_app: FastAPI):
        store = AuditStore(instellingen.database_url)
        if instellingen.automatisch_migreren:
            try:
                store.migrate()
            except Exception:  # de service start wel; verzoeken krijgen 503 tot de database er is
                log.exception("Migreren van de auditdatabase is mislukt")
        api.state.store = store
        api.state.regeldata = standaard()
        try:
            yield
        finally:
            store.dispose()

    app = FastAPI(lifespan=levensloop, docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/api/v1", api)
    problemen.registreer(app)

    @app.get("/", include_in_schema=False)
    async def begin() -> RedirectResponse:
        return RedirectResponse("/api/v1/docs")

    app.add_middleware(BodyLimiet, limiet=instellingen.max_body_bytes)
    app.add_middleware(ApiVersie)
    app.state.api = api
    return app


app = maak_app()
api: FastAPI = app.state.api
