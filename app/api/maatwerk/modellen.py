"""De verzoek- en antwoordmodellen van maatwerk met vier ogen (contract: niet hernoemen)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from app.api.http.modellen import Beoordelingsbesluit, Besluitverzoek, BronUit, Invoer, besluitschema
from app.api.http.typen import Bedrag
from app.api.http.vrije_tekst import Tekst  # vrije tekst: geen BSN (AVG)


class Grondcode(StrEnum):
    PW_18A_LID_7 = "PW_18A_LID_7"
    BOETEBESLUIT_2_LID_8 = "BOETEBESLUIT_2_LID_8"
    AWB_5_46 = "AWB_5_46"
    PW_58_LID_8 = "PW_58_LID_8"
    AWB_4_94A = "AWB_4_94A"


class MaatwerkUitkomst(StrEnum):
    BOETE = "BOETE"
    WAARSCHUWING = "WAARSCHUWING"
    AFGEZIEN = "AFGEZIEN"


VOORBEELD_MAATWERK = {
    "grond": "AWB_5_46",
    "boete": "420.00",
    "motivering": "Betrokkene verzorgde in de hele periode haar ernstig zieke moeder en meldde de inkomsten te laat "
    "door die zorg; een boete van de helft is evenredig.",
}


class Maatwerkverzoek(Invoer):
    model_config = {"json_schema_extra": {"examples": [VOORBEELD_MAATWERK]}}
    grond: Grondcode = Field(description="De wettelijke grond van de afwijking.")
    uitkomst: MaatwerkUitkomst | None = Field(None, description="Bij een boete: de nieuwe uitkomst.")
    boete: Bedrag | None = Field(None, description="Bij een boete: de nieuwe, lagere boete.")
    terugvordering: Bedrag | None = Field(
        None, description="Bij een benadelingsbedrag: het lagere terug te vorderen bedrag."
    )
    motivering: Tekst = Field(description="De feiten en de afweging (ten minste 40 tekens en 6 woorden).")


VOORBEELD_BEOORDELING = {
    "besluit": "GOEDGEKEURD",
    "reden": "Zorgtaak blijkt uit de verklaring van de huisarts; de verlaging is evenredig.",
}


class Beoordelingsverzoek(Besluitverzoek):
    model_config = {"json_schema_extra": besluitschema(VOORBEELD_BEOORDELING)}


class BeoordelingUit(BaseModel):
    besluit: Beoordelingsbesluit
    reden: str | None
    beoordeeldDoor: str
    tijdstip: str


class Maatwerkbesluit(BaseModel):
    maatwerkbesluitId: str
    berekeningId: str = Field(description="De berekening waarvan wordt afgeweken; die blijft ongewijzigd.")
    grond: Grondcode
    bron: list[BronUit]
    uitkomst: str | None
    boete: str | None
    terugvordering: str | None
    oorspronkelijk: dict
    motivering: str
    omschrijving: str
    aangevraagdDoor: str
    status: str = Field(description="TER_BEOORDELING, VASTGESTELD of AFGEWEZEN.")
    beoordeling: BeoordelingUit | None = None
