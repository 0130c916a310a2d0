"""Vertrouwen in de audittrail (issue #4): lijst, herberekening, integriteit en maatwerk met vier ogen.

- ``GET /berekeningen``: de records van de eigen gemeente, nieuwste eerst, gepagineerd.
- ``POST /berekeningen/{id}/herberekeningen``: rekent de opgeslagen invoer opnieuw door onder de opgeslagen
  regelversie (en ter vergelijking onder de huidige) en zegt of de uitkomst identiek is.
- ``GET /audit/integriteit`` (auditor): loopt de hashketen van de eigen gemeente af.
- ``POST /berekeningen/{id}/maatwerkbesluiten`` (medewerker), ``GET /maatwerkbesluiten/{id}`` en
  ``POST /maatwerkbesluiten/{id}/beoordelingen`` (beoordelaar, een ander dan de aanvrager).

Een gemeente ziet alleen haar eigen records: van een andere gemeente is het antwoord 404, alsof het niet bestaat.
Maatwerk en beoordelingen zijn zelf auditrecords (met ``verwijzing`` naar waar ze over gaan); de status van een
maatwerkbesluit volgt uit de records, er wordt niets gewijzigd.
"""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from app.api import berekeningen, vertaling
from app.api import idempotentie as idem
from app.api.auth import Gebruiker, vereist
from app.api.problemen import Probleem
from app.api.routes import body_met_voorbeeld, json_antwoord, json_body, wacht_op_vastleggen
from app.api.schemas import BronUit, Invoer
from app.api.typen import Bedrag
from app.api.vrije_tekst import Motivering, Tekst, vrije_paden  # vrije tekst: geen BSN (AVG)
from app.db import AuditRecord, BerekeningBestaatAl, Idempotentie, SleutelBestaatAl
from app.db.versleuteling import vrije_waarden
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.maatwerk import (
    AFGEWEZEN,
    TER_BEOORDELING,
    VASTGESTELD,
    toets_afwijking,
)
from app.domain.regels import Regeldata
from app.regels import uit_inhoud
from app.uitleg import render_uitleg

router = APIRouter()

MAATWERKBESLUIT = "maatwerkbesluit"
MAATWERKBEOORDELING = "maatwerkbeoordeling"
HERBEREKENING = "herberekening"

# Een id in het pad is een UUID; een andere waarde geeft 400 (zie _id), niet 422 of 404.
BEREKENING_ID = Path(
    description="Het id van de berekening (UUID), uit `berekeningId` of de Location-header.",
    json_schema_extra={"format": "uuid"},
    examples=["9b2f0c4e-3c1d-4d0e-8a7e-2f1b6a1c9d00"],
)
MAATWERKBESLUIT_ID = Path(
    description="Het id van het maatwerkbesluit (UUID), uit `maatwerkbesluitId`.",
    json_schema_extra={"format": "uuid"},
    examples=["2d0c1e9a-0a1f-4b33-9f8e-061a08292950"],
)

#: Het grootste volgnummer dat de database kan bewaren (BIGINT); een groter `na` is een ongeldige parameter.
MAX_VOLGNUMMER = 2**63 - 1

_FOUTEN = {
    401: {"description": "Geen of een ongeldig token."},
    403: {"description": "Deze rol mag dit niet."},
    404: {"description": "Onbekend id (of van een andere gemeente)."},
    500: {"description": "Interne fout."},
    503: {"description": "De auditopslag is niet bereikbaar."},
}


# ---------------------------------------------------------------- modellen


class Grondcode(StrEnum):
    PW_18A_LID_7 = "PW_18A_LID_7"
    BOETEBESLUIT_2_LID_8 = "BOETEBESLUIT_2_LID_8"
    AWB_5_46 = "AWB_5_46"
    PW_58_LID_8 = "PW_58_LID_8"
    AWB_4_94A = "AWB_4_94A"


class MaatwerkUitkomst(StrEnum):
    BOETE = "BOETE"
    WAARSCHUWING = "WAARSCHUWING"
    AFGEZIEN = "AFGEZIEN"


VOORBEELD_MAATWERK = {
    "grond": "AWB_5_46",
    "boete": "420.00",
    "motivering": "Betrokkene verzorgde in de hele periode haar ernstig zieke moeder en meldde de inkomsten te laat "
    "door die zorg; een boete van de helft is evenredig.",
}


class Maatwerkverzoek(Invoer):
    model_config = {"json_schema_extra": {"examples": [VOORBEELD_MAATWERK]}}
    grond: Grondcode = Field(description="De wettelijke grond van de afwijking.")
    uitkomst: MaatwerkUitkomst | None = Field(None, description="Bij een boete: de nieuwe uitkomst.")
    boete: Bedrag | None = Field(None, description="Bij een boete: de nieuwe, lagere boete.")
    terugvordering: Bedrag | None = Field(
        None, description="Bij een benadelingsbedrag: het lagere terug te vorderen bedrag."
    )
    motivering: Tekst = Field(description="De feiten en de afweging (ten minste 40 tekens en 6 woorden).")


class Beoordelingsbesluit(StrEnum):
    GOEDGEKEURD = "GOEDGEKEURD"
    AFGEWEZEN = "AFGEWEZEN"


VOORBEELD_BEOORDELING = {
    "besluit": "GOEDGEKEURD",
    "reden": "Zorgtaak blijkt uit de verklaring van de huisarts; de verlaging is evenredig.",
}


class Beoordelingsverzoek(Invoer):
    model_config = {
        "json_schema_extra": {
            "examples": [VOORBEELD_BEOORDELING],
            # bij AFGEWEZEN is een reden verplicht (zoals de validatie)
            "if": {"properties": {"besluit": {"const": "AFGEWEZEN"}}, "required": ["besluit"]},
            "then": {"required": ["reden"], "properties": {"reden": {"type": "string"}}},
        }
    }
    besluit: Beoordelingsbesluit
    reden: Motivering | None = Field(None, description="Verplicht bij AFGEWEZEN.")


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
    verschillen: list[VerschilUit]
    metHuidigeRegels: VergelijkingUit = Field(description="Ter vergelijking: wat de huidige regels zouden geven.")
    gewist: dict | None = Field(
        None,
        description="Alleen als tekst van de berekening is gewist (bewaartermijn verstreken): {velden, toelichting}. "
        "Die velden zijn niet te herberekenen en tellen niet mee in identiek.",
    )


class Integriteitsresultaat(BaseModel):
    gemeente: str
    intact: bool
    aantal: int = Field(description="Aantal nagelopen records (tot en met het eerste dat niet klopt).")
    eersteAfwijking: dict | None = Field(
        description="{berekeningId, volgnummer, reden} van het eerste record dat niet klopt; null als alles klopt."
    )


class BeoordelingUit(BaseModel):
    besluit: Beoordelingsbesluit
    reden: str | None
    beoordeeldDoor: str
    tijdstip: str


class Maatwerkbesluit(BaseModel):
    maatwerkbesluitId: str
    berekeningId: str = Field(description="De berekening waarvan wordt afgeweken; die blijft ongewijzigd.")
    grond: Grondcode
    bron: list[BronUit]
    uitkomst: str | None
    boete: str | None
    terugvordering: str | None
    oorspronkelijk: dict
    motivering: str
    omschrijving: str
    aangevraagdDoor: str
    status: str = Field(description="TER_BEOORDELING, VASTGESTELD of AFGEWEZEN.")
    beoordeling: BeoordelingUit | None = None


class Auditrecord(BaseModel):
    berekeningId: str
    soort: str = Field(
        description="benadelingsbedrag, verwijtbaarheidsbeoordeling, boeteberekening, kwijtscheldingsbeoordeling, "
        "schuldregelingstoets, herberekening, maatwerkbesluit, maatwerkbeoordeling, wisvoorstel, wisgoedkeuring of "
        "wisafwijzing."
    )
    tijdstip: str = Field(description="Moment van vastleggen (UTC).", json_schema_extra={"format": "date-time"})
    invoer: dict | list | str | int | float | bool | None = Field(description="Het verzoek zoals ontvangen.")
    resultaat: dict = Field(description="Het antwoord zoals teruggegeven.")
    regelversie: str
    sub: str | None = Field(description="Wie het vroeg (claim sub).")
    gemeente: str | None = Field(description="CBS-gemeentecode (claim gemeente).")
    verwijzing: str | None = Field(description="Het record waar dit record over gaat (herberekening, maatwerk).")
    vorigeHash: str
    hash: str = Field(description="sha256 over de canonieke JSON van dit record en de hash van het vorige.")
    maatwerkbesluiten: list[Maatwerkbesluit] = Field(description="Maatwerk bij deze berekening, met status.")
    gewist: dict | None = Field(
        None,
        description="Alleen als vrije tekst na de bewaartermijn is gewist: {op (datum), velden (paden als "
        "invoer.verwijtbaarheid.bewijs.0), reden}. De hash blijft kloppen: die gaat over de versleutelde tekst.",
    )


class BerekeningKort(BaseModel):
    berekeningId: str
    soort: str
    tijdstip: str
    sub: str | None
    regelversie: str
    hash: str


class Berekeningenlijst(BaseModel):
    berekeningen: list[BerekeningKort]
    volgende: str | None = Field(description="Link naar de volgende pagina; null op de laatste.")


# ---------------------------------------------------------------- hulpfuncties


def _id(waarde: str, naam: str) -> str:
    try:
        return str(uuid.UUID(waarde))
    except ValueError:
        raise Probleem(
            400, "De invoer is ongeldig; zie invalidParams.", [Invoerprobleem(naam, "uuid", "Geen geldig id (UUID).")]
        ) from None


async def _record(request: Request, berekening_id: str, gebruiker: Gebruiker, soort: str | None = None) -> AuditRecord:
    record = await run_in_threadpool(request.app.state.store.get, berekening_id, gebruiker.gemeente)
    if record is None or (soort is not None and record.soort != soort):
        raise Probleem(404, f"Er is geen {soort or 'berekening'} met id {berekening_id}.")
    return record


async def _leg_vast(
    request: Request,
    gebruiker: Gebruiker,
    record_id: str,
    soort: str,
    ruw: bytes,
    resultaat: dict,
    regelversie: str,
    verwijzing: str,
    uniek: str | None = None,
    idempotentie: Idempotentie | None = None,
    vrij: type[BaseModel] | None = None,
    vrije_teksten: tuple[str, ...] = (),
) -> AuditRecord:
    """Legt een herberekening, maatwerkbesluit of beoordeling vast als eigen record (id ``record_id``). De vrije
    tekst van het verzoek (model ``vrij``) en ``vrije_teksten`` worden versleuteld opgeslagen.

    Raises:
        SleutelBestaatAl: een gelijktijdig verzoek met dezelfde Idempotency-Key legde eerst vast.
    """
    try:
        return await wacht_op_vastleggen(
            request,
            request.app.state.store.vastleggen(
                berekening_id=record_id,
                soort=soort,
                invoer=ruw.decode("utf-8"),
                resultaat=resultaat,
                regelversie=regelversie,
                sub=gebruiker.sub,
                gemeente=gebruiker.gemeente,
                verwijzing=verwijzing,
                uniek=uniek,
                idempotentie=idempotentie,
                vrije_paden=vrije_paden(vrij) if vrij is not None else frozenset(),
                vrije_teksten=vrije_teksten,
            ),
        )
    except BerekeningBestaatAl:
        raise Probleem(409, "Dit is intussen al vastgelegd (gelijktijdig verzoek); haal de actuele stand op.") from None


async def _zelfde(record: AuditRecord) -> dict:
    return record.resultaat  # het antwoord was precies het vastgelegde resultaat


async def _aangevraagd(record: AuditRecord) -> dict:
    """Het antwoord op een maatwerkaanvraag: het besluit zoals het op dat moment was, ter beoordeling."""
    return {**record.resultaat, "status": TER_BEOORDELING, "beoordeling": None}


def _locatie(request: Request, pad: str) -> str:
    return f"{request.scope.get('root_path', '')}{pad}"


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
    return record.tijdstip.astimezone(vertaling.AMSTERDAM).date()


def _vergelijk(record: AuditRecord, data: Regeldata) -> dict:
    opgeslagen = {k: v for k, v in record.resultaat.items() if k != "berekeningId"}
    gewist = {pad.removeprefix("resultaat.") for pad in record.gewist if pad.startswith("resultaat.")}
    try:
        nieuw = berekeningen.reken(record.soort, record.invoer_tekst, data, _standaarddatum(record))
    except (Probleem, Invoerfout) as fout:
        tekst = fout.detail if isinstance(fout, Probleem) else "; ".join(p.reden for p in fout.problemen)
        return {"regelversie": data.versie, "identiek": False, "verschillen": [], "fout": tekst}
    # Gewiste tekst is niet te herberekenen: die velden tellen niet mee (zie ``gewist`` in het antwoord).
    verschillen = [v for v in berekeningen.verschillen(opgeslagen, nieuw) if v["pad"] not in gewist]
    return {"regelversie": data.versie, "identiek": not verschillen, "verschillen": verschillen, "fout": None}


async def maatwerk_van(request: Request, berekening_id: str, gemeente: str) -> list[dict]:
    """Alle maatwerkbesluiten bij een berekening, met hun actuele status (voor de uitleg en het auditrecord)."""
    store = request.app.state.store
    records = await run_in_threadpool(store.verwijzend, berekening_id, gemeente, MAATWERKBESLUIT)
    return [await _maatwerk(request, r, gemeente) for r in records]


async def _maatwerk(request: Request, record: AuditRecord, gemeente: str) -> dict:
    beoordelingen = await run_in_threadpool(
        request.app.state.store.verwijzend, record.berekening_id, gemeente, MAATWERKBEOORDELING
    )
    besluit = {**record.resultaat, "status": TER_BEOORDELING, "beoordeling": None}
    if beoordelingen:
        b = beoordelingen[0]  # uniek per maatwerkbesluit (kolom uniek)
        besluit["status"] = b.resultaat["status"]
        besluit["beoordeling"] = {
            "besluit": b.resultaat["besluit"],
            "reden": b.resultaat.get("reden"),
            "beoordeeldDoor": b.sub,
            "tijdstip": b.tijdstip.isoformat(),
        }
    return besluit


# ---------------------------------------------------------------- endpoints


@router.get(
    "/berekeningen",
    summary="De vastgelegde berekeningen van de eigen gemeente",
    description="Nieuwste eerst, ten hoogste `aantal` per pagina; `volgende` wijst naar de volgende pagina. "
    "Alleen records van de gemeente uit het token.",
    tags=["Audit"],
    response_model=None,
    responses={
        200: {"description": "Een pagina berekeningen.", "model": Berekeningenlijst},
        400: {"description": "Ongeldige parameter."},
        **_FOUTEN,
    },
)
async def lijst(
    request: Request,
    soort: str | None = Query(
        None, description="Alleen deze soort, bijv. boeteberekening.", max_length=64, pattern="^[a-z]+$"
    ),
    aantal: int = Query(20, ge=1, le=100, description="Aantal per pagina (1-100)."),
    na: int | None = Query(
        None, ge=1, le=MAX_VOLGNUMMER, description="Volgnummer waarna de pagina begint (uit `volgende`)."
    ),
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    records = await run_in_threadpool(
        request.app.state.store.lijst, gebruiker.gemeente, soort=soort, na=na, aantal=aantal + 1
    )
    volgende = None
    if len(records) > aantal:
        records = records[:aantal]
        parameters = f"aantal={aantal}&na={records[-1].volgnummer}" + (f"&soort={soort}" if soort else "")
        volgende = _locatie(request, f"/berekeningen?{parameters}")
    return json_antwoord(
        {
            "berekeningen": [
                {
                    "berekeningId": r.berekening_id,
                    "soort": r.soort,
                    "tijdstip": r.tijdstip.isoformat(),
                    "sub": r.sub,
                    "regelversie": r.regelversie,
                    "hash": r.hash,
                }
                for r in records
            ],
            "volgende": volgende,
        }
    )


@router.get(
    "/berekeningen/{berekeningId}",
    summary="Auditrecord van een berekening",
    description="Het verzoek zoals ontvangen, het antwoord zoals teruggegeven, de regelversie, wie het vroeg, de "
    "hashketen, en de maatwerkbesluiten die erbij horen. Een auditrecord kan niet worden gewijzigd of verwijderd. "
    "Alleen records van de eigen gemeente.",
    tags=["Audit"],
    response_model=None,
    responses={
        200: {"description": "Het auditrecord.", "model": Auditrecord},
        400: {"description": "berekeningId is geen UUID."},
        **_FOUTEN,
    },
)
async def berekening(
    request: Request,
    berekeningId: str = BEREKENING_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    record = await _record(request, _id(berekeningId, "berekeningId"), gebruiker)
    body = record.als_dict()
    body["maatwerkbesluiten"] = await maatwerk_van(request, record.berekening_id, gebruiker.gemeente)
    return json_antwoord(body)


class Doelgroep(StrEnum):
    burger = "burger"
    professional = "professional"


@router.get(
    "/berekeningen/{berekeningId}/uitleg",
    summary="Uitleg bij een berekening: voor de burger of de professional",
    description="Een leesbare pagina (HTML), of platte tekst met `Accept: text/plain`. `burger`: gewone taal, wat "
    "er is gebeurd, het bedrag, hoe het is berekend en wat u kunt doen (bezwaar binnen zes weken, "
    "betalingsregeling, kwijtschelding). `professional`: elke stap met artikel, de bepalende begrenzing, signalen, "
    "alternatieven en maatwerk. Vastgesteld maatwerk verandert de uitkomst voor de burger.",
    tags=["Audit"],
    response_model=None,
    response_class=HTMLResponse,
    responses={
        200: {
            "description": "De uitleg.",
            "content": {"text/html": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}}},
        },
        400: {"description": "berekeningId is geen UUID of doelgroep is onbekend."},
        **_FOUTEN,
    },
)
async def uitleg(
    request: Request,
    berekeningId: str = BEREKENING_ID,  # noqa: N803 - padnaam is contract
    doelgroep: Doelgroep = Query(Doelgroep.burger, description="burger (standaard) of professional."),
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    record = await _record(request, _id(berekeningId, "berekeningId"), gebruiker)
    maatwerk = await maatwerk_van(request, record.berekening_id, gebruiker.gemeente)
    tekst = _wil_tekst(request.headers.get("accept", ""))
    weken = request.app.state.regeldata.op(vertaling.vandaag()).geheel("bezwaar.termijnWeken")
    inhoud = render_uitleg(
        record.als_dict(), doelgroep.value, "text" if tekst else "html", maatwerk, bezwaartermijn_weken=weken
    )
    if tekst:
        return PlainTextResponse(inhoud)
    return HTMLResponse(inhoud)


def _wil_tekst(accept: str) -> bool:
    """text/plain alleen als de client die verkiest boven HTML (q-waarden meegewogen)."""
    voorkeur: dict[str, float] = {}
    for deel in accept.split(","):
        stukken = [s.strip() for s in deel.split(";")]
        q = 1.0
        for param in stukken[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        voorkeur[stukken[0].lower()] = q
    html = max(voorkeur.get("text/html", 0.0), voorkeur.get("*/*", 0.0) * 0.99, voorkeur.get("text/*", 0.0) * 0.99)
    return voorkeur.get("text/plain", 0.0) > html


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
        **_FOUTEN,
    },
    openapi_extra=idem.OPENAPI,
)
async def herberekening(
    request: Request,
    berekeningId: str = BEREKENING_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    berekening_id = _id(berekeningId, "berekeningId")
    sleutel = idem.sleutel(request, await request.body())
    if sleutel is not None and (eerder := await idem.eerder_antwoord(request, gebruiker, sleutel, _zelfde)):
        return eerder
    record = await _record(request, berekening_id, gebruiker)
    if record.soort not in berekeningen.SOORTEN:
        raise Probleem(
            400,
            f"Een {record.soort} is geen berekening en kan niet worden herberekend.",
            [Invoerprobleem("berekeningId", "soort", f"Herberekenen kan voor: {', '.join(berekeningen.SOORTEN)}.")],
        )
    toen = await regeldata_van(request, record.regelversie)
    if toen is None:
        raise Probleem(409, f"Regelversie {record.regelversie} is niet bewaard; herberekenen is niet mogelijk.")
    huidig: Regeldata = request.app.state.regeldata
    onder_toen = await run_in_threadpool(_vergelijk, record, toen)
    onder_nu = onder_toen if huidig.versie == toen.versie else await run_in_threadpool(_vergelijk, record, huidig)
    herberekening_id = str(uuid.uuid4())
    resultaat = {
        "herberekeningId": herberekening_id,
        "berekeningId": berekening_id,
        "identiek": onder_toen["identiek"],
        "regelversie": record.regelversie,
        "verschillen": onder_toen["verschillen"],
        "metHuidigeRegels": onder_nu,
    }
    if onder_toen["fout"]:
        resultaat["fout"] = onder_toen["fout"]
    if record.gewist:
        resultaat["gewist"] = {
            "velden": list(record.gewist),
            "toelichting": "Deze tekst is gewist (bewaartermijn verstreken) en kan niet worden herberekend; "
            "identiek en verschillen gaan over de rest van het record.",
        }
    locatie = _locatie(request, f"/berekeningen/{herberekening_id}")
    try:
        await _leg_vast(
            request,
            gebruiker,
            herberekening_id,
            HERBEREKENING,
            b"{}",
            resultaat,
            huidig.versie,
            berekening_id,
            idempotentie=sleutel.voor_opslag(gebruiker, locatie) if sleutel else None,
            # de vrije tekst van de berekening kan in de verschillen staan
            vrije_teksten=vrije_waarden(record.invoer, vrije_paden(berekeningen.SOORTEN[record.soort].model)),
        )
    except SleutelBestaatAl:
        return await idem.na_botsing(request, gebruiker, sleutel, _zelfde)
    return json_antwoord(resultaat, 201, {"Location": locatie})


@router.get(
    "/audit/integriteit",
    summary="De hashketen van de eigen gemeente controleren (rol auditor)",
    description="Rekent de hash van elk record opnieuw uit de opgeslagen kolommen, controleert elke schakel naar "
    "de vorige en de kop van de keten. Noemt het eerste record dat niet klopt.",
    tags=["Audit"],
    response_model=None,
    responses={200: {"description": "De uitkomst van de controle.", "model": Integriteitsresultaat}, **_FOUTEN},
)
async def integriteit(request: Request, gebruiker: Gebruiker = Depends(vereist("auditor"))) -> Response:
    uitkomst = await run_in_threadpool(request.app.state.store.controleer_keten, gebruiker.gemeente)
    afwijking = None
    if not uitkomst.intact:
        afwijking = {
            "berekeningId": uitkomst.eerste_afwijking,
            "volgnummer": uitkomst.volgnummer,
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
        **_FOUTEN,
    },
    openapi_extra={**body_met_voorbeeld(Maatwerkverzoek, VOORBEELD_MAATWERK), **idem.OPENAPI},
)
async def maatwerk_aanvragen(
    request: Request,
    berekeningId: str = BEREKENING_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist("medewerker")),
) -> Response:
    berekening_id = _id(berekeningId, "berekeningId")
    ruw = await json_body(request)
    sleutel = idem.sleutel(request, ruw)
    if sleutel is not None and (eerder := await idem.eerder_antwoord(request, gebruiker, sleutel, _aangevraagd)):
        return eerder
    verzoek: Maatwerkverzoek = berekeningen.lees(ruw, Maatwerkverzoek)
    record = await _record(request, berekening_id, gebruiker)
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
    locatie = _locatie(request, f"/maatwerkbesluiten/{maatwerk_id}")
    try:
        await _leg_vast(
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
        **_FOUTEN,
    },
)
async def maatwerkbesluit(
    request: Request,
    maatwerkbesluitId: str = MAATWERKBESLUIT_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    record = await _record(request, _id(maatwerkbesluitId, "maatwerkbesluitId"), gebruiker, MAATWERKBESLUIT)
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
        **_FOUTEN,
    },
    openapi_extra={**body_met_voorbeeld(Beoordelingsverzoek, VOORBEELD_BEOORDELING), **idem.OPENAPI},
)
async def beoordelen(
    request: Request,
    maatwerkbesluitId: str = MAATWERKBESLUIT_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist("beoordelaar")),
) -> Response:
    maatwerk_id = _id(maatwerkbesluitId, "maatwerkbesluitId")
    ruw = await json_body(request)

    async def beoordeeld(beoordeling: AuditRecord) -> dict:
        """Het maatwerkbesluit na deze beoordeling (er is er maar één per besluit: kolom uniek)."""
        besluit = await _record(request, beoordeling.verwijzing, gebruiker, MAATWERKBESLUIT)
        return await _maatwerk(request, besluit, gebruiker.gemeente)

    sleutel = idem.sleutel(request, ruw)
    if sleutel is not None and (eerder := await idem.eerder_antwoord(request, gebruiker, sleutel, beoordeeld)):
        return eerder
    verzoek: Beoordelingsverzoek = berekeningen.lees(ruw, Beoordelingsverzoek)
    if verzoek.besluit == Beoordelingsbesluit.AFGEWEZEN and not verzoek.reden:
        raise Invoerfout.veld("reden", "verplicht", "Geef de reden van de afwijzing; die blijft bij het besluit.")
    record = await _record(request, maatwerk_id, gebruiker, MAATWERKBESLUIT)
    if record.sub == gebruiker.sub:
        raise Probleem(403, "Vier ogen: wie het maatwerk aanvroeg, kan het niet zelf beoordelen.")
    huidig = await _maatwerk(request, record, gebruiker.gemeente)
    if huidig["status"] != TER_BEOORDELING:
        # een gelijktijdig verzoek met dezelfde sleutel kan deze beoordeling net hebben vastgelegd
        if sleutel is not None and (eerder := await idem.eerder_antwoord(request, gebruiker, sleutel, beoordeeld)):
            return eerder
        raise Probleem(409, f"Dit maatwerkbesluit is al beoordeeld: {huidig['status']}.")
    status = VASTGESTELD if verzoek.besluit == Beoordelingsbesluit.GOEDGEKEURD else AFGEWEZEN
    beoordeling_id = str(uuid.uuid4())
    resultaat = {
        "beoordelingId": beoordeling_id,
        "maatwerkbesluitId": maatwerk_id,
        "besluit": verzoek.besluit.value,
        "status": status,
        "reden": verzoek.reden,
    }
    locatie = _locatie(request, f"/maatwerkbesluiten/{maatwerk_id}")
    try:
        await _leg_vast(
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
        )
    except SleutelBestaatAl:
        return await idem.na_botsing(request, gebruiker, sleutel, beoordeeld)
    besluit = await _maatwerk(request, record, gebruiker.gemeente)
    return json_antwoord(besluit, 201, {"Location": locatie})
