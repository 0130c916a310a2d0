"""De schriftelijke waarschuwing in plaats van een boete (Pw 18a lid 4; Boetebesluit art. 2aa).

Sinds 2017 is zij mogelijk bij een laag benadelingsbedrag (grond a) of na tijdige zelfcorrectie (grond b) van
Boetebesluit art. 2aa, en nooit binnen de blokkadetermijn na een eerdere waarschuwing (Pw 18a lid 4). Onder de
Fraudewet kon zij alleen zonder benadelingsbedrag (Pw 18a lid 4, tekst tot 2017). Bedrag, dagen en termijn komen uit
de regeldata (``waarschuwing.*``). Of het college dan met een waarschuwing volstaat ("kan"), kiest het verzoek of het
beleid van de gemeente.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from app.domain import bronnen as b
from app.domain.boete.invoer import SANCTIE_WAARSCHUWING, BoeteInvoer, Sanctie
from app.domain.boete.regime import fraudewet, tekst_tot
from app.domain.datums import jaren_later
from app.domain.geld import euro
from app.domain.regels import RegelsOp
from app.domain.uitleg import Beleidskeuzes, Uitleg


def _waarschuwing_gronden(inv: BoeteInvoer, benadeling: Decimal, regels: RegelsOp) -> tuple[bool, bool, list[Sanctie]]:
    """(grond a: laag bedrag, grond b: tijdige zelfcorrectie, blokkerende eerdere waarschuwingen) — BB art. 2aa."""
    blokkade_jaren = regels.geheel("waarschuwing.blokkadeJaren")
    grond_a = benadeling <= regels.waarde("waarschuwing.maximumBenadeling")
    z = inv.zelfcorrectie
    termijn = regels.optioneel("waarschuwing.zelfcorrectieDagen")  # grond b bestaat pas sinds 2017 (BB art. 2aa)
    grond_b = (
        termijn is not None
        and z is not None
        and z.dagen_na_verplichting <= int(termijn.getal)
        and z.voor_constatering
        and not z.in_kader_van_toezicht
    )
    blokkerend = [
        s
        for s in inv.eerdere_sancties
        if s.soort == SANCTIE_WAARSCHUWING
        and s.datum <= inv.begindatum
        and inv.begindatum < jaren_later(s.datum, blokkade_jaren)
    ]
    return grond_a, grond_b, blokkerend


def _geblokkeerd(blokkerend: list[Sanctie], jaren: int) -> str:
    return (
        f"Een waarschuwing is niet mogelijk: op {blokkerend[-1].datum.isoformat()} is al een waarschuwing "
        f"gegeven, minder dan {jaren} jaar vóór de begindatum van deze overtreding."
    )


def waarschuwing_mogelijk(inv: BoeteInvoer, benadeling: Decimal, regels: RegelsOp, uitleg: Uitleg) -> bool:
    grond_a, grond_b, blokkerend = _waarschuwing_gronden(inv, benadeling, regels)
    mogelijk = (grond_a or grond_b) and not blokkerend
    if not uitleg.actief:
        return mogelijk
    maximum = regels.waarde("waarschuwing.maximumBenadeling")
    blokkade_jaren = regels.geheel("waarschuwing.blokkadeJaren")
    z = inv.zelfcorrectie
    if fraudewet(regels):  # toen alleen zonder benadelingsbedrag (Pw 18a lid 4 oud)
        bron = (b.PW_OUD_18A_LID_4,)
        if blokkerend:
            zin = _geblokkeerd(blokkerend, blokkade_jaren)
        elif grond_a:
            zin = (
                "Een waarschuwing is mogelijk: de overtreding heeft niet tot een benadelingsbedrag geleid en er is "
                f"in de {blokkade_jaren} jaar ervoor geen waarschuwing gegeven."
            )
        else:
            zin = (
                "Een waarschuwing is niet mogelijk: een waarschuwing kon toen alleen als de overtreding niet tot een "
                f"benadelingsbedrag leidde (Pw 18a lid 4, {tekst_tot(regels)})."
            )
        uitleg.stap(
            "boete.waarschuwing",
            zin,
            bron,
            {"benadelingsbedrag": f"{benadeling:.2f}", "eerdereWaarschuwingBinnenTermijn": bool(blokkerend)},
            {"waarschuwingMogelijk": mogelijk},
        )
        return mogelijk
    dagen = regels.geheel("waarschuwing.zelfcorrectieDagen")
    if blokkerend:
        zin = _geblokkeerd(blokkerend, blokkade_jaren)
    elif grond_a:
        zin = (
            f"Een waarschuwing is mogelijk: het benadelingsbedrag van {euro(benadeling)} is niet hoger dan "
            f"{euro(maximum)} en er is in de {blokkade_jaren} jaar ervoor geen waarschuwing gegeven."
        )
    elif grond_b:
        zin = (
            f"Een waarschuwing is mogelijk: de juiste inlichtingen zijn uit eigen beweging binnen {dagen} dagen "
            "gegeven, vóór de constatering en niet in het kader van toezicht."
        )
    else:
        zin = (
            f"Een waarschuwing is niet mogelijk: het benadelingsbedrag is hoger dan {euro(maximum)} en de "
            f"inlichtingen zijn niet uit eigen beweging binnen {dagen} dagen vóór de constatering gecorrigeerd."
        )
    uitleg.stap(
        "boete.waarschuwing",
        zin,
        (b.PW_18A_LID_4, b.BB_2AA_LID_1, b.BB_2AA_LID_2),
        {
            "benadelingsbedrag": f"{benadeling:.2f}",
            "zelfcorrectieDagen": z.dagen_na_verplichting if z else None,
            "eerdereWaarschuwingBinnenTermijn": bool(blokkerend),
        },
        {"waarschuwingMogelijk": mogelijk},
    )
    return mogelijk


def waarschuwing_keuze(inv: BoeteInvoer, mogelijk: bool, beleid: Mapping[str, object]) -> tuple[bool, Beleidskeuzes]:
    """(waarschuwen, keuze): volstaat het college met een waarschuwing als die mogelijk is? Het verzoek beslist,
    anders het beleid van de gemeente; ``keuze`` noemt waarop de uitkomst rust (alleen als een waarschuwing kon)."""
    waarschuwen = inv.waarschuwing_indien_mogelijk
    keuze: Beleidskeuzes = (
        (("waarschuwingIndienMogelijk", "VERZOEK" if waarschuwen is not None else None),) if mogelijk else ()
    )
    if waarschuwen is None:
        waarschuwen = bool(beleid["waarschuwingIndienMogelijk"])
    return waarschuwen, keuze


def waarschuwing_bron(regels: RegelsOp) -> tuple[b.Bron, ...]:
    """Vóór 2017 alleen Pw 18a lid 4 (zonder benadelingsbedrag); daarna ook Boetebesluit art. 2aa."""
    if fraudewet(regels):
        return (b.PW_OUD_18A_LID_4,)
    return (b.PW_18A_LID_4, b.BB_2AA_LID_1)
