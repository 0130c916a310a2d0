"""Wissen na de bewaartermijn (AVG en Archiefwet, issue #8 §3): crypto-shredding met vier ogen.

Vrije tekst in de audittrail is versleuteld met een gegevenssleutel per gemeente en kalenderjaar
(``app/db/versleuteling.py``). Na de bewaartermijn stelt een auditor voor die sleutel te vernietigen
(``POST /wisvoorstellen``); een andere auditor van dezelfde gemeente keurt goed
(``POST /wisvoorstellen/{id}/goedkeuringen``) of wijst af (``POST /wisvoorstellen/{id}/afwijzingen``, met een
reden). Voorstel, goedkeuring en afwijzing zijn alle drie auditrecords. Daarna is de sleutel weg: de tekst is
onleesbaar ("[gewist op …: bewaartermijn verstreken]"), bedragen, datums en stappen zonder vrije tekst blijven
staan, en de hashketen blijft intact (de hash gaat over de versleutelde tekst).

De bewaartermijn is configuratie per gemeente (MAATSTAF_BEWAARTERMIJN_JAREN, MAATSTAF_BEWAARTERMIJNEN) en telt
vanaf het einde van het kalenderjaar van vastleggen. Zonder ingestelde termijn wist Maatstaf niets.
"""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from starlette.responses import Response

from app.api.http import idempotentie as idem
from app.api.http.auth import AUDITOR, Gebruiker, vereist
from app.api.http.lezen import gelezen
from app.api.http.modellen import Invoer
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
)
from app.api.http.typen import GeheelGetal, vandaag
from app.api.http.vrije_tekst import Tekst, vrije_paden
from app.db import AuditRecord, BerekeningBestaatAl, SleutelBestaatAl

WISVOORSTEL_ID = Path(
    description="Het id van het wisvoorstel (UUID), uit `wisvoorstelId` of de Location-header.",
    json_schema_extra={"format": "uuid"},
    examples=["5f0b3c7e-1d2a-4c8b-9e3f-7a6b5c4d3e2f"],
)
router = api_router()

WISVOORSTEL = "wisvoorstel"
WISGOEDKEURING = "wisgoedkeuring"
WISAFWIJZING = "wisafwijzing"

#: De selectielijst waarop de bewaartermijn berust. De categorie en de termijn stelt de gemeente zelf vast (met
#: haar archivaris); Maatstaf noemt bewust geen categorienummer dat niet is nagelezen.
SELECTIELIJST = (
    "Selectielijst gemeenten en intergemeentelijke organen 2020: de categorie voor het uitvoeren van de "
    "Participatiewet (handhaving, terugvordering en bestuurlijke boete). Categorie en termijn: door de gemeente "
    "te bevestigen."
)

VOORGESTELD = "VOORGESTELD"
GOEDGEKEURD = "GOEDGEKEURD"  # goedgekeurd, sleutel nog niet vernietigd (bijv. storing): een nieuwe goedkeuring rondt af
GEWIST = "GEWIST"
AFGEWEZEN = "AFGEWEZEN"


def _besluit_uniek(voorstel_id: str) -> str:
    """Eén besluit per voorstel, goedkeuring óf afwijzing: beide records dragen deze unieke sleutel, dus van twee
    gelijktijdige besluiten wordt er één vastgelegd (de sleutel dateert van vóór de afwijzing, vandaar de naam)."""
    return f"wisgoedkeuring:{voorstel_id}"


_FOUTEN = {
    400: {"description": "Ongeldige invoer."},
    401: {"description": "Geen of een ongeldig token."},
    403: {"description": "Niet de rol auditor, of (goedkeuren) dezelfde auditor als die het voorstelde."},
    404: {"description": "Onbekend wisvoorstel (of van een andere gemeente)."},
    413: {"description": "De body is groter dan 1 MiB."},
    500: {"description": "Interne fout."},
    503: {"description": "De auditopslag is niet bereikbaar."},
}


VOORBEELD_VOORSTEL = {
    "periode": 2014,
    "toelichting": "Bewaartermijn volgens de selectielijst verstreken; archivaris akkoord (zaak Z-2026-00412).",
}


class Wisvoorstelverzoek(Invoer):
    model_config = {"json_schema_extra": {"examples": [VOORBEELD_VOORSTEL]}}
    periode: GeheelGetal = Field(ge=2000, le=2999, description="Het kalenderjaar van vastleggen dat wordt gewist.")
    toelichting: Tekst | None = Field(None, description="Waarom nu; bijv. het zaaknummer van het akkoord.")


class Wisgoedkeuringsverzoek(Invoer):
    model_config = {"json_schema_extra": {"examples": [{"toelichting": "Gecontroleerd tegen de selectielijst."}]}}
    toelichting: Tekst | None = None


class Wisafwijzingsverzoek(Invoer):
    model_config = {
        "json_schema_extra": {
            "examples": [{"reden": "Zaak Z-2026-00412 loopt nog bij de rechtbank; de dossiers moeten blijven."}]
        }
    }
    reden: Tekst = Field(description="Waarom niet wordt gewist; blijft bij het voorstel.")


class AfwijzingUit(BaseModel):
    afgewezenDoor: str
    tijdstip: str
    reden: str


class GoedkeuringUit(BaseModel):
    goedgekeurdDoor: str
    tijdstip: str
    toelichting: str | None


class Wisvoorstel(BaseModel):
    wisvoorstelId: str
    gemeente: str
    periode: int
    bewaartermijnJaren: int
    wissenVanaf: str = Field(description="De eerste dag waarop de periode mag worden gewist.")
    grondslag: str = Field(description="De selectielijst waarop de bewaartermijn berust.")
    toelichting: str | None
    voorgesteldDoor: str
    status: str = Field(
        description="VOORGESTELD, GOEDGEKEURD (sleutel nog niet vernietigd), GEWIST of AFGEWEZEN (er wordt niets "
        "gewist; een nieuw voorstel voor dezelfde periode kan)."
    )
    goedkeuring: GoedkeuringUit | None = None
    afwijzing: AfwijzingUit | None = Field(None, description="Bij AFGEWEZEN: wie, wanneer en waarom.")
    gewistOp: str | None = Field(None, description="Wanneer de sleutel is vernietigd (UTC).")


def _termijn(request: Request, gemeente: str, periode: int) -> tuple[int, date]:
    """(jaren, wissen vanaf); 409 als er geen termijn is of die nog niet is verstreken."""
    jaren = request.app.state.instellingen.bewaartermijn(gemeente)
    if jaren is None:
        raise Probleem(
            409,
            f"Voor gemeente {gemeente} is geen bewaartermijn ingesteld (MAATSTAF_BEWAARTERMIJN_JAREN of "
            "MAATSTAF_BEWAARTERMIJNEN); zonder termijn wist Maatstaf niets.",
        )
    vanaf = date(periode + 1 + jaren, 1, 1)
    if vandaag() < vanaf:
        raise Probleem(
            409,
            f"De bewaartermijn van {jaren} jaar voor {periode} is nog niet verstreken: wissen kan vanaf "
            f"{vanaf.isoformat()}.",
        )
    return jaren, vanaf


async def _leg_vast(
    request: Request,
    gebruiker: Gebruiker,
    soort: str,
    ruw: bytes,
    resultaat: dict,
    model: type[BaseModel],
    verwijzing: str | None = None,
    uniek: str | None = None,
    sleutel: idem.Sleutel | None = None,
    locatie: str = "",
) -> AuditRecord:
    """Raises SleutelBestaatAl: een gelijktijdig verzoek met dezelfde Idempotency-Key legde eerst vast."""
    try:
        return await wacht_op_vastleggen(
            request,
            request.app.state.store.vastleggen(
                berekening_id=resultaat.get("goedkeuringId")
                or resultaat.get("afwijzingId")
                or resultaat["wisvoorstelId"],
                soort=soort,
                invoer=ruw.decode("utf-8"),
                resultaat=resultaat,
                regelversie=request.app.state.regeldata.versie,
                sub=gebruiker.sub,
                gemeente=gebruiker.gemeente,
                verwijzing=verwijzing,
                uniek=uniek,
                vrije_paden=vrije_paden(model),
                idempotentie=sleutel.voor_opslag(gebruiker, locatie) if sleutel else None,
            ),
        )
    except BerekeningBestaatAl:
        raise Probleem(409, "Dit is intussen al vastgelegd (gelijktijdig verzoek); haal de actuele stand op.") from None


async def _voorstel(request: Request, voorstel_id: str, gebruiker: Gebruiker) -> AuditRecord:
    store = request.app.state.store
    record = await run_in_threadpool(store.get, voorstel_id, gebruiker.gemeente)
    if record is None or record.soort != WISVOORSTEL:
        raise Probleem(404, f"Er is geen wisvoorstel met id {voorstel_id}.")
    return record


async def _stand(request: Request, record: AuditRecord) -> dict:
    """Het wisvoorstel met zijn status, uit de records en de sleuteltabel."""
    store = request.app.state.store
    res = record.resultaat
    goedkeuringen = await run_in_threadpool(store.verwijzend, record.berekening_id, record.gemeente, WISGOEDKEURING)
    afwijzingen = await run_in_threadpool(store.verwijzend, record.berekening_id, record.gemeente, WISAFWIJZING)
    gewist_op = await run_in_threadpool(store.sleutel_gewist_op, record.gemeente, res["periode"])
    stand = {**res, "status": VOORGESTELD, "goedkeuring": None, "afwijzing": None, "gewistOp": None}
    if afwijzingen:
        a = afwijzingen[0]
        stand["afwijzing"] = {"afgewezenDoor": a.sub, "tijdstip": a.tijdstip.isoformat(), "reden": a.resultaat["reden"]}
        stand["status"] = AFGEWEZEN
    if goedkeuringen:
        g = goedkeuringen[0]
        stand["goedkeuring"] = {
            "goedgekeurdDoor": g.sub,
            "tijdstip": g.tijdstip.isoformat(),
            "toelichting": g.resultaat.get("toelichting"),
        }
        stand["status"] = GOEDGEKEURD
    if gewist_op is not None:
        stand["gewistOp"] = gewist_op.isoformat()
        if goedkeuringen:
            stand["status"] = GEWIST
    return stand


@router.post(
    "/wisvoorstellen",
    status_code=201,
    summary="Voorstellen de vrije tekst van een periode te wissen (rol auditor, eerste van vier ogen)",
    description="Na de bewaartermijn (configuratie per gemeente, vanaf het einde van het kalenderjaar van "
    "vastleggen) stelt een auditor voor de gegevenssleutel van die periode te vernietigen. Er wordt nog niets "
    "gewist: een andere auditor moet goedkeuren. Het voorstel is zelf een auditrecord.",
    tags=["Bewaartermijn"],
    response_model=None,
    responses={
        201: {"description": "Voorgesteld en vastgelegd.", "model": Wisvoorstel},
        409: {"description": "Geen bewaartermijn ingesteld, termijn nog niet verstreken, of al gewist."},
        415: {"description": "De body is niet als application/json aangekondigd (Content-Type)."},
        422: idem.ANTWOORDEN[422],
        **_FOUTEN,
    },
    openapi_extra={**body_met_voorbeeld(Wisvoorstelverzoek, VOORBEELD_VOORSTEL), **idem.OPENAPI},
)
async def wisvoorstel(request: Request, gebruiker: Gebruiker = Depends(vereist(AUDITOR))) -> Response:
    ruw = await json_body(request)

    async def stand_van(voorstel: AuditRecord) -> dict:
        return await _stand(request, voorstel)

    sleutel = idem.sleutel(request, ruw)
    if eerder := await eerder_antwoord(request, gebruiker, sleutel, stand_van):
        return eerder
    verzoek: Wisvoorstelverzoek = await gelezen(ruw, Wisvoorstelverzoek)
    jaren, vanaf = _termijn(request, gebruiker.gemeente, verzoek.periode)
    store = request.app.state.store
    if await run_in_threadpool(store.sleutel_gewist_op, gebruiker.gemeente, verzoek.periode) is not None:
        raise Probleem(409, f"De vrije tekst van {verzoek.periode} is al gewist.")
    voorstel_id = str(uuid.uuid4())
    resultaat = {
        "wisvoorstelId": voorstel_id,
        "gemeente": gebruiker.gemeente,
        "periode": verzoek.periode,
        "bewaartermijnJaren": jaren,
        "wissenVanaf": vanaf.isoformat(),
        "grondslag": SELECTIELIJST,
        "toelichting": verzoek.toelichting,
        "voorgesteldDoor": gebruiker.sub,
    }
    locatie = api_pad(request, f"/wisvoorstellen/{voorstel_id}")
    try:
        record = await _leg_vast(
            request, gebruiker, WISVOORSTEL, ruw, resultaat, Wisvoorstelverzoek, sleutel=sleutel, locatie=locatie
        )
    except SleutelBestaatAl:
        return await idem.na_botsing(request, gebruiker, sleutel, stand_van)
    return json_antwoord(await _stand(request, record), 201, {"Location": locatie})


@router.get(
    "/wisvoorstellen/{wisvoorstelId}",
    summary="Een wisvoorstel met zijn status",
    tags=["Bewaartermijn"],
    response_model=None,
    responses={200: {"description": "Het wisvoorstel.", "model": Wisvoorstel}, **_FOUTEN},
)
async def wisvoorstel_lezen(
    request: Request,
    wisvoorstelId: str = WISVOORSTEL_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist(AUDITOR)),
) -> Response:
    record = await _voorstel(request, geldig_id(wisvoorstelId, "wisvoorstelId"), gebruiker)
    return json_antwoord(await _stand(request, record))


@router.post(
    "/wisvoorstellen/{wisvoorstelId}/goedkeuringen",
    status_code=201,
    summary="Een wisvoorstel goedkeuren en de sleutel vernietigen (rol auditor, tweede van vier ogen)",
    description="Een andere auditor van dezelfde gemeente dan die het voorstelde, keurt goed. De goedkeuring wordt "
    "vastgelegd en daarna wordt de gegevenssleutel van de periode vernietigd: de vrije tekst van die periode is "
    "dan onleesbaar, de hashketen blijft intact. Kan niet ongedaan worden gemaakt.",
    tags=["Bewaartermijn"],
    response_model=None,
    responses={
        201: {"description": "Goedgekeurd, vastgelegd en gewist.", "model": Wisvoorstel},
        409: {"description": "Al gewist, of de bewaartermijn is (nog) niet verstreken."},
        415: {"description": "De body is niet als application/json aangekondigd (Content-Type)."},
        422: idem.ANTWOORDEN[422],
        **_FOUTEN,
    },
    openapi_extra={
        **body_met_voorbeeld(
            Wisgoedkeuringsverzoek, Wisgoedkeuringsverzoek.model_config["json_schema_extra"]["examples"][0]
        ),
        **idem.OPENAPI,
    },
)
async def wisgoedkeuring(
    request: Request,
    wisvoorstelId: str = WISVOORSTEL_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist(AUDITOR)),
) -> Response:
    voorstel_id = geldig_id(wisvoorstelId, "wisvoorstelId")
    # een lege body mag (er is niets te zeggen); een body wel als JSON aangekondigd
    ruw = await json_body(request) if request.headers.get("content-length", "0") != "0" else b""
    locatie = api_pad(request, f"/wisvoorstellen/{voorstel_id}")

    async def stand_van(goedkeuring: AuditRecord) -> dict:
        return await _stand(request, await _voorstel(request, goedkeuring.verwijzing, gebruiker))

    sleutel = idem.sleutel(request, ruw)
    if eerder := await eerder_antwoord(request, gebruiker, sleutel, stand_van):
        return eerder
    verzoek: Wisgoedkeuringsverzoek = await gelezen(ruw or b"{}", Wisgoedkeuringsverzoek)
    record = await _voorstel(request, voorstel_id, gebruiker)
    if record.sub == gebruiker.sub:
        raise Probleem(403, "Vier ogen: wie het wissen voorstelde, kan het niet zelf goedkeuren.")
    periode = record.resultaat["periode"]
    _termijn(request, gebruiker.gemeente, periode)  # de configuratie kan intussen zijn gewijzigd
    stand = await _stand(request, record)
    if stand["status"] == AFGEWEZEN:
        raise Probleem(409, "Dit wisvoorstel is afgewezen; doe zo nodig een nieuw voorstel.")
    if stand["status"] == GEWIST or (stand["status"] == VOORGESTELD and stand["gewistOp"] is not None):
        raise Probleem(409, f"{periode} is al gewist op {stand['gewistOp']}.")
    if stand["status"] == VOORGESTELD:
        goedkeuring_id = str(uuid.uuid4())
        try:
            await _leg_vast(
                request,
                gebruiker,
                WISGOEDKEURING,
                ruw or b"{}",
                {
                    "goedkeuringId": goedkeuring_id,
                    "wisvoorstelId": voorstel_id,
                    "gemeente": gebruiker.gemeente,
                    "periode": periode,
                    "toelichting": verzoek.toelichting,
                    "goedgekeurdDoor": gebruiker.sub,
                },
                Wisgoedkeuringsverzoek,
                verwijzing=voorstel_id,
                uniek=_besluit_uniek(voorstel_id),
                sleutel=sleutel,
                locatie=locatie,
            )
        except SleutelBestaatAl:
            return await idem.na_botsing(request, gebruiker, sleutel, stand_van)
    # Pas na het vastleggen van de goedkeuring: de sleutel vernietigen (idempotent; na een storing rondt een
    # nieuwe goedkeuring van een GOEDGEKEURD voorstel dit af).
    await run_in_threadpool(request.app.state.store.vernietig_sleutel, gebruiker.gemeente, periode)
    return json_antwoord(await _stand(request, record), 201, {"Location": locatie})


@router.post(
    "/wisvoorstellen/{wisvoorstelId}/afwijzingen",
    status_code=201,
    summary="Een wisvoorstel afwijzen (rol auditor, tweede van vier ogen)",
    description="Een andere auditor van dezelfde gemeente dan die het voorstelde, wijst af, met een reden. De "
    "afwijzing wordt vastgelegd; er wordt niets gewist. Een afgewezen voorstel kan niet meer worden goedgekeurd; "
    "een nieuw voorstel voor dezelfde periode kan wel.",
    tags=["Bewaartermijn"],
    response_model=None,
    responses={
        201: {"description": "Afgewezen en vastgelegd.", "model": Wisvoorstel},
        409: {"description": "Over dit voorstel is al besloten (goedgekeurd, gewist of afgewezen)."},
        415: {"description": "De body is niet als application/json aangekondigd (Content-Type)."},
        422: idem.ANTWOORDEN[422],
        **_FOUTEN,
    },
    openapi_extra={
        **body_met_voorbeeld(
            Wisafwijzingsverzoek, Wisafwijzingsverzoek.model_config["json_schema_extra"]["examples"][0]
        ),
        **idem.OPENAPI,
    },
)
async def wisafwijzing(
    request: Request,
    wisvoorstelId: str = WISVOORSTEL_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist(AUDITOR)),
) -> Response:
    voorstel_id = geldig_id(wisvoorstelId, "wisvoorstelId")
    ruw = await json_body(request)
    locatie = api_pad(request, f"/wisvoorstellen/{voorstel_id}")

    async def stand_van(afwijzing: AuditRecord) -> dict:
        return await _stand(request, await _voorstel(request, afwijzing.verwijzing, gebruiker))

    sleutel = idem.sleutel(request, ruw)
    if eerder := await eerder_antwoord(request, gebruiker, sleutel, stand_van):
        return eerder
    verzoek: Wisafwijzingsverzoek = await gelezen(ruw, Wisafwijzingsverzoek)
    record = await _voorstel(request, voorstel_id, gebruiker)
    if record.sub == gebruiker.sub:
        raise Probleem(403, "Vier ogen: wie het wissen voorstelde, kan er niet zelf over besluiten.")
    stand = await _stand(request, record)
    if stand["status"] != VOORGESTELD or stand["gewistOp"] is not None:
        raise Probleem(409, f"Over dit wisvoorstel is al besloten (status {stand['status']}).")
    try:
        await _leg_vast(
            request,
            gebruiker,
            WISAFWIJZING,
            ruw,
            {
                "afwijzingId": str(uuid.uuid4()),
                "wisvoorstelId": voorstel_id,
                "gemeente": gebruiker.gemeente,
                "periode": record.resultaat["periode"],
                "reden": verzoek.reden,
                "afgewezenDoor": gebruiker.sub,
            },
            Wisafwijzingsverzoek,
            verwijzing=voorstel_id,
            uniek=_besluit_uniek(voorstel_id),
            sleutel=sleutel,
            locatie=locatie,
        )
    except SleutelBestaatAl:
        return await idem.na_botsing(request, gebruiker, sleutel, stand_van)
    return json_antwoord(await _stand(request, record), 201, {"Location": locatie})
