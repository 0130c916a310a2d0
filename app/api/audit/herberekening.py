"""Herberekening (issue #4): ``POST /berekeningen/{id}/herberekeningen`` rekent de opgeslagen invoer opnieuw door
onder de opgeslagen regelversie (en ter vergelijking onder de huidige) en zegt of de uitkomst identiek is. De
herberekening is zelf een auditrecord (met ``verwijzing`` naar de berekening).
"""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from starlette.responses import Response

from app.api import berekeningen
from app.api.berekeningen import beleidslijn, beleidsteksten, precies_beleid
from app.api.http import idempotentie as idem
from app.api.http.auth import Gebruiker, vereist
from app.api.http.problemen import Probleem
from app.api.http.records import BEREKENING_ID, FOUTEN, HERBEREKENING, geldig_id, leg_vast, record_van
from app.api.http.routering import api_pad, api_router, eerder_antwoord, json_antwoord
from app.api.http.typen import AMSTERDAM
from app.api.http.vrije_tekst import vrije_paden
from app.db import AuditRecord, SleutelBestaatAl
from app.db.versleuteling import is_gewist, vrije_waarden
from app.domain.beleid import Beleidslijn
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.regels import Regeldata
from app.regels import uit_inhoud

router = api_router()


class VerschilUit(BaseModel):
    pad: str = Field(description="Dotted path in het resultaat, bijv. boete of stappen.3.omschrijving.")
    opgeslagen: object | None = None
    herberekend: object | None = None


class VergelijkingUit(BaseModel):
    regelversie: str
    identiek: bool
    verschillen: list[VerschilUit]
    fout: str | None = Field(None, description="Als de invoer onder deze regels niet meer te berekenen is.")


class Herberekeningsresultaat(BaseModel):
    herberekeningId: str
    berekeningId: str
    identiek: bool = Field(description="Onder de opgeslagen regelversie precies hetzelfde resultaat.")
    regelversie: str
    beleidsversieId: str | None = Field(
        None,
        description="De beleidsversie van de gemeente waarmee de berekening rekende en waarmee is herberekend; null: "
        "de landelijke standaard.",
    )
    verschillen: list[VerschilUit]
    metHuidigeRegels: VergelijkingUit = Field(
        description="Ter vergelijking: wat de huidige regels en het beleid dat nu op de peildatum geldt zouden geven."
    )
    gewist: dict | None = Field(
        None,
        description="Alleen als tekst van de berekening is gewist (bewaartermijn verstreken): {velden, toelichting}. "
        "Die velden zijn niet te herberekenen en tellen niet mee in identiek.",
    )


async def _zelfde(record: AuditRecord) -> dict:
    return record.resultaat  # het antwoord was precies het vastgelegde resultaat


async def regeldata_van(request: Request, versie: str) -> Regeldata | None:
    """De regeldata van een (oude) versie: de huidige, of terug uit de tabel regelset."""
    huidig: Regeldata = request.app.state.regeldata
    if versie == huidig.versie:
        return huidig
    state = request.app.state
    cache: dict[str, Regeldata] = getattr(state, "regelsets", None) or {}
    state.regelsets = cache
    if versie not in cache:
        inhoud = await run_in_threadpool(request.app.state.store.regelset, versie)
        if inhoud is None:
            return None
        cache[versie] = uit_inhoud(inhoud)
    return cache[versie]


def _standaarddatum(record: AuditRecord) -> date:
    """De "vandaag" van toen: de beschikkingsdatum in het resultaat, anders de datum van vastleggen."""
    datum = record.resultaat.get("beschikkingsdatum")
    if isinstance(datum, str):
        return date.fromisoformat(datum)
    return record.tijdstip.astimezone(AMSTERDAM).date()


def _zonder_beleidslaag(resultaat: dict) -> dict:
    """Een resultaat zonder wat de beleidslaag (issue #10 §1) toevoegde: om een record van daarvóór te vergelijken."""
    uit = {k: v for k, v in resultaat.items() if k not in ("beleid", "vierOgen")}
    if isinstance(uit.get("stappen"), list):
        uit["stappen"] = [
            {k: v for k, v in stap.items() if k != "beleid"} if isinstance(stap, dict) else stap
            for stap in uit["stappen"]
        ]
    return uit


def _vergelijk(record: AuditRecord, data: Regeldata, lijn: Beleidslijn) -> dict:
    """Rekent het record opnieuw onder ``data`` en het beleid van ``lijn`` en vergelijkt met wat is opgeslagen."""
    opgeslagen = {
        k: v for k, v in record.resultaat.items() if k != "berekeningId" and k not in berekeningen.NIET_HERBEREKEND
    }
    gewist = {pad.removeprefix("resultaat.") for pad in record.gewist if pad.startswith("resultaat.")}
    try:
        nieuw = berekeningen.reken_opnieuw(
            record.soort, record.invoer_tekst, record.resultaat, data, _standaarddatum(record), lijn
        )
    except (Probleem, Invoerfout) as fout:
        tekst = fout.detail if isinstance(fout, Probleem) else "; ".join(p.reden for p in fout.problemen)
        return {"regelversie": data.versie, "identiek": False, "verschillen": [], "fout": tekst, "gewist": []}
    if "beleid" not in opgeslagen:  # van vóór de beleidslaag: toen gold de landelijke standaard, zonder vermelding
        nieuw = _zonder_beleidslaag(nieuw)
    # Gewiste tekst is niet te herberekenen: die velden tellen niet mee (zie ``gewist`` in het antwoord). Dat geldt
    # ook voor de tekst van het beleid (titel, artikelen van een beleidsversie uit een jaar dat is gewist): het
    # record citeert haar nog (met zijn eigen sleutel), de herberekening leest de gewist-tekst.
    verschillen, beleid_gewist = [], []
    for v in berekeningen.verschillen(opgeslagen, nieuw):
        if is_gewist(v["herberekend"]) and isinstance(v["opgeslagen"], str):
            beleid_gewist.append(v["pad"])
        elif v["pad"] not in gewist:
            verschillen.append(v)
    return {
        "regelversie": data.versie,
        "identiek": not verschillen,
        "verschillen": verschillen,
        "fout": None,
        "gewist": beleid_gewist,
    }


@router.post(
    "/berekeningen/{berekeningId}/herberekeningen",
    status_code=201,
    summary="Een berekening opnieuw uitvoeren en vergelijken",
    description="Rekent de opgeslagen invoer opnieuw door onder de opgeslagen regelversie (oude versies blijven "
    "bewaard) en met dezelfde beschikkingsdatum. `identiek` zegt of het resultaat precies gelijk is; "
    "`verschillen` noemt elke afwijking. Ter vergelijking ook onder de huidige regels. De herberekening wordt "
    "zelf vastgelegd.",
    tags=["Audit"],
    response_model=None,
    responses={
        201: {"description": "Herberekend en vastgelegd.", "model": Herberekeningsresultaat},
        400: {"description": "berekeningId is geen UUID, of deze soort kan niet worden herberekend."},
        409: {
            "description": "De regelversie van de berekening is niet meer beschikbaar, of een verzoek met dezelfde "
            "Idempotency-Key is nog in behandeling."
        },
        422: idem.ANTWOORDEN[422],
        **FOUTEN,
    },
    openapi_extra=idem.OPENAPI,
)
async def herberekening(
    request: Request,
    berekeningId: str = BEREKENING_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    berekening_id = geldig_id(berekeningId, "berekeningId")
    sleutel = idem.sleutel(request, await request.body())
    if eerder := await eerder_antwoord(request, gebruiker, sleutel, _zelfde):
        return eerder
    record = await record_van(request, berekening_id, gebruiker)
    if record.soort not in berekeningen.SOORTEN:
        raise Probleem(
            400,
            f"Een {record.soort} is geen berekening en kan niet worden herberekend.",
            [Invoerprobleem("berekeningId", "soort", f"Herberekenen kan voor: {', '.join(berekeningen.SOORTEN)}.")],
        )
    toen = await regeldata_van(request, record.regelversie)
    if toen is None:
        raise Probleem(409, f"Regelversie {record.regelversie} is niet bewaard; herberekenen is niet mogelijk.")
    # Het beleid van toen: precies de beleidsversie die de berekening noemt (ook als er intussen een nieuwere is).
    gebruikt = record.resultaat.get("beleid")
    beleidsversie_id = gebruikt.get("beleidsversieId") if isinstance(gebruikt, dict) else None
    lijn_toen = await precies_beleid(request, gebruiker.gemeente, beleidsversie_id)
    if lijn_toen is None:
        raise Probleem(409, f"Beleidsversie {beleidsversie_id} is niet te vinden; herberekenen is niet mogelijk.")
    lijn_nu = await beleidslijn(request, gebruiker.gemeente)
    huidig: Regeldata = request.app.state.regeldata
    onder_toen = await run_in_threadpool(_vergelijk, record, toen, lijn_toen)
    onder_nu = await run_in_threadpool(_vergelijk, record, huidig, lijn_nu)
    herberekening_id = str(uuid.uuid4())
    resultaat = {
        "herberekeningId": herberekening_id,
        "berekeningId": berekening_id,
        "identiek": onder_toen["identiek"],
        "regelversie": record.regelversie,
        "beleidsversieId": beleidsversie_id,
        "verschillen": onder_toen["verschillen"],
        "metHuidigeRegels": onder_nu,
    }
    if onder_toen["fout"]:
        resultaat["fout"] = onder_toen["fout"]
    gewist = [*record.gewist, *(f"resultaat.{pad}" for pad in onder_toen.pop("gewist"))]
    onder_nu.pop("gewist")
    if gewist:
        resultaat["gewist"] = {
            "velden": gewist,
            "toelichting": "Deze tekst is gewist (bewaartermijn verstreken, in het record of in de beleidsversie "
            "die het citeert) en kan niet worden herberekend; identiek en verschillen gaan over de rest van het record.",
        }
    locatie = api_pad(request, f"/berekeningen/{herberekening_id}")
    try:
        await leg_vast(
            request,
            gebruiker,
            herberekening_id,
            HERBEREKENING,
            b"{}",
            resultaat,
            huidig.versie,
            berekening_id,
            idempotentie=sleutel.voor_opslag(gebruiker, locatie) if sleutel else None,
            # de vrije tekst van de berekening en van het beleid (toen en nu) kan in de verschillen staan
            vrije_teksten=vrije_waarden(record.invoer, vrije_paden(berekeningen.SOORTEN[record.soort].model))
            + beleidsteksten(lijn_toen, lijn_nu),
        )
    except SleutelBestaatAl:
        return await idem.na_botsing(request, gebruiker, sleutel, _zelfde)
    return json_antwoord(resultaat, 201, {"Location": locatie})
