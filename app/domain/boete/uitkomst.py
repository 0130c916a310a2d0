"""Wat een boeteberekening oplevert (SPEC §3.3): de uitkomst, de begrenzing die de hoogte bepaalde, de verrekening."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain import bronnen as b
from app.domain.benadeling import Benadeling
from app.domain.huishouden import Draagkracht, Huishouden
from app.domain.uitleg import Stap

# uitkomsten
BOETE = "BOETE"
WAARSCHUWING = "WAARSCHUWING"
AFGEZIEN = "AFGEZIEN"
GEEN_BOETE = "GEEN_BOETE"
#: De regelgeving schrijft een lagere boete voor zonder te zeggen hoeveel: het college stelt haar vast (Boetebesluit
#: art. 2 lid 3, tekst tot 2017: zonder benadelingsbedrag EUR 150, "bij verminderde verwijtbaarheid ... verlaagd").
BEOORDELING_VEREIST = "BEOORDELING_VEREIST"

# bepalende begrenzing
PERCENTAGE = "PERCENTAGE"
BOETEBESLUIT_2_LID_7 = "BOETEBESLUIT_2_LID_7"
WETTELIJK_MAXIMUM = "WETTELIJK_MAXIMUM"
DRAAGKRACHT = "DRAAGKRACHT"
MATIGING = "MATIGING"
WETTELIJK_MINIMUM = "WETTELIJK_MINIMUM"  # Fraudewet: ten minste het bedrag van boete.minimum


@dataclass(frozen=True, slots=True)
class ZonderVoet:
    """Pw 60b (tekst tot 2017): een recidiveboete mocht ten hoogste zoveel maanden na de dagtekening worden verrekend
    zonder de beslagvrije voet, tot ten hoogste de hele bijstand per maand (in afwijking van Awb 4:93 lid 4)."""

    maanden: int
    per_maand_ten_hoogste: Decimal
    maanden_boete: int | None


@dataclass(frozen=True, slots=True)
class Verrekening:
    per_maand: Decimal | None  # None: de regels voor de verrekening ontbreken op de datum (signaal)
    maanden_boete: int | None
    maanden_terugvordering: int | None
    zonder_voet: ZonderVoet | None = None  # alleen waar Pw 60b (tekst tot 2017) gold


@dataclass(frozen=True, slots=True)
class BeoordelingVereist:
    """De boete moet lager zijn dan ``lager_dan``; hoeveel, zegt de regelgeving niet: het college stelt haar vast."""

    reden: str
    bron: tuple[b.Bron, ...]
    lager_dan: Decimal


@dataclass(frozen=True, slots=True)
class BoeteUitkomst:
    uitkomst: str
    boete: Decimal
    boete_zonder_waarschuwing: Decimal | None
    graad: str
    boetepercentage: int
    recidive: bool
    benadelingsbedrag: Decimal
    grondslag: Decimal
    boete_voor_draagkracht: Decimal | None
    draagkracht: Draagkracht | None
    bepalende_begrenzing: str | None
    waarschuwing_mogelijk: bool
    toegepaste_regels_datum: date
    verrekening: Verrekening
    benadeling: Benadeling | None
    stappen: list[Stap]
    signalen: list[str]
    beoordeling_vereist: BeoordelingVereist | None = None
    #: het huishouden waarmee is gerekend: boven bijstandsniveau met de beslagvrije voet (opgegeven of berekend)
    huishouden: Huishouden | None = None
