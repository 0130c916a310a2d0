"""Verval van de bevoegdheid om een boete op te leggen (Awb 5:45, met de drempel van Awb 5:53).

De termijn loopt vanaf de overtreding (de einddatum); de korte termijn van lid 2 geldt als de hoogst mogelijke boete
niet boven de drempel van 5:53 ligt. In bezwaar of beroep is de termijn opgeschort (lid 3): dan toetst Maatstaf de
dag waarop de boete werd opgelegd. Termijnen en drempel komen uit de regeldata (``verval.*``).
"""

from __future__ import annotations

from datetime import date

from app.domain import bronnen as b
from app.domain.boete.hoogte import Hoogte
from app.domain.boete.invoer import BoeteInvoer
from app.domain.datums import jaren_later
from app.domain.geld import euro
from app.domain.regels import RegelsOp
from app.domain.uitleg import Uitleg


def _vervaltermijn(hoogte: Hoogte, regels: RegelsOp) -> tuple[int, bool]:
    """(jaren, laag): Awb 5:45 lid 1, of lid 2 als de hoogst mogelijke boete niet boven de drempel van 5:53 ligt."""
    if hoogte.wettelijk_maximum > regels.waarde("verval.drempel5_53"):
        return regels.geheel("verval.termijnJaren"), False
    return regels.geheel("verval.termijnJarenLaag"), True


def _opgelegd_op(inv: BoeteInvoer) -> date:
    """De dag die de vervaltermijn toetst: de beschikkingsdatum, of in bezwaar of beroep de dag waarop de boete werd
    opgelegd. Awb 5:45 lid 3: 'Indien tegen de bestuurlijke boete bezwaar wordt gemaakt of beroep wordt ingesteld,
    wordt de vervaltermijn opgeschort tot onherroepelijk op het bezwaar of beroep is beslist.'"""
    return inv.bezwaar_of_beroep.boete_opgelegd_op if inv.bezwaar_of_beroep is not None else inv.beschikkingsdatum


def _is_vervallen(inv: BoeteInvoer, hoogte: Hoogte, regels: RegelsOp) -> bool:
    return _opgelegd_op(inv) > jaren_later(inv.einddatum, _vervaltermijn(hoogte, regels)[0])


def verval(inv: BoeteInvoer, hoogte: Hoogte, regels: RegelsOp, uitleg: Uitleg) -> bool:
    """Stap 2: is de bevoegdheid om een boete op te leggen vervallen (Awb 5:45 lid 1-3, Awb 5:53)?"""
    if not uitleg.actief:
        return _is_vervallen(inv, hoogte, regels)
    drempel = regels.waarde("verval.drempel5_53")
    jaren, laag = _vervaltermijn(hoogte, regels)
    bron: tuple[b.Bron, ...]
    if not laag:
        bron = (b.AWB_5_45_LID_1, b.AWB_5_53_LID_1)
    else:
        bron = (b.AWB_5_45_LID_2, b.AWB_5_53_LID_1)
        uitleg.signaal(
            f"De hoogst mogelijke boete is {euro(hoogte.wettelijk_maximum)}, niet meer dan {euro(drempel)}: daarom is "
            f"de vervaltermijn van {jaren} jaar toegepast (Awb 5:45 lid 2). Dit randgeval is juridisch niet "
            "uitgekristalliseerd; laat een jurist het beoordelen."
        )
    grens = jaren_later(inv.einddatum, jaren)
    opgelegd = _opgelegd_op(inv)
    vervallen = opgelegd > grens
    invoer: dict[str, str | None] = {
        "einddatum": inv.einddatum.isoformat(),
        "beschikkingsdatum": inv.beschikkingsdatum.isoformat(),
        "hoogstMogelijkeBoete": f"{hoogte.wettelijk_maximum:.2f}",
    }
    bb = inv.bezwaar_of_beroep
    if bb is None:
        zin = (
            f"De bevoegdheid om een boete op te leggen vervalt {jaren} jaar na de overtreding, dus na "
            f"{grens.isoformat()}; de beschikkingsdatum {inv.beschikkingsdatum.isoformat()} ligt "
            + ("daarna: de bevoegdheid is vervallen." if vervallen else "daar niet na.")
        )
    else:
        bron = (*bron, b.AWB_5_45_LID_3)
        ingesteld = f" op {bb.ingesteld_op.isoformat()}" if bb.ingesteld_op else ""
        zin = (
            f"De bevoegdheid om een boete op te leggen vervalt {jaren} jaar na de overtreding, dus na "
            f"{grens.isoformat()}. De boete is opgelegd op {opgelegd.isoformat()}"
            + (", daarna: de bevoegdheid was toen al vervallen." if vervallen else ", daarvóór.")
            + (
                f" Tegen die boete is{ingesteld} bezwaar gemaakt of beroep ingesteld; zolang daarop niet onherroepelijk "
                "is beslist, is de vervaltermijn opgeschort. Deze heroverweging valt daarom niet onder het verval."
                if not vervallen
                else ""
            )
        )
        invoer.update(
            {
                "boeteOpgelegdOp": opgelegd.isoformat(),
                "bezwaarOfBeroepIngesteldOp": bb.ingesteld_op.isoformat() if bb.ingesteld_op else None,
            }
        )
    uitleg.stap("boete.verval", zin, bron, invoer, {"termijnJaren": jaren, "vervallen": vervallen})
    return vervallen
