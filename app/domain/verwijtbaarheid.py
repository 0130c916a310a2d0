"""SPEC §3.2 — mate van verwijtbaarheid (Boetebesluit art. 2 en 2a; Awb 5:41).

Maatstaf stelt opzet of grove schuld nooit zelf vast: het college moet die stellen en bewijzen (Boetebesluit 2
lid 9). De indicaties van 2a lid 3 en 4 ("kunnen") worden signalen, nooit een graad.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.domain import bronnen as b
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.regels import RegelsOp
from app.domain.uitleg import Uitleg

OPZET = "OPZET"
GROVE_SCHULD = "GROVE_SCHULD"
NORMAAL = "NORMAAL"
VERMINDERD = "VERMINDERD"
GEEN = "GEEN"
GRADEN = (OPZET, GROVE_SCHULD, NORMAAL, VERMINDERD, GEEN)

# Boetebesluit art. 2a lid 2: "in ieder geval" verminderde verwijtbaarheid. Code -> (onderdeel, korte omschrijving)
VERMINDERINGSGRONDEN = {
    "ONTWRICHTENDE_OMSTANDIGHEDEN": ("a", "emotioneel ontwrichtende, onvoorziene omstandigheden"),
    "GEESTELIJKE_TOESTAND": ("b", "een geestelijke toestand waardoor de overtreding niet volledig valt aan te rekenen"),
    "ZELF_GECORRIGEERD": ("c", "alsnog uit eigen beweging de juiste inlichtingen gegeven vóór de constatering"),
    "MEDE_TE_WIJTEN_AAN_BESTUURSORGAAN": (
        "d",
        "de overtreding of de hoogte van de benadeling is mede te wijten aan het college",
    ),
    "SAMENLOOP_VAN_OMSTANDIGHEDEN": ("e", "een samenloop van omstandigheden"),
}

# Boetebesluit art. 2a lid 3 en 4: omstandigheden die grove schuld of opzet "kunnen" opleveren.
INDICATIES = {
    "HERHAALDE_ONJUISTE_INFORMATIE": (b.BB_2A_LID_3, "a", GROVE_SCHULD),
    "SAMENLOOP_NORMALE_VERWIJTBAARHEID": (b.BB_2A_LID_3, "b", GROVE_SCHULD),
    "ZELF_TOEGEGEVEN": (b.BB_2A_LID_4, "a", OPZET),
    "VERZWIJGEN_WERKZAAMHEDEN": (b.BB_2A_LID_4, "b", OPZET),
    "VERZWIJGEN_GEZIN_INKOMSTEN_OF_VERMOGEN": (b.BB_2A_LID_4, "c", OPZET),
}

PERCENTAGE_BRON = {OPZET: b.BB_2_LID_2, GROVE_SCHULD: b.BB_2_LID_3, NORMAAL: b.BB_2_LID_4, VERMINDERD: b.BB_2_LID_5}
#: Boeteregimes (parameter boete.regime): de Fraudewet zoals de CRvB die matigde, en de wet van 2017.
FRAUDEWET_2013 = "FRAUDEWET_2013"
BOETEWET_2017 = "BOETEWET_2017"


def _fraudewet(regels: RegelsOp | None) -> bool:
    """Gold op de datum het boeteregime van vóór 2017 (de Fraudewet, zoals de CRvB die matigde)?"""
    if regels is None:
        return False
    versie = regels.optioneel("boete.regime")
    return versie is not None and versie.waarde == FRAUDEWET_2013


def graad_bron(graad: str, regels: RegelsOp | None) -> tuple[b.Bron, ...]:
    """De bron van een graad op de datum. Vóór 2017 kende het Boetebesluit geen graden en geen bewijsregel (art. 2 lid
    9 kwam in 2017): de definities zijn die van de CRvB van 11-01-2016; verlagen was Pw 18a lid 7 onder a."""
    if graad == GEEN:
        return (b.AWB_5_41,)
    if _fraudewet(regels):
        return {
            OPZET: (b.CRVB_2016_9,),
            GROVE_SCHULD: (b.CRVB_2016_12,),
            NORMAAL: (b.CRVB_2016_10,),
            VERMINDERD: (b.PW_OUD_18A_LID_7_A, b.BB_OUD_2_LID_1),
        }[graad]
    if graad in (OPZET, GROVE_SCHULD):
        return (PERCENTAGE_BRON[graad], b.BB_2_LID_9)
    return (PERCENTAGE_BRON[graad],)


def gronden_in_ieder_geval(regels: RegelsOp | None) -> frozenset[str] | None:
    """De onderdelen van Boetebesluit art. 2a lid 2 die op de datum 'in ieder geval' tot verminderde verwijtbaarheid
    leiden (tot 2017 alleen a-c); None: alle (regeldata zonder deze parameter)."""
    versie = regels.optioneel("verwijtbaarheid.verminderingsgronden") if regels is not None else None
    if versie is None:
        return None
    return frozenset(deel.strip() for deel in str(versie.waarde).split(","))


def percentage_bron(graad: str, regels: RegelsOp) -> tuple[b.Bron, ...]:
    """De bron van het boetepercentage op de datum: het Boetebesluit, of vóór 2017 de rechtspraak van de CRvB."""
    if graad == GEEN:
        return (b.AWB_5_41,)
    if regels.tekst("boete.regime") == FRAUDEWET_2013:
        return (b.CRVB_2015_1807, b.CRVB_2014_3754, b.BB_OUD_2_LID_1)
    return (PERCENTAGE_BRON[graad],)


GRAAD_TEKST = {
    OPZET: "opzet",
    GROVE_SCHULD: "grove schuld",
    NORMAAL: "normale verwijtbaarheid",
    VERMINDERD: "verminderde verwijtbaarheid",
    GEEN: "geen verwijtbaarheid",
}


@dataclass(frozen=True, slots=True)
class Grond:
    code: str
    toelichting: str


@dataclass(frozen=True, slots=True)
class VerwijtbaarheidInvoer:
    """Of een al vastgestelde ``graad`` (met ``bewijs`` of ``motivering``), of de feiten van §3.2."""

    graad: str | None = None
    bewijs: tuple[str, ...] = ()
    motivering: str | None = None
    opzet_bewijs: tuple[str, ...] | None = None
    grove_schuld_bewijs: tuple[str, ...] | None = None
    verminderingsgronden: tuple[Grond, ...] = ()
    geen_verwijt: str | None = None
    indicaties: tuple[Grond, ...] = ()


@dataclass(frozen=True, slots=True)
class Verwijtbaarheid:
    graad: str
    percentage: int
    draagkracht_maanden: int


def _geen_bewijs(bewijs: tuple[str, ...] | None) -> bool:
    return not bewijs or not any(s.strip() for s in bewijs)


def bepaal_graad(
    inv: VerwijtbaarheidInvoer, uitleg: Uitleg, veld: str = "verwijtbaarheid", regels: RegelsOp | None = None
) -> str:
    """Stelt de graad vast volgens de voorrang GEEN > VERMINDERD > OPZET > GROVE_SCHULD > NORMAAL.

    ``regels``: de regels op de beschikkingsdatum; die bepalen welke gronden van Boetebesluit art. 2a lid 2 'in ieder
    geval' tot VERMINDERD leiden (tot 2017 alleen a-c) en welke bronnen de uitleg noemt."""
    if inv.graad is not None:
        return _gegeven_graad(inv, inv.graad, uitleg, veld, regels)

    _controleer_bewijs(inv, veld)
    _indicaties(inv, uitleg)
    invoer = {
        "opzet": inv.opzet_bewijs is not None,
        "groveSchuld": inv.grove_schuld_bewijs is not None,
        "verminderingsgronden": [g.code for g in inv.verminderingsgronden],
        "geenVerwijt": inv.geen_verwijt is not None,
    }
    if inv.geen_verwijt is not None:
        return _geen_verwijt(inv.geen_verwijt, invoer, uitleg)
    toegestaan = gronden_in_ieder_geval(regels)
    vast = [g for g in inv.verminderingsgronden if toegestaan is None or VERMINDERINGSGRONDEN[g.code][0] in toegestaan]
    afweging = [g for g in inv.verminderingsgronden if g not in vast]
    if afweging:
        _afweging_signaal(afweging, regels, uitleg)
    if vast:
        return _verminderd(inv, vast, invoer, regels, uitleg)
    return _gesteld_of_normaal(inv, bool(afweging), invoer, regels, uitleg)


def _controleer_bewijs(inv: VerwijtbaarheidInvoer, veld: str) -> None:
    """Opzet of grove schuld stelt het college met ten minste één bewijsstuk (Boetebesluit art. 2 lid 9)."""
    problemen = []
    if inv.opzet_bewijs is not None and _geen_bewijs(inv.opzet_bewijs):
        problemen.append(
            Invoerprobleem(
                f"{veld}.opzet.bewijs",
                "bewijs_ontbreekt",
                "Opzet vereist ten minste één bewijsstuk: het college moet opzet stellen "
                "en bewijzen (Boetebesluit art. 2 lid 9).",
            )
        )
    if inv.grove_schuld_bewijs is not None and _geen_bewijs(inv.grove_schuld_bewijs):
        problemen.append(
            Invoerprobleem(
                f"{veld}.groveSchuld.bewijs",
                "bewijs_ontbreekt",
                "Grove schuld vereist ten minste één bewijsstuk: het college moet grove "
                "schuld stellen en bewijzen (Boetebesluit art. 2 lid 9).",
            )
        )
    if problemen:
        raise Invoerfout(*problemen)


def _indicaties(inv: VerwijtbaarheidInvoer, uitleg: Uitleg) -> None:
    """Boetebesluit art. 2a lid 3 en 4: omstandigheden die grove schuld of opzet 'kunnen' opleveren, als signaal."""
    for indicatie in inv.indicaties:
        bron, onderdeel, richting = INDICATIES[indicatie.code]
        uitleg.signaal(
            f"Indicatie voor {GRAAD_TEKST[richting]} (Boetebesluit art. {bron.artikel} lid {bron.lid} onder "
            f"{onderdeel}): {indicatie.toelichting.strip()} Dit is geen vaststelling: {GRAAD_TEKST[richting]} "
            "geldt pas als het college die stelt en bewijst (art. 2 lid 9)."
        )


def _geen_verwijt(motivering: str, invoer: dict[str, object], uitleg: Uitleg) -> str:
    """De overtreding kan niet worden verweten: geen boete (Awb 5:41)."""
    uitleg.stap(
        "verwijtbaarheid.graad",
        "De overtreding kan de belanghebbende niet worden verweten; er wordt geen boete opgelegd: "
        f"{motivering.strip()}",
        (b.AWB_5_41,),
        invoer,
        {"graad": GEEN},
    )
    return GEEN


def _verminderd(
    inv: VerwijtbaarheidInvoer, vast: list[Grond], invoer: dict[str, object], regels: RegelsOp | None, uitleg: Uitleg
) -> str:
    """Een grond van Boetebesluit art. 2a lid 2 die op de datum 'in ieder geval' geldt: VERMINDERD, ook als opzet of
    grove schuld is gesteld."""
    gronden = "; ".join(
        f"{VERMINDERINGSGRONDEN[g.code][1]} (onder {VERMINDERINGSGRONDEN[g.code][0]}): {g.toelichting.strip()}"
        for g in vast
    )
    if inv.opzet_bewijs is not None or inv.grove_schuld_bewijs is not None:
        uitleg.signaal(
            "Er is opzet of grove schuld gesteld, maar ook een grond voor verminderde verwijtbaarheid "
            "(Boetebesluit art. 2a lid 2). Die grond geldt 'in ieder geval': de graad is VERMINDERD."
        )
    oud = _fraudewet(regels)
    lid2 = b.BB_OUD_2A_LID_2 if oud else b.BB_2A_LID_2
    onderdelen = tuple(replace(lid2, onderdeel=VERMINDERINGSGRONDEN[g.code][0]) for g in vast)
    uitleg.stap(
        "verwijtbaarheid.graad",
        f"Er is in ieder geval sprake van verminderde verwijtbaarheid: {gronden}.",
        (*onderdelen, *graad_bron(VERMINDERD, regels)),
        invoer,
        {"graad": VERMINDERD},
    )
    return VERMINDERD


def _gesteld_of_normaal(
    inv: VerwijtbaarheidInvoer, afweging: bool, invoer: dict[str, object], regels: RegelsOp | None, uitleg: Uitleg
) -> str:
    """Opzet of grove schuld zoals het college die stelt en bewijst (Boetebesluit art. 2 lid 9), anders normaal."""
    if inv.opzet_bewijs is not None:
        uitleg.stap(
            "verwijtbaarheid.graad",
            "Het college heeft opzet gesteld en onderbouwd met: " + "; ".join(inv.opzet_bewijs) + ".",
            graad_bron(OPZET, regels),
            invoer,
            {"graad": OPZET},
        )
        return OPZET
    if inv.grove_schuld_bewijs is not None:
        uitleg.stap(
            "verwijtbaarheid.graad",
            "Het college heeft grove schuld gesteld en onderbouwd met: " + "; ".join(inv.grove_schuld_bewijs) + ".",
            graad_bron(GROVE_SCHULD, regels),
            invoer,
            {"graad": GROVE_SCHULD},
        )
        return GROVE_SCHULD
    uitleg.stap(
        "verwijtbaarheid.graad",
        "Opzet of grove schuld is niet gesteld en er is geen grond voor verminderde verwijtbaarheid"
        + (" die in ieder geval geldt" if afweging else "")
        + ": de verwijtbaarheid is normaal.",
        graad_bron(NORMAAL, regels),
        invoer,
        {"graad": NORMAAL},
    )
    return NORMAAL


def _afweging_signaal(gronden: list[Grond], regels: RegelsOp | None, uitleg: Uitleg) -> None:
    """Een grond die op de datum niet in Boetebesluit art. 2a lid 2 stond (d en e vóór 2017), leidt niet vanzelf tot
    VERMINDERD: verlagen was toen een bevoegdheid van het college (Pw 18a lid 7 onder a; Awb 5:46 lid 2)."""
    datum = regels.datum.isoformat() if regels is not None else "de beschikkingsdatum"
    for g in gronden:
        onderdeel, omschrijving = VERMINDERINGSGRONDEN[g.code]
        uitleg.signaal(
            f"De grond '{omschrijving}' (nu Boetebesluit art. 2a lid 2 onder {onderdeel}) stond op {datum} niet in "
            "art. 2a lid 2: zij leidt dan niet 'in ieder geval' tot verminderde verwijtbaarheid. Of de boete om deze "
            "reden lager moet, is een afweging van het college (Pw 18a lid 7 onder a, tekst tot 2017; Awb 5:46 lid 2); "
            f"leg die vast als matiging met motivering. Toelichting: {g.toelichting.strip()}"
        )


def _gegeven_graad(
    inv: VerwijtbaarheidInvoer, graad: str, uitleg: Uitleg, veld: str, regels: RegelsOp | None = None
) -> str:
    """Een graad die het college al vaststelde (``inv.graad``), met bewijs of motivering waar de wet die vraagt."""
    motivering = inv.motivering.strip() if inv.motivering else ""
    if graad in (OPZET, GROVE_SCHULD) and _geen_bewijs(inv.bewijs):
        raise Invoerfout.veld(
            f"{veld}.bewijs",
            "bewijs_ontbreekt",
            f"Bij graad {graad} is ten minste één bewijsstuk verplicht: het college moet "
            "opzet of grove schuld stellen en bewijzen (Boetebesluit art. 2 lid 9).",
        )
    if graad == GEEN and not motivering:
        raise Invoerfout.veld(
            f"{veld}.motivering", "motivering_ontbreekt", "Bij graad GEEN is een motivering verplicht (Awb 5:41)."
        )
    bron = graad_bron(graad, regels)
    if graad in (OPZET, GROVE_SCHULD):
        zin = f"Het college heeft {GRAAD_TEKST[graad]} vastgesteld, onderbouwd met: {'; '.join(inv.bewijs)}."
    elif graad == GEEN:
        zin = f"Het college heeft vastgesteld dat de overtreding niet kan worden verweten: {motivering}"
    else:
        zin = f"Het college heeft {GRAAD_TEKST[graad]} vastgesteld."
        if motivering:
            zin += f" Motivering: {motivering}"
        elif graad == VERMINDERD:
            uitleg.signaal(
                "Graad VERMINDERD is opgegeven zonder motivering: noem in de beschikking de grond van "
                "Boetebesluit art. 2a lid 2."
            )
    uitleg.stap("verwijtbaarheid.graad", zin, bron, {"graad": graad}, {"graad": graad})
    return graad


def percentage_en_maanden(graad: str, regels: RegelsOp) -> tuple[int, int]:
    """Boetepercentage (Boetebesluit art. 2 lid 2-5) en draagkrachtmaanden (CRvB 2016) bij een graad."""
    if graad == GEEN:
        return 0, 0
    return regels.geheel(f"boete.percentage.{graad}"), regels.geheel(f"draagkracht.maanden.{graad}")


def beoordeel(inv: VerwijtbaarheidInvoer, regels: RegelsOp, uitleg: Uitleg) -> Verwijtbaarheid:
    """SPEC §3.2 als zelfstandige beoordeling: graad, percentage en draagkrachtmaanden met hun stappen."""
    uitleg.citeer_volgens(regels.citeertitels())
    graad = bepaal_graad(inv, uitleg, regels=regels)
    percentage, maanden = percentage_en_maanden(graad, regels)
    if graad == GEEN:
        uitleg.stap(
            "verwijtbaarheid.percentage",
            "Zonder verwijtbaarheid wordt geen boete opgelegd.",
            (b.AWB_5_41,),
            {"graad": graad},
            {"percentage": 0, "draagkrachtMaanden": 0},
        )
    else:
        uitleg.stap(
            "verwijtbaarheid.percentage",
            f"Bij {GRAAD_TEKST[graad]} is de boete {percentage}% van het benadelingsbedrag en moet die binnen "
            f"{maanden} maanden uit de draagkracht betaald kunnen worden.",
            (*percentage_bron(graad, regels), *regels.bronnen(f"draagkracht.maanden.{graad}")),
            {"graad": graad},
            {"percentage": percentage, "draagkrachtMaanden": maanden},
        )
    return Verwijtbaarheid(graad, percentage, maanden)
