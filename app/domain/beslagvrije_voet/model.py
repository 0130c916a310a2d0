"""Invoer en uitkomst van de beslagvrije voet, en de controle van de invoer (een ``Invoerfout`` met alle problemen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.bronnen import Bron
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.geld import NUL
from app.domain.uitleg import Stap

# De leefsituaties van Rv 475ab en 475da lid 1 (onder a-d)
ALLEENSTAANDE = "ALLEENSTAANDE"
ALLEENSTAANDE_OUDER = "ALLEENSTAANDE_OUDER"
GEHUWDEN_ZONDER_KINDEREN = "GEHUWDEN_ZONDER_KINDEREN"
GEHUWDEN_MET_KINDEREN = "GEHUWDEN_MET_KINDEREN"
LEEFSITUATIES = (ALLEENSTAANDE, ALLEENSTAANDE_OUDER, GEHUWDEN_ZONDER_KINDEREN, GEHUWDEN_MET_KINDEREN)
GEHUWD = frozenset({GEHUWDEN_ZONDER_KINDEREN, GEHUWDEN_MET_KINDEREN})
#: Het onderdeel van 475da lid 1 en lid 2 bij elke leefsituatie.
ONDERDEEL = {ALLEENSTAANDE: "a", ALLEENSTAANDE_OUDER: "b", GEHUWDEN_ZONDER_KINDEREN: "c", GEHUWDEN_MET_KINDEREN: "d"}
TEKST = {
    ALLEENSTAANDE: "een alleenstaande",
    ALLEENSTAANDE_OUDER: "een alleenstaande ouder",
    GEHUWDEN_ZONDER_KINDEREN: "gehuwden zonder kinderen",
    GEHUWDEN_MET_KINDEREN: "gehuwden met een of meer kinderen",
}

# De woning bij een verzoek om verhoging van 475da lid 7
EIGEN_WONING = "EIGEN_WONING"
HUURWONING_NIET_WHT_11 = "HUURWONING_NIET_WHT_11"
WONINGEN = (EIGEN_WONING, HUURWONING_NIET_WHT_11)

# Welke regel de voet bepaalde
OUD_475D = "OUD_475D"  # tot en met 2020: 90% van de bijstandsnorm
KWADRATISCH = "KWADRATISCH"  # 475da lid 2, 2021-2025
LINEAIR = "LINEAIR"  # 475da lid 2, vanaf 2026
GEEN_WOONADRES = "GEEN_WOONADRES"  # 475da lid 4: 47,5% van de gehuwdennorm
INRICHTING = "INRICHTING"  # 475e lid 2

# Status van de uitkomst
BEREKEND = "BEREKEND"
BEOORDELING_VEREIST = "BEOORDELING_VEREIST"


@dataclass(frozen=True, slots=True)
class Inrichting:
    """Verblijf ter verzorging of verpleging in een inrichting (475e lid 2). ``norm_pw23_lid1``: de bijstandsnorm van
    Pw 23 lid 1 per maand; Maatstaf heeft die niet in de regeldata, dus zonder dit bedrag is dat deel niet te berekenen.
    """

    prijs_zorg: Decimal
    norm_pw23_lid1: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Bijstand:
    """De aanroeper verklaart dat het beslagen inkomen een uitkering is die bij AMvB is aangewezen voor 475dc lid 2
    (zoals bijstand). ``bijstandsnorm``: de voor de geëxecuteerde geldende norm inclusief vakantiebijslag (zonder: de
    norm van Pw 21 onder a of b bij de leefsituatie); ``inkomen_pw32``: het inkomen van Pw 32 per maand."""

    bijstandsnorm: Decimal | None = None
    inkomen_pw32: Decimal = NUL


@dataclass(frozen=True, slots=True)
class BeslagvrijeVoetInvoer:
    """``belastbaar_jaarinkomen`` is C: het belastbaar inkomen van de schuldenaar en zijn echtgenoot, herleid tot een
    jaar (475d lid 1). ``netto_maandinkomen``: het maandelijkse inkomen van de schuldenaar uit vorderingen van 475c lid 1
    onder a-i, inclusief vakantiebijslag (475dc); ``vakantiebijslag_per_maand`` het deel daarvan dat vakantiebijslag is
    (alleen van belang vóór 2022, toen 475dc haar niet meetelde). Bedragen per maand, behalve C."""

    peildatum: date
    leefsituatie: str
    belastbaar_jaarinkomen: Decimal
    netto_maandinkomen: Decimal
    vakantiebijslag_per_maand: Decimal | None = None
    woonadres_in_nederland: bool = True
    inzicht_gegeven: bool = False
    vaste_verblijfplaats_buitenland: bool = False
    inrichting: Inrichting | None = None
    niet_beslagen_inkomen_partner: Decimal = NUL
    niet_beslagen_inkomen_schuldenaar: Decimal = NUL
    woonkosten: Decimal | None = None
    woning: str | None = None
    bijstand: Bijstand | None = None


@dataclass(frozen=True, slots=True)
class Deel:
    """Een maandbedrag dat de voet opbouwt (positief) of vermindert (negatief), met het artikel."""

    naam: str
    bedrag: Decimal
    bron: Bron


@dataclass(frozen=True, slots=True)
class Beoordeling:
    """Een deel dat Maatstaf niet berekent: waarom niet, en welk artikel het regelt."""

    deel: str
    reden: str
    bron: Bron


@dataclass(frozen=True, slots=True)
class BeslagvrijeVoetUitkomst:
    """``status`` is BEOORDELING_VEREIST als een deel niet te berekenen was (``beoordeling_vereist``): dan is
    ``beslagvrije_voet`` de voet zonder die delen. ``onzeker``: de gebruikte parameters met status onzeker."""

    beslagvrije_voet: Decimal
    maximum: Decimal | None
    afloscapaciteit: Decimal
    geldig_tot: date | None
    formule: str
    status: str
    delen: tuple[Deel, ...]
    beoordeling_vereist: tuple[Beoordeling, ...]
    onzeker: tuple[str, ...]
    stappen: list[Stap]
    signalen: list[str]


def _niet_negatief(naam: str, waarde: Decimal | None) -> list[Invoerprobleem]:
    if waarde is not None and waarde < 0:
        return [Invoerprobleem(naam, "negatief", "Mag niet negatief zijn.")]
    return []


def controleer_invoer(inv: BeslagvrijeVoetInvoer) -> None:
    """Alle problemen in één ``Invoerfout`` (de API maakt er een 400 van); namen zoals in het contract."""
    problemen: list[Invoerprobleem] = []
    if inv.leefsituatie not in LEEFSITUATIES:
        problemen.append(Invoerprobleem("leefsituatie", "onbekend", f"Kies uit {', '.join(LEEFSITUATIES)}."))
    for naam, waarde in (
        ("belastbaarJaarinkomen", inv.belastbaar_jaarinkomen),
        ("nettoMaandinkomen", inv.netto_maandinkomen),
        ("vakantiebijslagPerMaand", inv.vakantiebijslag_per_maand),
        ("nietBeslagenInkomenPartner", inv.niet_beslagen_inkomen_partner),
        ("nietBeslagenInkomenSchuldenaar", inv.niet_beslagen_inkomen_schuldenaar),
        ("woonkosten", inv.woonkosten),
    ):
        problemen += _niet_negatief(naam, waarde)
    if inv.vakantiebijslag_per_maand is not None and inv.vakantiebijslag_per_maand > inv.netto_maandinkomen:
        problemen.append(
            Invoerprobleem("vakantiebijslagPerMaand", "te_hoog", "Is een deel van nettoMaandinkomen, dus niet hoger.")
        )
    if inv.niet_beslagen_inkomen_partner > 0 and inv.leefsituatie not in GEHUWD:
        problemen.append(
            Invoerprobleem(
                "nietBeslagenInkomenPartner",
                "geen_echtgenoot",
                "Alleen bij gehuwden: 475db lid 1 onder a gaat over het inkomen van de echtgenoot.",
            )
        )
    if inv.vaste_verblijfplaats_buitenland and inv.woonadres_in_nederland:
        problemen.append(
            Invoerprobleem(
                "vasteVerblijfplaatsBuitenland",
                "tegenstrijdig",
                "Een vaste woon- of verblijfplaats buiten Nederland vraagt woonadresInNederland false.",
            )
        )
    if inv.woning is not None and inv.woning not in WONINGEN:
        problemen.append(Invoerprobleem("woning", "onbekend", f"Kies uit {', '.join(WONINGEN)}."))
    if inv.inrichting is not None:
        problemen += _niet_negatief("inrichting.prijsZorg", inv.inrichting.prijs_zorg)
        problemen += _niet_negatief("inrichting.normPw23Lid1", inv.inrichting.norm_pw23_lid1)
    if inv.bijstand is not None:
        problemen += _niet_negatief("bijstand.bijstandsnorm", inv.bijstand.bijstandsnorm)
        problemen += _niet_negatief("bijstand.inkomenPw32", inv.bijstand.inkomen_pw32)
    if problemen:
        raise Invoerfout(*problemen)


class Verloop:
    """Wat één berekening verzamelt naast de uitleg: de delen van de voet en wat beoordeling vraagt."""

    __slots__ = ("delen", "beoordelingen")

    def __init__(self) -> None:
        self.delen: list[Deel] = []
        self.beoordelingen: list[Beoordeling] = []

    def deel(self, naam: str, bedrag: Decimal, bron: Bron) -> None:
        self.delen.append(Deel(naam, bedrag, bron))

    def beoordeling(self, deel: str, reden: str, bron: Bron) -> None:
        self.beoordelingen.append(Beoordeling(deel, reden, bron))


def getal(waarde: Decimal) -> str:
    """Een percentage of factor in Nederlandse schrijfwijze voor de uitleg: ``13,67``, ``0,000000413370``, ``2``."""
    return format(waarde, "f").replace(".", ",")
