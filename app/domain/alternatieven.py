"""Wat elk oordeel verandert: de boete bij elke graad van verwijtbaarheid, met en zonder recidive (issue #4).

Voor de klantmanager en de jurist: tien wat-als-berekeningen naast de echte, met alle andere invoer gelijk
(benadeling, huishouden, waarschuwing, verval, dringende redenen, matigingen, afronding, lex mitior). Een alternatief
met opzet of grove schuld is geen vaststelling: die graad geldt pas als het college haar stelt en bewijst
(Boetebesluit art. 2 lid 9). Bij GEEN (Awb 5:41) doet recidive er niet toe. Precies één alternatief is ``huidig``:
de echte uitkomst zelf, niet opnieuw berekend.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from app.domain.boete import (
    AFGEZIEN,
    BEOORDELING_VEREIST,
    BOETEBESLUIT_2_LID_7,
    DRAAGKRACHT,
    GEEN_BOETE,
    MATIGING,
    NAAR_BOVEN_OP_TIENTALLEN,
    PERCENTAGE,
    WAARSCHUWING,
    WETTELIJK_MAXIMUM,
    WETTELIJK_MINIMUM,
    BoeteInvoer,
    BoeteUitkomst,
    afronding_van,
    bereken_boete,
)
from app.domain.fouten import Invoerfout
from app.domain.geld import euro
from app.domain.regels import Regeldata, RegelOntbreekt
from app.domain.uitleg import GeenUitleg
from app.domain.verwijtbaarheid import GEEN, GRAAD_TEKST, GROVE_SCHULD, NORMAAL, OPZET, VERMINDERD

GRADEN = (OPZET, GROVE_SCHULD, NORMAAL, VERMINDERD, GEEN)

_BEGRENZING = {
    BOETEBESLUIT_2_LID_7: "het vaste bedrag van Boetebesluit art. 2 lid 7",
    WETTELIJK_MAXIMUM: "het wettelijk maximum",
    WETTELIJK_MINIMUM: "het wettelijk minimum van de Fraudewet",
    DRAAGKRACHT: "de draagkracht",
    MATIGING: "de matiging",
}


@dataclass(frozen=True, slots=True)
class Alternatief:
    graad: str
    recidive: bool
    uitkomst: str
    boete: Decimal
    omschrijving: str
    huidig: bool


def alternatieven(inv: BoeteInvoer, data: Regeldata, uitkomst: BoeteUitkomst) -> tuple[Alternatief, ...]:
    """Tien alternatieven in vaste volgorde (graad van zwaar naar licht, eerst zonder recidive).

    Elke variant is dezelfde berekening (``bereken_boete``) met een aangenomen graad en recidive en de nulrecorder
    ``GeenUitleg``: geen tweede implementatie van de regels, en geen zinnen die niemand leest. Het benadelingsbedrag
    van de echte uitkomst wordt meegegeven, zodat de perioden niet tien keer worden doorgerekend.
    """
    stil = GeenUitleg()
    if uitkomst.huishouden is not None:  # de beslagvrije voet is er al (opgegeven of één keer berekend)
        inv = replace(inv, huishouden=uitkomst.huishouden)
    afronding = afronding_van(inv, data)[0]
    uit = []
    for graad in GRADEN:
        zonder_recidive = None
        for recidive in (False, True):
            huidig = graad == uitkomst.graad and recidive == uitkomst.recidive
            if huidig:
                variant = uitkomst
            elif graad == GEEN and zonder_recidive is not None:
                variant = zonder_recidive  # zonder verwijt geen boete, met of zonder recidive (Awb 5:41)
            else:
                try:
                    variant = bereken_boete(
                        inv, data, stil, graad=graad, recidive=recidive, benadeling=uitkomst.benadelingsbedrag
                    )
                except (RegelOntbreekt, Invoerfout):
                    continue  # voor deze graad ontbreken regels op de datum: geen alternatief te tonen
            zonder_recidive = variant
            zin = _zin(graad, recidive, variant, huidig, uitkomst.benadelingsbedrag, afronding)
            uit.append(Alternatief(graad, recidive, variant.uitkomst, variant.boete, zin, huidig))
    return tuple(uit)


def _zin(graad: str, recidive: bool, u: BoeteUitkomst, huidig: bool, benadeling: Decimal, afronding: str) -> str:
    """Eén zin: de aanname, de uitkomst en wat de boete begrenst. Het huidige geval in de tegenwoordige tijd."""
    if graad == GEEN:
        return "Zonder verwijt (Awb 5:41) wordt geen boete opgelegd; recidive doet dan niet ter zake."
    wie = f"Bij {GRAAD_TEKST[graad]} en {'met' if recidive else 'zonder'} recidive"
    if huidig:
        wie += " (deze berekening)"
    elif graad in (OPZET, GROVE_SCHULD):
        wie += " (alleen als het college dit stelt en bewijst)"
    if u.uitkomst == GEEN_BOETE:
        return f"{wie} wordt geen boete opgelegd: de bevoegdheid is vervallen."
    if u.uitkomst == AFGEZIEN:
        return f"{wie} wordt afgezien van een boete wegens dringende redenen."
    if u.uitkomst == BEOORDELING_VEREIST:
        assert u.beoordeling_vereist is not None, "hoort bij de uitkomst BEOORDELING_VEREIST"
        return (
            f"{wie} moet de boete lager zijn dan {euro(u.beoordeling_vereist.lager_dan)}; het college stelt haar vast "
            "(Boetebesluit art. 2 lid 3, tekst tot 2017)."
        )
    if u.uitkomst == WAARSCHUWING:
        if u.boete_zonder_waarschuwing is None:
            return f"{wie} volstaat een waarschuwing."
        return f"{wie} volstaat een waarschuwing; zonder waarschuwing {_boete_is(u.boete_zonder_waarschuwing, huidig)}."
    if benadeling == 0:
        hoe = "het uitgangspunt zonder benadeling, Boetebesluit art. 2 lid 11"
    else:
        hoe = f"{u.boetepercentage}% van de {'met recidive verhoogde ' if recidive else ''}grondslag"
    if u.bepalende_begrenzing not in (None, PERCENTAGE):
        hoe += f", begrensd door {_BEGRENZING[u.bepalende_begrenzing]}"
    if afronding == NAAR_BOVEN_OP_TIENTALLEN:
        hoe += ", afgerond op tientallen"
    return f"{wie} {_boete_is(u.boete, huidig)} ({hoe})."


def _boete_is(bedrag: Decimal, huidig: bool) -> str:
    return f"is de boete {euro(bedrag)}" if huidig else f"zou de boete {euro(bedrag)} zijn"
