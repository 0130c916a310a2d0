"""Het verzoekmodel van POST /impactanalyses: de kandidaat (regelmap of beleidsversie) en de selectie (contract: niet
hernoemen)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.api.http.typen import Datum

NAAM_PATROON = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


class Kandidaat(BaseModel):
    """Precies één van ``regelmap``, ``regelversie`` en ``beleidsversie``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "oneOf": [
                {"required": [veld], "properties": {veld: {"not": {"type": "null"}}}}
                for veld in ("regelmap", "regelversie", "beleidsversie")
            ]
        },
    )

    regelmap: str | None = Field(
        None,
        pattern=NAAM_PATROON,
        description="Naam van een kandidaat-regelmap: een submap van MAATSTAF_KANDIDAATREGELS_DIR op de server.",
        examples=["normcorrectie-2026"],
    )
    regelversie: str | None = Field(
        None,
        pattern=r"^sha256:[0-9a-f]{16}$",
        description="Een bewaarde regelversie (zoals in `regelversie` van een record).",
        examples=["sha256:0123456789abcdef"],
    )

    beleidsversie: str | None = Field(
        None,
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        description="Een beleidsversie van de eigen gemeente (`beleidsversieId`), bijv. een voorgestelde: elke boete "
        "rekent dan met haar eigen regelversie en de keuzes van deze versie.",
        examples=["3f2c9a4e-8b1d-4c6e-9f0a-2d7b5e1c8a90"],
    )

    @model_validator(mode="after")
    def _precies_een(self) -> Kandidaat:
        if sum(v is not None for v in (self.regelmap, self.regelversie, self.beleidsversie)) != 1:
            raise ValueError("Geef precies één van regelmap, regelversie en beleidsversie.")
        return self


class Selectie(BaseModel):
    model_config = ConfigDict(extra="forbid")

    soort: Literal["boeteberekeningen"] = Field(
        description="Welke vastgelegde berekeningen (voorlopig alleen boeteberekeningen)."
    )
    van: Datum | None = Field(None, description="Vastgelegd op of na deze datum (Nederlandse tijd); standaard alles.")
    tot: Datum | None = Field(
        None, description="Vastgelegd op of vóór deze datum (tot en met; niet vóór `van`); standaard alles."
    )


class Impactverzoek(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{}]})

    kandidaat: Kandidaat
    selectie: Selectie


VOORBEELD = {
    "kandidaat": {"regelmap": "normcorrectie-2026"},
    "selectie": {"soort": "boeteberekeningen", "van": "2025-01-01", "tot": "2025-12-31"},
}
