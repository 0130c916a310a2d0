"""Matiging van de boete door het college, elk met een motivering (Boetebesluit art. 2 lid 8; Awb 5:46 lid 2 en 3;
bij overschrijding van de redelijke termijn art. 6 EVRM): een percentage of een bedrag, in de opgegeven volgorde."""

from __future__ import annotations

from decimal import Decimal

from app.domain import bronnen as b
from app.domain.boete.invoer import Matiging
from app.domain.boete.uitkomst import MATIGING
from app.domain.geld import HONDERD, NUL, euro, naar_beneden
from app.domain.uitleg import Uitleg

MATIGINGSGRONDEN = {
    "EVENREDIGHEID": ("evenredigheid", (b.BB_2_LID_8, b.AWB_5_46_LID_2, b.AWB_5_46_LID_3)),
    "REDELIJKE_TERMIJN": ("overschrijding van de redelijke termijn", (b.EVRM_6,)),
    "OVERIG": ("bijzondere omstandigheden", (b.BB_2_LID_8, b.AWB_5_46_LID_3)),
}


def _gematigd(boete: Decimal, m: Matiging) -> Decimal:
    if m.percentage is not None:
        return naar_beneden(boete * (HONDERD - m.percentage) / HONDERD)
    return max(NUL, boete - _bedrag(m))


def _bedrag(m: Matiging) -> Decimal:
    """Het bedrag van een matiging zonder percentage (de invoercontrole eist precies één van de twee)."""
    assert m.bedrag is not None, m
    return m.bedrag


def matig(boete: Decimal, bepalend: str, matigingen: tuple[Matiging, ...], uitleg: Uitleg) -> tuple[Decimal, str]:
    """Stap 10: (boete, bepalende begrenzing) na de matigingen; een matiging die de boete verlaagt, begrenst haar."""
    if not matigingen:
        return boete, bepalend
    gematigd = _matig(boete, matigingen, uitleg)
    return gematigd, MATIGING if gematigd < boete else bepalend


def _matig(boete: Decimal, matigingen: tuple[Matiging, ...], uitleg: Uitleg) -> Decimal:
    for m in matigingen:
        nieuw = _gematigd(boete, m)
        if not uitleg.actief:
            boete = nieuw
            continue
        naam, bron = MATIGINGSGRONDEN[m.grond]
        wat = f"{m.percentage:f}%" if m.percentage is not None else euro(_bedrag(m))
        uitleg.stap(
            "boete.matiging",
            f"Matiging wegens {naam} met {wat}: de boete gaat van {euro(boete)} naar {euro(nieuw)}. "
            f"Motivering: {m.motivering.strip()}",
            bron,
            {
                "grond": m.grond,
                "percentage": f"{m.percentage:f}" if m.percentage is not None else None,
                "bedrag": f"{m.bedrag:.2f}" if m.bedrag is not None else None,
                "boete": f"{boete:.2f}",
            },
            {"boete": f"{nieuw:.2f}"},
        )
        boete = nieuw
    return boete
