"""Het betaalvoorstel van een schuldhulpverlener en het antwoord van de gemeente, in de woorden van het
Schuldenknooppunt (module Schuldregeling): TypeSchuldregeling SK/SB/SA, Betaalvoorstel antwoord per vordering,
Saldoverzoek antwoord (Schuldtype, Ontstaansdatum, Originele vordering)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.domain.bronnen import Bron
from app.domain.kwijtschelding import Vordering
from app.domain.uitleg import Stap

# TypeSchuldregeling (Schuldenknooppunt, module Schuldregeling)
SANERINGSKREDIET = "SK"  # de schulden worden ineens afgekocht met een krediet
SCHULDBEMIDDELING = "SB"  # de schulden worden in termijnen naar draagkracht deels betaald
ZONDER_AFLOSCAPACITEIT = "SA"  # schuldregeling zonder afloscapaciteit (NVVK, sinds 2024-07-01)
TYPEN = {
    SANERINGSKREDIET: "saneringskrediet",
    SCHULDBEMIDDELING: "schuldbemiddeling",
    ZONDER_AFLOSCAPACITEIT: "schuldregeling zonder afloscapaciteit",
}

# het antwoord per vordering
AKKOORD = "AKKOORD"
NIET_AKKOORD = "NIET_AKKOORD"
BEOORDELING_VEREIST = "BEOORDELING_VEREIST"

# Schuldtype (Saldoverzoek antwoord)
OPENSTAAND = "OPENSTAAND"
OVERGEDRAGEN = "OVERGEDRAGEN"
ONBEKEND = "ONBEKEND"
SCHULDTYPEN = (OPENSTAAND, OVERGEDRAGEN, ONBEKEND)

# keuzes in het beleid van de gemeente (beleidskeuze betaalvoorstel)
BEOORDELEN = "BEOORDELEN"
BELEIDSANTWOORDEN = (AKKOORD, BEOORDELEN)


@dataclass(frozen=True, slots=True)
class Betaalvoorstel:
    """Wat de schuldhulpverlener voorstelt: het type, het percentage dat elke concurrente schuldeiser krijgt, de
    looptijd en (zo opgegeven) het percentage voor preferente schuldeisers."""

    type_schuldregeling: str
    aangeboden_percentage: Decimal
    looptijd_maanden: int
    ontvangen_op: date
    preferent_percentage: Decimal | None = None


@dataclass(frozen=True, slots=True)
class VoorstelVordering:
    """Een vordering van de gemeente in het voorstel, met de feiten waarop het antwoord berust."""

    id: str  # FactuurnummerSE: het kenmerk van de gemeente, nooit een BSN
    vordering: Vordering
    ontstaansdatum: date | None = None
    schuldtype: str = OPENSTAAND
    herhalingen: tuple[date, ...] = ()  # latere overtredingen wegens eenzelfde gedraging (Pw 18a lid 13 en 14)
    berekening_id: str | None = None  # de vastgelegde berekening waar de feiten vandaan komen


@dataclass(frozen=True, slots=True)
class Saldo:
    """Saldoverzoek antwoord per vordering."""

    openstaand: Decimal
    origineel: Decimal
    ontstaansdatum: date | None
    schuldtype: str


@dataclass(frozen=True, slots=True)
class Antwoordregel:
    id: str
    antwoord: str  # AKKOORD, NIET_AKKOORD of BEOORDELING_VEREIST
    redenen: tuple[str, ...]
    bron: tuple[Bron, ...]
    preferent: bool  # Pw 60 lid 7: terugvordering van bijstand is bevoorrecht
    saldo: Saldo
    aangeboden: Decimal  # wat het voorstel voor deze vordering biedt
    kwijt_te_schelden: Decimal  # wat de gemeente zou kwijtschelden als zij akkoord gaat
    berekening_id: str | None = None
    beleid: tuple[tuple[str, str | None], ...] = ()  # de beleidskeuze waarop het antwoord rust


@dataclass(frozen=True, slots=True)
class Looptijd:
    voorgesteld: int
    beleid: int
    aanvaardbaar: bool
    redenen: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BetaalvoorstelAntwoord:
    vorderingen: tuple[Antwoordregel, ...]
    looptijd: Looptijd
    antwoord_uiterlijk: date | None  # binnen tien werkdagen (afsprakenstelsel Schuldenknooppunt, sinds release 2.0)
    totaal_openstaand: Decimal
    totaal_aangeboden: Decimal
    totaal_preferent: Decimal  # Totale vastgestelde schuld preferent (Betaalvoorstel)
    geen_medewerking: str | None  # de wet verbiedt elke medewerking (Pw 60c tot en met 2015-12-31)
    stappen: list[Stap] = field(default_factory=list)
    signalen: list[str] = field(default_factory=list)
