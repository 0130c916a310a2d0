"""Leest de regeldata (``*.yaml`` naast dit bestand) in en controleert die streng.

``regelversie`` is een hash over de ingelezen inhoud: dezelfde data geeft dezelfde versie, elke wijziging
een andere. Een fout in de data laat de service niet starten.

Een regelmap (``MAATSTAF_REGELS_DIR``) voegt versies toe zonder codewijziging, bijvoorbeeld de normen van
1 juli of een gecorrigeerd bedrag. Elk bestand daarin heeft de vorm::

    parameters:
      norm.alleenstaande:
        versies:
          - {geldigVanaf: 2027-01-01, waarde: "1450.00", status: geverifieerd,
             bron: "Stcrt. 2026, 12345", verificatie: "gelezen op 2026-12-01"}

Alleen bestaande parameters; elke versie met een eigen ``bron``; een versie op dezelfde ``geldigVanaf`` als een
ingebouwde versie alleen met ``vervangt: true`` en een ``reden`` (een correctie). Perioden overlappen niet.
De inhoud van de regelmap gaat mee in de regelversie en in de tabel ``regelset``: een herberekening blijft exact.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

from app.domain.beleid import VOOR_BELEIDSLAAG
from app.domain.bronnen import Bron
from app.domain.regels import (
    BEVESTIGD,
    INGEBOUWD,
    STATUSSEN,
    Breuk,
    Parameter,
    ParameterVersie,
    Rapport,
    Regeldata,
)

MAP = Path(__file__).resolve().parent
#: Sleutelvoorvoegsel van bestanden uit een regelmap in de ruwe (en bewaarde) inhoud.
REGELMAP = "regelmap/"
#: Eenheid van parameters met een tekstwaarde (geen getal), bijv. een afrondingsregel of een wetstekstversie.
TEKST = "tekst"
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


def _waarde(waarde: object, waar: str, eenheid: str = "") -> Decimal | Breuk | str:
    tekst = str(waarde)
    if eenheid == TEKST:
        if not isinstance(waarde, str) or not waarde.strip():
            raise Regeldatafout(f"{waar}: een tekstwaarde moet een niet-lege tekst zijn")
        return waarde
    if "/" in tekst:
        try:
            teller, noemer = (int(deel) for deel in tekst.split("/"))
        except ValueError:
            raise Regeldatafout(f"{waar}: geen breuk: {waarde!r}") from None
        if noemer <= 0:
            raise Regeldatafout(f"{waar}: noemer moet positief zijn: {waarde!r}")
        return Breuk(teller, noemer)
    if isinstance(waarde, float):
        raise Regeldatafout(f"{waar}: schrijf bedragen als tekst ('1401.50'), niet als float")
    try:
        getal = Decimal(tekst)
    except InvalidOperation:
        raise Regeldatafout(f"{waar}: geen getal: {waarde!r}") from None
    if not getal.is_finite():
        raise Regeldatafout(f"{waar}: geen eindig getal: {waarde!r}")
    return getal


def _bron(d: dict, waar: str) -> Bron:
    if not d.get("wet") or not d.get("artikel"):
        raise Regeldatafout(f"{waar}: bron zonder wet of artikel")
    return Bron(str(d["wet"]), str(d["artikel"]), _str(d.get("lid")), _str(d.get("onderdeel")), _str(d.get("url")))


def _str(w: object) -> str | None:
    return None if w is None else str(w)


_VERSIESLEUTELS = {
    "geldigVanaf",
    "geldigTot",
    "waarde",
    "status",
    "verificatie",
    "bron",
    "rapporten",
    "vervangt",
    "reden",
}
_RAPPORTSLEUTELS = {"uitgever", "titel", "url", "datum"}


def _rapporten(ruw: object, waar: str) -> tuple[Rapport, ...]:
    """De berichten bij een ``bevestigd``e waarde: elk met uitgever, titel en url (datum mag)."""
    if ruw is None:
        return ()
    if not isinstance(ruw, list):
        raise Regeldatafout(f"{waar}: rapporten is een lijst van {{uitgever, titel, url, datum}}")
    uit = []
    for i, r in enumerate(ruw):
        if (
            not isinstance(r, dict)
            or set(r) - _RAPPORTSLEUTELS
            or not all(r.get(k) for k in ("uitgever", "titel", "url"))
        ):
            raise Regeldatafout(f"{waar}: rapporten[{i}] vraagt uitgever, titel en url (en mag een datum hebben)")
        uit.append(Rapport(str(r["uitgever"]), str(r["titel"]), str(r["url"]), _str(r.get("datum"))))
    return tuple(uit)


def _versie(pid: str, i: int, v: object, eenheid: str, herkomst: str) -> ParameterVersie:
    waar = f"{herkomst}: {pid}.versies[{i}]"
    if not isinstance(v, dict):
        raise Regeldatafout(f"{waar}: een versie is een mapping met geldigVanaf, waarde, status en bron")
    onbekend = set(v) - _VERSIESLEUTELS
    if onbekend:
        raise Regeldatafout(f"{waar}: onbekende sleutel(s) {sorted(onbekend)}")
    for sleutel in ("geldigVanaf", "waarde", "status"):
        if sleutel not in v:
            raise Regeldatafout(f"{waar}: {sleutel} ontbreekt")
    status = v.get("status")
    if status not in STATUSSEN:
        raise Regeldatafout(f"{waar}: status moet {', '.join(STATUSSEN)} zijn")
    rapporten = _rapporten(v.get("rapporten"), waar)
    if rapporten and status != BEVESTIGD:
        raise Regeldatafout(f"{waar}: rapporten horen alleen bij status bevestigd")
    bron = v.get("bron")
    if herkomst != INGEBOUWD and (not isinstance(bron, str) or not bron.strip()):
        raise Regeldatafout(f"{waar}: bron ontbreekt (bijv. 'Stcrt. 2026, 12345' of de URL van de tekst)")
    tot = v.get("geldigTot")
    vanaf = _datum(v["geldigVanaf"], waar)
    geldig_tot = _datum(tot, waar) if tot else None
    if geldig_tot is not None and geldig_tot < vanaf:
        raise Regeldatafout(f"{waar}: geldigTot ligt vóór geldigVanaf")
    return ParameterVersie(
        vanaf,
        geldig_tot,
        _waarde(v["waarde"], waar, eenheid),
        status,
        str(v.get("verificatie", "")),
        str(bron) if bron else None,
        herkomst,
        rapporten,
    )


def _controleer_perioden(pid: str, versies: list[ParameterVersie]) -> None:
    """Geen twee versies met dezelfde ingangsdatum, geen geldigTot die in de volgende versie doorloopt."""
    if not versies:
        raise Regeldatafout(f"{pid}: geen versies")
    versies = sorted(versies, key=lambda v: v.geldig_vanaf)
    for vorige, volgende in zip(versies, versies[1:], strict=False):
        if vorige.geldig_vanaf == volgende.geldig_vanaf:
            raise Regeldatafout(
                f"{pid}: twee versies met geldigVanaf {vorige.geldig_vanaf} ({vorige.herkomst}, {volgende.herkomst})"
            )
        if vorige.geldig_tot is not None and vorige.geldig_tot >= volgende.geldig_vanaf:
            raise Regeldatafout(
                f"{pid}: geldigTot {vorige.geldig_tot} overlapt met de versie van {volgende.geldig_vanaf}"
            )


def _parameter(pid: str, d: dict) -> Parameter:
    eenheid = str(d["eenheid"])
    versies = sorted(
        (_versie(pid, i, v, eenheid, INGEBOUWD) for i, v in enumerate(d["versies"])), key=lambda v: v.geldig_vanaf
    )
    _controleer_perioden(pid, versies)
    bronnen = tuple(_bron(x, pid) for x in d.get("bron", []))
    if not bronnen:
        raise Regeldatafout(f"{pid}: geen bron")
    return Parameter(pid, str(d["omschrijving"]), eenheid, bronnen, tuple(versies))


def _voeg_toe(parameter: Parameter, d: object, herkomst: str) -> Parameter:
    """Versies uit een regelmap bij een ingebouwde parameter; een vervanging alleen expliciet (correctie)."""
    pid = parameter.id
    if not isinstance(d, dict) or set(d) != {"versies"} or not isinstance(d["versies"], list) or not d["versies"]:
        raise Regeldatafout(f"{herkomst}: {pid}: geef alleen 'versies' (een niet-lege lijst)")
    versies = {v.geldig_vanaf: v for v in parameter.versies}
    for i, ruw in enumerate(d["versies"]):
        nieuw = _versie(pid, i, ruw, parameter.eenheid, herkomst)
        bestaand = versies.get(nieuw.geldig_vanaf)
        if bestaand is not None:
            if ruw.get("vervangt") is not True or not str(ruw.get("reden") or "").strip():
                raise Regeldatafout(
                    f"{herkomst}: {pid}.versies[{i}]: er is al een versie met geldigVanaf {nieuw.geldig_vanaf} "
                    f"({bestaand.herkomst}); een correctie vraagt 'vervangt: true' en een 'reden'"
                )
            reden = str(ruw["reden"]).strip()
            nieuw = replace(nieuw, verificatie=f"{nieuw.verificatie} (correctie: {reden})".strip())
        elif ruw.get("vervangt"):
            raise Regeldatafout(
                f"{herkomst}: {pid}.versies[{i}]: 'vervangt' maar er is geen versie met geldigVanaf {nieuw.geldig_vanaf}"
            )
        versies[nieuw.geldig_vanaf] = nieuw
    samen = sorted(versies.values(), key=lambda v: v.geldig_vanaf)
    _controleer_perioden(pid, samen)
    return replace(parameter, versies=tuple(samen))


def _json_default(o: object) -> str:
    if isinstance(o, date | Decimal | Breuk):
        return str(o)
    raise TypeError(type(o))


def _yaml(pad: Path) -> dict:
    try:
        inhoud = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as fout:
        raise Regeldatafout(f"{pad.name}: niet te lezen: {fout}") from None
    if not isinstance(inhoud, dict):
        raise Regeldatafout(f"{pad.name}: verwacht een mapping met 'parameters'")
    return inhoud


def lees(map_: Path = MAP, regelmap: Path | None = None) -> Regeldata:
    """Leest de YAML-bestanden in ``map_`` en, zo gegeven, de aanvullingen in ``regelmap`` (MAATSTAF_REGELS_DIR)."""
    ruw = {pad.name: _yaml(pad) for pad in sorted(map_.glob("*.yaml"))}
    if regelmap is not None:
        if not regelmap.is_dir():
            raise Regeldatafout(f"regelmap {regelmap} bestaat niet of is geen map")
        for pad in sorted([*regelmap.glob("*.yaml"), *regelmap.glob("*.yml")]):
            ruw[REGELMAP + pad.name] = _yaml(pad)
    return uit_ruw(ruw)


def uit_inhoud(tekst: str) -> Regeldata:
    """Regeldata terug uit de bewaarde canonieke JSON; geeft dezelfde ``versie`` als toen."""
    return uit_ruw(json.loads(tekst))


def uit_ruw(ruw: dict[str, dict]) -> Regeldata:
    parameters: dict[str, Parameter] = {}
    beleid: dict[str, object] = {}
    ingebouwd = sorted((n, b) for n, b in ruw.items() if not n.startswith(REGELMAP))
    aanvullingen = sorted((n, b) for n, b in ruw.items() if n.startswith(REGELMAP))
    for naam, bestand in ingebouwd:
        for pid, d in (bestand.get("parameters") or {}).items():
            if pid in parameters:
                raise Regeldatafout(f"{naam}: parameter {pid} staat dubbel")
            parameters[pid] = _parameter(pid, d)
        for sleutel, d in (bestand.get("beleid") or {}).items():
            beleid[sleutel] = d["waarde"]
    for naam, bestand in aanvullingen:
        onbekend = set(bestand) - {"parameters"}
        if onbekend:
            raise Regeldatafout(f"{naam}: alleen 'parameters' is toegestaan, niet {sorted(onbekend)}")
        for pid, d in (bestand.get("parameters") or {}).items():
            if pid not in parameters:
                raise Regeldatafout(f"{naam}: onbekende parameter {pid!r}; een regelmap vult alleen bestaande aan")
            parameters[pid] = _voeg_toe(parameters[pid], d, naam)
    ontbrekend = BELEID_SLEUTELS - beleid.keys()
    if ontbrekend:
        raise Regeldatafout(f"beleid ontbreekt: {sorted(ontbrekend)}")
    # Keuzes die later bij de beleidslaag kwamen: bewaarde regeldata van vóór die tijd rekende zo (zie beleid.py).
    beleid = {**VOOR_BELEIDSLAAG, **beleid}
    canoniek = json.dumps(ruw, sort_keys=True, default=_json_default, ensure_ascii=False, separators=(",", ":"))
    versie = "sha256:" + hashlib.sha256(canoniek.encode("utf-8")).hexdigest()[:16]
    return Regeldata(parameters, beleid, versie, canoniek)


@lru_cache(maxsize=1)
def standaard() -> Regeldata:
    """De ingebouwde regeldata (zonder regelmap)."""
    return lees()


def laad(regelmap: str | Path | None) -> Regeldata:
    """De regeldata waarmee de service rekent: ingebouwd, plus de regelmap als die is ingesteld."""
    return lees(regelmap=Path(regelmap)) if regelmap else standaard()


Wijziging = tuple[str, date, date | None]  # (parameter, van, tot en met; None = onbepaald)


def wijzigingen(oud: Regeldata, nieuw: Regeldata) -> list[Wijziging]:
    """Waar ``nieuw`` voor een datum een andere waarde geeft dan ``oud`` terwijl ``oud`` er een had.

    Per parameter de perioden (van, tot en met; None = onbepaald) waarin een berekening onder ``nieuw`` anders zou
    uitkomen dan onder ``oud``. Een periode waarin ``oud`` geen waarde had (bijv. de normen van een nieuw halfjaar)
    is geen wijziging: toen kon er niet mee gerekend zijn.
    """
    uit: list[Wijziging] = []
    for pid, p_oud in oud.parameters.items():
        p_nieuw = nieuw.parameters.get(pid)
        grenzen = sorted(
            {v.geldig_vanaf for v in p_oud.versies}
            | {v.geldig_tot + timedelta(days=1) for v in p_oud.versies if v.geldig_tot}
            | ({v.geldig_vanaf for v in p_nieuw.versies} if p_nieuw else set())
            | ({v.geldig_tot + timedelta(days=1) for v in p_nieuw.versies if v.geldig_tot} if p_nieuw else set())
        )
        for i, van in enumerate(grenzen):
            tot = grenzen[i + 1] - timedelta(days=1) if i + 1 < len(grenzen) else None
            a = p_oud.versie_op(van)
            if a is None:
                continue
            b = p_nieuw.versie_op(van) if p_nieuw else None
            if b is None or b.waarde != a.waarde:
                uit.append((pid, van, tot))
    return uit


def peildata(invoer: dict, tijdstip: date) -> tuple[date, ...]:
    """De datums waarvan een berekening de regels gebruikte: beschikkingsdatum (standaard de dag van het record)
    en, bij een boete, de begindatum van de overtreding (lex mitior, SPEC §1.1)."""
    uit = []
    try:
        uit.append(date.fromisoformat(invoer["beschikkingsdatum"]) if invoer.get("beschikkingsdatum") else tijdstip)
    except (TypeError, ValueError):
        uit.append(tijdstip)
    overtreding = invoer.get("overtreding")
    if isinstance(overtreding, dict) and isinstance(overtreding.get("begindatum"), str):
        with contextlib.suppress(ValueError):
            uit.append(date.fromisoformat(overtreding["begindatum"]))
    return tuple(uit)


def conflicten(gewijzigd: dict[str, list[Wijziging]], records: list[tuple[str, str, tuple[date, ...]]]) -> list[str]:
    """Raakt een wijziging een periode die een bewaard record gebruikte? Eén zin per geraakte wijziging.

    ``gewijzigd``: per regelversie van bewaarde records wat de nieuwe regeldata daarin wijzigt (``wijzigingen``);
    ``records``: (berekeningId, regelversie, peildata). Een nieuwe versie voor een periode zonder waarde (de normen
    van een nieuw halfjaar) of na de laatste gebruikte datum is geen conflict; een correctie van een gebruikte periode
    wel.
    """
    uit: list[str] = []
    gezien: set[tuple[str, date]] = set()
    for berekening_id, regelversie, datums in records:
        for pid, van, tot in gewijzigd.get(regelversie, ()):
            if (pid, van) in gezien:
                continue
            geraakt = [d for d in datums if van <= d and (tot is None or d <= tot)]
            if geraakt:
                gezien.add((pid, van))
                periode = f"{van.isoformat()} t/m {tot.isoformat()}" if tot else f"vanaf {van.isoformat()}"
                uit.append(
                    f"{pid} ({periode}) krijgt een andere waarde, maar record {berekening_id} rekende op "
                    f"{geraakt[0].isoformat()} met de oude waarde (regelversie {regelversie}). Voeg een versie toe "
                    "met een latere geldigVanaf in plaats van een gebruikte periode te wijzigen."
                )
    return uit
