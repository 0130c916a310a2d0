"""Het teamoverzicht (issue #10 §3): een spiegel voor het team, geen scorekaart.

``GET /teamoverzichten?van=JJJJ-MM&tot=JJJJ-MM&team=`` (rol beleidsmedewerker, alleen de eigen gemeente): per team
en per medewerker (pseudoniem) de beslissingen naar uitkomst, de verdeling van de graden, waarschuwingen tegenover
boeten, maatwerk (aangevraagd, goedgekeurd, afgewezen), het aandeel dat door de draagkracht is begrensd, verrekening
die langer duurt dan de looptijd van de schuldregeling of dan drie jaar, en de kwijtscheldingsroutes die open waren.
Alleen groepen van ten minste tien zaken; geen rangorde en geen geïnde bedragen.

Als JSON (standaard), als CSV (``Accept: text/csv``) of als HTML-pagina met grafieken in SVG die de server tekent
(``Accept: text/html``): geen JavaScript, geen externe bronnen.

De cijfers komen uit de lopende tellingen (tabel spiegeltelling), die in dezelfde transactie als elk auditrecord
worden bijgewerkt: het overzicht leest nooit de audittrail zelf, en blijft zo snel als die groeit.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from app.api.http.auth import BELEIDSMEDEWERKER, Gebruiker, vereist
from app.api.http.problemen import Probleem
from app.api.http.routering import api_router, json_antwoord, q_waarden, zorg_dat_klaar
from app.api.http.typen import vandaag
from app.api.spiegel.modellen import Teamoverzicht
from app.domain import spiegel
from app.uitleg import CSP_HTML
from app.uitleg.spiegel import render_teamoverzicht

router = api_router()

#: Zo veel maanden mag een overzicht ten hoogste beslaan.
MAX_MAANDEN = 120
#: Het antwoord hangt af van Accept (JSON, CSV of HTML): caches moeten dat weten.
VARY = {"Vary": "Accept"}
#: Een maand JJJJ-MM in het bereik van een datum (app/api/http/typen.py, EERSTE_DATUM en LAATSTE_DATUM): 1900-01 tot
#: en met 2199-12.
_MAAND_PATROON = r"^(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])$"
_MAAND = re.compile(_MAAND_PATROON.removeprefix("^").removesuffix("$"))


def _maand(waarde: str | None, naam: str, standaard: int) -> int:
    if waarde is None:
        return standaard
    gevonden = _MAAND.fullmatch(waarde)
    if not gevonden:
        raise Probleem.veld(
            naam, "maand", "Verwacht een maand in de vorm JJJJ-MM, bijv. 2026-01, van 1900-01 tot en met 2199-12."
        )
    return int(gevonden.group(1)) * 100 + int(gevonden.group(2))


def periode(van: str | None, tot: str | None, vandaag: date) -> tuple[int, int]:
    """(van, tot) als JJJJMM; standaard de laatste twaalf maanden tot en met deze maand."""
    eind = _maand(tot, "tot", spiegel.maand_van(vandaag))
    begin = _maand(van, "van", spiegel.maand_plus(eind, -11))
    if begin > eind:
        raise Probleem.veld("van", "maandvolgorde", "De maand van ligt na de maand tot.")
    if spiegel.aantal_maanden(begin, eind) > MAX_MAANDEN:
        raise Probleem.veld("van", "te_lang", f"Een overzicht beslaat ten hoogste {MAX_MAANDEN} maanden.")
    return begin, eind


def _voorkeur(accept: str) -> str:
    """json, csv of html: wat de client het liefst heeft (q-waarden meegewogen; standaard JSON)."""
    q = q_waarden(accept)
    gewichten = {"json": q.get("application/json", 0.0), "csv": q.get("text/csv", 0.0), "html": q.get("text/html", 0.0)}
    beste = max(gewichten, key=lambda s: (gewichten[s], s == "json"))
    return beste if gewichten[beste] > 0 else "json"


KOLOMMEN = (
    ["groep", "team", "medewerker", "getoond", "zaken", "boeteberekeningen"]
    + [f"uitkomst_{u}" for u in spiegel.UITKOMSTEN]
    + [f"graad_{g}" for g in spiegel.GRADEN]
    + ["maatwerk_aangevraagd", "maatwerk_goedgekeurd", "maatwerk_afgewezen"]
    + ["draagkracht_begrensd", "draagkracht_aandeel"]
    + ["schuldregelingstoetsen"]
    + list(spiegel.VERREKENINGEN.values())
    + ["kwijtscheldingsbeoordelingen"]
    + [f"route_mogelijk_{r}" for r in spiegel.ROUTES]
    + [f"route_te_beoordelen_{r}" for r in spiegel.ROUTES]
)


def _csv_rij(soort: str, blok: dict, team: str | None = None) -> list:
    rij = [soort, team if team is not None else (blok.get("team") or ""), blok.get("medewerker") or ""]
    rij.append("ja" if blok["getoond"] else "nee")
    if not blok["getoond"]:
        return rij + [""] * (len(KOLOMMEN) - len(rij))
    rij += [blok["zaken"], blok["boeteberekeningen"]]
    rij += [blok["uitkomsten"][u] for u in spiegel.UITKOMSTEN]
    rij += [blok["verwijtbaarheid"][g] for g in spiegel.GRADEN]
    rij += [blok["maatwerk"][k] for k in ("aangevraagd", "goedgekeurd", "afgewezen")]
    rij += [blok["draagkrachtBegrensd"]["aantal"], blok["draagkrachtBegrensd"]["aandeel"] or ""]
    rij.append(blok["langeVerrekening"]["schuldregelingstoetsen"])
    rij += [blok["langeVerrekening"][k] for k in spiegel.VERREKENINGEN.values()]
    rij.append(blok["kwijtschelding"]["beoordelingen"])
    rij += [blok["kwijtschelding"]["routesMogelijk"][r] for r in spiegel.ROUTES]
    rij += [blok["kwijtschelding"]["routesTeBeoordelen"][r] for r in spiegel.ROUTES]
    return rij


def als_csv(overzicht: dict) -> str:
    """Eén regel per groep (totaal, team, medewerker); groepen onder het minimum zonder cijfers."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\r\n")  # RFC 4180
    schrijver.writerow(KOLOMMEN)
    schrijver.writerow(_csv_rij("totaal", overzicht["totaal"]))
    for team in overzicht["teams"]:
        schrijver.writerow(_csv_rij("team", team))
        for medewerker in team.get("medewerkers") or []:
            schrijver.writerow(_csv_rij("medewerker", medewerker, team.get("team") or ""))
    return uit.getvalue()


TEAM = Query(
    None,
    description="Alleen dit team (teamcode uit de claim team); zonder: alle teams van de gemeente.",
    pattern=r"^[A-Z0-9][A-Z0-9_-]{0,15}$",
    examples=["HANDHAVING-NOORD"],
)


@router.get(
    "/teamoverzichten",
    summary="Spiegel voor het team: hoe de gemeente oordeelde, per team en periode (rol beleidsmedewerker)",
    description="Per periode (maanden `van` tot en met `tot`, standaard de laatste twaalf) en per team: beslissingen "
    "naar uitkomst, de verdeling van de graden van verwijtbaarheid, waarschuwingen tegenover boeten, maatwerk "
    "(aangevraagd, goedgekeurd, afgewezen), het aandeel dat door de draagkracht is begrensd, verrekening langer dan de "
    "looptijd van de schuldregeling of dan drie jaar, en kwijtscheldingsroutes die open waren. Per medewerker alleen "
    "een pseudoniem, en alleen voor groepen van ten minste tien zaken; geen rangorde en geen geïnde bedragen. Alleen "
    "de eigen gemeente. JSON, of CSV met `Accept: text/csv`, of een HTML-pagina met grafieken met "
    "`Accept: text/html`.",
    tags=["Spiegel"],
    response_model=None,
    responses={
        200: {
            "description": "Het teamoverzicht.",
            "model": Teamoverzicht,
            "content": {"text/csv": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}},
        },
        400: {"description": "Ongeldige maand of periode."},
        401: {"description": "Geen of een ongeldig token."},
        403: {"description": "Hiervoor is de rol beleidsmedewerker nodig."},
        500: {"description": "Interne fout."},
        503: {"description": "De auditopslag is niet bereikbaar."},
    },
)
async def teamoverzichten(
    request: Request,
    van: str | None = Query(
        None,
        description="Eerste maand (JJJJ-MM, 1900-01 tot en met 2199-12); standaard elf maanden vóór `tot`.",
        json_schema_extra={"pattern": _MAAND_PATROON},  # gecontroleerd in _maand (met een eigen melding)
        examples=["2026-01"],
    ),
    tot: str | None = Query(
        None,
        description="Laatste maand, tot en met (JJJJ-MM, 1900-01 tot en met 2199-12); standaard deze maand.",
        json_schema_extra={"pattern": _MAAND_PATROON},  # gecontroleerd in _maand (met een eigen melding)
        examples=["2026-12"],
    ),
    team: str | None = TEAM,
    gebruiker: Gebruiker = Depends(vereist(BELEIDSMEDEWERKER)),
) -> Response:
    begin, eind = periode(van, tot, vandaag())
    await zorg_dat_klaar(request)
    store = request.app.state.store
    rijen = await run_in_threadpool(store.spiegeltellingen, gebruiker.gemeente, begin, eind, team)
    per_maand = await run_in_threadpool(store.spiegel_per_maand, gebruiker.gemeente, begin, eind, team)
    overzicht = {
        "gemeente": gebruiker.gemeente,
        "team": team,
        **spiegel.teamoverzicht(rijen, per_maand, begin, eind),
    }
    soort = _voorkeur(request.headers.get("accept", ""))
    if soort == "csv":
        naam = f"teamoverzicht-{gebruiker.gemeente}-{overzicht['periode']['van']}-{overzicht['periode']['tot']}.csv"
        return Response(
            als_csv(overzicht),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{naam}"', **VARY},
        )
    if soort == "html":
        return HTMLResponse(render_teamoverzicht(overzicht), headers={**VARY, "Content-Security-Policy": CSP_HTML})
    return json_antwoord(overzicht, headers=VARY)
