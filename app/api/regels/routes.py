"""GET /regels: de regeldata die op een peildatum geldt, elke waarde met haar bron en status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import Depends, Query, Request
from starlette.responses import Response

from app.api.http.auth import Gebruiker, vereist
from app.api.http.routering import PEILDATUM_SCHEMA, TOEGANG, api_router, json_antwoord, peildatum_uit
from app.api.http.typen import DATUMBEREIK
from app.api.regels.modellen import Regeloverzicht
from app.domain.regels import Regeldata

router = api_router()


@router.get(
    "/regels",
    summary="De regeldata die op een peildatum geldt",
    description="Elke parameter met omschrijving, bron (wet, artikel, lid), de versie in werking, de status "
    "(geverifieerd of onzeker) en de herkomst (ingebouwd of uit de regelmap MAATSTAF_REGELS_DIR), het boeteregime "
    "op de peildatum, plus het standaardbeleid van de gemeente. De regeldata dekt elke datum vanaf 2013-01-01 "
    "(Fraudewet); de bijstandsnormen lopen tot en met de laatst opgenomen halfjaarversie.",
    tags=["Regels"],
    response_model=None,
    responses={
        200: {"description": "De regels op de peildatum.", "model": Regeloverzicht},
        400: {"description": "Ongeldige peildatum."},
        **TOEGANG,
        500: {"description": "Interne fout."},
    },
)
async def regels(
    request: Request,
    gebruiker: Gebruiker = Depends(vereist()),
    peildatum: str | None = Query(
        None,
        description=f"Datum (JJJJ-MM-DD, een bestaande datum {DATUMBEREIK}) waarop de regels gelden; standaard "
        "vandaag. De regeldata begint op 2013-01-01 (Fraudewet): daarvóór is `inWerking` null.",
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        json_schema_extra=PEILDATUM_SCHEMA,
        examples=["2015-06-01"],
    ),
) -> Response:

    return json_antwoord(regels_json(request.app.state.regeldata, peildatum_uit(peildatum)))


def regels_json(data: Regeldata, peildatum: date) -> dict:
    parameters = []
    for parameter in sorted(data.parameters.values(), key=lambda p: p.id):
        versie = parameter.versie_op(peildatum)
        parameters.append(
            {
                "id": parameter.id,
                "omschrijving": parameter.omschrijving,
                "eenheid": parameter.eenheid,
                "bron": [b.als_dict() for b in parameter.bronnen],
                "inWerking": (
                    {
                        "geldigVanaf": versie.geldig_vanaf.isoformat(),
                        "geldigTot": versie.geldig_tot.isoformat() if versie.geldig_tot else None,
                        # een getal zonder exponent: 0.000000413370, niet 4.13370E-7
                        "waarde": format(versie.waarde, "f")
                        if isinstance(versie.waarde, Decimal)
                        else str(versie.waarde),
                        "status": versie.status,
                        "verificatie": versie.verificatie,
                        "bron": versie.bron,
                        "rapporten": [
                            {"uitgever": r.uitgever, "titel": r.titel, "url": r.url, "verschenen": r.datum}
                            for r in versie.rapporten
                        ],
                        "herkomst": versie.herkomst,
                    }
                    if versie
                    else None
                ),
            }
        )
    regime = data.parameters.get("boete.regime")
    regime_versie = regime.versie_op(peildatum) if regime else None
    return {
        "peildatum": peildatum.isoformat(),
        "regelversie": data.versie,
        "regime": (
            {
                "code": str(regime_versie.waarde),
                "omschrijving": regime_versie.bron or data.parameters["boete.regime"].omschrijving,
                "geldigVanaf": regime_versie.geldig_vanaf.isoformat(),
                "geldigTot": regime_versie.geldig_tot.isoformat() if regime_versie.geldig_tot else None,
            }
            if regime_versie
            else None
        ),
        "parameters": parameters,
        "beleid": dict(data.beleid),
    }
