"""Maatwerk: een gedocumenteerde afwijking van de berekende uitkomst, alleen in het voordeel van de belanghebbende.

Een medewerker vraagt het aan (status TER_BEOORDELING); een beoordelaar, een ander persoon van dezelfde gemeente,
keurt het goed (VASTGESTELD) of wijst het af (AFGEWEZEN, met reden). De oorspronkelijke berekening blijft staan.

Gronden en waarop ze zien:

- ``PW_18A_LID_7``: afzien van de boete wegens dringende redenen (Pw 18a lid 7) → uitkomst AFGEZIEN;
- ``BOETEBESLUIT_2_LID_8``: de percentages "zo nodig verlaagd" voor een evenredige boete → een lagere boete;
- ``AWB_5_46``: de boete afgestemd op ernst, verwijtbaarheid en omstandigheden (Awb 5:46 lid 2-3) → een lagere
  boete of een waarschuwing in plaats van een boete;
- ``PW_58_LID_8``: geheel of gedeeltelijk afzien van terugvordering wegens dringende redenen → een lagere
  terugvordering;
- ``AWB_4_94A``: (gedeeltelijke) kwijtschelding wegens onevenredige gevolgen van invordering → een lagere
  terugvordering.

Wat Maatstaf toetst is of de afwijking *gunstiger* is en bij de grond past, en of de motivering inhoud heeft; of
de grond zich werkelijk voordoet, is het oordeel van de professional en de beoordelaar.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.domain import bronnen as b
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.geld import NUL, euro

TER_BEOORDELING = "TER_BEOORDELING"
VASTGESTELD = "VASTGESTELD"
AFGEWEZEN = "AFGEWEZEN"
GOEDGEKEURD = "GOEDGEKEURD"

BOETEBEREKENING = "boeteberekening"
BENADELINGSBEDRAG = "benadelingsbedrag"


@dataclass(frozen=True, slots=True)
class Grond:
    code: str
    soort: str  # de soort berekening waarop deze grond ziet
    bron: b.Bron
    omschrijving: str
    uitkomsten: tuple[str, ...] = ()  # toegestane uitkomsten bij een boete


GRONDEN = {
    g.code: g
    for g in (
        Grond(
            "PW_18A_LID_7",
            BOETEBEREKENING,
            b.PW_18A_LID_7,
            "afzien van de boete wegens dringende redenen",
            ("AFGEZIEN",),
        ),
        Grond(
            "BOETEBESLUIT_2_LID_8",
            BOETEBEREKENING,
            b.BB_2_LID_8,
            "verlaging van het boetepercentage voor een evenredige boete",
            ("BOETE",),
        ),
        Grond(
            "AWB_5_46",
            BOETEBEREKENING,
            b.AWB_5_46_LID_2,
            "afstemming van de boete op ernst, verwijtbaarheid en omstandigheden",
            ("BOETE", "WAARSCHUWING"),
        ),
        Grond("PW_58_LID_8", BENADELINGSBEDRAG, b.PW_58_LID_8, "afzien van terugvordering wegens dringende redenen"),
        Grond(
            "AWB_4_94A",
            BENADELINGSBEDRAG,
            b.AWB_4_94A,
            "kwijtschelding wegens onevenredige gevolgen van de invordering",
        ),
    )
}

#: Hoe zwaar een uitkomst is voor de belanghebbende: een afwijking mag alleen gelijk of lichter uitvallen.
_ZWAARTE = {"GEEN_BOETE": 0, "AFGEZIEN": 0, "WAARSCHUWING": 1, "BOETE": 2, "BEOORDELING_VEREIST": 2}

#: Een motivering "van inhoud": ten minste zoveel tekens en verschillende woorden, en geen standaardfrase.
MIN_TEKENS = 40
MIN_WOORDEN = 6
_LEGE_FRASES = re.compile(
    r"^(n\.?v\.?t\.?|zie (dossier|bijlage|notitie|gesprek)|akkoord|conform (advies|beleid)|test|maatwerk|"
    r"dringende redenen|evenredigheid|schrijnend|op verzoek)[\s.!]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Afwijking:
    """Een aangevraagde afwijking, al getoetst."""

    grond: Grond
    uitkomst: str | None  # bij een boete
    bedrag: Decimal  # de nieuwe boete, of de nieuwe terugvordering
    oorspronkelijk_bedrag: Decimal
    oorspronkelijke_uitkomst: str | None
    motivering: str

    def zin(self) -> str:
        if self.grond.soort == BOETEBEREKENING:
            oud = f"{self.oorspronkelijke_uitkomst} ({euro(self.oorspronkelijk_bedrag)})"
            nieuw = f"{self.uitkomst} ({euro(self.bedrag)})"
        else:
            oud, nieuw = euro(self.oorspronkelijk_bedrag), euro(self.bedrag)
        return (
            f"Afwijking op grond van {self.grond.bron.kort()} ({self.grond.omschrijving}): {oud} wordt {nieuw}. "
            f"Motivering: {self.motivering}"
        )


def controleer_motivering(tekst: str | None, veld: str = "motivering") -> str:
    """Weigert een lege, korte of nietszeggende motivering; geeft de opgeschoonde tekst terug."""
    schoon = " ".join((tekst or "").split())
    woorden = {w.lower() for w in re.findall(r"[^\W\d_]{2,}", schoon)}
    if not schoon:
        reden = "Een motivering is verplicht."
    elif _LEGE_FRASES.match(schoon):
        reden = "Deze motivering is een standaardfrase; beschrijf de feiten en de afweging."
    elif len(schoon) < MIN_TEKENS or len(woorden) < MIN_WOORDEN:
        reden = (
            f"Beschrijf de feiten en de afweging (ten minste {MIN_TEKENS} tekens en {MIN_WOORDEN} verschillende "
            "woorden): een collega en de burger moeten kunnen volgen waarom wordt afgeweken."
        )
    else:
        return schoon
    raise Invoerfout.veld(veld, "motivering_onvoldoende", reden)


#: (uitkomst, bedrag, oorspronkelijk bedrag, oorspronkelijke uitkomst) van een getoetste afwijking; de uitkomsten
#: alleen bij een boete.
_Bedragen = tuple[str | None, Decimal, Decimal, str | None]


def toets_afwijking(
    soort: str,
    resultaat: Mapping[str, Any],
    grond: str,
    uitkomst: str | None,
    boete: Decimal | None,
    terugvordering: Decimal | None,
    motivering: str | None,
) -> Afwijking:
    """Toetst een aanvraag tegen het oorspronkelijke resultaat; Invoerfout als ze niet gunstiger is of niet past."""
    g = GRONDEN.get(grond)
    if g is None:
        raise Invoerfout.veld("grond", "onbekend", f"Onbekende grond; toegestaan: {', '.join(GRONDEN)}.")
    if g.soort != soort:
        raise Invoerfout.veld(
            "grond",
            "past_niet",
            f"{g.bron.kort()} ziet op een {g.soort}, deze berekening is een {soort}.",
        )
    problemen: list[Invoerprobleem] = []
    if soort == BOETEBEREKENING:
        afwijking = _boete(g, resultaat, uitkomst, boete, terugvordering, problemen)
    else:
        afwijking = _terugvordering(g, resultaat, uitkomst, boete, terugvordering, problemen)
    try:
        schoon = controleer_motivering(motivering)
    except Invoerfout as fout:
        problemen += fout.problemen
        schoon = ""
    if problemen:
        raise Invoerfout(*problemen)
    return Afwijking(g, *afwijking, schoon)


def _boete(
    g: Grond,
    resultaat: Mapping[str, Any],
    uitkomst: str | None,
    boete: Decimal | None,
    terugvordering: Decimal | None,
    problemen: list[Invoerprobleem],
) -> _Bedragen:
    oud_uitkomst = resultaat["uitkomst"]
    oud = Decimal(resultaat["boete"])
    if oud_uitkomst == "BEOORDELING_VEREIST":
        return _boete_vaststellen(g, resultaat, uitkomst, boete, terugvordering, problemen)
    if terugvordering is not None:
        problemen.append(
            Invoerprobleem("terugvordering", "past_niet", "Bij een boeteberekening: geef uitkomst en boete.")
        )
    nieuw_uitkomst = uitkomst or ("BOETE" if boete is not None and boete > 0 else g.uitkomsten[0])
    if nieuw_uitkomst not in g.uitkomsten:
        problemen.append(
            Invoerprobleem(
                "uitkomst",
                "past_niet",
                f"Op grond van {g.bron.kort()} kan de uitkomst alleen {' of '.join(g.uitkomsten)} zijn.",
            )
        )
        return nieuw_uitkomst, boete or NUL, oud, oud_uitkomst
    if nieuw_uitkomst == "BOETE":
        if boete is None:
            problemen.append(Invoerprobleem("boete", "verplicht", "Geef de nieuwe, lagere boete."))
            return nieuw_uitkomst, NUL, oud, oud_uitkomst
        nieuw = boete
    else:
        if boete not in (None, NUL):
            problemen.append(Invoerprobleem("boete", "past_niet", f"Bij {nieuw_uitkomst} is de boete 0.00."))
        nieuw = NUL
    if _ZWAARTE[nieuw_uitkomst] > _ZWAARTE[oud_uitkomst] or nieuw > oud:
        problemen.append(
            Invoerprobleem(
                "uitkomst" if _ZWAARTE[nieuw_uitkomst] > _ZWAARTE[oud_uitkomst] else "boete",
                "ongunstiger",
                f"Maatwerk mag alleen in het voordeel van de belanghebbende afwijken: de berekende uitkomst is "
                f"{oud_uitkomst} met een boete van {euro(oud)}.",
            )
        )
    elif nieuw == oud and nieuw_uitkomst == oud_uitkomst:
        problemen.append(Invoerprobleem("boete", "geen_afwijking", "Dit is gelijk aan de berekende uitkomst."))
    return nieuw_uitkomst, nieuw, oud, oud_uitkomst


def _boete_vaststellen(
    g: Grond,
    resultaat: Mapping[str, Any],
    uitkomst: str | None,
    boete: Decimal | None,
    terugvordering: Decimal | None,
    problemen: list[Invoerprobleem],
) -> _Bedragen:
    """De regelgeving schreef een lagere boete voor zonder te zeggen hoeveel (uitkomst BEOORDELING_VEREIST): het
    maatwerk stelt het bedrag vast, lager dan ``beoordelingVereist.lagerDan``, of kiest een lichtere uitkomst."""
    grens = Decimal(resultaat["beoordelingVereist"]["lagerDan"])
    if terugvordering is not None:
        problemen.append(
            Invoerprobleem("terugvordering", "past_niet", "Bij een boeteberekening: geef uitkomst en boete.")
        )
    nieuw_uitkomst = uitkomst or ("BOETE" if boete is not None and boete > 0 else g.uitkomsten[0])
    if nieuw_uitkomst not in g.uitkomsten:
        problemen.append(
            Invoerprobleem(
                "uitkomst",
                "past_niet",
                f"Op grond van {g.bron.kort()} kan de uitkomst alleen {' of '.join(g.uitkomsten)} zijn.",
            )
        )
        return nieuw_uitkomst, boete or NUL, grens, "BEOORDELING_VEREIST"
    if nieuw_uitkomst != "BOETE":
        if boete not in (None, NUL):
            problemen.append(Invoerprobleem("boete", "past_niet", f"Bij {nieuw_uitkomst} is de boete 0.00."))
        return nieuw_uitkomst, NUL, grens, "BEOORDELING_VEREIST"
    if boete is None or not (NUL < boete < grens):
        problemen.append(
            Invoerprobleem(
                "boete",
                "buiten_grens",
                f"De regelgeving schrijft een boete lager dan {euro(grens)} voor: geef een bedrag groter dan 0 en "
                f"lager dan {euro(grens)}.",
            )
        )
        return nieuw_uitkomst, boete or NUL, grens, "BEOORDELING_VEREIST"
    return nieuw_uitkomst, boete, grens, "BEOORDELING_VEREIST"


def _terugvordering(
    g: Grond,
    resultaat: Mapping[str, Any],
    uitkomst: str | None,
    boete: Decimal | None,
    terugvordering: Decimal | None,
    problemen: list[Invoerprobleem],
) -> _Bedragen:
    oud = Decimal(resultaat["terugvorderingNetto"])
    if uitkomst is not None or boete is not None:
        problemen.append(
            Invoerprobleem(
                "uitkomst" if uitkomst is not None else "boete",
                "past_niet",
                "Bij een terugvordering: geef terugvordering.",
            )
        )
    if terugvordering is None:
        problemen.append(
            Invoerprobleem("terugvordering", "verplicht", "Geef het nieuwe, lagere terug te vorderen bedrag.")
        )
        return None, NUL, oud, None
    if terugvordering > oud:
        problemen.append(
            Invoerprobleem(
                "terugvordering",
                "ongunstiger",
                f"Maatwerk mag alleen in het voordeel van de belanghebbende afwijken: de berekende terugvordering is "
                f"{euro(oud)}.",
            )
        )
    elif terugvordering == oud:
        problemen.append(
            Invoerprobleem("terugvordering", "geen_afwijking", "Dit is gelijk aan de berekende terugvordering.")
        )
    return None, terugvordering, oud, None
