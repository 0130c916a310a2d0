"""Inzage in de audittrail (issue #4): de lijst, één auditrecord en de uitleg.

- ``GET /berekeningen``: de records van de eigen gemeente, nieuwste eerst, gepagineerd.
- ``GET /berekeningen/{id}``: het auditrecord met de maatwerkbesluiten die erbij horen.
- ``GET /berekeningen/{id}/uitleg``: een leesbare uitleg voor de burger of de professional.
"""

from __future__ import annotations

import re
from enum import StrEnum

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, Response

from app.api.audit import uitlegcache
from app.api.http.auth import Gebruiker, vereist
from app.api.http.problemen import Probleem
from app.api.http.records import BEREKENING_ID, FOUTEN, MAATWERKBEOORDELING, MAATWERKBESLUIT, geldig_id, record_van
from app.api.http.routering import api_pad, api_router, json_antwoord, q_waarden
from app.api.http.typen import vandaag
from app.api.maatwerk import Maatwerkbesluit, maatwerk_van
from app.uitleg import CSP_HTML, render_uitleg

router = api_router()

#: Een cursor van vóór issue #20: het (over alle gemeenten doorlopende) volgnummer van de database.
_OUDE_CURSOR = re.compile(r"[0-9]{1,30}")


class Auditrecord(BaseModel):
    berekeningId: str
    soort: str = Field(
        description="benadelingsbedrag, verwijtbaarheidsbeoordeling, boeteberekening, kwijtscheldingsbeoordeling, "
        "schuldregelingstoets, herberekening, maatwerkbesluit, maatwerkbeoordeling, wisvoorstel, wisgoedkeuring, "
        "wisafwijzing, beleidsvoorstel, beleidsbeoordeling, vaststelling of impactanalyse."
    )
    tijdstip: str = Field(description="Moment van vastleggen (UTC).", json_schema_extra={"format": "date-time"})
    invoer: dict | list | str | int | float | bool | None = Field(description="Het verzoek zoals ontvangen.")
    resultaat: dict = Field(description="Het antwoord zoals teruggegeven.")
    regelversie: str
    sub: str | None = Field(description="Wie het vroeg (claim sub).")
    gemeente: str | None = Field(description="CBS-gemeentecode (claim gemeente).")
    verwijzing: str | None = Field(description="Het record waar dit record over gaat (herberekening, maatwerk).")
    team: str | None = Field(None, description="Team van wie het vroeg (claim team); alleen als dat er was.")
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
    volgende: str | None = Field(
        description="Link naar de volgende pagina (met `na`: het berekeningId van het laatste record op deze pagina); "
        "null op de laatste."
    )


@router.get(
    "/berekeningen",
    summary="De vastgelegde berekeningen van de eigen gemeente",
    description="Nieuwste eerst, ten hoogste `aantal` per pagina; `volgende` wijst naar de volgende pagina. "
    "Alleen records van de gemeente uit het token. De cursor `na` is het berekeningId van het laatste record van de "
    "vorige pagina: hij zegt niets over andere gemeenten (geen volgnummer van de database).",
    tags=["Audit"],
    response_model=None,
    responses={
        200: {"description": "Een pagina berekeningen.", "model": Berekeningenlijst},
        400: {"description": "Ongeldige parameter, of een cursor `na` die geen berekening van de eigen gemeente is."},
        **FOUTEN,
    },
)
async def lijst(
    request: Request,
    soort: str | None = Query(
        None, description="Alleen deze soort, bijv. boeteberekening.", max_length=64, pattern="^[a-z]+$"
    ),
    aantal: int = Query(20, ge=1, le=100, description="Aantal per pagina (1-100)."),
    na: str | None = Query(
        None,
        description="Cursor uit `volgende`: het berekeningId (UUID) van het laatste record van de vorige pagina; de "
        "pagina begint met het record dat daarvóór is vastgelegd.",
        max_length=36,
        json_schema_extra={"format": "uuid"},
        examples=["9b2f0c4e-3c1d-4d0e-8a7e-2f1b6a1c9d00"],
    ),
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    store = request.app.state.store
    voor = None
    if na is not None:
        voor = await run_in_threadpool(store.volgnummer_van, _cursor(na), gebruiker.gemeente)
        if voor is None:  # onbekend, of van een andere gemeente: hetzelfde antwoord
            raise Probleem.veld(
                "na", "onbekend", "Deze cursor is geen berekening van uw gemeente; gebruik de link uit `volgende`."
            )
    records = await run_in_threadpool(store.lijst, gebruiker.gemeente, soort=soort, na=voor, aantal=aantal + 1)
    volgende = None
    if len(records) > aantal:
        records = records[:aantal]
        parameters = f"aantal={aantal}&na={records[-1].berekening_id}" + (f"&soort={soort}" if soort else "")
        volgende = api_pad(request, f"/berekeningen?{parameters}")
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


def _cursor(na: str) -> str:
    """``na`` als berekeningId; een cursor van vóór issue #20 (een volgnummer) krijgt een eigen, duidelijke 400."""
    if _OUDE_CURSOR.fullmatch(na):
        raise Probleem.veld(
            "na",
            "cursor_verouderd",
            "Deze cursor (een volgnummer) wordt niet meer gebruikt: vraag de eerste pagina opnieuw op, zonder `na`, "
            "en volg daarna de link in `volgende`.",
        )
    return geldig_id(na, "na")


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
        **FOUTEN,
    },
)
async def berekening(
    request: Request,
    berekeningId: str = BEREKENING_ID,  # noqa: N803 - padnaam is contract
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    record = await record_van(request, geldig_id(berekeningId, "berekeningId"), gebruiker)
    body = record.als_dict()
    body["maatwerkbesluiten"] = await maatwerk_van(request, record.berekening_id, gebruiker.gemeente)
    return json_antwoord(body)


class Doelgroep(StrEnum):
    burger = "burger"
    professional = "professional"


_UITLEG_HEADERS = {
    "ETag": {
        "description": "Verandert als maatwerk of wissen verandert wat de uitleg toont; voor If-None-Match.",
        "schema": {"type": "string", "example": '"3f2a9c0b7d1e4f5a8b6c2d0e9f1a3b4c"'},
    },
    "Cache-Control": {"description": "`private, immutable`.", "schema": {"type": "string"}},
}


@router.get(
    "/berekeningen/{berekeningId}/uitleg",
    summary="Uitleg bij een berekening: voor de burger of de professional",
    description="Een leesbare pagina (HTML), of platte tekst met `Accept: text/plain`. `burger`: gewone taal, wat "
    "er is gebeurd, het bedrag, hoe het is berekend en wat u kunt doen (bezwaar binnen zes weken, "
    "betalingsregeling, kwijtschelding). `professional`: elke stap met artikel, de bepalende begrenzing, signalen, "
    "alternatieven en maatwerk. Vastgesteld maatwerk verandert de uitkomst voor de burger. Met `ETag`: een "
    "verzoek met `If-None-Match` krijgt 304 zolang maatwerk en wissen de uitleg niet hebben veranderd.",
    tags=["Audit"],
    response_model=None,
    response_class=HTMLResponse,
    responses={
        200: {
            "description": "De uitleg.",
            "content": {"text/html": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}}},
            "headers": dict(_UITLEG_HEADERS),
        },
        304: {"description": "Niet gewijzigd sinds de ETag uit If-None-Match.", "headers": dict(_UITLEG_HEADERS)},
        400: {"description": "berekeningId is geen UUID of doelgroep is onbekend."},
        **FOUTEN,
    },
    openapi_extra={
        "parameters": [
            {
                "name": "If-None-Match",
                "in": "header",
                "required": False,
                "description": "De ETag van een eerder antwoord: 304 zonder body als de uitleg niet is veranderd.",
                "schema": {"type": "string"},
            }
        ]
    },
)
async def uitleg(
    request: Request,
    berekeningId: str = BEREKENING_ID,  # noqa: N803 - padnaam is contract
    doelgroep: Doelgroep = Query(Doelgroep.burger, description="burger (standaard) of professional."),
    gebruiker: Gebruiker = Depends(vereist()),
) -> Response:
    berekening_id = geldig_id(berekeningId, "berekeningId")
    formaat = "text" if _wil_tekst(request.headers.get("accept", "")) else "html"
    state = request.app.state
    weken = state.regeldata.op(vandaag()).geheel("bezwaar.termijnWeken")
    # Eerst de stand, dan pas (bij een nieuwe stand) het record en het maatwerk lezen: een pagina is nooit ouder
    # dan de ETag waaronder hij wordt onthouden.
    stand = await state.standlezer.stand(berekening_id, gebruiker.gemeente, MAATWERKBESLUIT, MAATWERKBEOORDELING)
    huidige = uitlegcache.etag(berekening_id, doelgroep.value, formaat, weken, stand)
    cache: uitlegcache.Uitlegcache = state.uitlegcache
    sleutel = (gebruiker.gemeente, berekening_id, doelgroep.value, formaat)
    pagina = cache.get(sleutel, huidige)
    if pagina is None:
        record = await record_van(request, berekening_id, gebruiker)
        maatwerk = await maatwerk_van(request, record.berekening_id, gebruiker.gemeente)
        pagina = render_uitleg(record.als_dict(), doelgroep.value, formaat, maatwerk, bezwaartermijn_weken=weken)
        pagina = pagina.encode("utf-8")
        cache.zet(sleutel, huidige, pagina)
    headers = {"ETag": huidige, "Cache-Control": uitlegcache.CACHE_CONTROL, "Vary": "Accept"}
    if uitlegcache.past(request.headers.get("if-none-match"), huidige):
        return Response(status_code=304, headers=headers)
    if formaat == "text":
        return Response(pagina, media_type="text/plain", headers=headers)
    return Response(pagina, media_type="text/html", headers={**headers, "Content-Security-Policy": CSP_HTML})


def _wil_tekst(accept: str) -> bool:
    """text/plain alleen als de client die verkiest boven HTML (q-waarden meegewogen)."""
    voorkeur = q_waarden(accept)
    html = max(voorkeur.get("text/html", 0.0), voorkeur.get("*/*", 0.0) * 0.99, voorkeur.get("text/*", 0.0) * 0.99)
    return voorkeur.get("text/plain", 0.0) > html
