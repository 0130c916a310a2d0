"""Het beleid dat een berekening toepast: de vastgestelde beleidsversies van de gemeente (kort onthouden), precies
de versie van een eerdere berekening (herberekening), en de bron van een versie, die een resultaat citeert.

De endpoints die beleidsversies voorstellen, beoordelen en tonen staan in app/api/beleid/."""

from __future__ import annotations

import time

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from pydantic import Field

from app.api.http.modellen import Invoer
from app.api.http.routering import zorg_dat_klaar
from app.api.http.vrije_tekst import Tekst, vrije_paden  # vrije tekst: geen BSN (AVG)
from app.db.versleuteling import vrije_waarden_van
from app.domain.beleid import KEUZES, VASTGESTELD, Beleidslijn, Beleidsversie
from app.domain.beleid import Beleidsbron as BronVanVersie


class Beleidsbron(Invoer):
    # een CVDR-id of een URL (of beide), zoals toets_bron eist
    model_config = {
        "json_schema_extra": {
            "anyOf": [{"required": [veld], "properties": {veld: {"not": {"type": "null"}}}} for veld in ("cvdr", "url")]
        }
    }
    titel: Tekst = Field(description="De titel van de gepubliceerde beleidsregels.")
    cvdr: str | None = Field(
        None,
        max_length=20,
        description="Het CVDR-id op lokaleregelgeving.overheid.nl, bijv. CVDR712345.",
        pattern=r"^CVDR[0-9]{1,10}(_[0-9]{1,3})?$",
    )
    url: str | None = Field(
        None,
        max_length=2000,
        # Zichtbare ASCII-tekens (RFC 3986; andere tekens met %-codering). Geen \s: dat betekent in het schema
        # (ECMAScript) iets anders dan in Python (bijv. U+0085), en dan weigert de service wat het schema toestaat.
        pattern=r"^https://[!-~]+$",
        description="De URL van de gepubliceerde tekst (https; zichtbare ASCII-tekens, andere tekens met %-codering).",
    )
    artikel: Tekst | None = Field(None, description="Het artikel voor de hele versie (als er geen per keuze is).")
    artikelen: dict[str, Tekst] = Field(
        default_factory=dict,
        description='Per keuze het artikel van de beleidsregels, bijv. {"afronding": "artikel 6"}; alleen keuzes die '
        "in waarden staan.",
        json_schema_extra={"propertyNames": {"enum": list(KEUZES)}},
    )


def versie_uit(rij: dict) -> Beleidsversie:
    """Een rij van de tabel beleidsversie als domeinobject."""
    return Beleidsversie(
        rij["beleidsversie_id"],
        rij["gemeente"],
        rij["geldig_vanaf"],
        rij["waarden"],
        BronVanVersie.uit_dict(rij["bron"]),
        rij["status"],
    )


def beleidsteksten(*lijnen: Beleidslijn | None) -> tuple[str, ...]:
    """De vrije tekst van de bron van elke beleidsversie in ``lijnen`` (titel, artikel, artikelen; volgens
    ``vrije_paden`` van het verzoekmodel). Een berekening citeert die in haar resultaat (``beleid``, de stappen): daar
    wordt ze versleuteld opgeslagen, net als in de tabel beleidsversie en het voorstel zelf."""
    paden = vrije_paden(Beleidsbron)
    teksten = (
        tekst
        for lijn in lijnen
        if lijn is not None
        for versie in lijn.versies
        for tekst in vrije_waarden_van(versie.bron.als_dict(), paden)
    )
    return tuple(dict.fromkeys(teksten))


#: Zo lang onthoudt een proces de vastgestelde beleidsversies van een gemeente. Een versie die dit proces vaststelt,
#: geldt hier meteen (zie vergeet_beleid); een versie die een ander proces vaststelde, uiterlijk zo veel later. De
#: versie die een berekening gebruikte, staat in haar resultaat: een herberekening is altijd exact.
BELEID_ONTHOUDEN_S = 5.0


async def beleidslijn(request: Request, gemeente: str) -> Beleidslijn:
    """De vastgestelde beleidsversies van de gemeente; een berekening kiest daaruit de versie op haar peildatum.

    Kort onthouden (BELEID_ONTHOUDEN_S): lezen kost per berekening een rondgang naar de database (bench/beleid.py)."""
    state = request.app.state
    onthouden: dict[str, tuple[float, Beleidslijn]] = getattr(state, "beleidslijnen", None) or {}
    state.beleidslijnen = onthouden
    nu = time.monotonic()
    bewaard = onthouden.get(gemeente)
    if bewaard is not None and bewaard[0] > nu:
        return bewaard[1]
    await zorg_dat_klaar(request)
    rijen = await run_in_threadpool(state.store.beleidsversies, gemeente, VASTGESTELD)
    lijn = Beleidslijn.van(gemeente, [versie_uit(r) for r in rijen])
    if len(onthouden) > 4096:
        onthouden.clear()
    onthouden[gemeente] = (nu + BELEID_ONTHOUDEN_S, lijn)
    return lijn


def vergeet_beleid(request: Request, gemeente: str) -> None:
    """Na het vaststellen van een versie: de volgende berekening in dit proces leest de versies opnieuw."""
    onthouden = getattr(request.app.state, "beleidslijnen", None)
    if onthouden:
        onthouden.pop(gemeente, None)


async def precies_beleid(request: Request, gemeente: str, beleidsversie_id: str | None) -> Beleidslijn | None:
    """Precies de versie die een berekening gebruikte (herberekening); None als die niet (meer) te vinden is."""
    if beleidsversie_id is None:
        return Beleidslijn.precies(gemeente, None)
    rij = await run_in_threadpool(request.app.state.store.beleidsversie, beleidsversie_id, gemeente)
    return Beleidslijn.precies(gemeente, versie_uit(rij)) if rij is not None else None
