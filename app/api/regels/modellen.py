"""Het antwoordmodel van GET /regels: de regeldata op een peildatum (contract: niet hernoemen)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.api.http.modellen import BronUit
from app.api.http.typen import Datum


class RapportUit(BaseModel):
    uitgever: str
    titel: str
    url: str
    verschenen: str | None = Field(
        None, description="Wanneer het bericht verscheen, zo bekend (JJJJ, JJJJ-MM of JJJJ-MM-DD)."
    )


class RegelversieUit(BaseModel):
    geldigVanaf: Datum
    geldigTot: Datum | None = None
    waarde: str
    status: str = Field(
        description="geverifieerd (gelezen in een primaire tekst: wettekst per datum, Staatsblad, Staatscourant, "
        "Kamerstuk of uitspraak), bevestigd (geen primaire tekst gevonden, wel ten minste twee onafhankelijke berichten: "
        "zie rapporten) of onzeker (een resultaat dat de waarde gebruikt, krijgt een signaal)."
    )
    verificatie: str = Field(description="Wat is gelezen of gezocht, en waar de waarde op berust.")
    bron: str | None = Field(
        None, description="De primaire tekst(en) van deze waarde: adres van de tekst per datum, Stb., Stcrt. of ECLI."
    )
    rapporten: list[RapportUit] = Field(
        default_factory=list, description="Alleen bij status bevestigd: de berichten die de waarde bevestigen."
    )
    herkomst: str = Field(
        "ingebouwd",
        description="'ingebouwd' of 'regelmap/<bestand>' (MAATSTAF_REGELS_DIR): waar de waarde vandaan komt.",
    )


class ParameterUit(BaseModel):
    id: str
    omschrijving: str
    eenheid: str
    bron: list[BronUit]
    inWerking: RegelversieUit | None = Field(description="De versie die op de peildatum geldt; null: geen.")


class RegimeUit(BaseModel):
    code: str = Field(description="FRAUDEWET_2013 of BOETEWET_2017.")
    omschrijving: str = Field(description="De regelgeving (en rechtspraak) van het regime, uit de regeldata.")
    geldigVanaf: Datum
    geldigTot: Datum | None = None


class Regeloverzicht(BaseModel):
    peildatum: Datum
    regelversie: str
    regime: RegimeUit | None = Field(
        description="Het boeteregime op de peildatum; null vóór 2013-01-01 (de regeldata begint bij de Fraudewet)."
    )
    parameters: list[ParameterUit]
    beleid: dict = Field(description="Het standaardbeleid (beleidsregels) van de gemeente.")
