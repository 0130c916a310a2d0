"""De POST-endpoints van de berekeningen (SPEC §4, tag Berekeningen), met de beslagvrije voet en het antwoord op een
betaalvoorstel (issue #19). Elke berekening wordt eerst vastgelegd en pas daarna teruggegeven (``vastleggen.py``)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from starlette.responses import Response

from app.api.berekeningen import beslagvrije_voet, betaalvoorstel
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
from app.api.http.auth import BEVEILIGD, Gebruiker
from app.api.http.records import vastgesteld_maatwerk
from app.api.http.routering import TOEGANG, api_router, body_met_voorbeeld, zorg_dat_klaar

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


@router.post(
    "/beslagvrijevoetberekeningen",
    status_code=201,
    summary="Beslagvrije voet berekenen",
    description="De beslagvrije voet op de peildatum (Rv 475c-475fa): het maximum van 475da lid 1, de formule van "
    "lid 2 en 3 (het woondeel is lineair vanaf 2026-01-01, daarvoor kwadratisch), lid 4 zonder woonadres in "
    "Nederland, de verhogingen van lid 5 en 7, de verminderingen van 475db, de ondergrens van 475dc (95% van het "
    "inkomen) en 475e. Met de afloscapaciteit en de geldigheid van twaalf maanden (475d lid 2). Waar de wet een "
    "bedrag aan een AMvB laat die niet is gevonden: status BEOORDELING_VEREIST met het artikel. Vóór 2021-01-01: "
    "alleen de basis van het oude art. 475d (90% van de norm).",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(beslagvrije_voet.Beslagvrijevoetresultaat),
    openapi_extra=_met_sleutel(
        body_met_voorbeeld(beslagvrije_voet.Beslagvrijevoetverzoek, beslagvrije_voet.VOORBEELD_BVV)
    ),
)
async def beslagvrijevoetberekeningen(request: Request) -> Response:
    return await bereken_en_vastleg(request, beslagvrije_voet.SOORT)


async def _vorderingen_uit_opslag(request: Request, gebruiker: Gebruiker, verzoek: Any) -> Any:
    """Vult elke vordering met een berekeningId aan uit het record van de eigen gemeente (en zijn maatwerk)."""
    store = request.app.state.store

    async def lees(berekening_id: str) -> tuple[str, dict, list[dict]] | None:
        await zorg_dat_klaar(request)
        record = await run_in_threadpool(store.get, berekening_id, gebruiker.gemeente)
        if record is None:
            return None
        maatwerk = await run_in_threadpool(vastgesteld_maatwerk, store, berekening_id, gebruiker.gemeente)
        return record.soort, record.resultaat, [maatwerk] if maatwerk else []

    return await betaalvoorstel.vul_aan(verzoek, lees)


@router.post(
    "/betaalvoorstelbeoordelingen",
    status_code=201,
    summary="Een betaalvoorstel beantwoorden (Schuldenknooppunt)",
    description="Het antwoord van de gemeente op een betaalvoorstel in een schuldregeling, per vordering: AKKOORD, "
    "NIET_AKKOORD met reden en artikel (Pw 60c; Pw 18a lid 13) of BEOORDELING_VEREIST (een open norm: Pw 58 lid 8, "
    "Awb 4:94a, of het beleid van de gemeente), de preferentie van Pw 60 lid 7 en de saldo-opgave (openstaand, "
    "origineel, ontstaansdatum, schuldtype). Een vordering met berekeningId haalt haar feiten uit een vastgelegde "
    "boeteberekening of benadelingsbedrag van de eigen gemeente. Dezelfde regels als /schuldregelingstoetsen.",
    tags=["Berekeningen"],
    response_model=None,
    responses=_aangemaakt(betaalvoorstel.Betaalvoorstelresultaat),
    openapi_extra=_met_sleutel(
        body_met_voorbeeld(betaalvoorstel.Betaalvoorstelverzoek, betaalvoorstel.VOORBEELD_BETAALVOORSTEL)
    ),
)
async def betaalvoorstelbeoordelingen(request: Request) -> Response:
    return await bereken_en_vastleg(request, betaalvoorstel.SOORT, _vorderingen_uit_opslag)
