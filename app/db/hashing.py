"""Canonieke JSON en de recordhash van de auditketen.

De hash is een sha256 (hex) over de canonieke JSON van het record en de hash van het vorige record.
Een integriteitscontrole kan elke hash opnieuw berekenen uit de opgeslagen kolommen.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

#: ``vorige_hash`` van het eerste record van een keten.
BEGIN_HASH = "0" * 64


def canonical_json(obj: Any) -> str:
    """Gesorteerde sleutels, geen spaties, UTF-8 zonder escapes; NaN/Infinity worden geweigerd (ValueError)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def tijdstip_tekst(tijdstip: datetime) -> str:
    """Het tijdstip zoals het in de hash gaat: UTC, ISO 8601 met microseconden (``...T..:..:...ffffff+00:00``)."""
    if tijdstip.tzinfo is None or tijdstip.utcoffset() is None:
        raise ValueError("tijdstip moet tijdzonebewust zijn")
    return tijdstip.astimezone(UTC).isoformat(timespec="microseconds")


def record_hash(
    *,
    berekening_id: str,
    soort: str,
    tijdstip: datetime,
    invoer: str,
    resultaat: dict,
    regelversie: str,
    vorige_hash: str,
    sub: str | None = None,
    gemeente: str | None = None,
    verwijzing: str | None = None,
) -> str:
    """sha256 over de canonieke JSON van het record.

    ``sub``, ``gemeente`` en ``verwijzing`` (sinds migratie 0002) gaan alleen in de hash als ze gevuld zijn: zo
    blijven records van vóór die migratie controleerbaar met dezelfde definitie.
    """
    inhoud = {
        "berekeningId": berekening_id,
        "soort": soort,
        "tijdstip": tijdstip_tekst(tijdstip),
        "invoer": invoer,
        "resultaat": resultaat,
        "regelversie": regelversie,
        "vorigeHash": vorige_hash,
    }
    for sleutel, waarde in (("sub", sub), ("gemeente", gemeente), ("verwijzing", verwijzing)):
        if waarde is not None:
            inhoud[sleutel] = waarde
    return hashlib.sha256(canonical_json(inhoud).encode("utf-8")).hexdigest()
