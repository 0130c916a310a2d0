from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.boete import BoeteInvoer
from app.domain.huishouden import Huishouden
from app.domain.verwijtbaarheid import VerwijtbaarheidInvoer
from app.regels import standaard


@pytest.fixture(scope="session")
def regels():
    return standaard()


def D(tekst: str) -> Decimal:  # noqa: N802 - korte schrijfwijze voor bedragen in tests
    return Decimal(tekst)


def boete_invoer(**wijzigingen) -> BoeteInvoer:
    """Het voorbeeld van SPEC §4.4, met wijzigingen."""
    velden = dict(
        begindatum=date(2025, 3, 1),
        einddatum=date(2025, 10, 31),
        beschikkingsdatum=date(2026, 2, 2),
        verwijtbaarheid=VerwijtbaarheidInvoer(graad="NORMAAL"),
        huishouden=Huishouden(leefvorm="ALLEENSTAANDE"),
        benadelingsbedrag=Decimal("8000.00"),
    )
    velden.update(wijzigingen)
    return BoeteInvoer(**velden)


def graad(naam: str) -> VerwijtbaarheidInvoer:
    if naam in ("OPZET", "GROVE_SCHULD"):
        return VerwijtbaarheidInvoer(graad=naam, bewijs=("verklaring belanghebbende",))
    if naam == "GEEN":
        return VerwijtbaarheidInvoer(graad=naam, motivering="Brief van de gemeente kwam nooit aan.")
    return VerwijtbaarheidInvoer(graad=naam)
