"""Integriteit (issue #4): ``GET /audit/integriteit`` (rol auditor) loopt de hashketen van de eigen gemeente af."""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from starlette.responses import Response

from app.api.auth import Gebruiker, vereist
from app.api.records import FOUTEN
from app.api.routes import api_router, json_antwoord

router = api_router()


class Integriteitsresultaat(BaseModel):
    gemeente: str
    intact: bool
    aantal: int = Field(description="Aantal nagelopen records (tot en met het eerste dat niet klopt).")
    eersteAfwijking: dict | None = Field(
        description="{berekeningId, volgnummer, reden} van het eerste record dat niet klopt; null als alles klopt. "
        "`volgnummer` is de plaats in de keten van de gemeente (1 = haar eerste record), niet een nummer van de "
        "database; berekeningId en volgnummer zijn null als het laatste record van de keten ontbreekt."
    )


@router.get(
    "/audit/integriteit",
    summary="De hashketen van de eigen gemeente controleren (rol auditor)",
    description="Rekent de hash van elk record opnieuw uit de opgeslagen kolommen, controleert elke schakel naar "
    "de vorige en de kop van de keten. Noemt het eerste record dat niet klopt.",
    tags=["Audit"],
    response_model=None,
    responses={200: {"description": "De uitkomst van de controle.", "model": Integriteitsresultaat}, **FOUTEN},
)
async def integriteit(request: Request, gebruiker: Gebruiker = Depends(vereist("auditor"))) -> Response:
    uitkomst = await run_in_threadpool(request.app.state.store.controleer_keten, gebruiker.gemeente)
    afwijking = None
    if not uitkomst.intact:
        afwijking = {
            "berekeningId": uitkomst.eerste_afwijking,
            # de plaats in de eigen keten: het volgnummer van de database loopt over alle gemeenten door
            "volgnummer": uitkomst.aantal if uitkomst.eerste_afwijking is not None else None,
            "reden": uitkomst.reden,
        }
    return json_antwoord(
        {
            "gemeente": gebruiker.gemeente,
            "intact": uitkomst.intact,
            "aantal": uitkomst.aantal,
            "eersteAfwijking": afwijking,
        }
    )
