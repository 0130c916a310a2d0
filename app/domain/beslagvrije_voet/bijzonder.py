"""De bijzondere gevallen van Rv 475da en 475e: geen woonadres in Nederland (475da lid 4, 475e lid 1), de
verhogingen op verzoek (475da lid 5 en 7) en verblijf in een inrichting (475e lid 2).

Wat een AMvB regelt die niet is gevonden (de woonlandfactor van lid 4, het bedrag van lid 7), en wat een open norm is
(lid 5 tweede zin bij gehuwden), berekent Maatstaf niet: het komt in ``beoordeling_vereist`` met het artikel.
"""

from __future__ import annotations

from decimal import Decimal

from app.domain.geld import HONDERD, NUL, euro
from app.domain.regels import RegelsOp
from app.domain.uitleg import Uitleg

from . import bronnen as bv
from .afronding import omhoog
from .model import ALLEENSTAANDE, EIGEN_WONING, GEHUWD, BeslagvrijeVoetInvoer, Verloop, getal

WONING_TEKST = {
    EIGEN_WONING: "eigenaar-bewoner",
    "HUURWONING_NIET_WHT_11": "huurder van een woning die niet voldoet aan WHT art. 11",
}


def geen_woonadres(regels: RegelsOp, uitleg: Uitleg, verloop: Verloop) -> Decimal:
    """475da lid 4 eerste zin: zonder woonadres in Nederland in de BRP 47,5% van de gehuwdennorm (Pw 21 onder b)."""
    percentage = regels.waarde("bvv.geenWoonadres.percentage")
    norm = regels.waarde("norm.gehuwden")
    voet = omhoog(norm * percentage / HONDERD)
    verloop.deel("geenWoonadres", voet, bv.RV_475DA_LID_4)
    uitleg.stap(
        "bvv.geenWoonadres",
        f"De geëxecuteerde heeft volgens de basisregistratie personen geen woonadres in Nederland en heeft geen inzicht "
        f"gegeven in zijn leefsituatie en inkomsten (475e lid 1): de voet is {getal(percentage)}% van de norm van Pw 21 "
        f"onder b ({euro(norm)}), ongeacht de leefsituatie: {euro(voet)}.",
        (bv.RV_475DA_LID_4, bv.RV_475E_LID_1, bv.PW_21_B),
        {"woonadresInNederland": False, "inzichtGegeven": False, "B": f"{norm:.2f}", "percentage": f"{percentage:f}"},
        {"voet": f"{voet:.2f}"},
    )
    return voet


def inzicht_gegeven(uitleg: Uitleg) -> None:
    uitleg.stap(
        "bvv.inzicht",
        "De geëxecuteerde heeft geen woonadres in Nederland in de basisregistratie personen, maar heeft de deurwaarder "
        "inzicht gegeven in zijn leefsituatie en zijn bronnen van inkomsten: lid 4 eerste zin (47,5% van de "
        "gehuwdennorm) blijft buiten toepassing (475e lid 1); de voet volgt uit de formule van lid 2.",
        (bv.RV_475E_LID_1, bv.RV_475DA_LID_4),
        {"woonadresInNederland": False, "inzichtGegeven": True},
        {"lid4EersteZin": False},
    )


def buitenland(uitleg: Uitleg, verloop: Verloop) -> None:
    """475da lid 4 tweede zin: een vaste woon- of verblijfplaats buiten Nederland; de factor is niet gevonden."""
    reden = (
        "De geëxecuteerde heeft een vaste woon- of verblijfplaats buiten Nederland: de voet wordt vermenigvuldigd met "
        "een bij of krachtens AMvB vastgestelde factor (woonlandfactor, Besluit beslagvrije voet). Die factor is niet "
        "gevonden; de berekende voet is de voet vóór die vermenigvuldiging."
    )
    verloop.beoordeling("woonlandfactor", reden, bv.RV_475DA_LID_4)
    uitleg.stap("bvv.woonlandfactor", reden, (bv.RV_475DA_LID_4,), {"vasteVerblijfplaatsBuitenland": True}, {})
    uitleg.signaal(f"Beoordeling vereist (Rv 475da lid 4 tweede zin): {reden}")


def woonkosten(
    inv: BeslagvrijeVoetInvoer, voet: Decimal, maximum: Decimal, regels: RegelsOp, uitleg: Uitleg, verloop: Verloop
) -> Decimal:
    """475da lid 5: verhoging op verzoek met wat de woonkosten boven 110% van het bedrag van WHT 13 lid 1 onder a
    uitgaan; tot 2023 alleen als de voet gelijk was aan het bedrag van lid 1. Geeft de voet na de verhoging."""
    assert inv.woonkosten is not None, "lid 5 alleen als de invoer woonkosten noemt"
    opslag = regels.waarde("bvv.woonkosten.opslag")
    grens = regels.waarde("bvv.huurtoeslag.huurgrens")
    drempel = grens * (HONDERD + opslag) / HONDERD
    termijn = regels.geheel("bvv.woonkosten.termijnMaanden")
    alleen_op_maximum = regels.tekst("bvv.woonkosten.voorwaarde") == "ALLEEN_OP_MAXIMUM"
    invoer = {"woonkosten": f"{inv.woonkosten:.2f}", "huurgrens": f"{grens:.2f}", "opslag": f"{opslag:f}"}
    bronnen = bv.uniek(bv.RV_475DA_LID_5, *regels.bronnen("bvv.woonkosten.opslag"))
    if alleen_op_maximum and voet != maximum:
        zin = (
            f"Lid 5 (tekst tot 2023): een woonkostenverhoging alleen als de voet gelijk is aan het bedrag van lid 1 "
            f"({euro(maximum)}); de voet is {euro(voet)}: geen verhoging."
        )
        uitleg.stap("bvv.woonkosten", zin, bronnen, invoer, {"verhoging": "0.00"})
        return voet
    if inv.woonkosten < drempel:
        zin = (
            f"Lid 5: de woonkosten ({euro(inv.woonkosten)}) zijn niet ten minste {getal(opslag)}% hoger dan het bedrag van "
            f"WHT 13 lid 1 onder a ({euro(grens)}; grens {euro(omhoog(drempel))}): geen verhoging."
        )
        uitleg.stap("bvv.woonkosten", zin, bronnen, invoer, {"verhoging": "0.00"})
        return voet
    verhoging = omhoog(inv.woonkosten - drempel)
    zin = (
        f"Lid 5, op verzoek: de woonkosten ({euro(inv.woonkosten)}) gaan {euro(verhoging)} uit boven het bedrag van WHT "
        f"13 lid 1 onder a vermeerderd met {getal(opslag)}% ({euro(omhoog(drempel))}), zolang de woonkosten zo hoog zijn en "
        f"ten hoogste {termijn} maanden (lid 6: verlenging met ten hoogste zes maanden als de vordering dan volledig "
        "kan worden voldaan, niet berekend)."
    )
    if inv.leefsituatie in GEHUWD and inv.niet_beslagen_inkomen_partner > 0:
        reden = (
            f"De woonkostenverhoging van ten hoogste {euro(verhoging)} wordt bij gehuwden alleen gehonoreerd voor zover "
            f"de niet onder beslag liggende inkomsten van de echtgenoot ({euro(inv.niet_beslagen_inkomen_partner)}) "
            "onvoldoende zijn om de hogere woonkosten te betalen (lid 5 tweede zin): niet toegepast."
        )
        verloop.beoordeling("woonkostenverhoging", reden, bv.RV_475DA_LID_5)
        uitleg.stap(
            "bvv.woonkosten", f"{zin} {reden}", bronnen, invoer, {"verhoging": "0.00", "tenHoogste": f"{verhoging:.2f}"}
        )
        return voet
    verloop.deel("woonkostenverhoging", verhoging, bv.RV_475DA_LID_5)
    uitleg.stap(
        "bvv.woonkosten",
        zin,
        bv.uniek(*bronnen, *regels.bronnen("bvv.woonkosten.termijnMaanden")),
        invoer,
        {"verhoging": f"{verhoging:.2f}", "termijnMaanden": termijn},
    )
    return voet + verhoging


def eigen_woning(inv: BeslagvrijeVoetInvoer, regels: RegelsOp, uitleg: Uitleg, verloop: Verloop) -> None:
    """475da lid 7: de inkomensgrenzen staan in de wet (tot 2023 via WHT 14 lid 1) en beslissen of het lid geldt; het
    bedrag van de verhoging regelt een AMvB die niet is gevonden."""
    assert inv.woning is not None, "lid 7 alleen als de invoer een woning noemt"
    kring = regels.tekst("bvv.eigenWoning.kring")
    huishouden = "eenpersoons" if inv.leefsituatie == ALLEENSTAANDE else "meerpersoons"
    grens = regels.waarde(f"bvv.eigenWoning.inkomensgrens.{huishouden}")
    invoer = {"woning": inv.woning, "C": f"{inv.belastbaar_jaarinkomen:.2f}", "inkomensgrens": f"{grens:.2f}"}
    if inv.woning != EIGEN_WONING and kring == "EIGENAAR":
        uitleg.stap(
            "bvv.eigenWoning",
            "Lid 7 gold tot 2023 alleen voor de eigenaar van een door hemzelf bewoonde woning, niet voor een huurder: "
            "geen verhoging.",
            (bv.RV_475DA_LID_7,),
            invoer,
            {"vanToepassing": False},
        )
        return
    if inv.belastbaar_jaarinkomen >= grens:
        uitleg.stap(
            "bvv.eigenWoning",
            f"Lid 7 ({WONING_TEKST[inv.woning]}): het belastbaar inkomen {euro(inv.belastbaar_jaarinkomen)} is niet lager "
            f"dan {euro(grens)} ({huishouden}huishouden): geen verhoging.",
            bv.uniek(bv.RV_475DA_LID_7, *regels.bronnen(f"bvv.eigenWoning.inkomensgrens.{huishouden}")),
            invoer,
            {"vanToepassing": False},
        )
        return
    reden = (
        f"Lid 7 is van toepassing ({WONING_TEKST[inv.woning]}, belastbaar inkomen {euro(inv.belastbaar_jaarinkomen)} "
        f"lager dan {euro(grens)}): op verzoek wordt de voet verhoogd met een bedrag waarvan de wijze van vaststelling "
        "bij of krachtens AMvB is geregeld (Besluit beslagvrije voet). Die regeling is niet gevonden: Maatstaf "
        "berekent de verhoging niet."
    )
    verloop.beoordeling("eigenWoningVerhoging", reden, bv.RV_475DA_LID_7)
    uitleg.stap("bvv.eigenWoning", reden, (bv.RV_475DA_LID_7,), invoer, {"vanToepassing": True, "verhoging": None})
    uitleg.signaal(f"Beoordeling vereist (Rv 475da lid 7): {reden}")


def inrichting(inv: BeslagvrijeVoetInvoer, regels: RegelsOp, uitleg: Uitleg, verloop: Verloop) -> Decimal:
    """475e lid 2: de prijs van verzorging of verpleging, plus twee derde van de norm van Pw 23 lid 1 (niet in de
    regeldata: alleen als de aanroeper hem geeft) en het bedrag van Pw 23 lid 2."""
    opname = inv.inrichting
    assert opname is not None, "475e lid 2 alleen bij verblijf in een inrichting"
    breuk = regels.breuk("bvv.inrichting.normDeel")
    pw23_2 = regels.waarde("bvv.pw23lid2.gehuwden" if inv.leefsituatie in GEHUWD else "bvv.pw23lid2.alleenstaande")
    verloop.deel("prijsZorg", opname.prijs_zorg, bv.RV_475E_LID_2)
    verloop.deel("pw23Lid2", pw23_2, bv.PW_23_LID_2)
    voet = opname.prijs_zorg + pw23_2
    if opname.norm_pw23_lid1 is None:
        deel = NUL
        reden = (
            "Voor twee derde van de bijstandsnorm van Pw 23 lid 1 (475e lid 2 onder a) heeft Maatstaf geen bedrag in de "
            "regeldata en de invoer noemt het niet (inrichting.normPw23Lid1): de voet is zonder dat deel berekend."
        )
        verloop.beoordeling("tweeDerdeNormPw23", reden, bv.RV_475E_LID_2)
        uitleg.signaal(f"Beoordeling vereist (Rv 475e lid 2 onder a): {reden}")
    else:
        deel = omhoog(opname.norm_pw23_lid1 * breuk.teller / Decimal(breuk.noemer))
        verloop.deel("tweeDerdeNormPw23", deel, bv.RV_475E_LID_2)
        voet += deel
    uitleg.stap(
        "bvv.inrichting",
        f"De geëxecuteerde verblijft ter verzorging of verpleging in een inrichting: de voet is de prijs daarvan "
        f"({euro(opname.prijs_zorg)}), verhoogd met {breuk} van de norm van Pw 23 lid 1 ("
        + (f"{euro(deel)}" if opname.norm_pw23_lid1 is not None else "niet bekend")
        + f") en het bedrag van Pw 23 lid 2 ({euro(pw23_2)}): {euro(voet)}. Lid 1 tot en met 7 van 475da en 475dc "
        "gelden hier niet.",
        (bv.RV_475E_LID_2, bv.PW_23_LID_1, bv.PW_23_LID_2),
        {
            "prijsZorg": f"{opname.prijs_zorg:.2f}",
            "normPw23Lid1": None if opname.norm_pw23_lid1 is None else f"{opname.norm_pw23_lid1:.2f}",
        },
        {"voet": f"{voet:.2f}"},
    )
    return voet
