"""Vier ogen bij een berekening: een boete die volgens het beleid van de gemeente door een tweede persoon moet worden
beoordeeld, vaststellen of afwijzen.

- GET /berekeningen/{id}/vaststellingen: de stand (NIET_VEREIST, TER_VASTSTELLING, VASTGESTELD of AFGEWEZEN).
- POST /berekeningen/{id}/vaststellingen (rol beoordelaar, een ander dan wie berekende): vaststellen of afwijzen."""

from __future__ import annotations

import uuid

from fastapi import Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from app.api import berekeningen
from app.api.beleid.modellen import Vaststelling, Vaststellingsverzoek
from app.api.beleid.routes import FOUTEN_BELEID, FOUTEN_BELEID_POST
from app.api.http import idempotentie as idem
from app.api.http.auth import BEOORDELAAR, Gebruiker, vereist
from app.api.http.lezen import gelezen
from app.api.http.problemen import Probleem
from app.api.http.records import geldig_id
from app.api.http.routering import (
    api_pad,
    api_router,
    body_met_voorbeeld,
    eerder_antwoord,
    json_antwoord,
    json_body,
    wacht_op_vastleggen,
    zorg_dat_klaar,
)
from app.api.http.vrije_tekst import vrije_paden
from app.db import AuditRecord, BerekeningBestaatAl, SleutelBestaatAl
from app.domain import beleid as bd

router = api_router()

VASTSTELLING = "vaststelling"
TER_VASTSTELLING = "TER_VASTSTELLING"
NIET_VEREIST = "NIET_VEREIST"


BEREKENING_ID = Path(
    description="Het id van de berekening (UUID), uit `berekeningId` of de Location-header.",
    json_schema_extra={"format": "uuid"},
    examples=["9b2f0c4e-3c1d-4d0e-8a7e-2f1b6a1c9d00"],
)


async def _berekening(request: Request, berekening_id: str, gebruiker: Gebruiker) -> AuditRecord:
    record = await run_in_threadpool(request.app.state.store.get, berekening_id, gebruiker.gemeente)
    if record is None or record.soort not in berekeningen.SOORTEN:
        raise Probleem(404, f"Er is geen berekening met id {berekening_id}.")
    return record


async def _vaststelling(request: Request, record: AuditRecord) -> dict:
    vier_ogen = record.resultaat.get("vierOgen") or {}
    vereist = bool(vier_ogen.get("vereist"))
    stand = {
        "berekeningId": record.berekening_id,
        "vereist": vereist,
        "redenen": list(vier_ogen.get("redenen") or []),
        "status": TER_VASTSTELLING if vereist else NIET_VEREIST,
        "beoordeling": None,
    }
    besluiten = await run_in_threadpool(
        request.app.state.store.verwijzend, record.berekening_id, record.gemeente, VASTSTELLING
    )
    if besluiten:
        b = besluiten[0]  # uniek per berekening
        stand["status"] = b.resultaat["status"]
        stand["beoordeling"] = {
            "besluit": b.resultaat["besluit"],
            "reden": b.resultaat.get("reden"),
            "beoordeeldDoor": b.sub,
            "tijdstip": b.tijdstip.isoformat(),
        }
    return stand


@router.get(
    "/berekeningen/{berekeningId}/vaststellingen",
    summary="Of een berekening volgens het beleid een tweede persoon nodig heeft, en de stand daarvan",
    tags=["Beleid"],
    response_model=None,
    responses={
        200: {"description": "De stand.", "model": Vaststelling},
        400: {"description": "berekeningId is geen UUID."},
        **FOUTEN_BELEID,
    },
)
async def vaststelling_lezen(
    request: Request,
    berekeningId: str = BEREKENING_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    await zorg_dat_klaar(request)
    record = await _berekening(request, geldig_id(berekeningId, "berekeningId"), gebruiker)
    return json_antwoord(await _vaststelling(request, record))


@router.post(
    "/berekeningen/{berekeningId}/vaststellingen",
    status_code=201,
    summary="Een berekening als tweede persoon vaststellen of afwijzen (rol beoordelaar, vier ogen volgens beleid)",
    description="Voor een uitkomst die volgens het beleid van de gemeente (`vierOgen`: een graad, een boete boven een "
    "bedrag) een tweede persoon nodig heeft: een beoordelaar van dezelfde gemeente, niet wie de berekening maakte, "
    "stelt haar vast (GOEDGEKEURD) of wijst haar af (AFGEWEZEN, met reden). Eén keer per berekening; een auditrecord.",
    tags=["Beleid"],
    response_model=None,
    responses={
        201: {"description": "Beoordeeld en vastgelegd.", "model": Vaststelling},
        409: {"description": "Volgens het beleid niet nodig, of al beoordeeld."},
        **FOUTEN_BELEID_POST,
    },
    openapi_extra={
        **body_met_voorbeeld(
            Vaststellingsverzoek, Vaststellingsverzoek.model_config["json_schema_extra"]["examples"][0]
        ),
        **idem.OPENAPI,
    },
)
async def vaststellen(
    request: Request,
    berekeningId: str = BEREKENING_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist(BEOORDELAAR)),
) -> Response:
    berekening_id = geldig_id(berekeningId, "berekeningId")
    ruw = await json_body(request)

    async def stand_van(_record: AuditRecord) -> dict:
        return await _vaststelling(request, await _berekening(request, berekening_id, gebruiker))

    sleutel = idem.sleutel(request, ruw)
    if eerder := await eerder_antwoord(request, gebruiker, sleutel, stand_van):
        return eerder
    verzoek: Vaststellingsverzoek = await gelezen(ruw, Vaststellingsverzoek)
    verzoek.eis_reden("de berekening")
    await zorg_dat_klaar(request)
    record = await _berekening(request, berekening_id, gebruiker)
    stand = await _vaststelling(request, record)
    if not stand["vereist"]:
        raise Probleem(409, "Volgens het beleid van de gemeente heeft deze berekening geen tweede persoon nodig.")
    if stand["status"] != TER_VASTSTELLING:
        raise Probleem(409, f"Deze berekening is al beoordeeld: {stand['status']}.")
    if record.sub == gebruiker.sub:
        raise Probleem(403, "Vier ogen: wie de berekening maakte, kan haar niet zelf vaststellen.")
    vaststelling_id = str(uuid.uuid4())
    locatie = api_pad(request, f"/berekeningen/{berekening_id}/vaststellingen")
    try:
        await wacht_op_vastleggen(
            request,
            request.app.state.store.vastleggen(
                berekening_id=vaststelling_id,
                soort=VASTSTELLING,
                invoer=ruw.decode("utf-8"),
                resultaat={
                    "vaststellingId": vaststelling_id,
                    "berekeningId": berekening_id,
                    "besluit": verzoek.besluit.value,
                    "status": bd.VASTGESTELD if verzoek.goedgekeurd else bd.AFGEWEZEN,
                    "reden": verzoek.reden,
                },
                regelversie=request.app.state.regeldata.versie,
                sub=gebruiker.sub,
                gemeente=gebruiker.gemeente,
                team=gebruiker.team,
                verwijzing=berekening_id,
                uniek=f"vaststelling:{berekening_id}",
                vrije_paden=vrije_paden(Vaststellingsverzoek),
                idempotentie=sleutel.voor_opslag(gebruiker, locatie) if sleutel else None,
            ),
        )
    except BerekeningBestaatAl:
        raise Probleem(409, "Deze berekening is intussen al beoordeeld; haal de actuele stand op.") from None
    except SleutelBestaatAl:
        return await idem.na_botsing(request, gebruiker, sleutel, stand_van)
    return json_antwoord(await _vaststelling(request, record), 201, {"Location": locatie})
