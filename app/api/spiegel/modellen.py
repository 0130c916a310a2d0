"""Het antwoordmodel van GET /teamoverzichten (contract: niet hernoemen)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class GroepUit(BaseModel):
    team: str | None = Field(None, description="De teamcode (claim team); null: zonder team.")
    medewerker: str | None = Field(None, description="Pseudoniem van de medewerker (sleutelgebonden hash).")
    getoond: bool = Field(description="false: minder dan minimumGroep zaken; dan staan er geen cijfers.")
    zaken: int | None = None
    boeteberekeningen: int | None = None
    uitkomsten: dict[str, int] | None = None
    verwijtbaarheid: dict[str, int] | None = None
    waarschuwingenTegenBoeten: dict[str, int] | None = None
    maatwerk: dict[str, int] | None = None
    draagkrachtBegrensd: dict | None = Field(None, description="{aantal, aandeel} van de boeteberekeningen.")
    langeVerrekening: dict[str, int] | None = None
    kwijtschelding: dict | None = None


class TeamUit(GroepUit):
    medewerkers: list[GroepUit] | None = Field(None, description="Op volgorde van pseudoniem, niet gerangschikt.")
    medewerkersNietGetoond: int | None = None


class MaandUit(BaseModel):
    maand: str
    getoond: bool
    uitkomsten: dict[str, int] | None


class Teamoverzicht(BaseModel):
    gemeente: str
    team: str | None = Field(description="Het gekozen team, of null voor alle teams.")
    periode: dict[str, str]
    minimumGroep: int
    totaal: GroepUit
    teams: list[TeamUit]
    perMaand: list[MaandUit]
    toelichting: str
