"""De vijf POST-endpoints van SPEC §4 (tag Berekeningen). Elke berekening wordt eerst vastgelegd en pas daarna
teruggegeven (``vastleggen.py``)."""

from __future__ import annotations

from fastapi import Request
from pydantic import BaseModel
from starlette.responses import Response

from app.api.berekeningen.resultaten import (
    Benadelingsresultaat,
    Boeteresultaat,
    Kwijtscheldingsresultaat,
    Schuldregelingsresultaat,
    Verwijtbaarheidsresultaat,
)
from app.api.berekeningen.vastleggen import bereken_en_vastleg
from app.api.berekeningen.verzoeken import (
    VOORBEELD_BOETE,
    VOORBEELD_KWIJTSCHELDING,
    VOORBEELD_SCHULDREGELING,
    Benadelingsverzoek,
    Boeteverzoek,
    Kwijtscheldingsverzoek,
    Schuldregelingsverzoek,
    Verwijtbaarheidsverzoek,
)
from app.api.http import idempotentie
from app.api.http.auth import BEVEILIGD
from app.api.http.routering import TOEGANG, api_router, body_met_voorbeeld

router = api_router()


_FOUTEN_POST = {
    400: {"description": "Ongeldige invoer; invalidParams noemt elk veld met de reden."},
    **TOEGANG,
    413: {"description": "De body is groter dan 1 MiB."},
    415: {"description": "De body is niet als application/json aangekondigd (Content-Type)."},
    500: {"description": "Interne fout; er is niets vastgelegd."},
    503: {"description": "De auditopslag is niet bereikbaar; er is geen resultaat zonder auditrecord."},
}


def _aangemaakt(model: type[BaseModel]) -> dict:
    return {
        201: {
            "description": "Berekend en vastgelegd; Location wijst naar het auditrecord. Met een eerder gebruikte "
            "Idempotency-Key: het oorspronkelijke antwoord, met `Idempotent-Replayed: true`.",
            "model": model,
        },
        **_FOUTEN_POST,
        **idempotentie.ANTWOORDEN,
    }


def _met_sleutel(extra: dict) -> dict:
    """openapi_extra van een POST met Idempotency-Key (en ``aanmelden``)."""
    return {**extra, **idempotentie.OPENAPI, **BEVEILIGD}


@router.post(
    "/benadelingsbedragen",
    status_code=201,
    summary="Benadelingsbedrag en terugvordering berekenen",
    description="Per periode ontvangen min recht; het benadelingsbedrag is de netto som, niet lager dan nul "
    "(Pw 18a lid 2). Terugvordering is verplicht (Pw 58 lid 1); bruto volgens Pw 58 lid 5.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(Benadelingsresultaat),
    openapi_extra=_met_sleutel(
        body_met_voorbeeld(Benadelingsverzoek, Benadelingsverzoek.model_config["json_schema_extra"]["examples"][0])
    ),
)
async def benadelingsbedragen(request: Request) -> Response:
    return await bereken_en_vastleg(request, "benadelingsbedrag")


@router.post(
    "/verwijtbaarheidsbeoordelingen",
    status_code=201,
    summary="Mate van verwijtbaarheid beoordelen",
    description="Voorrang: GEEN (Awb 5:41) > VERMINDERD (Boetebesluit 2a lid 2) > OPZET > GROVE_SCHULD > NORMAAL. "
    "Opzet en grove schuld vereisen bewijs (Boetebesluit 2 lid 9); Maatstaf leidt ze nooit zelf af.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(Verwijtbaarheidsresultaat),
    openapi_extra=_met_sleutel(
        body_met_voorbeeld(
            Verwijtbaarheidsverzoek, Verwijtbaarheidsverzoek.model_config["json_schema_extra"]["examples"][0]
        )
    ),
)
async def verwijtbaarheidsbeoordelingen(request: Request) -> Response:
    return await bereken_en_vastleg(request, "verwijtbaarheidsbeoordeling")


@router.post(
    "/boeteberekeningen",
    status_code=201,
    summary="Bestuurlijke boete berekenen, begrensd door draagkracht",
    description="Geen verwijtbaarheid, verval, dringende redenen, waarschuwing, percentage of vast bedrag "
    "(Boetebesluit 2 lid 7), wettelijk maximum, draagkracht, matigingen en afronding, in die volgorde. "
    "Percentages en maxima onder de regels van begindatum en beschikkingsdatum: de laagste boete geldt.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(Boeteresultaat),
    openapi_extra=_met_sleutel(body_met_voorbeeld(Boeteverzoek, VOORBEELD_BOETE)),
)
async def boeteberekeningen(request: Request) -> Response:
    return await bereken_en_vastleg(request, "boeteberekening")


@router.post(
    "/kwijtscheldingsbeoordelingen",
    status_code=201,
    summary="Routes naar kwijtschelding of afzien van terugvordering beoordelen",
    description="Per wettelijke route (Pw 18a lid 13, Pw 58 lid 7 onder a-d, Pw 58 lid 8, Awb 4:94a): MOGELIJK, "
    "NIET_MOGELIJK met elke niet vervulde voorwaarde, of BEOORDELING_VEREIST bij een open norm of omstreden recht. "
    "Maatstaf stelt vast of het college bevoegd is; de beslissing zelf blijft aan het college.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(Kwijtscheldingsresultaat),
    openapi_extra=_met_sleutel(body_met_voorbeeld(Kwijtscheldingsverzoek, VOORBEELD_KWIJTSCHELDING)),
)
async def kwijtscheldingsbeoordelingen(request: Request) -> Response:
    return await bereken_en_vastleg(request, "kwijtscheldingsbeoordeling")


@router.post(
    "/schuldregelingstoetsen",
    status_code=201,
    summary="Vorderingen van de gemeente toetsen voor een schuldregeling",
    description="Per vordering: KWIJTSCHELDING_MOGELIJK, ALLEEN_VOLLEDIGE_BETALING (Pw 60c; een boete met opzet of "
    "grove schuld: Pw 18a lid 13) of OP_VERZOEK (boete, Pw 18a lid 13). Met de totalen en hoeveel maanden het "
    "aflossen van wat blijft staan duurt bij de verrekenruimte.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(Schuldregelingsresultaat),
    openapi_extra=_met_sleutel(body_met_voorbeeld(Schuldregelingsverzoek, VOORBEELD_SCHULDREGELING)),
)
async def schuldregelingstoetsen(request: Request) -> Response:
    return await bereken_en_vastleg(request, "schuldregelingstoets")
