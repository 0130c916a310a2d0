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
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, BeforeValidator, Field
from sqlalchemy import insert, update
from starlette.responses import Response

from app.api import berekeningen
from app.api.berekeningen import Beleidsbron, beleidslijn, vergeet_beleid
from app.api.http import idempotentie as idem
from app.api.http.auth import BELEIDSBEHEERDER, BEOORDELAAR, Gebruiker, vereist
from app.api.http.lezen import gelezen
from app.api.http.modellen import Beoordelingsbesluit, Besluitverzoek, BronUit, Invoer, besluitschema
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
from app.api.http.typen import DATUMBEREIK, Datum, hele_getallen
from app.api.http.vrije_tekst import Tekst, vrije_paden
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

_FOUTEN = {
    401: {"description": "Geen of een ongeldig token."},
    403: {"description": "Niet de rol beleidsbeheerder, of (beoordelen) dezelfde die de versie voorstelde."},
    404: {"description": "Onbekende beleidsversie (of van een andere gemeente)."},
    500: {"description": "Interne fout."},
    503: {"description": "De auditopslag is niet bereikbaar."},
}
_FOUTEN_POST = {
    400: {
        "description": "Ongeldige invoer, of een keuze die de wet niet toestaat; invalidParams noemt het veld en de "
        "wettelijke reden."
    },
    413: {"description": "De body is groter dan 1 MiB."},
    415: {"description": "De body is niet als application/json aangekondigd (Content-Type)."},
    422: idem.ANTWOORDEN[422],
    **_FOUTEN,
}

VOORBEELD_VOORSTEL = {
    "geldigVanaf": "2027-01-01",
    "waarden": {
        "waarschuwingIndienMogelijk": True,
        "afronding": "NAAR_BOVEN_OP_TIENTALLEN",
        "brutoTerugvordering": False,
        "draagkrachtMaanden": {"NORMAAL": 10},
        "looptijdSchuldregelingMaanden": 18,
        "afzienNaJarenZonderBetalingOverig": 3,
        "vierOgen": {"graden": ["OPZET", "GROVE_SCHULD"], "boeteBoven": "1000.00", "maatwerk": True},
    },
    "bron": {
        "titel": "Beleidsregels handhaving Participatiewet 2027",
        "cvdr": "CVDR712345",
        "artikelen": {
            "waarschuwingIndienMogelijk": "artikel 4",
            "afronding": "artikel 6 lid 2",
            "brutoTerugvordering": "artikel 9",
            "draagkrachtMaanden": "artikel 7",
            "looptijdSchuldregelingMaanden": "artikel 12",
            "afzienNaJarenZonderBetalingOverig": "artikel 13",
            "vierOgen": "artikel 15",
        },
    },
    "toelichting": "Vastgesteld door het college op 2026-11-10; gepubliceerd in het Gemeenteblad.",
}

_WAARDEN_BESCHRIJVING = (
    "De keuzes van het college; elke keuze die ontbreekt, volgt de landelijke standaard. "
    "waarschuwingIndienMogelijk (true/false; Pw 18a lid 4, Boetebesluit 2aa), afronding (GEEN of "
    "NAAR_BOVEN_OP_TIENTALLEN; niet waar de regelgeving een afronding voorschrijft), brutoTerugvordering (true/false; "
    "Pw 58 lid 5), vermogenTeltVoorDraagkracht (true/false), draagkrachtMaanden (per graad een kortere termijn dan de "
    "CRvB, nooit een langere), looptijdSchuldregelingMaanden, afzienNaJarenZonderBetalingOverig (ten hoogste de termijn "
    "van Pw 58 lid 7), vierOgen ({graden, boeteBoven, maatwerk: true}). Wat de wet vastlegt (bijv. boetepercentage) "
    "wordt geweigerd met de wettelijke bron."
)


class Beleidsversieverzoek(Invoer):
    model_config = {"json_schema_extra": {"examples": [VOORBEELD_VOORSTEL]}}
    geldigVanaf: Datum = Field(description="De eerste dag waarop de versie geldt (peildatum van een berekening).")
    # 10.0 is het gehele getal 10 (zoals JSON Schema en GeheelGetal); de domeintoets ziet dan een int
    waarden: Annotated[dict[str, Any], BeforeValidator(hele_getallen)] = Field(
        description=_WAARDEN_BESCHRIJVING, json_schema_extra=bd.WAARDEN_SCHEMA
    )
    bron: Beleidsbron
    toelichting: Tekst | None = Field(None, description="Bijv. het collegebesluit en de publicatie.")


VOORBEELD_BEOORDELING = {"besluit": "GOEDGEKEURD", "reden": "Gelijk aan de gepubliceerde tekst in het Gemeenteblad."}


class Beleidsbeoordelingsverzoek(Besluitverzoek):
    model_config = {"json_schema_extra": besluitschema(VOORBEELD_BEOORDELING)}


class BeleidsbeoordelingUit(BaseModel):
    besluit: Beoordelingsbesluit
    reden: str | None
    beoordeeldDoor: str
    tijdstip: str


class BeleidsverschilUit(BaseModel):
    keuze: str
    waarde: Any = Field(description="De keuze van de gemeente.")
    landelijk: Any = Field(description="De landelijke standaard.")


class Beleidsversie(BaseModel):
    beleidsversieId: str
    gemeente: str
    geldigVanaf: str = Field(json_schema_extra={"format": "date"})
    waarden: dict
    bron: dict = Field(description="titel, cvdr, url, artikel en artikelen (per keuze).")
    toelichting: str | None = None
    status: str = Field(description="VOORGESTELD, VASTGESTELD of AFGEWEZEN.")
    voorgesteldDoor: str
    voorgesteldOp: str = Field(json_schema_extra={"format": "date-time"})
    beoordeling: BeleidsbeoordelingUit | None = None
    verschillen: list[BeleidsverschilUit] = Field(description="Waar de versie afwijkt van de landelijke standaard.")


class Beleidsversielijst(BaseModel):
    beleidsversies: list[Beleidsversie]


class KeuzeUit(BaseModel):
    keuze: str
    omschrijving: str
    waarde: Any
    herkomst: str = Field(description="GEMEENTE (de vastgestelde versie) of LANDELIJK (de landelijke standaard).")
    artikel: str | None = Field(description="Het artikel van de beleidsregels van de gemeente (bij GEMEENTE).")
    grondslag: list[BronUit] = Field(
        description="De wettelijke bepaling of rechtspraak die het college deze ruimte geeft."
    )


class Beleidsoverzicht(BaseModel):
    gemeente: str
    peildatum: str = Field(json_schema_extra={"format": "date"})
    herkomst: str = Field(description="GEMEENTE: er geldt een vastgestelde versie; LANDELIJK: de landelijke standaard.")
    beleidsversie: Beleidsversie | None = Field(description="De versie die op de peildatum geldt; null: geen.")
    bron: dict | None = Field(description="De gepubliceerde beleidsregels van die versie.")
    keuzes: list[KeuzeUit]
    verschillen: list[BeleidsverschilUit] = Field(
        description="Waar het beleid op de peildatum afwijkt van de landelijke standaard."
    )
    regelversie: str


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
        **_FOUTEN_POST,
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
    responses={200: {"description": "De versies.", "model": Beleidsversielijst}, **_FOUTEN},
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
        **_FOUTEN,
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
        **_FOUTEN_POST,
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
        **{k: v for k, v in _FOUTEN.items() if k != 404},
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


# ---------------------------------------------------------------- vier ogen bij een berekening

VASTSTELLING = "vaststelling"
TER_VASTSTELLING = "TER_VASTSTELLING"
NIET_VEREIST = "NIET_VEREIST"

BEREKENING_ID = Path(
    description="Het id van de berekening (UUID), uit `berekeningId` of de Location-header.",
    json_schema_extra={"format": "uuid"},
    examples=["9b2f0c4e-3c1d-4d0e-8a7e-2f1b6a1c9d00"],
)


class Vaststellingsverzoek(Besluitverzoek):
    model_config = {
        "json_schema_extra": besluitschema(
            {"besluit": "GOEDGEKEURD", "reden": "Bewijs van opzet is volledig en gemotiveerd."}
        )
    }


class Vaststelling(BaseModel):
    berekeningId: str
    vereist: bool = Field(
        description="Heeft deze uitkomst volgens het beleid van de gemeente een tweede persoon nodig?"
    )
    redenen: list[str] = Field(description="Waarom (uit vierOgen van het resultaat).")
    status: str = Field(
        description="NIET_VEREIST, TER_VASTSTELLING (wacht op een tweede persoon), VASTGESTELD of AFGEWEZEN."
    )
    beoordeling: BeleidsbeoordelingUit | None = None


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
        **_FOUTEN,
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
        **_FOUTEN_POST,
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
