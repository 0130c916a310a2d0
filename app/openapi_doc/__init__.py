"""Het OpenAPI-document: gegenereerd uit de app en bijgesteld naar de NL GOV API Design Rules.

``python -m app.openapi_doc`` schrijft ``openapi.yaml``; ``--check`` faalt als het vastgelegde bestand afwijkt (zie
``__main__.py``; dit pakket kent de app niet, zodat ``app.main`` het kan importeren zonder importcirkel).
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from app.api.http.problemen import MAX_PROBLEMEN, MAX_TEKST, ONGELDIG, TITELS
from app.api.http.routering import VERZOEKEN
from app.config import API_PAD, API_VERSION

BESTAND = Path(__file__).resolve().parent.parent.parent / "openapi.yaml"

BESCHRIJVING = """\
Maatstaf berekent voor gemeenten de gevolgen van het schenden van de inlichtingenplicht onder de
Participatiewet: het benadelingsbedrag en de terugvordering, de mate van verwijtbaarheid en de bestuurlijke
boete, begrensd door de draagkracht. Elke uitkomst wordt eerst als auditrecord vastgelegd en legt zichzelf uit:
elke stap noemt de regel, de wettelijke bron (wet, artikel, lid), de invoer en de uitkomst.

Maatstaf beslist niet over opzet, grove schuld, dringende redenen of evenredigheid: dat zijn invoer met een
verplichte motivering, of signalen voor de professional.

Bedragen zijn tekst met twee decimalen ("840.84"); datums JJJJ-MM-DD, van 1900-01-01 tot en met 2199-12-31
(daarbuiten 400, code datum_bereik). Fouten volgen RFC 9457
(application/problem+json); ongeldige invoer geeft 400 met `invalidParams`.
"""

CONTACT = {
    "name": "Team Maatstaf",
    "email": "maatstaf@example.org",
    "url": "https://github.com/maatstaf/maatstaf",
}

PROBLEEM = {
    "type": "object",
    "description": "Foutbericht volgens RFC 9457.",
    "required": ["status", "title", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri-reference", "example": "about:blank"},
        "title": {"type": "string", "example": TITELS[400]},
        "status": {"type": "integer", "example": 400},
        "detail": {"type": "string", "example": ONGELDIG},
        "instance": {"type": "string", "example": "/api/v1/boeteberekeningen"},
        "code": {
            "type": "string",
            "description": "Vaste code voor software, bijv. idempotency_key_hergebruikt.",
            "example": "idempotency_key_hergebruikt",
        },
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "code", "reason"],
                "properties": {
                    "name": {"type": "string", "example": "overtreding.einddatum"},
                    "code": {"type": "string", "example": "datumvolgorde"},
                    "reason": {"type": "string", "example": "De einddatum ligt vóór de begindatum van de overtreding."},
                },
            },
            "description": f"Ten hoogste de eerste {MAX_PROBLEMEN} problemen; `name` en `reason` ten hoogste "
            f"{MAX_TEKST} tekens.",
        },
        "aantalInvalidParams": {
            "type": "integer",
            "description": f"Alleen als er meer dan {MAX_PROBLEMEN} problemen zijn: hoeveel in totaal.",
            "example": 65000,
        },
    },
}

API_VERSIE_HEADER = {
    "description": "De volledige versie van de API (ADR /core/version-header).",
    "schema": {"type": "string", "example": API_VERSION},
}
HERHAALD_HEADER = {
    "description": "`true` als dit het herhaalde antwoord op een eerder verzoek met dezelfde Idempotency-Key is.",
    "schema": {"type": "string", "enum": ["true"]},
}
LOCATION_HEADER = {
    "description": "Het pad naar het auditrecord van deze berekening.",
    "schema": {"type": "string", "example": "/api/v1/berekeningen/9b2f0c4e-3c1d-4d0e-8a7e-2f1b6a1c9d00"},
}


def bouw(app) -> dict:
    """Het volledige OpenAPI-document van de API onder /api/v1 (de paden zonder dat voorvoegsel: zie servers)."""
    schema = get_openapi(
        title="Maatstaf",
        version=API_VERSION,
        summary="Terugvordering, verwijtbaarheid en bestuurlijke boete naar draagkracht (Participatiewet)",
        description=BESCHRIJVING,
        routes=app.routes,
        servers=[{"url": API_PAD, "description": "Deze service"}],
        contact=CONTACT,
        license_info={"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        tags=[
            {"name": "Berekeningen", "description": "Berekenen en vastleggen: eerst het auditrecord, dan de uitkomst."},
            {"name": "Audit", "description": "Vastgelegde berekeningen."},
            {"name": "Regels", "description": "De regeldata met bron en status."},
            {"name": "Beheer", "description": "Gezondheid."},
            {
                "name": "Spiegel",
                "description": "Het teamoverzicht voor de beleidsmedewerker: hoe het team oordeelde, als spiegel.",
            },
        ],
    )
    schema["paths"] = {pad.removeprefix(API_PAD): operaties for pad, operaties in schema.get("paths", {}).items()}
    componenten = schema.setdefault("components", {}).setdefault("schemas", {})
    _, defs = models_json_schema(
        [(model, "validation") for model in VERZOEKEN.values()], ref_template="#/components/schemas/{model}"
    )
    componenten.update(defs.get("$defs", {}))
    _zonder_null_defaults(componenten)
    componenten["Probleem"] = PROBLEEM
    for naam in ("HTTPValidationError", "ValidationError"):
        componenten.pop(naam, None)

    for operaties in schema["paths"].values():
        for methode, operatie in operaties.items():
            antwoorden = operatie.setdefault("responses", {})
            if antwoorden.get("422", {}).get("description") == "Validation Error":  # die van FastAPI; wij geven 400
                antwoorden.pop("422")
            if methode in ("post", "put", "patch") or operatie.get("parameters"):
                antwoorden.setdefault("400", {"description": "Ongeldige invoer."})
            if operatie.get("security"):  # met RS256: de sleutels van de identity provider zijn niet op te halen
                antwoorden.setdefault(
                    "503", {"description": "De sleutels van de identity provider zijn niet op te halen."}
                )
            for code, antwoord in antwoorden.items():
                if code.startswith(("2", "3")):
                    headers = antwoord.setdefault("headers", {})
                    headers["API-Version"] = copy.deepcopy(API_VERSIE_HEADER)
                    if code == "201":
                        headers["Location"] = copy.deepcopy(LOCATION_HEADER)
                        if any(p.get("name") == "Idempotency-Key" for p in operatie.get("parameters", [])):
                            headers["Idempotent-Replayed"] = copy.deepcopy(HERHAALD_HEADER)
                elif code.startswith(("4", "5")):
                    antwoord["content"] = {
                        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Probleem"}}
                    }
                    antwoord.setdefault("headers", {})["API-Version"] = copy.deepcopy(API_VERSIE_HEADER)
    return schema


def _zonder_null_defaults(knoop) -> None:
    """Een optioneel veld zonder waarde heeft geen default ``null`` nodig; het schema zou zichzelf tegenspreken."""
    if isinstance(knoop, dict):
        if "default" in knoop and knoop["default"] is None:
            del knoop["default"]
        for waarde in knoop.values():
            _zonder_null_defaults(waarde)
    elif isinstance(knoop, list):
        for waarde in knoop:
            _zonder_null_defaults(waarde)


def als_yaml(schema: dict) -> str:
    return yaml.safe_dump(schema, sort_keys=False, allow_unicode=True, width=120)
