"""Leest de regeldata (``*.yaml`` naast dit bestand) in en controleert die streng.

``regelversie`` is een hash over de ingelezen inhoud: dezelfde data geeft dezelfde versie, elke wijziging
een andere. Een fout in de data laat de service niet starten.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

from app.domain.bronnen import Bron
from app.domain.regels import GEVERIFIEERD, ONZEKER, Breuk, Parameter, ParameterVersie, Regeldata

MAP = Path(__file__).resolve().parent
BELEID_SLEUTELS = {
    "waarschuwingIndienMogelijk",
    "vermogenTeltVoorDraagkracht",
    "brutoTerugvordering",
    "afzienNaJarenZonderBetalingOverig",
}


class Regeldatafout(ValueError):
    pass


def _datum(waarde: object, waar: str) -> date:
    if isinstance(waarde, date):
        return waarde
    try:
        return date.fromisoformat(str(waarde))
    except ValueError:
        raise Regeldatafout(f"{waar}: geen datum: {waarde!r}") from None


def _waarde(waarde: object, waar: str) -> Decimal | Breuk:
    tekst = str(waarde)
    if "/" in tekst:
        teller, noemer = tekst.split("/")
        return Breuk(int(teller), int(noemer))
    if isinstance(waarde, float):
        raise Regeldatafout(f"{waar}: schrijf bedragen als tekst ('1401.50'), niet als float")
    try:
        return Decimal(tekst)
    except InvalidOperation:
        raise Regeldatafout(f"{waar}: geen getal: {waarde!r}") from None


def _bron(d: dict, waar: str) -> Bron:
    if not d.get("wet") or not d.get("artikel"):
        raise Regeldatafout(f"{waar}: bron zonder wet of artikel")
    return Bron(str(d["wet"]), str(d["artikel"]), _str(d.get("lid")), _str(d.get("onderdeel")), _str(d.get("url")))


def _str(w: object) -> str | None:
    return None if w is None else str(w)


def _parameter(pid: str, d: dict) -> Parameter:
    versies = []
    for i, v in enumerate(d["versies"]):
        waar = f"{pid}.versies[{i}]"
        status = v.get("status")
        if status not in (GEVERIFIEERD, ONZEKER):
            raise Regeldatafout(f"{waar}: status moet geverifieerd of onzeker zijn")
        tot = v.get("geldigTot")
        versies.append(
            ParameterVersie(
                _datum(v["geldigVanaf"], waar),
                _datum(tot, waar) if tot else None,
                _waarde(v["waarde"], waar),
                status,
                str(v.get("verificatie", "")),
            )
        )
    versies.sort(key=lambda v: v.geldig_vanaf)
    for vorige, volgende in zip(versies, versies[1:], strict=False):
        if vorige.geldig_vanaf == volgende.geldig_vanaf:
            raise Regeldatafout(f"{pid}: twee versies met geldigVanaf {vorige.geldig_vanaf}")
        if vorige.geldig_tot is not None and vorige.geldig_tot >= volgende.geldig_vanaf:
            raise Regeldatafout(f"{pid}: geldigTot {vorige.geldig_tot} overlapt met de volgende versie")
    if not versies:
        raise Regeldatafout(f"{pid}: geen versies")
    bronnen = tuple(_bron(x, pid) for x in d.get("bron", []))
    if not bronnen:
        raise Regeldatafout(f"{pid}: geen bron")
    return Parameter(pid, str(d["omschrijving"]), str(d["eenheid"]), bronnen, tuple(versies))


def _json_default(o: object) -> str:
    if isinstance(o, date | Decimal | Breuk):
        return str(o)
    raise TypeError(type(o))


def lees(map_: Path = MAP) -> Regeldata:
    """Leest de YAML-bestanden in ``map_``."""
    ruw = {pad.name: yaml.safe_load(pad.read_text(encoding="utf-8")) or {} for pad in sorted(map_.glob("*.yaml"))}
    return uit_ruw(ruw)


def uit_inhoud(tekst: str) -> Regeldata:
    """Regeldata terug uit de bewaarde canonieke JSON; geeft dezelfde ``versie`` als toen."""
    return uit_ruw(json.loads(tekst))


def uit_ruw(ruw: dict[str, dict]) -> Regeldata:
    parameters: dict[str, Parameter] = {}
    beleid: dict[str, object] = {}
    for naam, bestand in sorted(ruw.items()):
        for pid, d in (bestand.get("parameters") or {}).items():
            if pid in parameters:
                raise Regeldatafout(f"{naam}: parameter {pid} staat dubbel")
            parameters[pid] = _parameter(pid, d)
        for sleutel, d in (bestand.get("beleid") or {}).items():
            beleid[sleutel] = d["waarde"]
    ontbrekend = BELEID_SLEUTELS - beleid.keys()
    if ontbrekend:
        raise Regeldatafout(f"beleid ontbreekt: {sorted(ontbrekend)}")
    canoniek = json.dumps(ruw, sort_keys=True, default=_json_default, ensure_ascii=False, separators=(",", ":"))
    versie = "sha256:" + hashlib.sha256(canoniek.encode("utf-8")).hexdigest()[:16]
    return Regeldata(parameters, beleid, versie, canoniek)


@lru_cache(maxsize=1)
def standaard() -> Regeldata:
    return lees()
