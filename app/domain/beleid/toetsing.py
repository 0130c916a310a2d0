"""Welke waarden een beleidsversie mag hebben: hun vorm (``WAARDEN_SCHEMA``, het JSON Schema voor het OpenAPI-document)
en hun grenzen uit de wet die vanaf de ingangsdatum geldt (``toets``), en de bron van de versie (``toets_bron``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from app.domain.beleid.keuzes import (
    AFRONDINGEN,
    BETAALVOORSTEL_STANDAARD,
    GEEN_AFRONDING,
    GRADEN_MET_BOETE,
    KEUZES,
    NIET_KIESBAAR,
    VOOR_BELEIDSLAAG,
    Beleidsbron,
)
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.regels import Parameter, ParameterVersie, Regeldata

CVDR = re.compile(r"CVDR[0-9]{1,10}(_[0-9]{1,3})?")
BEDRAG = re.compile(r"[0-9]{1,12}(\.[0-9]{1,2})?")

_HELE_MAANDEN = {"type": "integer", "minimum": 1}
#: De vorm van ``waarden`` als JSON Schema (voor het OpenAPI-document): welke keuzes er zijn en hun type. De grenzen
#: die uit de regeldata op de ingangsdatum volgen (ten hoogste zoveel maanden of jaren, een voorgeschreven
#: afronding) kan een schema niet zeggen; die toetst ``toets``, met de wettelijke reden.
WAARDEN_SCHEMA: dict[str, Any] = {
    "minProperties": 1,
    "additionalProperties": False,
    "properties": {
        "waarschuwingIndienMogelijk": {"type": "boolean"},
        "afronding": {"type": "string", "enum": list(AFRONDINGEN)},
        "brutoTerugvordering": {"type": "boolean"},
        "vermogenTeltVoorDraagkracht": {"type": "boolean"},
        "draagkrachtMaanden": {
            "type": "object",
            "properties": {graad: _HELE_MAANDEN for graad in GRADEN_MET_BOETE},
            "additionalProperties": False,
        },
        "looptijdSchuldregelingMaanden": _HELE_MAANDEN,
        "afzienNaJarenZonderBetalingOverig": {"type": "integer", "minimum": 1},
        "betaalvoorstel": {
            "type": "object",
            "properties": {
                "boeteZonderOpzet": {"type": "string", "enum": ["AKKOORD", "BEOORDELEN"]},
                "terugvorderingZonderVerbod": {"type": "string", "enum": ["AKKOORD", "BEOORDELEN"]},
                "overigeTerugvordering": {"type": "string", "enum": ["AKKOORD", "BEOORDELEN"]},
                "kortereLooptijdAanvaarden": {"type": "boolean"},
            },
            "additionalProperties": False,
        },
        "vierOgen": {
            "type": "object",
            "properties": {
                "graden": {"type": "array", "items": {"type": "string", "enum": list(GRADEN_MET_BOETE)}},
                "boeteBoven": {"anyOf": [{"type": "string", "pattern": f"^{BEDRAG.pattern}$"}, {"type": "null"}]},
                "maatwerk": {"const": True},
            },
            "additionalProperties": False,
        },
    },
}


def _kort(parameter: Parameter) -> str:
    return ", ".join(x.kort() for x in parameter.bronnen)


def _versies_vanaf(parameter: Parameter, vanaf: date) -> list[tuple[date, date | None, ParameterVersie]]:
    """(van, tot en met, versie) van elke versie die op of na ``vanaf`` geldt."""
    uit = []
    for v in parameter.versies:
        if v.geldig_tot is not None and v.geldig_tot < vanaf:
            continue
        uit.append((max(v.geldig_vanaf, vanaf), v.geldig_tot, v))
    return uit


def _ja_nee(naam: str, waarde: object) -> list[Invoerprobleem]:
    if isinstance(waarde, bool):
        return []
    return [Invoerprobleem(f"waarden.{naam}", "ja_nee", "Verwacht true of false.")]


def _geheel(naam: str, waarde: object) -> int | None:
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        return None
    return waarde


def _toets_afronding(waarde: object, vanaf: date, data: Regeldata) -> list[Invoerprobleem]:
    if waarde not in AFRONDINGEN:
        return [Invoerprobleem("waarden.afronding", "keuze", f"Kies een van: {', '.join(AFRONDINGEN)}.")]
    parameter = data.parameters["boete.afronding"]
    for van, tot, versie in _versies_vanaf(parameter, vanaf):
        voorgeschreven = versie.waarde
        if voorgeschreven != GEEN_AFRONDING and voorgeschreven != waarde:
            periode = f"van {van.isoformat()} tot en met {tot.isoformat()}" if tot else f"vanaf {van.isoformat()}"
            return [
                Invoerprobleem(
                    "waarden.afronding",
                    "wettelijk_voorgeschreven",
                    f"De regelgeving schrijft {periode} de afronding {voorgeschreven} voor "
                    f"({_kort(parameter)}); de gemeente kan daar niet anders kiezen. Laat de versie ingaan na "
                    f"{tot.isoformat() if tot else van.isoformat()} of kies {voorgeschreven}.",
                )
            ]
    return []


def _maximum_vanaf(parameter: Parameter, vanaf: date) -> int | None:
    waarden = [int(versie.getal) for _, _, versie in _versies_vanaf(parameter, vanaf)]
    return min(waarden) if waarden else None


def _toets_draagkracht(waarde: object, vanaf: date, data: Regeldata) -> list[Invoerprobleem]:
    if not isinstance(waarde, Mapping):
        return [
            Invoerprobleem(
                "waarden.draagkrachtMaanden",
                "object",
                'Verwacht per graad een aantal maanden, bijv. {"NORMAAL": 10}.',
            )
        ]
    problemen = []
    for graad, maanden in waarde.items():
        naam = f"waarden.draagkrachtMaanden.{graad}"
        if graad not in GRADEN_MET_BOETE:
            problemen.append(Invoerprobleem(naam, "graad", f"Kies een graad uit: {', '.join(GRADEN_MET_BOETE)}."))
            continue
        parameter = data.parameters[f"draagkracht.maanden.{graad}"]
        maximum = _maximum_vanaf(parameter, vanaf)
        aantal = _geheel(naam, maanden)
        if aantal is None or aantal < 1:
            problemen.append(Invoerprobleem(naam, "geheel_getal", "Verwacht een geheel aantal maanden, ten minste 1."))
        elif maximum is not None and aantal > maximum:
            problemen.append(
                Invoerprobleem(
                    naam,
                    "boven_wettelijk_maximum",
                    f"Een draagkrachttermijn van {aantal} maanden is langer dan de {maximum} maanden die de "
                    f"rechtspraak bij deze graad aanhoudt ({_kort(parameter)}); een gemeente mag alleen een kortere "
                    "termijn kiezen (gunstiger voor de belanghebbende), nooit een langere.",
                )
            )
    return problemen


def _toets_termijn(naam: str, waarde: object, maximum: int, eenheid: str, reden: str) -> list[Invoerprobleem]:
    aantal = _geheel(naam, waarde)
    if aantal is None or aantal < 1:
        return [
            Invoerprobleem(f"waarden.{naam}", "geheel_getal", f"Verwacht een geheel aantal {eenheid}, ten minste 1.")
        ]
    if aantal > maximum:
        return [
            Invoerprobleem(
                f"waarden.{naam}", "boven_wettelijk_maximum", f"{aantal} {eenheid} is meer dan {maximum}: {reden}"
            )
        ]
    return []


def _jaren_afzien(vanaf: date, data: Regeldata) -> tuple[int, str]:
    parameter = data.parameters["afzien.fraudevordering.jaren"]
    return _maximum_vanaf(parameter, vanaf) or 0, _kort(parameter)


def _toets_looptijd(waarde: object, vanaf: date, data: Regeldata) -> list[Invoerprobleem]:
    jaren, bron = _jaren_afzien(vanaf, data)
    return _toets_termijn(
        "looptijdSchuldregelingMaanden",
        waarde,
        jaren * 12,
        "maanden",
        f"na {jaren} jaar kan het college van verdere terugvordering afzien ({bron}); een schuldregeling die langer "
        "loopt, gaat daaraan voorbij.",
    )


def _toets_afzien(waarde: object, vanaf: date, data: Regeldata) -> list[Invoerprobleem]:
    jaren, bron = _jaren_afzien(vanaf, data)
    return _toets_termijn(
        "afzienNaJarenZonderBetalingOverig",
        waarde,
        jaren,
        "jaar",
        f"zelfs van een vordering na schending van de inlichtingenplicht kan het college na {jaren} jaar zonder "
        f"betaling afzien ({bron} onder c); een vordering op grond van Pw 58 lid 2 kan niet strenger worden "
        "behandeld.",
    )


def _toets_vier_ogen(waarde: object) -> list[Invoerprobleem]:
    if not isinstance(waarde, Mapping):
        return [Invoerprobleem("waarden.vierOgen", "object", "Verwacht {graden, boeteBoven, maatwerk}.")]
    problemen = []
    onbekend = set(waarde) - {"graden", "boeteBoven", "maatwerk"}
    for sleutel in sorted(onbekend):
        problemen.append(Invoerprobleem(f"waarden.vierOgen.{sleutel}", "onbekend", "Onbekend veld."))
    graden = waarde.get("graden", [])
    if not isinstance(graden, list) or any(g not in GRADEN_MET_BOETE for g in graden):
        problemen.append(
            Invoerprobleem(
                "waarden.vierOgen.graden", "graad", f"Verwacht een lijst met graden uit: {', '.join(GRADEN_MET_BOETE)}."
            )
        )
    boven = waarde.get("boeteBoven")
    if boven is not None and (not isinstance(boven, str) or not BEDRAG.fullmatch(boven)):
        problemen.append(
            Invoerprobleem(
                "waarden.vierOgen.boeteBoven", "bedrag", 'Verwacht een bedrag als tekst, bijv. "1000.00", of null.'
            )
        )
    if waarde.get("maatwerk", True) is not True:
        problemen.append(
            Invoerprobleem(
                "waarden.vierOgen.maatwerk",
                "niet_kiesbaar",
                "Maatwerk wijkt af van de uitkomst die uit de wet volgt (Awb 4:84, Awb 5:46 lid 2, Pw 18a lid 7) en "
                "wordt in Maatstaf altijd door een tweede persoon (beoordelaar) vastgesteld; het beleid kan dat niet "
                "uitzetten.",
            )
        )
    return problemen


def _toets_betaalvoorstel(waarde: object) -> list[Invoerprobleem]:
    if not isinstance(waarde, Mapping):
        return [
            Invoerprobleem(
                "waarden.betaalvoorstel",
                "object",
                "Verwacht {boeteZonderOpzet, terugvorderingZonderVerbod, overigeTerugvordering, "
                "kortereLooptijdAanvaarden}.",
            )
        ]
    problemen = []
    for sleutel, keuze in waarde.items():
        naam = f"waarden.betaalvoorstel.{sleutel}"
        if sleutel not in BETAALVOORSTEL_STANDAARD:
            problemen.append(Invoerprobleem(naam, "onbekend", "Onbekend veld."))
        elif sleutel == "kortereLooptijdAanvaarden":
            problemen += _ja_nee(f"betaalvoorstel.{sleutel}", keuze)
        elif keuze not in ("AKKOORD", "BEOORDELEN"):
            problemen.append(Invoerprobleem(naam, "keuze", "Kies AKKOORD of BEOORDELEN."))
    return problemen


def toets(waarden: object, geldig_vanaf: date, data: Regeldata) -> dict[str, Any]:
    """De keuzes van een beleidsversie, getoetst aan de wet die vanaf ``geldig_vanaf`` geldt.

    Raises:
        Invoerfout: elk veld dat de wet niet toestaat of dat geen keuze van het college is, met de wettelijke reden.
    """
    if not isinstance(waarden, Mapping) or not waarden:
        raise Invoerfout.veld("waarden", "verplicht", "Geef ten minste één keuze op.")
    problemen: list[Invoerprobleem] = []
    for naam, waarde in waarden.items():
        if naam in NIET_KIESBAAR:
            voorvoegsel, uitleg = NIET_KIESBAAR[naam]
            pids = sorted(p for p in data.parameters if p == voorvoegsel or p.startswith(voorvoegsel))
            wet = sorted({x.kort() for p in pids for x in data.parameters[p].bronnen})
            problemen.append(
                Invoerprobleem(
                    f"waarden.{naam}",
                    "wettelijk_vastgelegd",
                    f"{uitleg} ({', '.join(wet)}); een gemeente kan daar in haar beleid niet van afwijken, ook niet "
                    "met een hoger of lager getal.",
                )
            )
        elif naam not in KEUZES:
            problemen.append(
                Invoerprobleem(f"waarden.{naam}", "onbekend", f"Geen beleidskeuze; kies uit: {', '.join(KEUZES)}.")
            )
        elif naam in ("waarschuwingIndienMogelijk", "brutoTerugvordering", "vermogenTeltVoorDraagkracht"):
            problemen += _ja_nee(naam, waarde)
        elif naam == "afronding":
            problemen += _toets_afronding(waarde, geldig_vanaf, data)
        elif naam == "draagkrachtMaanden":
            problemen += _toets_draagkracht(waarde, geldig_vanaf, data)
        elif naam == "looptijdSchuldregelingMaanden":
            problemen += _toets_looptijd(waarde, geldig_vanaf, data)
        elif naam == "afzienNaJarenZonderBetalingOverig":
            problemen += _toets_afzien(waarde, geldig_vanaf, data)
        elif naam == "vierOgen":
            problemen += _toets_vier_ogen(waarde)
        elif naam == "betaalvoorstel":
            problemen += _toets_betaalvoorstel(waarde)
    if problemen:
        raise Invoerfout(*problemen)
    uit = dict(waarden)
    if "betaalvoorstel" in uit:
        uit["betaalvoorstel"] = {**BETAALVOORSTEL_STANDAARD, **uit["betaalvoorstel"]}
    if "vierOgen" in uit:
        uit["vierOgen"] = {**VOOR_BELEIDSLAAG["vierOgen"], **uit["vierOgen"]}
    return uit


def toets_bron(bron: Beleidsbron, waarden: Mapping[str, Any]) -> None:
    """Een versie verwijst naar gepubliceerde beleidsregels: een CVDR-id of URL, en voor elke keuze een artikel."""
    problemen = []
    if not bron.cvdr and not bron.url:
        problemen.append(
            Invoerprobleem(
                "bron",
                "verplicht",
                "Verwijs naar de gepubliceerde beleidsregels: een CVDR-id (lokaleregelgeving.overheid.nl) of een URL.",
            )
        )
    if bron.cvdr and not CVDR.fullmatch(bron.cvdr):
        problemen.append(Invoerprobleem("bron.cvdr", "cvdr", "Verwacht een CVDR-id, bijv. CVDR123456 of CVDR123456_2."))
    for keuze in bron.artikelen:
        if keuze not in waarden:
            problemen.append(
                Invoerprobleem(f"bron.artikelen.{keuze}", "onbekend", "Deze keuze staat niet in de waarden.")
            )
    if not bron.artikel:
        for keuze in waarden:
            if keuze not in bron.artikelen:
                problemen.append(
                    Invoerprobleem(
                        f"bron.artikelen.{keuze}",
                        "verplicht",
                        "Noem het artikel van de beleidsregels waarop deze keuze berust (of bron.artikel voor de "
                        "hele versie).",
                    )
                )
    if problemen:
        raise Invoerfout(*problemen)
