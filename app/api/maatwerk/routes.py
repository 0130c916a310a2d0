"""Maatwerk met vier ogen (issue #4).

- ``POST /berekeningen/{id}/maatwerkbesluiten`` (medewerker): een gemotiveerde afwijking in het voordeel van de
  belanghebbende aanvragen.
- ``GET /maatwerkbesluiten/{id}``: het besluit met zijn status.
- ``POST /maatwerkbesluiten/{id}/beoordelingen`` (beoordelaar, een ander dan de aanvrager).

Maatwerk en beoordelingen zijn zelf auditrecords (met ``verwijzing`` naar waar ze over gaan); de status van een
maatwerkbesluit volgt uit de records, er wordt niets gewijzigd.
"""

from __future__ import annotations

import uuid

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from app.api.http import idempotentie as idem
from app.api.http.auth import Gebruiker, vereist
from app.api.http.lezen import gelezen
from app.api.http.problemen import Probleem
from app.api.http.records import (
    BEREKENING_ID,
    FOUTEN,
    MAATWERKBEOORDELING,
    MAATWERKBESLUIT,
    MAATWERKBESLUIT_ID,
    geldig_id,
    leg_vast,
    maatwerkbesluit_met_status,
    maatwerkbesluiten,
    oorsprong,
    record_van,
)
from app.api.http.routering import api_pad, api_router, body_met_voorbeeld, eerder_antwoord, json_antwoord, json_body
from app.api.maatwerk.modellen import (
    VOORBEELD_BEOORDELING,
    VOORBEELD_MAATWERK,
    Beoordelingsverzoek,
    Maatwerkbesluit,
    Maatwerkverzoek,
)
from app.db import AuditRecord, SleutelBestaatAl
from app.domain import spiegel
from app.domain.maatwerk import AFGEWEZEN, TER_BEOORDELING, VASTGESTELD, toets_afwijking

router = api_router()


async def _aangevraagd(record: AuditRecord) -> dict:
    """Het antwoord op een maatwerkaanvraag: het besluit zoals het op dat moment was, ter beoordeling."""
    return {**record.resultaat, "status": TER_BEOORDELING, "beoordeling": None}


async def maatwerk_van(request: Request, berekening_id: str, gemeente: str) -> list[dict]:
    """Alle maatwerkbesluiten bij een berekening, met hun actuele status (voor de uitleg en het auditrecord)."""
    return await run_in_threadpool(maatwerkbesluiten, request.app.state.store, berekening_id, gemeente)


async def _maatwerk(request: Request, record: AuditRecord, gemeente: str) -> dict:
    return await run_in_threadpool(maatwerkbesluit_met_status, request.app.state.store, record, gemeente)


@router.post(
    "/berekeningen/{berekeningId}/maatwerkbesluiten",
    status_code=201,
    summary="Maatwerk aanvragen: afwijken in het voordeel van de belanghebbende (rol medewerker)",
    description="Een gemotiveerde afwijking van de berekende boete of terugvordering, op een wettelijke grond. "
    "Alleen gunstiger dan berekend; de motivering moet de feiten en de afweging beschrijven. Status "
    "TER_BEOORDELING tot een andere medewerker met de rol beoordelaar beslist. De berekening zelf blijft staan.",
    tags=["Maatwerk"],
    response_model=None,
    responses={
        201: {"description": "Aangevraagd en vastgelegd.", "model": Maatwerkbesluit},
        400: {"description": "Ongeldig, ongunstiger dan berekend, of de grond past niet."},
        409: {
            "description": "Er is al maatwerk in behandeling of vastgesteld voor deze berekening, of een verzoek met "
            "dezelfde Idempotency-Key is nog in behandeling."
        },
        413: {"description": "De body is groter dan 1 MiB."},
        422: idem.ANTWOORDEN[422],
        415: {"description": "De body is niet als application/json aangekondigd (Content-Type)."},
        **FOUTEN,
    },
    openapi_extra={**body_met_voorbeeld(Maatwerkverzoek, VOORBEELD_MAATWERK), **idem.OPENAPI},
)
async def maatwerk_aanvragen(
    request: Request,
    berekeningId: str = BEREKENING_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist("medewerker")),
) -> Response:
    berekening_id = geldig_id(berekeningId, "berekeningId")
    ruw = await json_body(request)
    sleutel = idem.sleutel(request, ruw)
    if eerder := await eerder_antwoord(request, gebruiker, sleutel, _aangevraagd):
        return eerder
    verzoek: Maatwerkverzoek = await gelezen(ruw, Maatwerkverzoek)
    record = await record_van(request, berekening_id, gebruiker)
    afwijking = toets_afwijking(
        record.soort,
        record.resultaat,
        verzoek.grond.value,
        verzoek.uitkomst.value if verzoek.uitkomst else None,
        verzoek.boete,
        verzoek.terugvordering,
        verzoek.motivering,
    )
    eerdere = await maatwerk_van(request, berekening_id, gebruiker.gemeente)
    for besluit in eerdere:
        if besluit["status"] in (TER_BEOORDELING, VASTGESTELD):
            # een gelijktijdig verzoek met dezelfde sleutel kan dit maatwerk net hebben vastgelegd
            if sleutel is not None and (
                eerder := await idem.eerder_antwoord(request, gebruiker, sleutel, _aangevraagd)
            ):
                return eerder
            raise Probleem(
                409,
                f"Voor deze berekening is al maatwerk {besluit['status'].lower().replace('_', ' ')} "
                f"({besluit['maatwerkbesluitId']}).",
            )
    maatwerk_id = str(uuid.uuid4())
    boete = afwijking.grond.soort == "boeteberekening"
    resultaat = {
        "maatwerkbesluitId": maatwerk_id,
        "berekeningId": berekening_id,
        "grond": afwijking.grond.code,
        "bron": [afwijking.grond.bron.als_dict()],
        "uitkomst": afwijking.uitkomst,
        "boete": f"{afwijking.bedrag:.2f}" if boete else None,
        "terugvordering": None if boete else f"{afwijking.bedrag:.2f}",
        "oorspronkelijk": (
            {"uitkomst": afwijking.oorspronkelijke_uitkomst, "boete": f"{afwijking.oorspronkelijk_bedrag:.2f}"}
            if boete
            else {"terugvordering": f"{afwijking.oorspronkelijk_bedrag:.2f}"}
        ),
        "motivering": afwijking.motivering,
        "omschrijving": afwijking.zin(),
        "aangevraagdDoor": gebruiker.sub,
    }
    locatie = api_pad(request, f"/maatwerkbesluiten/{maatwerk_id}")
    try:
        await leg_vast(
            request,
            gebruiker,
            maatwerk_id,
            MAATWERKBESLUIT,
            ruw,
            resultaat,
            request.app.state.regeldata.versie,
            berekening_id,
            uniek=f"maatwerk:{berekening_id}:{len(eerdere) + 1}",
            idempotentie=sleutel.voor_opslag(gebruiker, locatie) if sleutel else None,
            vrij=Maatwerkverzoek,
            tellingen=spiegel.tellingen_van(
                MAATWERKBESLUIT, {}, resultaat, gebruiker.team, gebruiker.sub, oorsprong(record)
            ),
        )
    except SleutelBestaatAl:
        return await idem.na_botsing(request, gebruiker, sleutel, _aangevraagd)
    antwoord = {**resultaat, "status": TER_BEOORDELING, "beoordeling": None}
    return json_antwoord(antwoord, 201, {"Location": locatie})


@router.get(
    "/maatwerkbesluiten/{maatwerkbesluitId}",
    summary="Een maatwerkbesluit met zijn status",
    tags=["Maatwerk"],
    response_model=None,
    responses={
        200: {"description": "Het maatwerkbesluit.", "model": Maatwerkbesluit},
        400: {"description": "maatwerkbesluitId is geen UUID."},
        **FOUTEN,
    },
)
async def maatwerkbesluit(
    request: Request,
    maatwerkbesluitId: str = MAATWERKBESLUIT_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    record = await record_van(request, geldig_id(maatwerkbesluitId, "maatwerkbesluitId"), gebruiker, MAATWERKBESLUIT)
    return json_antwoord(await _maatwerk(request, record, gebruiker.gemeente))


@router.post(
    "/maatwerkbesluiten/{maatwerkbesluitId}/beoordelingen",
    status_code=201,
    summary="Maatwerk beoordelen: het vier-ogenprincipe (rol beoordelaar)",
    description="Een beoordelaar van dezelfde gemeente, niet de aanvrager, keurt goed (status VASTGESTELD) of "
    "wijst af (AFGEWEZEN, met reden). Een maatwerkbesluit wordt één keer beoordeeld.",
    tags=["Maatwerk"],
    response_model=None,
    responses={
        201: {"description": "Beoordeeld en vastgelegd.", "model": Maatwerkbesluit},
        400: {"description": "Ongeldige invoer."},
        409: {
            "description": "Dit maatwerkbesluit is al beoordeeld, of een verzoek met dezelfde Idempotency-Key is nog "
            "in behandeling."
        },
        413: {"description": "De body is groter dan 1 MiB."},
        422: idem.ANTWOORDEN[422],
        415: {"description": "De body is niet als application/json aangekondigd (Content-Type)."},
        **FOUTEN,
    },
    openapi_extra={**body_met_voorbeeld(Beoordelingsverzoek, VOORBEELD_BEOORDELING), **idem.OPENAPI},
)
async def beoordelen(
    request: Request,
    maatwerkbesluitId: str = MAATWERKBESLUIT_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist("beoordelaar")),
) -> Response:
    maatwerk_id = geldig_id(maatwerkbesluitId, "maatwerkbesluitId")
    ruw = await json_body(request)

    async def beoordeeld(beoordeling: AuditRecord) -> dict:
        """Het maatwerkbesluit na deze beoordeling (er is er maar één per besluit: kolom uniek)."""
        besluit = await record_van(request, beoordeling.verwijzing, gebruiker, MAATWERKBESLUIT)
        return await _maatwerk(request, besluit, gebruiker.gemeente)

    sleutel = idem.sleutel(request, ruw)
    if eerder := await eerder_antwoord(request, gebruiker, sleutel, beoordeeld):
        return eerder
    verzoek: Beoordelingsverzoek = await gelezen(ruw, Beoordelingsverzoek)
    verzoek.eis_reden("het besluit")
    record = await record_van(request, maatwerk_id, gebruiker, MAATWERKBESLUIT)
    if record.sub == gebruiker.sub:
        raise Probleem(403, "Vier ogen: wie het maatwerk aanvroeg, kan het niet zelf beoordelen.")
    huidig = await _maatwerk(request, record, gebruiker.gemeente)
    if huidig["status"] != TER_BEOORDELING:
        # een gelijktijdig verzoek met dezelfde sleutel kan deze beoordeling net hebben vastgelegd
        if eerder := await eerder_antwoord(request, gebruiker, sleutel, beoordeeld):
            return eerder
        raise Probleem(409, f"Dit maatwerkbesluit is al beoordeeld: {huidig['status']}.")
    status = VASTGESTELD if verzoek.goedgekeurd else AFGEWEZEN
    beoordeling_id = str(uuid.uuid4())
    resultaat = {
        "beoordelingId": beoordeling_id,
        "maatwerkbesluitId": maatwerk_id,
        "besluit": verzoek.besluit.value,
        "status": status,
        "reden": verzoek.reden,
    }
    locatie = api_pad(request, f"/maatwerkbesluiten/{maatwerk_id}")
    try:
        await leg_vast(
            request,
            gebruiker,
            beoordeling_id,
            MAATWERKBEOORDELING,
            ruw,
            resultaat,
            request.app.state.regeldata.versie,
            maatwerk_id,
            uniek=f"beoordeling:{maatwerk_id}",
            idempotentie=sleutel.voor_opslag(gebruiker, locatie) if sleutel else None,
            vrij=Beoordelingsverzoek,
            tellingen=spiegel.tellingen_van(
                MAATWERKBEOORDELING,
                {},
                resultaat,
                gebruiker.team,
                gebruiker.sub,
                oorsprong(await run_in_threadpool(request.app.state.store.get, record.verwijzing, gebruiker.gemeente)),
            ),
        )
    except SleutelBestaatAl:
        return await idem.na_botsing(request, gebruiker, sleutel, beoordeeld)
    besluit = await _maatwerk(request, record, gebruiker.gemeente)
    return json_antwoord(besluit, 201, {"Location": locatie})
