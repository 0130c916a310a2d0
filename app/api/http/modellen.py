"""Modellen die meer dan één feature van de API gebruikt: de basis van elk verzoekmodel (geen onbekende velden), het
besluit van een tweede persoon (vier ogen) en de bron van een regel of stap in een antwoord."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.api.http.vrije_tekst import Motivering  # vrije tekst: geen BSN (AVG)
from app.domain.fouten import Invoerfout


class Invoer(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False)


class Beoordelingsbesluit(StrEnum):
    """Het besluit van de tweede persoon (vier ogen)."""

    GOEDGEKEURD = "GOEDGEKEURD"
    AFGEWEZEN = "AFGEWEZEN"


def besluitschema(voorbeeld: dict) -> dict:
    """json_schema_extra van een besluit met vier ogen: het voorbeeld, en bij AFGEWEZEN een reden (zoals
    ``Besluitverzoek.eis_reden``)."""
    return {
        "examples": [voorbeeld],
        "if": {"properties": {"besluit": {"const": "AFGEWEZEN"}}, "required": ["besluit"]},
        "then": {"required": ["reden"], "properties": {"reden": {"type": "string"}}},
    }


class Besluitverzoek(Invoer):
    """Een besluit van een tweede persoon (maatwerk, een beleidsversie, een vaststelling): goedkeuren, of afwijzen met
    een reden. Elke soort is een eigen subklasse met een eigen voorbeeld (``besluitschema``)."""

    besluit: Beoordelingsbesluit
    reden: Motivering | None = Field(None, description="Verplicht bij AFGEWEZEN.")

    @property
    def goedgekeurd(self) -> bool:
        return self.besluit == Beoordelingsbesluit.GOEDGEKEURD

    def eis_reden(self, waarbij: str) -> None:
        """Een afwijzing zonder reden is een 400 (de reden blijft ``waarbij`` bewaard)."""
        if self.besluit == Beoordelingsbesluit.AFGEWEZEN and not self.reden:
            raise Invoerfout.veld("reden", "verplicht", f"Geef de reden van de afwijzing; die blijft bij {waarbij}.")


class BronUit(BaseModel):
    wet: str
    artikel: str
    lid: str | None = None
    onderdeel: str | None = None
    url: str | None = None
