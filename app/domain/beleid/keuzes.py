"""De keuzes van het beleid van de gemeente (issue #10 §1): welke er zijn, waarop de beleidsruimte berust, wat de wet
zelf vastlegt, en een beleidsversie met de gepubliceerde beleidsregels waarnaar zij verwijst."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain import bronnen as b
from app.domain.bronnen import Bron

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

#: De keuzes voor het antwoord op een betaalvoorstel (issue #19): standaard beslist een medewerker.
BETAALVOORSTEL_STANDAARD: dict[str, Any] = {
    "boeteZonderOpzet": "BEOORDELEN",
    "terugvorderingZonderVerbod": "BEOORDELEN",
    "overigeTerugvordering": "BEOORDELEN",
    "kortereLooptijdAanvaarden": False,
}

#: Keuzes die na de eerste regeldata bij de beleidslaag kwamen (issue #10). Bewaarde regeldata van vóór die tijd
#: kent ze niet; daar rekende Maatstaf zo (geen afronding tenzij gevraagd, looptijd 36 maanden zoals het contract,
#: de draagkrachttermijnen van de CRvB, geen vier ogen behalve maatwerk). Zo blijft een herberekening van een oud
#: record exact.
VOOR_BELEIDSLAAG: dict[str, Any] = {
    "afronding": GEEN_AFRONDING,
    "betaalvoorstel": BETAALVOORSTEL_STANDAARD,
    "draagkrachtMaanden": {},
    "looptijdSchuldregelingMaanden": 36,
    "vierOgen": {"graden": [], "boeteBoven": None, "maatwerk": True},
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
            "betaalvoorstel",
            "Het antwoord op een betaalvoorstel waar de wet ruimte laat (akkoord of beoordelen), en of een kortere "
            "looptijd aanvaardbaar is",
            (b.PW_18A_LID_13, b.PW_60C, b.PW_58_LID_7, b.PW_58_LID_8),
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

    def als_dict(self) -> dict[str, object]:
        return {
            "titel": self.titel,
            "cvdr": self.cvdr,
            "url": self.url,
            "artikel": self.artikel,
            "artikelen": dict(self.artikelen),
        }

    @classmethod
    def uit_dict(cls, d: Mapping[str, Any]) -> Beleidsbron:
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
