"""Vóór 2021-01-01: het oude art. 475d Rv (teksten 2016-01-01 t/m 2020-10-01).

Maatstaf berekent alleen de basis van lid 1: negentig procent van de norm van Pw 21 onder a (alleenstaande en
alleenstaande ouder) of onder b (gehuwden), aangenomen dat de schuldenaar(s) 21 jaar of ouder zijn en de
pensioengerechtigde leeftijd niet hebben bereikt (anders Pw 20 of 22). Niet berekend, en dat zegt de uitleg: de
verhogingen van lid 3 (zorgpremie, woonkosten, kindgebonden budget), lid 2 (inrichting), de verminderingen van lid 4 en
5 (inkomen van de echtgenoot, eigen niet beslagen inkomen en studiefinanciering), het oude art. 475e (geen voet bij
wonen buiten Nederland) en 475g lid 2 (halvering of 72% als het inkomen niet is opgegeven). Omdat de verhogingen van
lid 3 verplicht zijn maar van feiten afhangen die de invoer niet kent, is de uitkomst altijd BEOORDELING_VEREIST: de
basis is een ondergrens. Een vaststelling van vóór 2021 gold tot de volgende vaststelling (overgangsrecht art. XXII
Wet vereenvoudiging beslagvrije voet); er is geen termijn van twaalf maanden (``geldig_tot`` is leeg).
"""

from __future__ import annotations

from decimal import Decimal

from app.domain.geld import HONDERD, euro
from app.domain.regels import RegelsOp
from app.domain.uitleg import Uitleg

from . import bronnen as bv
from .afronding import omhoog
from .formule import NORM
from .model import GEHUWD, TEKST, BeslagvrijeVoetInvoer, Verloop, getal

NIET_BEREKEND = (
    "de verhogingen van oud lid 3 (zorgpremie boven de normpremie, woonkosten boven de normhuur, het kindgebonden "
    "budget), oud lid 2 (verblijf in een inrichting), de verminderingen van oud lid 4 en 5 (het inkomen van de "
    "echtgenoot, tot ten hoogste de helft; eigen niet beslagen inkomen en studiefinanciering), het oude art. 475e (geen "
    "voet bij wonen buiten Nederland) en oud art. 475g lid 2 (halvering als het inkomen van de partner niet is "
    "opgegeven; 72% van de norm als het inkomen van een alleenstaande niet bekend is)"
)


def _beoordelingen(inv: BeslagvrijeVoetInvoer, verloop: Verloop) -> None:
    verloop.beoordeling(
        "verhogingenOud475dLid3",
        "Het oude art. 475d lid 3 verhoogde de voet met de zorgpremie boven de normpremie, de woonkosten boven de "
        "normhuur en het kindgebonden budget dat niet werd ontvangen; Maatstaf kent die bedragen niet.",
        bv.RV_OUD_475D_LID_3,
    )
    gevallen = (
        (
            inv.inrichting is not None,
            "inrichtingOud475dLid2",
            "Verblijf in een inrichting (oud lid 2).",
            bv.RV_OUD_475D_LID_2,
        ),
        (
            not inv.woonadres_in_nederland,
            "buitenlandOud475e",
            "Wonen buiten Nederland (oud art. 475e).",
            bv.RV_OUD_475E,
        ),
        (
            inv.niet_beslagen_inkomen_partner > 0,
            "partnerOud475dLid4",
            "Inkomen van de echtgenoot (oud lid 4).",
            bv.RV_OUD_475D_LID_4,
        ),
        (
            inv.niet_beslagen_inkomen_schuldenaar > 0,
            "eigenInkomenOud475dLid5",
            "Eigen niet beslagen inkomen (oud lid 5).",
            bv.RV_OUD_475D_LID_5,
        ),
        (inv.woonkosten is not None, "woonkostenOud475dLid3", "Woonkosten (oud lid 3 onder b).", bv.RV_OUD_475D_LID_3),
    )
    for geldt, deel, reden, bron in gevallen:
        if geldt:
            verloop.beoordeling(
                deel, f"{reden} Niet berekend: Maatstaf rekent vóór 2021 alleen de basis van oud lid 1.", bron
            )


def voet_oud(inv: BeslagvrijeVoetInvoer, regels: RegelsOp, uitleg: Uitleg, verloop: Verloop) -> Decimal:
    """Oud art. 475d lid 1: 90% van de toepasselijke norm van Pw 21; de rest in ``beoordeling_vereist``."""
    gehuwd = inv.leefsituatie in GEHUWD
    percentage = regels.waarde("beslagvrijeVoet.percentageVanNorm")
    norm = regels.waarde(NORM[gehuwd])
    voet = omhoog(norm * percentage / HONDERD)
    verloop.deel("oud475dLid1", voet, bv.RV_OUD_475D_LID_1)
    _beoordelingen(inv, verloop)
    uitleg.stap(
        "bvv.oud475d",
        f"Op {regels.datum.isoformat()} gold het oude art. 475d: de voet voor {TEKST[inv.leefsituatie]} is "
        f"{getal(percentage)}% van de norm van Pw 21 onder {'b' if gehuwd else 'a'} ({euro(norm)} per maand, inclusief "
        f"vakantietoeslag): {euro(voet)}. Aangenomen: 21 jaar of ouder en (bij een alleenstaande) jonger dan de "
        "pensioengerechtigde leeftijd. De formule van 475da (2021) geldt nog niet; er is geen maximum en geen "
        "ondergrens van 95% van het inkomen.",
        (bv.RV_OUD_475D_LID_1, bv.PW_21_B if gehuwd else bv.PW_21_A),
        {"leefsituatie": inv.leefsituatie, "norm": f"{norm:.2f}", "percentage": f"{percentage:f}"},
        {"voet": f"{voet:.2f}", "formule": "OUD_475D"},
    )
    uitleg.stap(
        "bvv.oud475d.nietBerekend",
        f"Niet berekend: {NIET_BEREKEND}. De voet hierboven is daarom de basis van oud lid 1, geen volledige "
        "vaststelling.",
        (
            bv.RV_OUD_475D_LID_2,
            bv.RV_OUD_475D_LID_3,
            bv.RV_OUD_475D_LID_4,
            bv.RV_OUD_475D_LID_5,
            bv.RV_OUD_475E,
            bv.RV_OUD_475G_LID_2,
        ),
        {},
        {"nietBerekend": [b.deel for b in verloop.beoordelingen]},
    )
    uitleg.signaal(
        f"Vóór 2021-01-01 gold het oude art. 475d Rv: Maatstaf berekent alleen de basis van {getal(percentage)}% van de "
        f"bijstandsnorm ({euro(voet)}). Niet berekend: {NIET_BEREKEND}. Stel de voet zo nodig met de hand vast."
    )
    return voet
