"""Canonieke JSON en de recordhash van de auditketen.

De hash is een sha256 (hex) over de canonieke JSON van het record en de hash van het vorige record.
Een integriteitscontrole kan elke hash opnieuw berekenen uit de opgeslagen kolommen.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import orjson

#: ``vorige_hash`` van het eerste record van een keten.
BEGIN_HASH = "0" * 64


def canonical_json(obj: Any) -> str:
    """Gesorteerde sleutels, geen spaties, UTF-8 zonder escapes van niet-ASCII-tekens.

    Gelijk aan ``json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` (een
    eigenschapstest bewaakt dat), maar met orjson: zo'n zes keer sneller. Voor tekst, gehele getallen, booleans,
    null, lijsten en objecten met tekstsleutels. Floats komen in een resultaat niet voor (bedragen zijn tekst,
    percentages gehele getallen); andere typen en tekst met losse surrogaten worden geweigerd (ValueError).
    """
    return canonical_json_bytes(obj).decode("utf-8")


def canonical_json_bytes(obj: Any) -> bytes:
    """``canonical_json`` als UTF-8-bytes: een berekening wordt één keer geserialiseerd, en dezelfde bytes zijn de
    body van het antwoord, de tekst in de hash en de kolom ``resultaat`` (zie app/api/berekeningen/vastleggen.py)."""
    try:
        return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS, default=_weiger)
    except orjson.JSONEncodeError as fout:
        raise ValueError(f"Niet canoniek te serialiseren: {fout}") from None


def _weiger(obj: Any) -> Any:
    raise TypeError(f"type {type(obj).__name__} hoort niet in een auditrecord")


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
    resultaat: dict | None,
    regelversie: str,
    vorige_hash: str,
    sub: str | None = None,
    gemeente: str | None = None,
    verwijzing: str | None = None,
    resultaat_tekst: str | None = None,
    team: str | None = None,
) -> str:
    """sha256 over de canonieke JSON van het record.

    ``sub``, ``gemeente`` en ``verwijzing`` (sinds migratie 0002) gaan alleen in de hash als ze gevuld zijn: zo
    blijven records van vóór die migratie controleerbaar met dezelfde definitie. Net zo ``team`` (sinds 0006).
    ``resultaat_tekst`` mag worden meegegeven als de canonieke JSON van ``resultaat`` al bekend is; de hash is dezelfde
    (``resultaat`` mag dan None zijn: het wordt niet gelezen).
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
    for sleutel, waarde in (("sub", sub), ("gemeente", gemeente), ("verwijzing", verwijzing), ("team", team)):
        if waarde is not None:
            inhoud[sleutel] = waarde
    if resultaat_tekst is None:
        tekst = canonical_json(inhoud)
    else:
        # Snelle weg met dezelfde uitkomst: ``resultaat_tekst`` is al canoniek; plak hem op zijn (gesorteerde) plek
        # in plaats van het resultaat nog eens te serialiseren.
        del inhoud["resultaat"]
        voor = {k: v for k, v in inhoud.items() if k < "resultaat"}
        na = {k: v for k, v in inhoud.items() if k > "resultaat"}
        tekst = canonical_json(voor)[:-1] + ',"resultaat":' + resultaat_tekst + "," + canonical_json(na)[1:]
    return _sha256_met_gil(tekst.encode("utf-8"))


#: hashlib geeft het GIL vrij bij meer dan 2047 bytes in één aanroep (CPython, HASHLIB_GIL_MINSIZE).
_STUK = 2047


def _sha256_met_gil(data: bytes) -> str:
    """sha256 (hex) van ``data``, in stukken kleiner dan de grens waarboven hashlib het GIL vrijgeeft.

    De schrijver van de auditopslag hasht elk record (~10 kB) op zijn eigen thread. Gaf hashlib daarbij het GIL vrij,
    dan moest de schrijver het daarna terugkrijgen van de event loop, en die geeft het onder belasting pas na het
    wisselinterval (5 ms) af: per record 5 ms langer wachten op de commit voor een rekenklus van ~10 µs (issue #9,
    gemeten met een tweede thread die in Python rekent). Dezelfde hash; een eigenschapstest vergelijkt ze."""
    h = hashlib.sha256()
    for begin in range(0, len(data), _STUK):
        h.update(data[begin : begin + _STUK])
    return h.hexdigest()
