"""Gemeentebeleid als eigen laag (issue #10 §1): de keuzes die het college binnen de wet maakt, met hun grenzen.

De wet en de beleidsregels van de gemeente zijn verschillende lagen. De wet staat in de regeldata
(``app/regels/*.yaml``); de landelijke standaard van de keuzes in ``app/regels/beleid.yaml``. Een gemeente legt haar
eigen keuzes vast als gedateerde *beleidsversies* (``geldigVanaf``) met een verwijzing naar de gepubliceerde
beleidsregels (CVDR-id of URL, en het artikel per keuze of per versie). Een versie telt pas als een tweede
beleidsbeheerder haar heeft vastgesteld (zie ``app/api/beleid.py``).

Welke keuzes, en waar hun grenzen vandaan komen (nooit een getal in de code, altijd uit de regeldata):

- ``waarschuwingIndienMogelijk``: volstaan met een waarschuwing waar de wet dat toestaat (Pw 18a lid 4, Boetebesluit
  art. 2aa lid 1: "kan"). De wet verplicht nergens tot een waarschuwing: ja en nee zijn allebei toegestaan; of een
  waarschuwing mogelijk is, toetst de berekening altijd zelf.
- ``afronding``: ``GEEN`` of ``NAAR_BOVEN_OP_TIENTALLEN``. Schrijft de regelgeving in de periode van de versie een
  afronding voor (``boete.afronding``, Boetebesluit art. 2 lid 2 tekst tot 2017), dan kan de gemeente niet anders
  kiezen.
- ``brutoTerugvordering``: Pw 58 lid 5 ("kan ... bruto terugvorderen"): ja en nee.
- ``vermogenTeltVoorDraagkracht``: CRvB ECLI:NL:CRVB:2016:9: ja en nee.
- ``draagkrachtMaanden``: per graad een kortere termijn dan de CRvB (``draagkracht.maanden.<graad>``); nooit langer.
- ``looptijdSchuldregelingMaanden``: de looptijd waaraan de gemeente een schuldregeling toetst; ten minste 1 maand en
  niet langer dan de termijn waarna het college van een vordering kan afzien (``afzien.fraudevordering.jaren``,
  Pw 58 lid 7).
- ``afzienNaJarenZonderBetalingOverig``: na hoeveel jaar zonder betaling de gemeente afziet van een vordering op grond
  van Pw 58 lid 2; ten hoogste de termijn waarna dat zelfs bij een vordering na schending van de inlichtingenplicht
  kan (Pw 58 lid 7 onder c, ``afzien.fraudevordering.jaren``).
- ``vierOgen``: welke uitkomsten een tweede persoon nodig hebben voordat ze als vastgesteld gelden: graden (OPZET,
  GROVE_SCHULD, ...), een boete boven een bedrag, en maatwerk (altijd: dat kan het beleid niet uitzetten).

Wat de wet zelf vastlegt (boetepercentages, het recidivepercentage, de grens voor een waarschuwing, de beslagvrije
voet) is geen keuze: zo'n veld wordt geweigerd met de wettelijke bron.

Welke versie geldt: de versie met de laatste ``geldigVanaf`` op of vóór de peildatum van de berekening (de
beschikkingsdatum, of de dag van de berekening als die ontbreekt). Zonder vastgestelde versie geldt de landelijke
standaard. Een berekening legt vast welke versie zij gebruikte; een herberekening gebruikt precies die versie.

Puur: geen FastAPI, geen database.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain import bronnen as b
from app.domain.bronnen import Bron
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.geld import euro
from app.domain.regels import Parameter, Regeldata
from app.domain.uitleg import Stap

# statussen van een beleidsversie
VOORGESTELD = "VOORGESTELD"
VASTGESTELD = "VASTGESTELD"
AFGEWEZEN = "AFGEWEZEN"

# herkomst van een keuze in een berekening
GEMEENTE = "GEMEENTE"  # een vastgestelde beleidsversie van de gemeente
LANDELIJK = "LANDELIJK"  # de landelijke standaard (app/regels/beleid.yaml)
VERZOEK = "VERZOEK"  # het verzoek week af van het beleid, waar het contract dat toestaat

GEEN_AFRONDING = "GEEN"
NAAR_BOVEN_OP_TIENTALLEN = "NAAR_BOVEN_OP_TIENTALLEN"
AFRONDINGEN = (GEEN_AFRONDING, NAAR_BOVEN_OP_TIENTALLEN)
GRADEN_MET_BOETE = ("OPZET", "GROVE_SCHULD", "NORMAAL", "VERMINDERD")

#: Keuzes die na de eerste regeldata bij de beleidslaag kwamen (issue #10). Bewaarde regeldata van vóór die tijd
#: kent ze niet; daar rekende Maatstaf zo (geen afronding tenzij gevraagd, looptijd 36 maanden zoals het contract,
#: de draagkrachttermijnen van de CRvB, geen vier ogen behalve maatwerk). Zo blijft een herberekening van een oud
#: record exact.
VOOR_BELEIDSLAAG: dict[str, object] = {
    "afronding": GEEN_AFRONDING,
    "draagkrachtMaanden": {},
    "looptijdSchuldregelingMaanden": 36,
    "vierOgen": {"graden": [], "boeteBoven": None, "maatwerk": True},
}

CVDR = re.compile(r"CVDR[0-9]{1,10}(_[0-9]{1,3})?")
BEDRAG = re.compile(r"[0-9]{1,12}(\.[0-9]{1,2})?")

_HELE_MAANDEN = {"type": "integer", "minimum": 1}
#: De vorm van ``waarden`` als JSON Schema (voor het OpenAPI-document): welke keuzes er zijn en hun type. De grenzen
#: die uit de regeldata op de ingangsdatum volgen (ten hoogste zoveel maanden of jaren, een voorgeschreven
#: afronding) kan een schema niet zeggen; die toetst ``toets``, met de wettelijke reden.
WAARDEN_SCHEMA: dict = {
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


@dataclass(frozen=True, slots=True)
class Keuze:
    naam: str
    omschrijving: str
    grondslag: tuple[Bron, ...]  # waarop de beleidsruimte van het college berust


KEUZES: dict[str, Keuze] = {
    k.naam: k
    for k in (
        Keuze(
            "waarschuwingIndienMogelijk",
            "Volstaan met een schriftelijke waarschuwing waar de wet dat toestaat",
            (b.PW_18A_LID_4, b.BB_2AA_LID_1),
        ),
        Keuze(
            "afronding",
            "Afronding van de boete waar de regelgeving geen afronding voorschrijft",
            (b.AWB_4_81_LID_1, b.AWB_5_46_LID_2),  # beleidsregels over de eigen boetebevoegdheid
        ),
        Keuze(
            "brutoTerugvordering",
            "Bijstand over een eerder kalenderjaar bruto terugvorderen (inclusief loonheffing)",
            (b.PW_58_LID_5,),
        ),
        Keuze(
            "vermogenTeltVoorDraagkracht",
            "Vermogen boven de vermogensgrens telt eenmalig mee als draagkracht",
            (b.CRVB_2016_9, b.PW_34),
        ),
        Keuze(
            "draagkrachtMaanden",
            "Per graad van verwijtbaarheid een kortere draagkrachttermijn dan de CRvB aanhoudt",
            (b.CRVB_2016_9,),
        ),
        Keuze(
            "looptijdSchuldregelingMaanden",
            "De looptijd waaraan de gemeente een schuldregeling toetst",
            (b.PW_60C, b.PW_58_LID_7),
        ),
        Keuze(
            "afzienNaJarenZonderBetalingOverig",
            "Na zoveel jaar zonder betaling afzien van een vordering op grond van Pw 58 lid 2",
            (b.PW_58_LID_2, b.PW_58_LID_7),
        ),
        Keuze(
            "vierOgen",
            "Welke uitkomsten een tweede persoon nodig hebben voordat ze als vastgesteld gelden",
            (Bron(b.AWB, "10:3"),),
        ),
    )
}

#: Velden die op beleid lijken maar in de wet vastliggen: (parameter-voorvoegsel in de regeldata, uitleg).
NIET_KIESBAAR: dict[str, tuple[str, str]] = {
    "boetepercentage": (
        "boete.percentage.",
        "Het boetepercentage per graad van verwijtbaarheid ligt vast in de wet",
    ),
    "recidivePercentage": ("boete.recidivePercentage", "Het percentage bij recidive ligt vast in de wet"),
    "waarschuwingMaximumBenadeling": (
        "waarschuwing.maximumBenadeling",
        "Tot welk benadelingsbedrag een waarschuwing mogelijk is, ligt vast in de wet",
    ),
    "beslagvrijeVoetPercentage": (
        "beslagvrijeVoet.percentageVanNorm",
        "De beslagvrije voet ligt vast in de wet",
    ),
    "draagkrachtPercentageVanNorm": (
        "draagkracht.percentageVanNorm",
        "De draagkracht op bijstandsniveau volgt uit de beslagvrije voet en de rechtspraak",
    ),
}


@dataclass(frozen=True, slots=True)
class Beleidsbron:
    """De gepubliceerde beleidsregels die een versie uitvoert."""

    titel: str
    cvdr: str | None = None
    url: str | None = None
    artikel: str | None = None  # voor de hele versie
    artikelen: Mapping[str, str] = field(default_factory=dict)  # per keuze

    def als_dict(self) -> dict:
        return {
            "titel": self.titel,
            "cvdr": self.cvdr,
            "url": self.url,
            "artikel": self.artikel,
            "artikelen": dict(self.artikelen),
        }

    @classmethod
    def uit_dict(cls, d: Mapping) -> Beleidsbron:
        return cls(d["titel"], d.get("cvdr"), d.get("url"), d.get("artikel"), dict(d.get("artikelen") or {}))

    def artikel_van(self, keuze: str) -> str | None:
        return self.artikelen.get(keuze) or self.artikel


@dataclass(frozen=True, slots=True)
class Beleidsversie:
    id: str
    gemeente: str
    geldig_vanaf: date
    waarden: Mapping[str, Any]  # alleen de keuzes die de versie maakt; de rest: landelijke standaard
    bron: Beleidsbron
    status: str = VASTGESTELD


# ---------------------------------------------------------------- grenzen


def _kort(parameter: Parameter) -> str:
    return ", ".join(x.kort() for x in parameter.bronnen)


def _waarden_vanaf(parameter: Parameter, vanaf: date) -> list[tuple[date, date | None, object]]:
    """(van, tot en met, waarde) van elke versie die op of na ``vanaf`` geldt."""
    uit = []
    for v in parameter.versies:
        if v.geldig_tot is not None and v.geldig_tot < vanaf:
            continue
        uit.append((max(v.geldig_vanaf, vanaf), v.geldig_tot, v.waarde))
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
    for van, tot, voorgeschreven in _waarden_vanaf(parameter, vanaf):
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
    waarden = [int(w) for _, _, w in _waarden_vanaf(parameter, vanaf)]
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


def toets(waarden: object, geldig_vanaf: date, data: Regeldata) -> dict:
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
    if problemen:
        raise Invoerfout(*problemen)
    uit = dict(waarden)
    if "vierOgen" in uit:
        uit["vierOgen"] = {**VOOR_BELEIDSLAAG["vierOgen"], **uit["vierOgen"]}
    return uit


def toets_bron(bron: Beleidsbron, waarden: Mapping) -> None:
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


# ---------------------------------------------------------------- toepassen


def landelijk(data: Regeldata) -> dict[str, Any]:
    """De landelijke standaard: ``app/regels/beleid.yaml`` van deze regeldata."""
    return {**VOOR_BELEIDSLAAG, **data.beleid}


def verschillen(waarden: Mapping, standaard: Mapping) -> list[dict]:
    """Per keuze van de versie die afwijkt van de landelijke standaard: {keuze, waarde, landelijk}."""
    return [
        {"keuze": k, "waarde": v, "landelijk": standaard.get(k)}
        for k, v in waarden.items()
        if standaard.get(k) != (v if k != "vierOgen" else {**VOOR_BELEIDSLAAG["vierOgen"], **v})
    ]


@dataclass(frozen=True)
class Beleidslaag:
    """Het beleid waarmee één berekening rekent: de versie (of de landelijke standaard) en de keuzes daaruit."""

    gemeente: str | None
    versie: Beleidsversie | None
    waarden: Mapping[str, Any]  # alle keuzes: die van de versie over de landelijke standaard

    def citaat(self, keuze: str, herkomst: str | None = None) -> dict:
        """Waarop een stap die op ``keuze`` rust berust: de beleidsregel van de gemeente, of de standaard."""
        waarde = self.waarden.get(keuze)
        if herkomst == VERZOEK:
            return {
                "keuze": keuze,
                "herkomst": VERZOEK,
                "omschrijving": "In het verzoek gekozen, in afwijking van het beleid.",
            }
        if self.versie is not None and keuze in self.versie.waarden:
            bron = self.versie.bron
            return {
                "keuze": keuze,
                "waarde": waarde,
                "herkomst": GEMEENTE,
                "gemeente": self.gemeente,
                "beleidsversieId": self.versie.id,
                "geldigVanaf": self.versie.geldig_vanaf.isoformat(),
                "titel": bron.titel,
                "artikel": bron.artikel_van(keuze),
                "cvdr": bron.cvdr,
                "url": bron.url,
            }
        return {
            "keuze": keuze,
            "waarde": waarde,
            "herkomst": LANDELIJK,
            "gemeente": self.gemeente,
            "titel": "Landelijke standaard van Maatstaf (app/regels/beleid.yaml); de gemeente heeft hier geen eigen "
            "beleidsregel vastgesteld",
        }

    def als_dict(self) -> dict:
        """Wat in elk resultaat staat: welke versie is gebruikt (een herberekening gebruikt dezelfde)."""
        if self.versie is None:
            return {"herkomst": LANDELIJK, "gemeente": self.gemeente, "beleidsversieId": None}
        return {
            "herkomst": GEMEENTE,
            "gemeente": self.gemeente,
            "beleidsversieId": self.versie.id,
            "geldigVanaf": self.versie.geldig_vanaf.isoformat(),
            "bron": self.versie.bron.als_dict(),
        }


@dataclass(frozen=True)
class Beleidslijn:
    """De vastgestelde versies van één gemeente, oplopend op ``geldigVanaf``; of één vaste versie (herberekening)."""

    gemeente: str | None
    versies: tuple[Beleidsversie, ...] = ()
    vast: bool = False  # True: altijd versies[0] (of de landelijke standaard als er geen is), ongeacht de datum

    @classmethod
    def van(cls, gemeente: str | None, versies: Sequence[Beleidsversie]) -> Beleidslijn:
        return cls(
            gemeente, tuple(sorted((v for v in versies if v.status == VASTGESTELD), key=lambda v: v.geldig_vanaf))
        )

    @classmethod
    def precies(cls, gemeente: str | None, versie: Beleidsversie | None) -> Beleidslijn:
        return cls(gemeente, (versie,) if versie is not None else (), vast=True)

    def versie_op(self, datum: date) -> Beleidsversie | None:
        if self.vast:
            return self.versies[0] if self.versies else None
        i = bisect_right([v.geldig_vanaf for v in self.versies], datum) - 1
        return self.versies[i] if i >= 0 else None

    def laag(self, data: Regeldata, datum: date) -> Beleidslaag:
        versie = self.versie_op(datum)
        waarden = landelijk(data)
        if versie is not None:
            waarden.update(versie.waarden)
        return Beleidslaag(self.gemeente, versie, waarden)

    def toegepast(self, data: Regeldata, datum: date) -> Regeldata:
        """De regeldata met het beleid dat op ``datum`` geldt (de wet blijft gelijk, ook de regelversie)."""
        laag = self.laag(data, datum)
        return data.met_beleid(laag.waarden, laag)


def laag_van(data: Regeldata) -> Beleidslaag:
    """De beleidslaag waarmee ``data`` rekent (de landelijke standaard als er geen is toegepast)."""
    laag = data.beleidslaag
    if isinstance(laag, Beleidslaag):
        return laag
    return Beleidslaag(None, None, landelijk(data))


def stap_als_dict(stap: Stap, laag: Beleidslaag) -> dict:
    """Een uitlegstap; rust zij op beleid, dan met ``beleid``: de beleidsregel per keuze, los van de wettelijke bron."""
    d = stap.als_dict()
    if stap.beleid:
        d["beleid"] = [laag.citaat(keuze, herkomst) for keuze, herkomst in stap.beleid]
    return d


def vier_ogen(waarden: Mapping, graad: str, uitkomst: str, boete: Decimal) -> list[str]:
    """Waarom deze boete volgens het beleid een tweede persoon nodig heeft voordat zij als vastgesteld geldt."""
    regel = {**VOOR_BELEIDSLAAG["vierOgen"], **(waarden.get("vierOgen") or {})}
    redenen = []
    if uitkomst == "BOETE" and graad in regel["graden"]:
        redenen.append(f"De graad van verwijtbaarheid is {graad}.")
    boven = regel.get("boeteBoven")
    if uitkomst == "BOETE" and boven is not None and boete > Decimal(str(boven)):
        redenen.append(f"De boete van {euro(boete)} is hoger dan {euro(Decimal(str(boven)))}.")
    return redenen


def vier_ogen_stap(redenen: list[str], graad: str, boete: Decimal) -> Stap:
    """De uitlegstap van een boete die volgens het beleid een tweede persoon nodig heeft. De wettelijke grondslag is
    de bevoegdheid tot beleidsregels (Awb 4:81 lid 1); de beleidsregel zelf staat apart in ``beleid``."""
    return Stap(
        "beleid.vierOgen",
        "Volgens het beleid van de gemeente geldt deze boete pas als vastgesteld nadat een tweede persoon haar heeft "
        f"beoordeeld: {' '.join(redenen)}",
        (b.AWB_4_81_LID_1,),
        {"graad": graad, "boete": f"{boete:.2f}"},
        {"vierOgenVereist": True},
        (("vierOgen", None),),
    )
