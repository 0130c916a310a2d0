"""Stap 5-8 van de boete: hoe hoog zij is vóór draagkracht, en onder welke regels (SPEC §3.3, §1.1).

- geen benadelingsbedrag: het uitgangspunt van € 150 (Boetebesluit art. 2 lid 11; tot 2017 lid 3);
- grondslag: het benadelingsbedrag, bij recidive verhoogd (Pw 18a lid 5; Boetebesluit art. 2 lid 6);
- percentage naar de graad van verwijtbaarheid (Boetebesluit art. 2 lid 2-5; tot 2017 de CRvB);
- een vast bedrag boven de drempel (Boetebesluit art. 2 lid 7);
- het wettelijk maximum (Pw 18a lid 1 en 5; art. 23 lid 4 Sr) en onder de Fraudewet het minimum;
- lex mitior (SPEC §1.1): de hoogte onder de regels van de begindatum én van de beschikkingsdatum; de lichtste geldt.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from app.domain import bronnen as b
from app.domain.boete.invoer import BoeteInvoer
from app.domain.boete.regime import tekst_tot
from app.domain.boete.uitkomst import BOETEBESLUIT_2_LID_7, PERCENTAGE, WETTELIJK_MAXIMUM, WETTELIJK_MINIMUM
from app.domain.geld import HONDERD, NUL, breuk_van, euro, groter_dan_breuk_van, naar_beneden
from app.domain.regels import Regeldata, RegelOntbreekt, RegelsOp
from app.domain.uitleg import Uitleg
from app.domain.verwijtbaarheid import FRAUDEWET_2013, GRAAD_TEKST, NORMAAL, OPZET, VERMINDERD, percentage_bron


class Hoogte(NamedTuple):
    """Stap 5-8 onder de regels van één datum, zonder uitleg (voor de vergelijking van lex mitior).

    Een NamedTuple (onveranderlijk, zoals de dataclasses hier): per boete ontstaat hij twee keer per graad en
    recidive, ook voor de tien alternatieven, en een bevroren dataclass maken kost ~4× zoveel."""

    regels: RegelsOp
    grondslag: Decimal
    percentage: int
    boete_percentage: Decimal  # stap 7 zonder lid 7
    lid7: bool
    boete_stap7: Decimal
    wettelijk_maximum: Decimal
    maximum_categorie: int | None  # None: geen categoriemaximum (Fraudewet, vóór 2017)
    categoriebedrag: Decimal | None
    boete_voor_draagkracht: Decimal
    boete_na_maximum: Decimal  # stap 8 (min van stap 7 en het wettelijk maximum), vóór een wettelijk minimum
    regime: str
    lid7_geldt: bool  # bestond Boetebesluit 2 lid 7 op de datum (vanaf 2017)
    minimum: Decimal | None = None  # wettelijk minimum (boete.minimum, alleen onder de Fraudewet), None: geen
    lager_dan: Decimal | None = None  # de boete moet lager zijn dan dit bedrag; het college stelt haar vast
    minimum_vervallen: bool = False  # de tekst kende een minimum, maar dat werd niet meer toegepast (Kamerbrief 2014)


def bereken_hoogte(graad: str, benadeling: Decimal, recidive: bool, regels: RegelsOp) -> Hoogte:
    """Stap 5-8 onder de regels van één datum, zonder uitleg (die geeft ``hoogte_stappen``)."""
    regime = regels.tekst("boete.regime")
    if benadeling == 0:
        return _zonder_benadeling(graad, regime, regels)
    grondslag = benadeling  # Pw 18a lid 2; bij recidive verhoogd (Pw 18a lid 5; Boetebesluit art. 2 lid 6)
    if recidive:
        grondslag = naar_beneden(benadeling * regels.waarde("boete.recidivePercentage") / HONDERD)
    percentage = regels.geheel(f"boete.percentage.{graad}")  # Boetebesluit art. 2 lid 2-5
    boete = naar_beneden(grondslag * percentage / HONDERD)
    stap7 = boete
    lid7 = False
    lid7_geldt = regels.optioneel("boete.lid7.drempelfactor") is not None  # Boetebesluit art. 2 lid 7, sinds 2017
    if lid7_geldt and graad in (NORMAAL, VERMINDERD):
        categorie3 = regels.waarde("wvsr.categorie.3")
        drempel = regels.breuk("boete.lid7.drempelfactor")
        if groter_dan_breuk_van(grondslag, drempel.teller, drempel.noemer, categorie3):
            lid7 = True
            factor = regels.breuk(f"boete.lid7.factor.{graad}")
            stap7 = breuk_van(categorie3, factor.teller, factor.noemer)
    # wettelijk maximum: Pw 18a lid 1 en 5, sinds 2017 ook een geldboetecategorie (art. 23 lid 4 Sr)
    sleutel = "boete.maximumCategorie.opzet" if graad == OPZET else "boete.maximumCategorie.overig"
    if regels.optioneel(sleutel) is not None:
        categorie = regels.geheel(sleutel)
        categoriebedrag = regels.waarde(f"wvsr.categorie.{categorie}")
        maximum = min(grondslag, categoriebedrag)
    else:  # vóór 2017: ten hoogste het benadelingsbedrag (150% bij recidive), geen categorie
        categorie, categoriebedrag, maximum = None, None, grondslag
    na_maximum = min(stap7, maximum)
    minimum_versie = regels.optioneel("boete.minimum")  # Fraudewet: Boetebesluit art. 2 lid 1 (tekst tot 2017)
    minimum = minimum_versie.getal if minimum_versie is not None else None
    minimum_vervallen = minimum is not None and minimum == 0  # 0.00: het minimum werd niet meer toegepast
    if minimum_vervallen:
        minimum = None
    boete_voor_draagkracht = na_maximum if minimum is None else max(na_maximum, minimum)
    return Hoogte(
        regels,
        grondslag,
        percentage,
        boete,
        lid7,
        stap7,
        max(maximum, minimum) if minimum is not None else maximum,
        categorie,
        categoriebedrag,
        boete_voor_draagkracht,
        na_maximum,
        regime,
        lid7_geldt,
        minimum,
        minimum_vervallen=minimum_vervallen,
    )


def _zonder_benadeling(graad: str, regime: str, regels: RegelsOp) -> Hoogte:
    """Stap 5 zonder benadelingsbedrag: het uitgangspunt (Boetebesluit art. 2 lid 11; tot 2017 de boete van lid 3),
    ten hoogste een geldboetecategorie (Pw 18a lid 3)."""
    uitgangspunt = regels.waarde("boete.geenBenadeling.uitgangspunt")
    categorie = regels.geheel("boete.geenBenadeling.maximumCategorie")
    maximum = regels.waarde(f"wvsr.categorie.{categorie}")
    # Boetebesluit art. 2 lid 3 (tekst tot 2017): EUR 150, "Bij verminderde verwijtbaarheid wordt de bestuurlijke
    # boete verlaagd" -- zonder te zeggen hoeveel. Sinds 2017 is EUR 150 een uitgangspunt (lid 11).
    lager_dan = min(uitgangspunt, maximum) if regime == FRAUDEWET_2013 and graad == VERMINDERD else None
    return Hoogte(
        regels,
        NUL,
        0,
        uitgangspunt,
        False,
        uitgangspunt,
        maximum,
        categorie,
        maximum,
        min(uitgangspunt, maximum),
        min(uitgangspunt, maximum),
        regime,
        False,
        lager_dan=lager_dan,
    )


def _beide(
    graad: str, benadeling: Decimal, recidive: bool, inv: BoeteInvoer, data: Regeldata, nu: RegelsOp
) -> tuple[Hoogte, Hoogte | None, RegelOntbreekt | None]:
    """De hoogte onder de regels van de beschikkingsdatum en (zo bekend) van de begindatum."""
    huidig = bereken_hoogte(graad, benadeling, recidive, nu)
    try:
        return huidig, bereken_hoogte(graad, benadeling, recidive, data.op(inv.begindatum)), None
    except RegelOntbreekt as fout:
        return huidig, None, fout


def _zwaarte(h: Hoogte) -> tuple[Decimal, int]:
    """Om te vergelijken: een boete die lager moet zijn dan een bedrag is lichter dan een boete van dat bedrag."""
    return (h.lager_dan if h.lager_dan is not None else h.boete_voor_draagkracht, 0 if h.lager_dan is not None else 1)


def _lichtste(huidig: Hoogte, toen: Hoogte | None) -> Hoogte:
    return toen if toen is not None and _zwaarte(toen) < _zwaarte(huidig) else huidig


def _bedrag_tekst(h: Hoogte) -> str:
    return f"lager dan {euro(h.lager_dan)}" if h.lager_dan is not None else euro(h.boete_voor_draagkracht)


def lex_mitior(
    graad: str, benadeling: Decimal, recidive: bool, inv: BoeteInvoer, data: Regeldata, nu: RegelsOp, uitleg: Uitleg
) -> Hoogte:
    """Lex mitior (SPEC §1.1): de laagste boete onder de regels van begindatum en beschikkingsdatum."""
    huidig, toen, fout = _beide(graad, benadeling, recidive, inv, data, nu)
    if not uitleg.actief:
        return _lichtste(huidig, toen)
    if fout is not None:
        uitleg.signaal(
            f"Voor de begindatum {inv.begindatum.isoformat()} bevat de regeldata niet alle boeteregels ({fout}). "
            "Alleen de regels op de beschikkingsdatum zijn toegepast; toets zelf of het oude recht gunstiger was."
        )
    invoer = {"begindatum": inv.begindatum.isoformat(), "beschikkingsdatum": inv.beschikkingsdatum.isoformat()}
    bron = (b.BB_2_LID_2, b.PW_18A_LID_1, b.AWB_5_46_LID_2)
    if toen is not None and _zwaarte(toen) < _zwaarte(huidig):
        gekozen, zin = (
            toen,
            (
                f"Onder de regels op de begindatum ({inv.begindatum.isoformat()}) is de boete vóór draagkracht "
                f"{_bedrag_tekst(toen)}, lichter dan {_bedrag_tekst(huidig)} onder de regels op de beschikkingsdatum; "
                "de lichtere regels gelden."
            ),
        )
    elif toen is not None and _zwaarte(toen) > _zwaarte(huidig):
        gekozen, zin = (
            huidig,
            (
                f"Onder de regels op de beschikkingsdatum ({inv.beschikkingsdatum.isoformat()}) is de boete vóór "
                f"draagkracht {_bedrag_tekst(huidig)}, lichter dan {_bedrag_tekst(toen)} onder de regels op de "
                "begindatum; de lichtere regels gelden."
            ),
        )
    else:
        gekozen = huidig
        zin = "De regels op de beschikkingsdatum zijn toegepast" + (
            ": die op de begindatum geven dezelfde boete." if toen is not None else "."
        )
    uitleg.stap("boete.regelsdatum", zin, bron, invoer, {"toegepasteRegelsDatum": gekozen.regels.datum.isoformat()})
    return gekozen


def _bepalend(graad: str, benadeling: Decimal, h: Hoogte) -> str:
    """De begrenzing die na stap 5-8 bepalend is."""
    if h.boete_voor_draagkracht > h.boete_na_maximum:
        return WETTELIJK_MINIMUM
    if h.boete_na_maximum < h.boete_stap7:
        return WETTELIJK_MAXIMUM
    if benadeling != 0 and graad in (NORMAAL, VERMINDERD) and h.lid7:
        return BOETEBESLUIT_2_LID_7
    return PERCENTAGE


def _minimum_vervallen_tekst(r: RegelsOp) -> str:
    """ "het minimum van € 150,00 wordt vanaf 2014-12-16 niet meer toegepast", uit de versies van boete.minimum."""
    versie = r.versie("boete.minimum")
    eerder = [v for v in r.data.parameters["boete.minimum"].versies if v.geldig_vanaf < versie.geldig_vanaf]
    bedrag = f"van {euro(eerder[-1].getal)} " if eerder else ""
    return f"het minimum {bedrag}wordt vanaf {versie.geldig_vanaf.isoformat()} niet meer toegepast"


def hoogte_stappen(graad: str, benadeling: Decimal, recidive: bool, h: Hoogte, uitleg: Uitleg) -> str:
    """Stap 5-8 in de uitleg, elk met zijn artikel; geeft de begrenzing die tot dan bepalend is."""
    if not uitleg.actief:
        return _bepalend(graad, benadeling, h)
    oud = h.regime == FRAUDEWET_2013
    if oud:
        _regime_stap(h, uitleg)
    if benadeling == 0:
        _geen_benadeling_stap(h, oud, uitleg)
        return _bepalend(graad, benadeling, h)
    _grondslag_stap(benadeling, recidive, h, oud, uitleg)
    _percentage_stap(graad, h, oud, uitleg)
    if h.lid7_geldt and graad in (NORMAAL, VERMINDERD):
        _vast_bedrag_stap(graad, h, uitleg)
    _wettelijk_maximum_stap(h, uitleg)
    _minimum_stappen(h, uitleg)
    return _bepalend(graad, benadeling, h)


def _regime_stap(h: Hoogte, uitleg: Uitleg) -> None:
    """Het boeteregime van de Fraudewet (Boetebesluit art. 2 lid 1 en Pw 18a lid 1, tekst tot 2017), zoals de CRvB
    het matigde (ECLI:NL:CRVB:2014:3754, 2015:1807)."""
    r = h.regels
    minimum = (
        f", ten minste {euro(h.minimum)}"
        if h.minimum is not None
        else f" ({_minimum_vervallen_tekst(r)})"
        if h.minimum_vervallen
        else ""
    )
    uitleg.stap(
        "boete.regime",
        f"Op deze datum gold het boeteregime van de Fraudewet ({tekst_tot(r)}): de boete was het "
        f"benadelingsbedrag{minimum} en naar boven afgerond op € 10. De Centrale Raad van Beroep matigt die boete "
        "naar de mate van verwijtbaarheid en de draagkracht; die lijn wordt hier toegepast.",
        (b.BB_OUD_2_LID_1, b.PW_OUD_18A_LID_1, b.CRVB_2014_3754, b.CRVB_2015_1807),
        {"regelsDatum": r.datum.isoformat()},
        {"regime": h.regime},
    )


def _geen_benadeling_stap(h: Hoogte, oud: bool, uitleg: Uitleg) -> None:
    """Stap 5: zonder benadelingsbedrag het uitgangspunt van Boetebesluit art. 2 lid 11 (tot 2017: de boete van
    lid 3), ten hoogste een geldboetecategorie (Pw 18a lid 3; art. 23 lid 4 Sr): dat categoriebedrag is hier het
    wettelijk maximum."""
    r = h.regels
    bron: tuple[b.Bron, ...]
    if oud:
        zin = (
            f"De overtreding heeft niet tot een benadelingsbedrag geleid: de boete is {euro(h.boete_stap7)} "
            f"(Boetebesluit art. 2 lid 3, {tekst_tot(r)}), ten hoogste de {h.maximum_categorie}e categorie "
            f"({euro(h.wettelijk_maximum)})"
            + (
                "; bij verminderde verwijtbaarheid 'wordt de bestuurlijke boete verlaagd'."
                if h.lager_dan is not None
                else "."
            )
        )
        bron = (b.BB_OUD_2_LID_3, b.PW_18A_LID_3, b.SR_23_LID_4)
    else:
        zin = (
            f"De overtreding heeft niet tot een benadelingsbedrag geleid: het uitgangspunt is een boete van "
            f"{euro(h.boete_stap7)}, ten hoogste de {h.maximum_categorie}e categorie ({euro(h.wettelijk_maximum)})."
        )
        bron = (b.BB_2_LID_11, b.PW_18A_LID_3, b.SR_23_LID_4)
    uitleg.stap(
        "boete.geenBenadeling",
        zin,
        bron,
        {"benadelingsbedrag": "0.00", "regelsDatum": r.datum.isoformat()},
        {"boete": f"{h.boete_voor_draagkracht:.2f}"},
    )


def _grondslag_stap(benadeling: Decimal, recidive: bool, h: Hoogte, oud: bool, uitleg: Uitleg) -> None:
    """Stap 6: de grondslag is het benadelingsbedrag (Pw 18a lid 2), bij recidive verhoogd (Pw 18a lid 5;
    Boetebesluit art. 2 lid 6; tot 2014-03-12 alleen het maximum)."""
    r = h.regels
    if recidive and r.waarde("boete.recidivePercentage") == HONDERD:
        # Boetebesluit art. 2 lid 1, tekst tot 2014-03-12: de boete is het benadelingsbedrag, ook bij recidive;
        # Pw 18a lid 5 verhoogde alleen het wettelijk maximum tot 150%.
        uitleg.stap(
            "boete.grondslag",
            f"Er is recidive, maar het Boetebesluit ({tekst_tot(r, 'boete.recidivePercentage')}) verhoogde de boete "
            f"daarbij niet: de grondslag is het benadelingsbedrag, {euro(h.grondslag)}. Pw 18a lid 5 verhoogde alleen "
            "het wettelijk maximum tot 150% van het benadelingsbedrag.",
            (b.BB_OUD_2_LID_1, b.PW_18A_LID_5),
            {"benadelingsbedrag": f"{benadeling:.2f}", "recidive": True},
            {"grondslag": f"{h.grondslag:.2f}"},
        )
    elif recidive:
        uitleg.stap(
            "boete.grondslag",
            f"Bij recidive is de grondslag {r.waarde('boete.recidivePercentage'):f}% van het "
            f"benadelingsbedrag van {euro(benadeling)}: {euro(h.grondslag)}.",
            (b.PW_18A_LID_5, b.BB_OUD_2_LID_1 if oud else b.BB_2_LID_6),
            {"benadelingsbedrag": f"{benadeling:.2f}", "recidive": True},
            {"grondslag": f"{h.grondslag:.2f}"},
        )
    else:
        uitleg.stap(
            "boete.grondslag",
            f"De grondslag is het benadelingsbedrag: {euro(h.grondslag)}.",
            (b.PW_18A_LID_2, b.BB_OUD_2_LID_1 if oud else b.BB_2_LID_6),
            {"benadelingsbedrag": f"{benadeling:.2f}", "recidive": False},
            {"grondslag": f"{h.grondslag:.2f}"},
        )


def _percentage_stap(graad: str, h: Hoogte, oud: bool, uitleg: Uitleg) -> None:
    """Stap 7: het percentage van de grondslag naar de graad van verwijtbaarheid (Boetebesluit art. 2 lid 2-5; tot
    2017 de percentages van de CRvB)."""
    r = h.regels
    uitleg.stap(
        "boete.percentage",
        f"Bij {GRAAD_TEKST[graad]} is de boete {h.percentage}% van de grondslag: {euro(h.boete_percentage)}"
        + (" (zo differentieert de CRvB de boete van de Fraudewet)." if oud else "."),
        percentage_bron(graad, r),
        {"graad": graad, "grondslag": f"{h.grondslag:.2f}", "regelsDatum": r.datum.isoformat()},
        {"percentage": h.percentage, "boete": f"{h.boete_percentage:.2f}"},
    )


def _vast_bedrag_stap(graad: str, h: Hoogte, uitleg: Uitleg) -> None:
    """Stap 7: boven de drempel een vast deel van de derde geldboetecategorie (Boetebesluit art. 2 lid 7)."""
    r = h.regels
    drempel = r.breuk("boete.lid7.drempelfactor")
    factor = r.breuk(f"boete.lid7.factor.{graad}")
    categorie3 = r.waarde("wvsr.categorie.3")
    if h.lid7:
        zin = (
            f"De grondslag is hoger dan {drempel} maal de derde categorie ({euro(categorie3)}); de boete "
            f"is daarom {factor} maal de derde categorie: {euro(h.boete_stap7)}."
        )
    else:
        zin = (
            f"De grondslag is niet hoger dan {drempel} maal de derde categorie ({euro(categorie3)}); "
            "de vaste bedragen van lid 7 gelden niet."
        )
    uitleg.stap(
        "boete.lid7",
        zin,
        (b.BB_2_LID_7, b.SR_23_LID_4),
        {"grondslag": f"{h.grondslag:.2f}", "derdeCategorie": f"{categorie3:.2f}"},
        {"toegepast": h.lid7, "boete": f"{h.boete_stap7:.2f}"},
    )


def _wettelijk_maximum_stap(h: Hoogte, uitleg: Uitleg) -> None:
    """Stap 8: ten hoogste de grondslag en (sinds 2017) een geldboetecategorie (Pw 18a lid 1 en 5; art. 23 lid 4 Sr)."""
    r = h.regels
    begrensd = h.boete_na_maximum
    verlaagd = begrensd < h.boete_stap7
    bron: tuple[b.Bron, ...]
    if h.categoriebedrag is None:  # en dus ook geen maximum_categorie
        zin = (
            f"De boete is ten hoogste de grondslag ({euro(h.grondslag)}); een maximum naar geldboetecategorie "
            f"kende de wet ({tekst_tot(r)}) niet: "
        )
        bron = (b.PW_OUD_18A_LID_1, b.PW_18A_LID_5)
    else:
        zin = (
            f"De boete is ten hoogste de grondslag ({euro(h.grondslag)}) en ten hoogste de "
            f"{h.maximum_categorie}e categorie ({euro(h.categoriebedrag)}): "
        )
        bron = (b.PW_18A_LID_1, b.PW_18A_LID_5, b.SR_23_LID_4)
    zin += (
        f"de boete wordt verlaagd tot {euro(begrensd)}."
        if verlaagd
        else f"de boete van {euro(begrensd)} blijft daaronder."
    )
    uitleg.stap(
        "boete.wettelijkMaximum",
        zin,
        bron,
        {
            "boete": f"{h.boete_stap7:.2f}",
            "grondslag": f"{h.grondslag:.2f}",
            "categorie": h.maximum_categorie,
            "categoriebedrag": f"{h.categoriebedrag:.2f}" if h.categoriebedrag is not None else None,
        },
        {"boeteVoorDraagkracht": f"{begrensd:.2f}"},
    )


def _minimum_stappen(h: Hoogte, uitleg: Uitleg) -> None:
    """Stap 8 onder de Fraudewet: de minimumboete (Boetebesluit art. 2 lid 1, tekst tot 2017), of dat zij niet meer
    werd toegepast (Kamerbrief van 16-12-2014, na CRvB 2014:3754)."""
    r = h.regels
    begrensd = h.boete_na_maximum
    if h.minimum_vervallen:
        versie = r.versie("boete.minimum")
        uitleg.stap(
            "boete.minimum",
            f"De tekst van Boetebesluit art. 2 lid 1 en Pw 18a lid 1 noemde een minimumboete, maar na de uitspraak van "
            "de CRvB van 24 november 2014 (de boete moet altijd op ernst, verwijtbaarheid en omstandigheden worden "
            f"afgestemd) schreef de minister dat de minimumboete vervalt: {_minimum_vervallen_tekst(r)} (bevestigd "
            f"door: {'; '.join(rap.kort() for rap in versie.rapporten)}).",
            (b.BB_OUD_2_LID_1, b.PW_OUD_18A_LID_1, b.CRVB_2014_3754),
            {"boete": f"{begrensd:.2f}", "regelsDatum": r.datum.isoformat()},
            {"boeteVoorDraagkracht": f"{h.boete_voor_draagkracht:.2f}", "minimumToegepast": False},
        )
    if h.minimum is not None:
        opgehoogd = h.boete_voor_draagkracht > begrensd
        uitleg.stap(
            "boete.minimum",
            f"De boete is ten minste {euro(h.minimum)} (Boetebesluit art. 2 lid 1, {tekst_tot(r)}): "
            + (
                f"de boete wordt verhoogd tot {euro(h.boete_voor_draagkracht)}."
                if opgehoogd
                else "daaraan voldoet zij."
            ),
            (b.BB_OUD_2_LID_1, b.PW_OUD_18A_LID_1),
            {"boete": f"{begrensd:.2f}", "minimum": f"{h.minimum:.2f}"},
            {"boeteVoorDraagkracht": f"{h.boete_voor_draagkracht:.2f}"},
        )
