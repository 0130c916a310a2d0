"""Berekenen en vastleggen: een berekening wordt eerst vastgelegd (auditrecord, in de keten van de gemeente) en pas
daarna teruggegeven. Het pad van elk van de vijf POST-endpoints (app/api/berekeningen/routes.py)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from app.api.berekeningen import rekenen
from app.api.berekeningen.gebruikt_beleid import beleidslijn, beleidsteksten
from app.api.http import idempotentie, typen
from app.api.http.auth import MEDEWERKER, Gebruiker, aanmelden
from app.api.http.lezen import buiten_de_lus, lees_met_invoer
from app.api.http.routering import api_pad, eerder_antwoord, json_body, wacht_op_vastleggen, zorg_dat_klaar
from app.api.http.vrije_tekst import vrije_paden
from app.db import AuditRecord, SleutelBestaatAl, canonical_json_bytes
from app.domain import spiegel


async def resultaat_van(record: AuditRecord) -> dict:
    return record.resultaat  # een berekening gaf precies het vastgelegde resultaat terug


async def leg_berekening_vast(
    request: Request,
    gebruiker: Gebruiker,
    soort: str,
    ruw: bytes,
    resultaat: dict,
    regelversie: str,
    sleutel: idempotentie.Sleutel | None,
    tellingen: spiegel.Tellingen | None = None,
    vrije_teksten: tuple[str, ...] = (),
) -> Response:
    berekening_id = str(uuid.uuid4())
    body = {"berekeningId": berekening_id, **resultaat}
    locatie = api_pad(request, f"/berekeningen/{berekening_id}")
    # Eén keer geserialiseerd (canoniek: gesorteerde sleutels): dezelfde bytes zijn het antwoord, de tekst in de
    # hash en de kolom resultaat.
    tekst = canonical_json_bytes(body)
    await zorg_dat_klaar(request)
    # De schrijver van de store legt vast in groepen; wachten op de commit houdt geen thread bezet.
    try:
        await wacht_op_vastleggen(
            request,
            request.app.state.store.vastleggen(
                berekening_id=berekening_id,
                soort=soort,
                invoer=ruw.decode("utf-8"),
                resultaat_canoniek=tekst,
                regelversie=regelversie,
                sub=gebruiker.sub,
                gemeente=gebruiker.gemeente,
                idempotentie=sleutel.voor_opslag(gebruiker, locatie) if sleutel else None,
                vrije_paden=vrije_paden(rekenen.SOORTEN[soort].model),  # versleuteld opgeslagen (AVG)
                vrije_teksten=vrije_teksten,
                team=gebruiker.team,
                tellingen=tellingen,  # de lopende tellingen van de spiegel, in dezelfde transactie
                terug_resultaat=False,  # het antwoord is ``tekst``; het record hoeft het resultaat niet in te lezen
            ),
        )
    except SleutelBestaatAl:
        assert sleutel is not None
        return await idempotentie.na_botsing(request, gebruiker, sleutel, resultaat_van)
    return Response(tekst, status_code=201, media_type="application/json", headers={"Location": locatie})


async def bereken_en_vastleg(
    request: Request,
    soort: str,
    aanvullen: Callable[[Request, Gebruiker, Any], Awaitable[Any]] | None = None,
) -> Response:
    """Rekent het verzoek door (zie app/api/berekeningen/rekenen.py) en geeft het resultaat pas na het vastleggen terug.
    ``aanvullen``: vult het gelezen verzoek aan uit de auditopslag (de vorderingen van een betaalvoorstel)."""
    gebruiker = await aanmelden(request, MEDEWERKER)
    ruw = await json_body(request)
    sleutel = idempotentie.sleutel(request, ruw)
    if eerder := await eerder_antwoord(request, gebruiker, sleutel, resultaat_van):
        return eerder
    data = request.app.state.regeldata
    vandaag = typen.vandaag()
    berekening = rekenen.SOORTEN[soort]
    # eerst de invoer: een 400 ook als de database weg is. Eén keer gelezen: het model rekent, de JSON zelf
    # gaat naar de spiegel (tellingen, vergelijkbare zaken).
    invoer, verzoek = await buiten_de_lus(lees_met_invoer, ruw, berekening.model)
    lijn = await beleidslijn(request, gebruiker.gemeente)
    if aanvullen is not None:
        verzoek = await aanvullen(request, gebruiker, verzoek)
    resultaat = berekening.bereken(verzoek, data, vandaag, lijn)
    if soort == "boeteberekening":
        resultaat = await met_vergelijkbare_zaken(request, gebruiker, invoer, resultaat, vandaag)
    tellingen = spiegel.tellingen_van(soort, invoer, resultaat, gebruiker.team, gebruiker.sub)
    return await leg_berekening_vast(
        request, gebruiker, soort, ruw, resultaat, data.versie, sleutel, tellingen, beleidsteksten(lijn)
    )


async def met_vergelijkbare_zaken(
    request: Request, gebruiker: Gebruiker, invoer: dict, resultaat: dict, vandaag: date
) -> dict:
    """Het resultaat met ``vergelijkbareZaken`` erbij (issue #10 §2): alleen toegevoegd, de uitkomst blijft gelijk.
    Alleen de tellingen van de eigen gemeente (uit het token); deze zaak zelf telt nog niet mee."""
    kenmerken = spiegel.zaakkenmerken(invoer, resultaat)
    van, tot = spiegel.venster(vandaag)
    tellingen: dict = {}
    if kenmerken is not None:
        await zorg_dat_klaar(request)
        tellingen = await run_in_threadpool(
            request.app.state.store.vergelijkbaar, gebruiker.gemeente, kenmerken, van, tot
        )
    return {**resultaat, "vergelijkbareZaken": spiegel.vergelijkbare_zaken(kenmerken, tellingen, resultaat, van, tot)}
