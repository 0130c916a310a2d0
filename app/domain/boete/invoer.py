"""De invoer van een boeteberekening (SPEC §3.3) en haar controle: elk probleem samen in één 400 (SPEC §1.1a)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.benadeling import Periode
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.geld import HONDERD
from app.domain.huishouden import Huishouden, controleer_huishouden, norm_ontbreekt
from app.domain.regels import RegelOntbreekt, RegelsOp
from app.domain.verwijtbaarheid import GEEN, VerwijtbaarheidInvoer

# soorten eerdere sancties
SANCTIE_BOETE = "BOETE"
STRAFRECHTELIJKE_SANCTIE = "STRAFRECHTELIJKE_SANCTIE"
SANCTIE_WAARSCHUWING = "WAARSCHUWING"

# afronding (SPEC §1.2): die van het verzoek, anders die van het beleid van de gemeente
GEEN_AFRONDING = "GEEN"
NAAR_BOVEN_OP_TIENTALLEN = "NAAR_BOVEN_OP_TIENTALLEN"


@dataclass(frozen=True, slots=True)
class Sanctie:
    soort: str
    datum: date
    onherroepelijk: bool = True
    zelfde_gedraging: bool = True
    gevangenisstraf: bool = False


@dataclass(frozen=True, slots=True)
class Zelfcorrectie:
    dagen_na_verplichting: int
    voor_constatering: bool
    in_kader_van_toezicht: bool


@dataclass(frozen=True, slots=True)
class Matiging:
    grond: str
    motivering: str
    percentage: Decimal | None = None
    bedrag: Decimal | None = None


@dataclass(frozen=True, slots=True)
class BezwaarOfBeroep:
    """Deze berekening is een heroverweging van een boete waartegen bezwaar of beroep loopt (Awb 5:45 lid 3)."""

    boete_opgelegd_op: date  # de dagtekening van de oorspronkelijke boetebeschikking
    ingesteld_op: date | None = None  # de dag waarop bezwaar is gemaakt of beroep ingesteld


@dataclass(frozen=True, slots=True)
class BoeteInvoer:
    begindatum: date
    einddatum: date
    beschikkingsdatum: date
    verwijtbaarheid: VerwijtbaarheidInvoer
    huishouden: Huishouden
    benadelingsbedrag: Decimal | None = None
    perioden: tuple[Periode, ...] | None = None
    eerdere_sancties: tuple[Sanctie, ...] = ()
    zelfcorrectie: Zelfcorrectie | None = None
    waarschuwing_indien_mogelijk: bool | None = None
    dringende_redenen: str | None = None
    matigingen: tuple[Matiging, ...] = ()
    afronding: str | None = None  # None: de keuze van het beleid van de gemeente (app/domain/beleid/)
    bezwaar_of_beroep: BezwaarOfBeroep | None = None


def controleer(inv: BoeteInvoer) -> None:
    """Elk probleem in de invoer, samen in één Invoerfout (SPEC §1.1a); daarna het huishouden."""
    problemen = [
        *_datumvolgorde(inv),
        *_eerdere_sancties(inv),
        *_bezwaar_of_beroep(inv),
        *_dringende_redenen(inv),
        *_matigingen(inv),
    ]
    if problemen:
        raise Invoerfout(*problemen)
    controleer_huishouden(inv.huishouden)


def _datumvolgorde(inv: BoeteInvoer) -> list[Invoerprobleem]:
    """Begin, einde en beschikking van de overtreding in die volgorde."""
    problemen = []
    if inv.einddatum < inv.begindatum:
        problemen.append(
            Invoerprobleem(
                "overtreding.einddatum", "datumvolgorde", "De einddatum ligt vóór de begindatum van de overtreding."
            )
        )
    elif inv.beschikkingsdatum < inv.einddatum:
        problemen.append(
            Invoerprobleem(
                "beschikkingsdatum", "datumvolgorde", "De beschikkingsdatum ligt vóór het einde van de overtreding."
            )
        )
    return problemen


def _eerdere_sancties(inv: BoeteInvoer) -> list[Invoerprobleem]:
    """Een eerdere sanctie ligt niet na de beschikking; gevangenisstraf alleen bij een strafrechtelijke."""
    problemen = []
    for i, sanctie in enumerate(inv.eerdere_sancties):
        if sanctie.datum > inv.beschikkingsdatum:
            problemen.append(
                Invoerprobleem(
                    f"eerdereSancties.{i}.datum",
                    "toekomst",
                    "Een eerdere sanctie kan niet na de beschikkingsdatum liggen.",
                )
            )
        if sanctie.gevangenisstraf and sanctie.soort != STRAFRECHTELIJKE_SANCTIE:
            problemen.append(
                Invoerprobleem(
                    f"eerdereSancties.{i}.gevangenisstraf",
                    "ongeldig",
                    "Een gevangenisstraf kan alleen bij een strafrechtelijke sanctie.",
                )
            )
    return problemen


def _bezwaar_of_beroep(inv: BoeteInvoer) -> list[Invoerprobleem]:
    """Opgelegd na de overtreding, bezwaar of beroep daarna, en beide niet na de beschikking (Awb 5:45 lid 3)."""
    problemen = []
    bb = inv.bezwaar_of_beroep
    if bb is not None:
        if not (inv.einddatum <= bb.boete_opgelegd_op <= inv.beschikkingsdatum):
            problemen.append(
                Invoerprobleem(
                    "bezwaarOfBeroep.boeteOpgelegdOp",
                    "datumvolgorde",
                    "De boete kan niet vóór het einde van de overtreding of na de beschikkingsdatum zijn opgelegd.",
                )
            )
        if bb.ingesteld_op is not None and not (bb.boete_opgelegd_op <= bb.ingesteld_op <= inv.beschikkingsdatum):
            problemen.append(
                Invoerprobleem(
                    "bezwaarOfBeroep.ingesteldOp",
                    "datumvolgorde",
                    "Bezwaar of beroep ligt na het opleggen van de boete en niet na de beschikkingsdatum.",
                )
            )
    return problemen


def _dringende_redenen(inv: BoeteInvoer) -> list[Invoerprobleem]:
    """Dringende redenen vragen een motivering (Pw 18a lid 7)."""
    problemen = []
    if inv.dringende_redenen is not None and not inv.dringende_redenen.strip():
        problemen.append(
            Invoerprobleem(
                "dringendeRedenen.motivering",
                "motivering_ontbreekt",
                "Dringende redenen vereisen een motivering (Pw 18a lid 7).",
            )
        )
    return problemen


def _matigingen(inv: BoeteInvoer) -> list[Invoerprobleem]:
    """Elke matiging: een percentage óf een bedrag, in bereik, met een motivering (Boetebesluit art. 2 lid 8)."""
    problemen = []
    for i, m in enumerate(inv.matigingen):
        if (m.percentage is None) == (m.bedrag is None):
            problemen.append(
                Invoerprobleem(
                    f"matigingen.{i}.percentage",
                    "precies_een",
                    "Geef een percentage óf een bedrag op, niet beide en niet geen van twee.",
                )
            )
        elif m.percentage is not None and not (0 < m.percentage <= HONDERD):
            problemen.append(
                Invoerprobleem(
                    f"matigingen.{i}.percentage", "bereik", "Het percentage moet groter dan 0 en ten hoogste 100 zijn."
                )
            )
        elif m.bedrag is not None and m.bedrag <= 0:
            problemen.append(Invoerprobleem(f"matigingen.{i}.bedrag", "bereik", "Het bedrag moet groter dan 0 zijn."))
        if not m.motivering.strip():
            problemen.append(
                Invoerprobleem(
                    f"matigingen.{i}.motivering",
                    "motivering_ontbreekt",
                    "Een matiging vereist een motivering (Boetebesluit art. 2 lid 8).",
                )
            )
    return problemen


#: Regels die elke boete op de beschikkingsdatum nodig heeft, welk regime ook geldt (SPEC §1.1a: ontbrekende
#: regels samen in één 400). Regels die in een regime niet bestonden (lid 7, categoriemaxima vóór 2017) horen er
#: niet bij: die leest de berekening als optioneel.
_ALTIJD_NODIG = (
    "boete.regime",
    "boete.afronding",
    "boete.recidivePercentage",
    "boete.geenBenadeling.uitgangspunt",
    "boete.geenBenadeling.maximumCategorie",
    "recidive.termijnJaren",
    "recidive.termijnJarenGevangenisstraf",
    "verval.termijnJaren",
    "verval.termijnJarenLaag",
    "verval.drempel5_53",
    "waarschuwing.maximumBenadeling",
    "waarschuwing.blokkadeJaren",
)


def ontbrekende_regels(inv: BoeteInvoer, graad: str, nu: RegelsOp) -> list[Invoerprobleem]:
    """Alle regels die op de beschikkingsdatum ontbreken, elk als probleem (één 400 in plaats van één per poging)."""
    nodig = list(_ALTIJD_NODIG)
    if graad != GEEN:
        nodig += [f"boete.percentage.{graad}", f"draagkracht.maanden.{graad}"]
    if inv.huishouden.op_bijstandsniveau:
        nodig.append("draagkracht.percentageVanNorm")
    problemen = [
        Invoerprobleem("beschikkingsdatum", "regels_onbekend", str(RegelOntbreekt(nu.data.parameters[pid], nu.datum)))
        for pid in nodig
        if not nu.heeft(pid)
    ]
    h = inv.huishouden
    if h.op_bijstandsniveau and h.toepasselijke_norm is None and h.leefvorm is not None:
        fout = norm_ontbreekt(h.leefvorm, nu)
        if fout is not None:
            problemen.append(
                Invoerprobleem(
                    "huishouden.toepasselijkeNorm", "norm_onbekend", f"{fout} Geef de toepasselijke norm op."
                )
            )
    return problemen
