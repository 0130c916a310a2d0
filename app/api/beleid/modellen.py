"""De verzoek- en antwoordmodellen van het beleid van de gemeente en van de vaststelling van een berekening (contract:
niet hernoemen)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field

from app.api.berekeningen import Beleidsbron
from app.api.http.modellen import Beoordelingsbesluit, Besluitverzoek, BronUit, Invoer, besluitschema
from app.api.http.typen import Datum, hele_getallen
from app.api.http.vrije_tekst import Tekst
from app.domain import beleid as bd

VOORBEELD_VOORSTEL = {
    "geldigVanaf": "2027-01-01",
    "waarden": {
        "waarschuwingIndienMogelijk": True,
        "afronding": "NAAR_BOVEN_OP_TIENTALLEN",
        "brutoTerugvordering": False,
        "draagkrachtMaanden": {"NORMAAL": 10},
        "looptijdSchuldregelingMaanden": 18,
        "afzienNaJarenZonderBetalingOverig": 3,
        "vierOgen": {"graden": ["OPZET", "GROVE_SCHULD"], "boeteBoven": "1000.00", "maatwerk": True},
    },
    "bron": {
        "titel": "Beleidsregels handhaving Participatiewet 2027",
        "cvdr": "CVDR712345",
        "artikelen": {
            "waarschuwingIndienMogelijk": "artikel 4",
            "afronding": "artikel 6 lid 2",
            "brutoTerugvordering": "artikel 9",
            "draagkrachtMaanden": "artikel 7",
            "looptijdSchuldregelingMaanden": "artikel 12",
            "afzienNaJarenZonderBetalingOverig": "artikel 13",
            "vierOgen": "artikel 15",
        },
    },
    "toelichting": "Vastgesteld door het college op 2026-11-10; gepubliceerd in het Gemeenteblad.",
}


_WAARDEN_BESCHRIJVING = (
    "De keuzes van het college; elke keuze die ontbreekt, volgt de landelijke standaard. "
    "waarschuwingIndienMogelijk (true/false; Pw 18a lid 4, Boetebesluit 2aa), afronding (GEEN of "
    "NAAR_BOVEN_OP_TIENTALLEN; niet waar de regelgeving een afronding voorschrijft), brutoTerugvordering (true/false; "
    "Pw 58 lid 5), vermogenTeltVoorDraagkracht (true/false), draagkrachtMaanden (per graad een kortere termijn dan de "
    "CRvB, nooit een langere), looptijdSchuldregelingMaanden, afzienNaJarenZonderBetalingOverig (ten hoogste de termijn "
    "van Pw 58 lid 7), vierOgen ({graden, boeteBoven, maatwerk: true}). Wat de wet vastlegt (bijv. boetepercentage) "
    "wordt geweigerd met de wettelijke bron."
)


class Beleidsversieverzoek(Invoer):
    model_config = {"json_schema_extra": {"examples": [VOORBEELD_VOORSTEL]}}
    geldigVanaf: Datum = Field(description="De eerste dag waarop de versie geldt (peildatum van een berekening).")
    # 10.0 is het gehele getal 10 (zoals JSON Schema en GeheelGetal); de domeintoets ziet dan een int
    waarden: Annotated[dict[str, Any], BeforeValidator(hele_getallen)] = Field(
        description=_WAARDEN_BESCHRIJVING, json_schema_extra=bd.WAARDEN_SCHEMA
    )
    bron: Beleidsbron
    toelichting: Tekst | None = Field(None, description="Bijv. het collegebesluit en de publicatie.")


VOORBEELD_BEOORDELING = {"besluit": "GOEDGEKEURD", "reden": "Gelijk aan de gepubliceerde tekst in het Gemeenteblad."}


class Beleidsbeoordelingsverzoek(Besluitverzoek):
    model_config = {"json_schema_extra": besluitschema(VOORBEELD_BEOORDELING)}


class BeleidsbeoordelingUit(BaseModel):
    besluit: Beoordelingsbesluit
    reden: str | None
    beoordeeldDoor: str
    tijdstip: str


class BeleidsverschilUit(BaseModel):
    keuze: str
    waarde: Any = Field(description="De keuze van de gemeente.")
    landelijk: Any = Field(description="De landelijke standaard.")


class Beleidsversie(BaseModel):
    beleidsversieId: str
    gemeente: str
    geldigVanaf: str = Field(json_schema_extra={"format": "date"})
    waarden: dict
    bron: dict = Field(description="titel, cvdr, url, artikel en artikelen (per keuze).")
    toelichting: str | None = None
    status: str = Field(description="VOORGESTELD, VASTGESTELD of AFGEWEZEN.")
    voorgesteldDoor: str
    voorgesteldOp: str = Field(json_schema_extra={"format": "date-time"})
    beoordeling: BeleidsbeoordelingUit | None = None
    verschillen: list[BeleidsverschilUit] = Field(description="Waar de versie afwijkt van de landelijke standaard.")


class Beleidsversielijst(BaseModel):
    beleidsversies: list[Beleidsversie]


class KeuzeUit(BaseModel):
    keuze: str
    omschrijving: str
    waarde: Any
    herkomst: str = Field(description="GEMEENTE (de vastgestelde versie) of LANDELIJK (de landelijke standaard).")
    artikel: str | None = Field(description="Het artikel van de beleidsregels van de gemeente (bij GEMEENTE).")
    grondslag: list[BronUit] = Field(
        description="De wettelijke bepaling of rechtspraak die het college deze ruimte geeft."
    )


class Beleidsoverzicht(BaseModel):
    gemeente: str
    peildatum: str = Field(json_schema_extra={"format": "date"})
    herkomst: str = Field(description="GEMEENTE: er geldt een vastgestelde versie; LANDELIJK: de landelijke standaard.")
    beleidsversie: Beleidsversie | None = Field(description="De versie die op de peildatum geldt; null: geen.")
    bron: dict | None = Field(description="De gepubliceerde beleidsregels van die versie.")
    keuzes: list[KeuzeUit]
    verschillen: list[BeleidsverschilUit] = Field(
        description="Waar het beleid op de peildatum afwijkt van de landelijke standaard."
    )
    regelversie: str


class Vaststellingsverzoek(Besluitverzoek):
    model_config = {
        "json_schema_extra": besluitschema(
            {"besluit": "GOEDGEKEURD", "reden": "Bewijs van opzet is volledig en gemotiveerd."}
        )
    }


class Vaststelling(BaseModel):
    berekeningId: str
    vereist: bool = Field(
        description="Heeft deze uitkomst volgens het beleid van de gemeente een tweede persoon nodig?"
    )
    redenen: list[str] = Field(description="Waarom (uit vierOgen van het resultaat).")
    status: str = Field(
        description="NIET_VEREIST, TER_VASTSTELLING (wacht op een tweede persoon), VASTGESTELD of AFGEWEZEN."
    )
    beoordeling: BeleidsbeoordelingUit | None = None
