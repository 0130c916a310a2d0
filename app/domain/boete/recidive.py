"""Recidive (Pw 18a lid 5 en 6): een eerdere onherroepelijke boete of strafrechtelijke sanctie voor eenzelfde
gedraging, binnen de termijn van lid 5 vóór de overtreding (de langere van lid 6 na een onvoorwaardelijke
gevangenisstraf). De termijnen komen uit de regeldata (``recidive.termijnJaren``,
``recidive.termijnJarenGevangenisstraf``); wat recidive met de boete doet, staat bij de grondslag
(app/domain/boete/hoogte.py)."""

from __future__ import annotations

from decimal import Decimal

from app.domain import bronnen as b
from app.domain.boete.invoer import SANCTIE_WAARSCHUWING, STRAFRECHTELIJKE_SANCTIE, BoeteInvoer
from app.domain.datums import jaren_eerder
from app.domain.regels import RegelsOp
from app.domain.uitleg import Uitleg
from app.domain.verwijtbaarheid import GEEN


def bepaal_recidive(
    inv: BoeteInvoer, graad: str, benadeling: Decimal, aangenomen: bool | None, regels: RegelsOp, uitleg: Uitleg
) -> bool:
    """Is er recidive? Zonder verwijt (Awb 5:41) doet zij niet ter zake en zonder benadelingsbedrag verhoogt zij
    niets (Pw 18a lid 5); een wat-als-berekening neemt haar aan (``aangenomen``); anders tellen de eerdere sancties."""
    if graad == GEEN:
        return False
    if benadeling == 0:
        return geen_recidive_zonder_benadeling(uitleg)
    if aangenomen is not None:
        return aangenomen
    return toets_recidive(inv, regels, uitleg)


def toets_recidive(inv: BoeteInvoer, regels: RegelsOp, uitleg: Uitleg) -> bool:
    jaren = regels.geheel("recidive.termijnJaren")
    jaren_straf = regels.geheel("recidive.termijnJarenGevangenisstraf")
    tellend = []
    for sanctie in sorted(inv.eerdere_sancties, key=lambda s: (s.datum, s.soort)):
        if sanctie.soort == SANCTIE_WAARSCHUWING:
            continue
        termijn = jaren_straf if sanctie.gevangenisstraf else jaren
        if not (jaren_eerder(inv.begindatum, termijn) <= sanctie.datum < inv.begindatum):
            continue
        if not sanctie.zelfde_gedraging:
            continue
        if not sanctie.onherroepelijk:
            uitleg.signaal(
                f"De eerdere sanctie van {sanctie.datum.isoformat()} is nog niet onherroepelijk en telt daarom niet "
                "mee voor recidive (Pw 18a lid 5). Wordt zij later onherroepelijk, dan verandert dat deze boete niet."
            )
            continue
        tellend.append((sanctie, termijn))
    recidive = bool(tellend)
    if recidive:
        sanctie, termijn = tellend[-1]
        zin = (
            f"Er is recidive: op {sanctie.datum.isoformat()} is voor eenzelfde gedraging een onherroepelijke "
            f"{'strafrechtelijke sanctie' if sanctie.soort == STRAFRECHTELIJKE_SANCTIE else 'boete'} opgelegd, "
            f"binnen {termijn} jaar vóór de begindatum {inv.begindatum.isoformat()}."
        )
    else:
        zin = (
            f"Er is geen recidive: geen onherroepelijke boete of strafrechtelijke sanctie voor eenzelfde gedraging "
            f"binnen {jaren} jaar (of {jaren_straf} jaar na een onvoorwaardelijke gevangenisstraf) vóór de "
            f"begindatum {inv.begindatum.isoformat()}."
        )
    uitleg.stap(
        "boete.recidive",
        zin,
        (b.PW_18A_LID_5, b.PW_18A_LID_6),
        {"begindatum": inv.begindatum.isoformat(), "aantalEerdereSancties": len(inv.eerdere_sancties)},
        {"recidive": recidive},
    )
    return recidive


def geen_recidive_zonder_benadeling(uitleg: Uitleg) -> bool:
    """Pw 18a lid 5 verhoogt de boete bij een overtreding 'als gevolg waarvan ten onrechte of tot een te hoog bedrag
    aan bijstand is ontvangen': zonder benadelingsbedrag speelt recidive geen rol."""
    if uitleg.actief:
        uitleg.stap(
            "boete.recidive",
            "Recidive (Pw 18a lid 5) gaat over een overtreding waardoor te veel bijstand is ontvangen; deze "
            "overtreding heeft niet tot een benadelingsbedrag geleid, dus eerdere sancties verhogen de boete niet.",
            (b.PW_18A_LID_5, b.PW_18A_LID_3),
            {"benadelingsbedrag": "0.00"},
            {"recidive": False},
        )
    return False
