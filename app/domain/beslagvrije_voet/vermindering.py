"""Na 475da: de verminderingen van Rv 475db (in de volgorde van de wet) en de ondergrens van Rv 475dc.

- 475db lid 1 onder a: het niet beslagen periodieke inkomen van de echtgenoot, tot ten hoogste de helft van de voet
  van 475da; onder b: het eigen niet beslagen periodieke inkomen. Beide inclusief vakantiebijslag, zoals de aanroeper
  ze geeft. Onder c (loonbelasting over een auto van de zaak) berekent Maatstaf niet.
- 475dc lid 1: is de voet hoger dan 95% van het maandelijkse inkomen (vanaf 2022 inclusief vakantiebijslag), dan is
  de voet 95% van dat inkomen. Lid 2 (vanaf 2022) bij een bij AMvB aangewezen uitkering: 95% van de bijstandsnorm min
  het inkomen van Pw 32. Welke uitkeringen het Besluit beslagvrije voet aanwijst, is niet gevonden: lid 2 geldt
  alleen als de aanroeper ``bijstand`` opgeeft (en daarmee verklaart dat het om zo'n uitkering gaat).
"""

from __future__ import annotations

from decimal import Decimal

from app.domain.geld import HONDERD, NUL, euro
from app.domain.regels import RegelsOp
from app.domain.uitleg import Uitleg

from . import bronnen as bv
from .afronding import omhoog, omlaag
from .formule import NORM
from .model import GEHUWD, BeslagvrijeVoetInvoer, Verloop, getal


def verminder(inv: BeslagvrijeVoetInvoer, voet: Decimal, uitleg: Uitleg, verloop: Verloop) -> Decimal:
    """475db lid 1 onder a en b, in die volgorde; de voet wordt niet negatief."""
    partner, eigen = inv.niet_beslagen_inkomen_partner, inv.niet_beslagen_inkomen_schuldenaar
    if partner <= 0 and eigen <= 0:
        return voet
    helft = omlaag(voet / 2)
    a = omlaag(min(partner, helft))
    b = omlaag(min(eigen, voet - a))
    if a > 0:
        verloop.deel("verminderingPartner", -a, bv.RV_475DB_LID_1_A)
    if b > 0:
        verloop.deel("verminderingEigenInkomen", -b, bv.RV_475DB_LID_1_B)
    na = voet - a - b
    delen = []
    if partner > 0:
        delen.append(
            f"onder a het niet beslagen periodieke inkomen van de echtgenoot ({euro(partner)}), ten hoogste de helft "
            f"van de voet ({euro(helft)}): - {euro(a)}"
        )
    if eigen > 0:
        delen.append(f"onder b het eigen niet beslagen periodieke inkomen ({euro(eigen)}): - {euro(b)}")
    uitleg.stap(
        "bvv.vermindering",
        f"475db lid 1 (in deze volgorde): {'; '.join(delen)}. De voet wordt {euro(na)}"
        + (" (niet minder dan nul)." if b < eigen else "."),
        tuple(bron for bron, bedrag in ((bv.RV_475DB_LID_1_A, partner), (bv.RV_475DB_LID_1_B, eigen)) if bedrag > 0),
        {"voet": f"{voet:.2f}", "partner": f"{partner:.2f}", "eigen": f"{eigen:.2f}"},
        {"verminderingPartner": f"{a:.2f}", "verminderingEigen": f"{b:.2f}", "voet": f"{na:.2f}"},
    )
    return na


def _maandinkomen(inv: BeslagvrijeVoetInvoer, regels: RegelsOp, uitleg: Uitleg) -> tuple[Decimal, str]:
    """Het maandelijkse inkomen van 475dc lid 1: vóór 2022 zonder vakantiebijslag (de tekst noemde haar niet)."""
    if regels.tekst("bvv.ondergrens.inkomen") == "INCLUSIEF_VAKANTIEBIJSLAG":
        return inv.netto_maandinkomen, "inclusief vakantiebijslag"
    if inv.vakantiebijslag_per_maand is not None:
        return inv.netto_maandinkomen - inv.vakantiebijslag_per_maand, "zonder vakantiebijslag"
    uitleg.signaal(
        "De tekst van Rv 475dc tot 2022 telde de vakantiebijslag niet mee in het maandelijkse inkomen; de invoer noemt "
        "haar niet apart (vakantiebijslagPerMaand), dus is met het hele netto maandinkomen gerekend. Dat geeft een "
        "hogere ondergrens dan de wet, in het voordeel van de geëxecuteerde."
    )
    return inv.netto_maandinkomen, "inclusief vakantiebijslag (niet apart opgegeven)"


def _lid_2(inv: BeslagvrijeVoetInvoer, regels: RegelsOp, uitleg: Uitleg) -> Decimal:
    """475dc lid 2: 95% van de bijstandsnorm inclusief vakantiebijslag, min het inkomen van Pw 32."""
    bijstand = inv.bijstand
    assert bijstand is not None, "lid 2 alleen als de invoer bijstand noemt"
    percentage = regels.waarde("beslagvrijeVoet.percentageVanNorm")
    norm = bijstand.bijstandsnorm
    if norm is None:
        norm = regels.waarde(NORM[inv.leefsituatie in GEHUWD])
        uitleg.signaal(
            f"Voor 475dc lid 2 is de norm van Pw 21 onder {'b' if inv.leefsituatie in GEHUWD else 'a'} genomen "
            f"({euro(norm)}); geldt voor de geëxecuteerde een andere bijstandsnorm (bijvoorbeeld als kostendeler of "
            "jongere), geef dan bijstand.bijstandsnorm op."
        )
    voet = max(NUL, omhoog(norm * percentage / HONDERD) - bijstand.inkomen_pw32)
    uitleg.stap(
        "bvv.ondergrens.lid2",
        f"Het beslagen inkomen is volgens de invoer een bij AMvB aangewezen uitkering (bijstand): de voet is "
        f"{getal(percentage)}% van de bijstandsnorm inclusief vakantiebijslag ({euro(norm)}) min het inkomen van Pw 32 "
        f"({euro(bijstand.inkomen_pw32)}): {euro(voet)}. 475d lid 2 en 3 (twaalf maanden, opnieuw vaststellen) gelden "
        "dan niet (475d lid 7).",
        bv.uniek(bv.RV_475DC_LID_2, bv.RV_475D_LID_7, bv.PW_32, *regels.bronnen("beslagvrijeVoet.percentageVanNorm")),
        {"bijstandsnorm": f"{norm:.2f}", "inkomenPw32": f"{bijstand.inkomen_pw32:.2f}"},
        {"voet": f"{voet:.2f}"},
    )
    uitleg.signaal(
        "Rv 475dc lid 2 is toegepast omdat de invoer verklaart dat het beslagen inkomen een bij algemene maatregel van "
        "bestuur aangewezen uitkering is (bijstand). Welke uitkeringen het Besluit beslagvrije voet aanwijst, heeft "
        "Maatstaf niet kunnen lezen: controleer dat de uitkering is aangewezen."
    )
    return voet


def ondergrens(
    inv: BeslagvrijeVoetInvoer, voet: Decimal, regels: RegelsOp, uitleg: Uitleg, verloop: Verloop
) -> tuple[Decimal, bool]:
    """475dc: de voet en of lid 2 is toegepast (dan geldt 475d lid 2 niet, 475d lid 7)."""
    percentage = regels.waarde("bvv.ondergrens.percentage")
    inkomen, soort = _maandinkomen(inv, regels, uitleg)
    grens = omhoog(inkomen * percentage / HONDERD)
    lid_2 = inv.bijstand is not None and regels.optioneel("bvv.ondergrens.aangewezenUitkeringen") is not None
    if inv.bijstand is not None and not lid_2:
        uitleg.signaal(
            "De invoer noemt bijstand, maar 475dc lid 2 (aangewezen uitkeringen) bestond op de peildatum nog niet "
            "(in werking 2022-01-01): alleen lid 1 is toegepast."
        )
    invoer = {
        "voet": f"{voet:.2f}",
        "maandinkomen": f"{inkomen:.2f}",
        "inkomen": soort,
        "percentage": f"{percentage:f}",
    }
    if voet <= grens:
        uitleg.stap(
            "bvv.ondergrens",
            f"475dc lid 1: de voet ({euro(voet)}) is niet hoger dan {getal(percentage)}% van het maandelijkse inkomen "
            f"{soort} ({euro(inkomen)}; {euro(grens)}): de voet blijft {euro(voet)}."
            + (" Lid 2 geldt alleen bij toepassing van lid 1." if lid_2 else ""),
            (bv.RV_475DC_LID_1,),
            invoer,
            {"toegepast": False, "voet": f"{voet:.2f}"},
        )
        return voet, False
    verloop.deel("ondergrens475dc", grens - voet, bv.RV_475DC_LID_1)
    uitleg.stap(
        "bvv.ondergrens",
        f"475dc lid 1: de voet ({euro(voet)}) is hoger dan {getal(percentage)}% van het maandelijkse inkomen {soort} "
        f"({euro(inkomen)}): de voet is {euro(grens)}.",
        bv.uniek(bv.RV_475DC_LID_1, *regels.bronnen("bvv.ondergrens.percentage")),
        invoer,
        {"toegepast": True, "voet": f"{grens:.2f}"},
    )
    if lid_2:
        nieuw = _lid_2(inv, regels, uitleg)
        verloop.deel("bijstandsnormLid2", nieuw - grens, bv.RV_475DC_LID_2)
        return nieuw, True
    return grens, False
