"""Het beleid van de gemeente als gepubliceerde, gedateerde laag met vier ogen (issue #10 §1).

- ``POST /beleidsversies`` (rol beleidsbeheerder): een beleidsversie voorstellen: ``geldigVanaf``, de keuzes
  (``waarden``) en de gepubliceerde beleidsregels die ze uitvoeren (``bron``: CVDR-id of URL, artikel per keuze of
  per versie). Een keuze die de wet niet toestaat, wordt geweigerd (400, met wet, artikel en lid).
- ``POST /beleidsversies/{id}/beoordelingen`` (rol beleidsbeheerder, een ander dan wie voorstelde): vaststellen
  (GOEDGEKEURD) of afwijzen (AFGEWEZEN, met reden). Pas een vastgestelde versie telt mee in berekeningen.
- ``GET /beleidsversies`` en ``GET /beleidsversies/{id}``: de versies van de eigen gemeente met hun status.
- ``GET /beleid?peildatum=``: het beleid dat op de peildatum geldt (de vastgestelde versie met de laatste
  ``geldigVanaf`` op of vóór de peildatum, anders de landelijke standaard), de bron, en wat afwijkt van de
  landelijke standaard.

Voorstel en beoordeling zijn auditrecords in de keten van de gemeente (soort ``beleidsvoorstel`` en
``beleidsbeoordeling``); de stand in de tabel ``beleidsversie`` wordt in dezelfde transactie geschreven. Een andere
gemeente ziet niets (404).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from fastapi import Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from sqlalchemy import insert, update
from starlette.responses import Response

from app.api.beleid.modellen import (
    VOORBEELD_BEOORDELING,
    VOORBEELD_VOORSTEL,
    Beleidsbeoordelingsverzoek,
    Beleidsoverzicht,
    Beleidsversie,
    Beleidsversielijst,
    Beleidsversieverzoek,
)
from app.api.berekeningen import Beleidsbron, beleidslijn, vergeet_beleid
from app.api.http import idempotentie as idem
from app.api.http.auth import BELEIDSBEHEERDER, Gebruiker, vereist
from app.api.http.lezen import gelezen
from app.api.http.problemen import Probleem
from app.api.http.records import geldig_id
from app.api.http.routering import (
    PEILDATUM_SCHEMA,
    api_pad,
    api_router,
    body_met_voorbeeld,
    eerder_antwoord,
    json_antwoord,
    json_body,
    peildatum_uit,
    wacht_op_vastleggen,
    zorg_dat_klaar,
)
from app.api.http.typen import DATUMBEREIK
from app.api.http.vrije_tekst import vrije_paden
from app.db import AuditRecord, BerekeningBestaatAl, MetVersleuteling, SleutelBestaatAl
from app.db.hashing import canonical_json
from app.db.models import beleidsversie
from app.db.versleuteling import vervang_vrij
from app.domain import beleid as bd
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.regels import Regeldata

router = api_router()

BELEIDSVOORSTEL = "beleidsvoorstel"
BELEIDSBEOORDELING = "beleidsbeoordeling"

BELEIDSVERSIE_ID = Path(
    description="Het id van de beleidsversie (UUID), uit `beleidsversieId` of de Location-header.",
    json_schema_extra={"format": "uuid"},
    examples=["7c9e6679-7425-40de-944b-e07fc1f90ae7"],
)

FOUTEN_BELEID = {
    401: {"description": "Geen of een ongeldig token."},
    403: {"description": "Niet de rol beleidsbeheerder, of (beoordelen) dezelfde die de versie voorstelde."},
    404: {"description": "Onbekende beleidsversie (of van een andere gemeente)."},
    500: {"description": "Interne fout."},
    503: {"description": "De auditopslag is niet bereikbaar."},
}
FOUTEN_BELEID_POST = {
    400: {
        "description": "Ongeldige invoer, of een keuze die de wet niet toestaat; invalidParams noemt het veld en de "
        "wettelijke reden."
    },
    413: {"description": "De body is groter dan 1 MiB."},
    415: {"description": "De body is niet als application/json aangekondigd (Content-Type)."},
    422: idem.ANTWOORDEN[422],
    **FOUTEN_BELEID,
}


# ---------------------------------------------------------------- hulpfuncties


def _domeinbron(bron: Beleidsbron) -> bd.Beleidsbron:
    return bd.Beleidsbron(bron.titel, bron.cvdr, bron.url, bron.artikel, dict(bron.artikelen))


def _toets(verzoek: Beleidsversieverzoek, data: Regeldata) -> dict:
    """De keuzes, getoetst aan de wet; alle problemen (waarden en bron) samen in één 400."""
    problemen: list[Invoerprobleem] = []
    waarden: dict = {}
    try:
        waarden = bd.toets(verzoek.waarden, verzoek.geldigVanaf, data)
    except Invoerfout as fout:
        problemen += fout.problemen
    try:
        bd.toets_bron(_domeinbron(verzoek.bron), verzoek.waarden)
    except Invoerfout as fout:
        problemen += fout.problemen
    if problemen:
        raise Invoerfout(*problemen)
    return waarden


async def _stand(request: Request, rij: dict) -> dict:
    store = request.app.state.store
    voorstel = await run_in_threadpool(store.get, rij["beleidsversie_id"], rij["gemeente"])
    beoordelingen = await run_in_threadpool(
        store.verwijzend, rij["beleidsversie_id"], rij["gemeente"], BELEIDSBEOORDELING
    )
    beoordeling = None
    if beoordelingen:
        b = beoordelingen[0]
        beoordeling = {
            "besluit": b.resultaat["besluit"],
            "reden": b.resultaat.get("reden"),
            "beoordeeldDoor": b.sub,
            "tijdstip": b.tijdstip.isoformat(),
        }
    landelijk = bd.landelijk(request.app.state.regeldata)
    return {
        "beleidsversieId": rij["beleidsversie_id"],
        "gemeente": rij["gemeente"],
        "geldigVanaf": rij["geldig_vanaf"].isoformat(),
        "waarden": rij["waarden"],
        "bron": rij["bron"],
        "toelichting": voorstel.resultaat.get("toelichting") if voorstel else None,
        "status": rij["status"],
        "voorgesteldDoor": rij["voorgesteld_door"],
        "voorgesteldOp": rij["voorgesteld_op"].isoformat(),
        "beoordeling": beoordeling,
        "verschillen": bd.verschillen(rij["waarden"], landelijk),
    }


async def _rij(request: Request, beleidsversie_id: str, gebruiker: Gebruiker) -> dict:
    rij = await run_in_threadpool(request.app.state.store.beleidsversie, beleidsversie_id, gebruiker.gemeente)
    if rij is None:
        raise Probleem(404, f"Er is geen beleidsversie met id {beleidsversie_id}.")
    return rij


async def _leg_vast(
    request: Request,
    gebruiker: Gebruiker,
    record_id: str,
    soort: str,
    ruw: bytes,
    resultaat: dict,
    model: type[BaseModel],
    mutatie,
    verwijzing: str | None = None,
    uniek: str | None = None,
    sleutel: idem.Sleutel | None = None,
    locatie: str = "",
) -> AuditRecord:
    """Het auditrecord en de stand in de tabel beleidsversie, in één transactie."""
    try:
        return await wacht_op_vastleggen(
            request,
            request.app.state.store.vastleggen(
                berekening_id=record_id,
                soort=soort,
                invoer=ruw.decode("utf-8"),
                resultaat=resultaat,
                regelversie=request.app.state.regeldata.versie,
                sub=gebruiker.sub,
                gemeente=gebruiker.gemeente,
                team=gebruiker.team,
                verwijzing=verwijzing,
                uniek=uniek,
                vrije_paden=vrije_paden(model),
                idempotentie=sleutel.voor_opslag(gebruiker, locatie) if sleutel else None,
                mutaties=(mutatie,),
            ),
        )
    except BerekeningBestaatAl:
        raise Probleem(
            409,
            "Dit is intussen al vastgelegd (gelijktijdig verzoek, of er is al een vastgestelde versie met deze "
            "geldigVanaf); haal de actuele stand op.",
        ) from None


def _locatie(request: Request, beleidsversie_id: str) -> str:
    return api_pad(request, f"/beleidsversies/{beleidsversie_id}")


async def _al_vastgesteld(request: Request, gemeente: str, geldig_vanaf: date) -> None:
    rijen = await run_in_threadpool(request.app.state.store.beleidsversies, gemeente, bd.VASTGESTELD)
    for rij in rijen:
        if rij["geldig_vanaf"] == geldig_vanaf:
            raise Probleem(
                409,
                f"Er is al een vastgestelde beleidsversie met geldigVanaf {geldig_vanaf.isoformat()} "
                f"({rij['beleidsversie_id']}). Een vastgestelde versie verandert niet; stel een versie voor met een "
                "latere geldigVanaf.",
            )


# ---------------------------------------------------------------- endpoints


@router.post(
    "/beleidsversies",
    status_code=201,
    summary="Een beleidsversie voorstellen (rol beleidsbeheerder, eerste van vier ogen)",
    description="De keuzes van het college binnen de wet, met de datum waarop ze ingaan en de gepubliceerde "
    "beleidsregels die ze uitvoeren. Elke keuze wordt getoetst aan de wet die vanaf geldigVanaf geldt: wat de wet niet "
    "toestaat, wordt geweigerd met wet, artikel en lid. De versie telt pas mee als een andere beleidsbeheerder haar "
    "vaststelt. Het voorstel is een auditrecord.",
    tags=["Beleid"],
    response_model=None,
    responses={
        201: {"description": "Voorgesteld en vastgelegd (status VOORGESTELD).", "model": Beleidsversie},
        409: {"description": "Er is al een vastgestelde versie met deze geldigVanaf."},
        **FOUTEN_BELEID_POST,
    },
    openapi_extra={**body_met_voorbeeld(Beleidsversieverzoek, VOORBEELD_VOORSTEL), **idem.OPENAPI},
)
async def voorstellen(request: Request, gebruiker: Gebruiker = Depends(vereist(BELEIDSBEHEERDER))) -> Response:
    ruw = await json_body(request)

    async def stand_van(record: AuditRecord) -> dict:
        return await _stand(request, await _rij(request, record.berekening_id, gebruiker))

    sleutel = idem.sleutel(request, ruw)
    if eerder := await eerder_antwoord(request, gebruiker, sleutel, stand_van):
        return eerder
    verzoek: Beleidsversieverzoek = await gelezen(ruw, Beleidsversieverzoek)
    waarden = _toets(verzoek, request.app.state.regeldata)
    await zorg_dat_klaar(request)
    await _al_vastgesteld(request, gebruiker.gemeente, verzoek.geldigVanaf)
    versie_id = str(uuid.uuid4())
    bron = _domeinbron(verzoek.bron).als_dict()
    resultaat = {
        "beleidsversieId": versie_id,
        "gemeente": gebruiker.gemeente,
        "geldigVanaf": verzoek.geldigVanaf.isoformat(),
        "waarden": waarden,
        "bron": bron,
        "toelichting": verzoek.toelichting,
        "status": bd.VOORGESTELD,
        "voorgesteldDoor": gebruiker.sub,
    }
    mutatie = MetVersleuteling(
        # de vrije tekst van de bron (titel, artikelen) staat versleuteld in de tabel, net als in het record
        lambda versleutel: insert(beleidsversie).values(
            beleidsversie_id=versie_id,
            gemeente=gebruiker.gemeente,
            geldig_vanaf=verzoek.geldigVanaf,
            waarden=canonical_json(waarden),
            bron=canonical_json(vervang_vrij(bron, vrije_paden(Beleidsbron), versleutel)),
            status=bd.VOORGESTELD,
            voorgesteld_door=gebruiker.sub,
            voorgesteld_op=datetime.now(UTC),
        )
    )
    locatie = _locatie(request, versie_id)
    try:
        await _leg_vast(
            request,
            gebruiker,
            versie_id,
            BELEIDSVOORSTEL,
            ruw,
            resultaat,
            Beleidsversieverzoek,
            mutatie,
            sleutel=sleutel,
            locatie=locatie,
        )
    except SleutelBestaatAl:
        return await idem.na_botsing(request, gebruiker, sleutel, stand_van)
    return json_antwoord(await _stand(request, await _rij(request, versie_id, gebruiker)), 201, {"Location": locatie})


@router.get(
    "/beleidsversies",
    summary="De beleidsversies van de eigen gemeente",
    description="Alle versies (voorgesteld, vastgesteld en afgewezen), oplopend op geldigVanaf.",
    tags=["Beleid"],
    response_model=None,
    responses={200: {"description": "De versies.", "model": Beleidsversielijst}, **FOUTEN_BELEID},
)
async def lijst(request: Request, gebruiker: Gebruiker = Depends(vereist())) -> Response:
    await zorg_dat_klaar(request)
    rijen = await run_in_threadpool(request.app.state.store.beleidsversies, gebruiker.gemeente)
    return json_antwoord({"beleidsversies": [await _stand(request, r) for r in rijen]})


@router.get(
    "/beleidsversies/{beleidsversieId}",
    summary="Een beleidsversie met haar status",
    tags=["Beleid"],
    response_model=None,
    responses={
        200: {"description": "De versie.", "model": Beleidsversie},
        400: {"description": "beleidsversieId is geen UUID."},
        **FOUTEN_BELEID,
    },
)
async def lezen(
    request: Request,
    beleidsversieId: str = BELEIDSVERSIE_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    await zorg_dat_klaar(request)
    return json_antwoord(
        await _stand(request, await _rij(request, geldig_id(beleidsversieId, "beleidsversieId"), gebruiker))
    )


@router.post(
    "/beleidsversies/{beleidsversieId}/beoordelingen",
    status_code=201,
    summary="Een beleidsversie vaststellen of afwijzen (rol beleidsbeheerder, tweede van vier ogen)",
    description="Een andere beleidsbeheerder van dezelfde gemeente dan die de versie voorstelde, stelt haar vast "
    "(GOEDGEKEURD: status VASTGESTELD) of wijst haar af (AFGEWEZEN, met reden). De keuzes worden opnieuw aan de wet "
    "getoetst. Een versie wordt één keer beoordeeld; de beoordeling is een auditrecord.",
    tags=["Beleid"],
    response_model=None,
    responses={
        201: {"description": "Beoordeeld en vastgelegd.", "model": Beleidsversie},
        409: {"description": "Al beoordeeld, of er is al een vastgestelde versie met deze geldigVanaf."},
        **FOUTEN_BELEID_POST,
    },
    openapi_extra={**body_met_voorbeeld(Beleidsbeoordelingsverzoek, VOORBEELD_BEOORDELING), **idem.OPENAPI},
)
async def beoordelen(
    request: Request,
    beleidsversieId: str = BELEIDSVERSIE_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist(BELEIDSBEHEERDER)),
) -> Response:
    versie_id = geldig_id(beleidsversieId, "beleidsversieId")
    ruw = await json_body(request)

    async def stand_van(_record: AuditRecord) -> dict:
        return await _stand(request, await _rij(request, versie_id, gebruiker))

    sleutel = idem.sleutel(request, ruw)
    if eerder := await eerder_antwoord(request, gebruiker, sleutel, stand_van):
        return eerder
    verzoek: Beleidsbeoordelingsverzoek = await gelezen(ruw, Beleidsbeoordelingsverzoek)
    verzoek.eis_reden("de versie")
    await zorg_dat_klaar(request)
    rij = await _rij(request, versie_id, gebruiker)
    if rij["voorgesteld_door"] == gebruiker.sub:
        raise Probleem(403, "Vier ogen: wie de beleidsversie voorstelde, kan haar niet zelf beoordelen.")
    if rij["status"] != bd.VOORGESTELD:
        raise Probleem(409, f"Deze beleidsversie is al beoordeeld: {rij['status']}.")
    status = bd.VASTGESTELD if verzoek.goedgekeurd else bd.AFGEWEZEN
    if status == bd.VASTGESTELD:
        # de wet kan sinds het voorstel zijn gewijzigd (regelmap): opnieuw toetsen
        bd.toets(rij["waarden"], rij["geldig_vanaf"], request.app.state.regeldata)
        await _al_vastgesteld(request, gebruiker.gemeente, rij["geldig_vanaf"])
    beoordeling_id = str(uuid.uuid4())
    resultaat = {
        "beoordelingId": beoordeling_id,
        "beleidsversieId": versie_id,
        "besluit": verzoek.besluit.value,
        "status": status,
        "reden": verzoek.reden,
        "beoordeeldDoor": gebruiker.sub,
    }
    mutatie = (
        update(beleidsversie)
        .where(beleidsversie.c.beleidsversie_id == versie_id, beleidsversie.c.status == bd.VOORGESTELD)
        .values(status=status, beoordeeld_door=gebruiker.sub, beoordeeld_op=datetime.now(UTC))
    )
    locatie = _locatie(request, versie_id)
    try:
        await _leg_vast(
            request,
            gebruiker,
            beoordeling_id,
            BELEIDSBEOORDELING,
            ruw,
            resultaat,
            Beleidsbeoordelingsverzoek,
            mutatie,
            verwijzing=versie_id,
            uniek=f"beleidsbeoordeling:{versie_id}",
            sleutel=sleutel,
            locatie=locatie,
        )
    except SleutelBestaatAl:
        return await idem.na_botsing(request, gebruiker, sleutel, stand_van)
    finally:
        vergeet_beleid(request, gebruiker.gemeente)
    return json_antwoord(await _stand(request, await _rij(request, versie_id, gebruiker)), 201, {"Location": locatie})


@router.get(
    "/beleid",
    summary="Het beleid van de eigen gemeente op een peildatum",
    description="De vastgestelde beleidsversie die op de peildatum geldt (de laatste geldigVanaf op of vóór de "
    "peildatum), met de gepubliceerde beleidsregels en per keuze het artikel en de wettelijke grondslag; zonder "
    "vastgestelde versie de landelijke standaard. `verschillen` noemt wat afwijkt van de landelijke standaard. Een "
    "berekening rekent met het beleid op haar beschikkingsdatum (anders de dag van de berekening).",
    tags=["Beleid"],
    response_model=None,
    responses={
        200: {"description": "Het beleid op de peildatum.", "model": Beleidsoverzicht},
        400: {"description": "Ongeldige peildatum."},
        **{k: v for k, v in FOUTEN_BELEID.items() if k != 404},
    },
)
async def beleid_op(
    request: Request,
    gebruiker: Gebruiker = Depends(vereist()),
    peildatum: str | None = Query(
        None,
        description=f"Datum (JJJJ-MM-DD, {DATUMBEREIK}) waarop het beleid geldt; standaard vandaag.",
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        json_schema_extra=PEILDATUM_SCHEMA,
        examples=["2027-03-01"],
    ),
) -> Response:
    datum = peildatum_uit(peildatum)
    data: Regeldata = request.app.state.regeldata
    lijn = await beleidslijn(request, gebruiker.gemeente)
    laag = lijn.laag(data, datum)
    versie = None
    if laag.versie is not None:
        versie = await _stand(request, await _rij(request, laag.versie.id, gebruiker))
    landelijk = bd.landelijk(data)
    keuzes = []
    for naam, keuze in bd.KEUZES.items():
        citaat = laag.citaat(naam)
        keuzes.append(
            {
                "keuze": naam,
                "omschrijving": keuze.omschrijving,
                "waarde": laag.waarden.get(naam),
                "herkomst": citaat["herkomst"],
                "artikel": citaat.get("artikel"),
                "grondslag": [b.als_dict() for b in keuze.grondslag],
            }
        )
    return json_antwoord(
        {
            "gemeente": gebruiker.gemeente,
            "peildatum": datum.isoformat(),
            "herkomst": bd.GEMEENTE if laag.versie is not None else bd.LANDELIJK,
            "beleidsversie": versie,
            "bron": laag.versie.bron.als_dict() if laag.versie is not None else None,
            "keuzes": keuzes,
            "verschillen": bd.verschillen(laag.versie.waarden, landelijk) if laag.versie is not None else [],
            "regelversie": data.versie,
        }
    )
