"""Wat de routes over vastgelegde records delen: ids in het pad, een record van de eigen gemeente ophalen, en
een afgeleid record (herberekening, maatwerkbesluit, beoordeling) vastleggen.

Een gemeente ziet alleen haar eigen records: van een andere gemeente is het antwoord 404, alsof het niet bestaat.
"""

from __future__ import annotations

import json
import uuid

from fastapi import Path, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from app.api.http.auth import Gebruiker
from app.api.http.problemen import Probleem
from app.api.http.routering import wacht_op_vastleggen
from app.api.http.vrije_tekst import vrije_paden
from app.db import AuditRecord, BerekeningBestaatAl, Idempotentie
from app.domain import spiegel
from app.domain.maatwerk import TER_BEOORDELING, VASTGESTELD

MAATWERKBESLUIT = "maatwerkbesluit"
MAATWERKBEOORDELING = "maatwerkbeoordeling"
HERBEREKENING = "herberekening"

# Een id in het pad is een UUID; een andere waarde geeft 400 (zie geldig_id), niet 422 of 404.
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


FOUTEN = {
    401: {"description": "Geen of een ongeldig token."},
    403: {"description": "Deze rol mag dit niet."},
    404: {"description": "Onbekend id (of van een andere gemeente)."},
    500: {"description": "Interne fout."},
    503: {"description": "De auditopslag is niet bereikbaar."},
}


def maatwerkbesluit_met_status(store, record: AuditRecord, gemeente: str) -> dict:
    """Een maatwerkbesluit met zijn actuele status (TER_BEOORDELING tot een beoordelaar besliste, dan VASTGESTELD of
    AFGEWEZEN) en de beoordeling. Synchroon (leest de opslag): in een route via ``run_in_threadpool``."""
    besluit = {**record.resultaat, "status": TER_BEOORDELING, "beoordeling": None}
    beoordelingen = store.verwijzend(record.berekening_id, gemeente, MAATWERKBEOORDELING)
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


def maatwerkbesluiten(store, berekening_id: str, gemeente: str) -> list[dict]:
    """Alle maatwerkbesluiten bij een berekening, elk met zijn actuele status (``maatwerkbesluit_met_status``)."""
    records = store.verwijzend(berekening_id, gemeente, MAATWERKBESLUIT)
    return [maatwerkbesluit_met_status(store, r, gemeente) for r in records]


def vastgesteld_maatwerk(store, berekening_id: str, gemeente: str) -> dict | None:
    """Het maatwerkbesluit bij een berekening dat een beoordelaar heeft goedgekeurd (VASTGESTELD), of None."""
    return next((b for b in maatwerkbesluiten(store, berekening_id, gemeente) if b["status"] == VASTGESTELD), None)


def geldig_id(waarde: str, naam: str) -> str:
    try:
        return str(uuid.UUID(waarde))
    except ValueError:
        raise Probleem.veld(naam, "uuid", "Geen geldig id (UUID).") from None


async def record_van(
    request: Request, berekening_id: str, gebruiker: Gebruiker, soort: str | None = None
) -> AuditRecord:
    record = await run_in_threadpool(request.app.state.store.get, berekening_id, gebruiker.gemeente)
    if record is None or (soort is not None and record.soort != soort):
        raise Probleem(404, f"Er is geen {soort or 'berekening'} met id {berekening_id}.")
    return record


async def leg_vast(
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
    tellingen: spiegel.Tellingen | None = None,
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
                team=gebruiker.team,
                tellingen=tellingen,  # de lopende tellingen van de spiegel (issue #10), in dezelfde transactie
            ),
        )
    except BerekeningBestaatAl:
        raise Probleem(409, "Dit is intussen al vastgelegd (gelijktijdig verzoek); haal de actuele stand op.") from None


def oorsprong(record: AuditRecord | None) -> spiegel.Oorsprong | None:
    """De berekening waarover maatwerk gaat, zoals de tellingen van de spiegel haar nodig hebben."""
    if record is None:
        return None
    return spiegel.Oorsprong(record.soort, json.loads(record.invoer_tekst), record.resultaat, record.team, record.sub)
