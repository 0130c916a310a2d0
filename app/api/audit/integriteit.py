"""Integriteit (issue #4, #20): de hashketen van de eigen gemeente controleren, en ondertekende checkpoints ervan.

- ``GET /audit/integriteit`` (rol auditor) loopt de keten af: elke hash, elke schakel, de kop; en tegen elk bewaard
  checkpoint met een geldige handtekening, en tegen een checkpoint dat de auditor zelf bewaarde (``aantal`` en
  ``kop``): zo vallen ook een ingekorte en een herschreven keten op (app/db/checkpoint.py).
- ``GET /audit/checkpoints`` (rol auditor): het actuele ondertekende checkpoint van de keten van de gemeente, met de
  publieke sleutel. Bewaar het buiten Maatstaf: daarmee is later aan te tonen dat de keten tot daar niet is veranderd.
"""

from __future__ import annotations

import asyncio
import logging

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from starlette.responses import Response

from app.api.http.auth import Gebruiker, vereist
from app.api.http.problemen import Probleem
from app.api.http.records import FOUTEN
from app.api.http.routering import api_router, json_antwoord, zorg_dat_klaar
from app.db import AuditStore
from app.db import checkpoint as cp
from app.db.store import Ketenfout

router = api_router()
log = logging.getLogger("maatstaf")

#: Zoveel bewaarde checkpoints (de laatste) worden bij elke controle meegenomen.
BEWAARDE_CHECKPOINTS = 100

_HASH = r"^[0-9a-f]{64}$"


class Checkpointcontrole(BaseModel):
    gecontroleerd: int = Field(description="Aantal checkpoints waartegen de keten is gecontroleerd.")
    ongeldig: int = Field(
        description="Aantal bewaarde checkpoints met een handtekening die niet klopt (dan is de tabel gewijzigd)."
    )
    langste: int | None = Field(description="Het grootste aantal records dat een gecontroleerd checkpoint noemt.")


class Integriteitsresultaat(BaseModel):
    gemeente: str
    intact: bool
    aantal: int = Field(description="Aantal nagelopen records (tot en met het eerste dat niet klopt).")
    eersteAfwijking: dict | None = Field(
        description="{berekeningId, volgnummer, reden} van het eerste record dat niet klopt; null als alles klopt. "
        "`volgnummer` is de plaats in de keten van de gemeente (1 = haar eerste record), niet een nummer van de "
        "database; berekeningId en volgnummer zijn null als het laatste record van de keten ontbreekt of de keten "
        "korter is dan een checkpoint."
    )
    checkpoints: Checkpointcontrole


class CheckpointUit(BaseModel):
    formaat: str = Field(description=f"Altijd `{cp.FORMAAT}`.")
    keten: str = Field(description="De keten: de CBS-code van de gemeente.")
    aantal: int = Field(description="Het aantal records in de keten.")
    kop: str = Field(description="De hash van het laatste record (plaats `aantal`).", pattern=_HASH)
    tijdstip: str = Field(description="Moment van ondertekenen (UTC).", json_schema_extra={"format": "date-time"})
    sleutelId: str = Field(description="De eerste 16 hextekens van de sha256 van de publieke sleutel.")
    handtekening: str = Field(
        description="Ed25519 (base64) over de regels `maatstaf-checkpoint/v1`, `keten …`, `aantal …`, `kop …`, "
        "`tijdstip …`, elk gevolgd door een nieuwe regel."
    )


class Sleutel(BaseModel):
    algoritme: str = Field(description=f"`{cp.ALGORITME}`.")
    sleutelId: str
    publiekeSleutel: str = Field(description="De publieke sleutel (base64 van 32 bytes).")


class Checkpointoverzicht(BaseModel):
    gemeente: str
    sleutel: Sleutel
    checkpoint: CheckpointUit | None = Field(description="Het checkpoint van de keten nu; null als zij leeg is.")


def sleutel_van(request: Request) -> Ed25519PrivateKey:
    return request.app.state.checkpointsleutel


async def _controlepunten(
    store: AuditStore, keten: str, sleutel: Ed25519PrivateKey, eigen: tuple[int, str] | None
) -> tuple[dict[int, tuple[str, str]], int, int]:
    """(plaats -> (hash, omschrijving), aantal gecontroleerd, aantal ongeldig) uit de bewaarde checkpoints en het
    checkpoint van de auditor zelf. Een bewaard checkpoint van een andere sleutel (na een wissel) is hier niet te
    controleren en telt niet mee; ``maatstaf audit controleer`` kan dat met de oude publieke sleutel."""
    publiek = sleutel.public_key()
    punten: dict[int, tuple[str, str]] = {}
    ongeldig = 0
    for bewaard in await run_in_threadpool(store.checkpoints, keten, BEWAARDE_CHECKPOINTS):
        if bewaard.sleutel_id != cp.sleutel_id(publiek):
            continue
        try:
            cp.controleer(bewaard, publiek)
        except cp.Checkpointfout:
            ongeldig += 1
            continue
        punten.setdefault(bewaard.aantal, (bewaard.kop, f"het checkpoint van {bewaard.tijdstip.isoformat()}"))
    if eigen is not None:
        punten[eigen[0]] = (eigen[1], "het opgegeven checkpoint")
    return punten, len(punten), ongeldig


@router.get(
    "/audit/integriteit",
    summary="De hashketen van de eigen gemeente controleren (rol auditor)",
    description="Rekent de hash van elk record opnieuw uit de opgeslagen kolommen, controleert elke schakel naar "
    "de vorige en de kop van de keten, en de keten tegen de ondertekende checkpoints (de laatste "
    f"{BEWAARDE_CHECKPOINTS} die Maatstaf bewaart, met een geldige handtekening). Met `aantal` en `kop` van een "
    "checkpoint dat u zelf bewaarde (`GET /audit/checkpoints`), ook daartegen: een keten die korter is (ingekort) of "
    "op die plaats een andere hash heeft (herschreven) is niet intact. Noemt het eerste record dat niet klopt.",
    tags=["Audit"],
    response_model=None,
    responses={
        200: {"description": "De uitkomst van de controle.", "model": Integriteitsresultaat},
        400: {"description": "`aantal` zonder `kop` of omgekeerd, of een ongeldige waarde."},
        **FOUTEN,
    },
)
async def integriteit(
    request: Request,
    aantal: int | None = Query(
        None,
        ge=1,
        le=2**62,
        description="Uit een eigen kopie van een checkpoint: het aantal records (samen met `kop`).",
    ),
    kop: str | None = Query(
        None, pattern=_HASH, description="Uit dezelfde kopie: de hash van het laatste record (samen met `aantal`)."
    ),
    gebruiker: Gebruiker = Depends(vereist("auditor")),
) -> Response:
    if (aantal is None) != (kop is None):
        raise Probleem.veld(
            "aantal" if aantal is None else "kop",
            "verplicht",
            "Geef aantal en kop samen, zoals in het checkpoint.",
        )
    await zorg_dat_klaar(request)
    store: AuditStore = request.app.state.store
    eigen = (aantal, kop) if aantal is not None and kop is not None else None
    punten, gecontroleerd, ongeldig = await _controlepunten(store, gebruiker.gemeente, sleutel_van(request), eigen)
    uitkomst = await run_in_threadpool(store.controleer_keten, gebruiker.gemeente, punten)
    intact = uitkomst.intact and not ongeldig
    afwijking = None
    if not uitkomst.intact:
        afwijking = {
            "berekeningId": uitkomst.eerste_afwijking,
            # de plaats in de eigen keten: het volgnummer van de database loopt over alle gemeenten door
            "volgnummer": uitkomst.aantal if uitkomst.eerste_afwijking is not None else None,
            "reden": uitkomst.reden,
        }
    elif ongeldig:
        afwijking = {
            "berekeningId": None,
            "volgnummer": None,
            "reden": f"{ongeldig} bewaarde checkpoint(s) hebben een handtekening die niet klopt: de tabel "
            "auditcheckpoint is buiten Maatstaf om gewijzigd.",
        }
    return json_antwoord(
        {
            "gemeente": gebruiker.gemeente,
            "intact": intact,
            "aantal": uitkomst.aantal,
            "eersteAfwijking": afwijking,
            "checkpoints": {
                "gecontroleerd": gecontroleerd,
                "ongeldig": ongeldig,
                "langste": max(punten, default=None),
            },
        }
    )


def sleutel_json(sleutel: Ed25519PrivateKey) -> dict:
    return {
        "algoritme": cp.ALGORITME,
        "sleutelId": cp.sleutel_id(sleutel),
        "publiekeSleutel": cp.publiek_tekst(sleutel),
    }


@router.get(
    "/audit/checkpoints",
    summary="Het ondertekende checkpoint van de keten van de eigen gemeente (rol auditor)",
    description="Het aantal records, de hash van het laatste en het tijdstip, ondertekend met de Ed25519-sleutel van "
    "de dienst (die niet in de database staat), met de publieke sleutel. Is de keten gegroeid sinds het laatste "
    "checkpoint, dan wordt eerst nagegaan dat zij dat checkpoint voortzet en daarna een nieuw ondertekend en "
    "bewaard. Bewaar het antwoord buiten Maatstaf; `GET /audit/integriteit?aantal=&kop=` en `maatstaf audit "
    "controleer` tonen later of de keten tot daar nog dezelfde is.",
    tags=["Audit"],
    response_model=None,
    responses={
        200: {"description": "Het checkpoint en de publieke sleutel.", "model": Checkpointoverzicht},
        409: {
            "description": "De keten zet het laatste checkpoint niet voort (ingekort of herschreven): er wordt niets "
            "ondertekend; zie `GET /audit/integriteit`."
        },
        **FOUTEN,
    },
)
async def checkpoints(request: Request, gebruiker: Gebruiker = Depends(vereist("auditor"))) -> Response:
    await zorg_dat_klaar(request)
    sleutel = sleutel_van(request)
    try:
        huidig = await run_in_threadpool(request.app.state.store.maak_checkpoint, gebruiker.gemeente, sleutel)
    except Ketenfout as fout:
        log.error("Geen checkpoint voor keten %s: %s", gebruiker.gemeente, fout)
        raise Probleem(
            409,
            f"De keten zet het laatste checkpoint niet voort; er is niets ondertekend. {fout}",
        ) from None
    return json_antwoord(
        {
            "gemeente": gebruiker.gemeente,
            "sleutel": sleutel_json(sleutel),
            "checkpoint": huidig.als_dict() if huidig is not None else None,
        }
    )


def maak_checkpoints(store: AuditStore, sleutel: Ed25519PrivateKey) -> list[cp.Checkpoint]:
    """Een checkpoint van elke keten die sinds haar laatste is gegroeid; een keten die het laatste niet voortzet,
    krijgt er geen en komt in het log (ERROR)."""
    gemaakt = []
    for keten in store.ketens():
        try:
            nieuw = store.maak_checkpoint(keten, sleutel)
        except Ketenfout as fout:
            log.error("Geen checkpoint voor keten %s: %s", keten, fout)
            continue
        if nieuw is not None:
            gemaakt.append(nieuw)
    return gemaakt


async def checkpoints_bijhouden(store: AuditStore, sleutel: Ed25519PrivateKey, interval_s: float) -> None:
    """Elke ``interval_s`` seconden een checkpoint van elke gegroeide keten (MAATSTAF_CHECKPOINT_INTERVAL_S)."""
    while True:
        await asyncio.sleep(interval_s)
        try:
            await run_in_threadpool(maak_checkpoints, store, sleutel)
        except Exception:  # noqa: BLE001 - bijv. de database is even weg: de volgende ronde opnieuw
            log.exception("Checkpoints maken is mislukt; over %g s opnieuw", interval_s)
