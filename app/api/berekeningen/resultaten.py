"""De antwoordmodellen van de vijf berekeningen (SPEC §4.3). Veldnamen en enumwaarden zijn contract: niet hernoemen.

De routes geven een resultaat als dict (app/api/berekeningen/vertaling.py); deze modellen beschrijven het in het
OpenAPI-document, en tests/api/test_contract.py toetst elk antwoord eraan."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from app.api.berekeningen.verzoeken import Graad, SoortOvertreding
from app.api.http.modellen import BronUit
from app.api.http.typen import Datum

BedragUit = Field(pattern=r"^[0-9]+\.[0-9]{2}$", examples=["840.84"])


class BeleidsregelUit(BaseModel):
    """Waarop een stap als beleid berust: een keuze van het college, apart van wet en rechtspraak (`bron`)."""

    keuze: str = Field(description="De beleidskeuze, bijv. draagkrachtMaanden (zie GET /beleid).")
    herkomst: str = Field(
        description="GEMEENTE (een vastgestelde beleidsversie), LANDELIJK (de landelijke standaard) of VERZOEK "
        "(het verzoek week af van het beleid)."
    )
    waarde: object | None = None
    gemeente: str | None = None
    beleidsversieId: str | None = None
    geldigVanaf: Datum | None = None
    titel: str | None = Field(None, description="De titel van de gepubliceerde beleidsregels.")
    artikel: str | None = None
    cvdr: str | None = None
    url: str | None = None
    omschrijving: str | None = None


class StapUit(BaseModel):
    regel: str = Field(description="Stabiele id van de regel, bijv. boete.percentage.")
    omschrijving: str = Field(description="Eén Nederlandse zin.")
    bron: list[BronUit] = Field(description="Wet en rechtspraak.")
    invoer: dict
    uitkomst: dict
    beleid: list[BeleidsregelUit] | None = Field(
        None, description="Alleen als de stap op een keuze van de gemeente rust: de beleidsregel per keuze."
    )


class BeleidGebruiktUit(BaseModel):
    herkomst: str = Field(description="GEMEENTE of LANDELIJK.")
    gemeente: str | None
    beleidsversieId: str | None = Field(description="De beleidsversie waarmee is gerekend; null: landelijk.")
    geldigVanaf: Datum | None = None
    bron: dict | None = Field(None, description="De gepubliceerde beleidsregels: titel, cvdr, url, artikel(en).")


class Resultaat(BaseModel):
    berekeningId: str = Field(description="Id van het auditrecord; zie GET /berekeningen/{berekeningId}.")
    stappen: list[StapUit]
    regelversie: str = Field(description="Hash van de gebruikte regeldata.")
    signalen: list[str] = Field(description="Waarschuwingen voor de professional: onzekere regels, open normen.")
    beleid: BeleidGebruiktUit = Field(
        description="Het beleid van de gemeente dat op de peildatum (beschikkingsdatum, anders de dag van de "
        "berekening) gold; een herberekening gebruikt precies deze versie."
    )


class PeriodeUit(BaseModel):
    van: Datum
    tot: Datum
    ontvangen: str = BedragUit
    recht: str = BedragUit
    loonheffing: str = BedragUit
    verschil: str = Field(
        pattern=r"^-?[0-9]+\.[0-9]{2}$", description="ontvangen − recht; negatief: te weinig ontvangen."
    )


class Benadelingsresultaat(Resultaat):
    benadelingsbedrag: str = BedragUit
    terugvorderingNetto: str = BedragUit
    terugvorderingBruto: str = BedragUit
    perioden: list[PeriodeUit]


class Verwijtbaarheidsresultaat(Resultaat):
    graad: Graad
    percentage: int
    draagkrachtMaanden: int
    beschikkingsdatum: Datum = Field(description="De datum waarvan de regels de percentages gaven.")


class DraagkrachtUit(BaseModel):
    perMaand: str = BedragUit
    maanden: int
    maximum: str = BedragUit


class ZonderVoetUit(BaseModel):
    maanden: int = Field(description="Ten hoogste zoveel maanden na de dagtekening van de boete (Pw 60b lid 1).")
    perMaandTenHoogste: str = Field(
        pattern=r"^\d+\.\d{2}$", description="De hele bijstand (de toepasselijke norm) per maand.", examples=["1401.50"]
    )
    maandenBoete: int | None = Field(
        description="Maanden om de boete in dat tempo te betalen; null: niet af te lossen."
    )


class BeoordelingVereistUit(BaseModel):
    reden: str = Field(description="Wat de regelgeving zegt en wat het college moet beslissen.")
    bron: list[BronUit]
    lagerDan: str = Field(
        pattern=r"^\d+\.\d{2}$", description="De boete moet lager zijn dan dit bedrag.", examples=["150.00"]
    )


class VerrekeningUit(BaseModel):
    perMaand: str | None = Field(
        pattern=r"^\d+\.\d{2}$",
        description="Bedrag in euro's. null: de regels voor de verrekening ontbreken op de datum (zie signalen); "
        "de boete zelf hangt daar niet van af.",
        examples=["70.07"],
    )
    maandenBoete: int | None = Field(description="null: geen verrekenruimte.")
    maandenTerugvordering: int | None = Field(description="null: geen verrekenruimte.")
    zonderBeslagvrijeVoet: ZonderVoetUit | None = Field(
        None,
        description="Alleen bij een recidiveboete onder Pw 60b (tekst tot 2017): het tempo als het college de "
        "bevoegdheid gebruikte om in de eerste maanden zonder beslagvrije voet te verrekenen.",
    )


class Uitkomst(StrEnum):
    BOETE = "BOETE"
    WAARSCHUWING = "WAARSCHUWING"
    AFGEZIEN = "AFGEZIEN"
    GEEN_BOETE = "GEEN_BOETE"
    BEOORDELING_VEREIST = "BEOORDELING_VEREIST"


class Begrenzing(StrEnum):
    PERCENTAGE = "PERCENTAGE"
    BOETEBESLUIT_2_LID_7 = "BOETEBESLUIT_2_LID_7"
    WETTELIJK_MAXIMUM = "WETTELIJK_MAXIMUM"
    DRAAGKRACHT = "DRAAGKRACHT"
    MATIGING = "MATIGING"
    WETTELIJK_MINIMUM = "WETTELIJK_MINIMUM"


class AlternatiefUit(BaseModel):
    """Wat-als: dezelfde invoer bij een aangenomen graad en recidive, geen vaststelling. Boete 0.00: geen boete."""

    graad: Graad = Field(description="De aangenomen graad van verwijtbaarheid.")
    recidive: bool = Field(description="Aangenomen recidive, los van de eerdere sancties in het verzoek.")
    uitkomst: Uitkomst
    boete: str = BedragUit
    omschrijving: str = Field(
        description="Eén Nederlandse zin met het bedrag en wat het begrenst. Opzet en grove schuld gelden alleen "
        "als het college die stelt en bewijst (Boetebesluit art. 2 lid 9)."
    )
    huidig: bool = Field(description="Dit is de berekende uitkomst zelf; precies één alternatief heeft true.")


class VierOgenUit(BaseModel):
    vereist: bool = Field(description="Zie GET/POST /berekeningen/{berekeningId}/vaststellingen.")
    redenen: list[str]


class VergelijkbaarMaatwerkUit(BaseModel):
    aangevraagd: int
    goedgekeurd: int
    afgewezen: int


class PeriodeMaandenUit(BaseModel):
    van: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}$", description="Eerste maand (JJJJ-MM).")
    tot: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}$", description="Laatste maand, tot en met (JJJJ-MM).")


class VergelijkbareZakenUit(BaseModel):
    """Hoe de gemeente in vergelijkbare zaken oordeelde: ter informatie, verandert de uitkomst nooit."""

    soortOvertreding: SoortOvertreding | None = Field(description="null: geen soortOvertreding opgegeven.")
    duurklasse: str | None = Field(
        description="TOT_3_MAANDEN, TOT_12_MAANDEN, TOT_36_MAANDEN of LANGER_DAN_36_MAANDEN (kalendermaanden van "
        "de overtreding)."
    )
    herhaling: str | None = Field(description="EERSTE of HERHAALD (recidive).")
    periode: PeriodeMaandenUit = Field(
        description="De maand van deze berekening en de 23 maanden ervoor; een zaak telt in de maand van vastleggen."
    )
    getoond: bool = Field(description="false: geen soortOvertreding, of minder dan 10 vergelijkbare zaken.")
    aantal: int | None = Field(description="Aantal vergelijkbare zaken (zonder deze); null als niet getoond.")
    verwijtbaarheid: dict[str, int] | None = Field(description="Per graad het aantal zaken.")
    uitkomsten: dict[str, int] | None = Field(description="Per uitkomst (BOETE, WAARSCHUWING, ...) het aantal.")
    draagkrachtBegrensd: int | None = Field(description="Zaken waarin de draagkracht de boete begrensde.")
    maatwerk: VergelijkbaarMaatwerkUit | None
    signalen: list[str] = Field(
        description="Als de keuze hier ongebruikelijk is (hoogstens 10% van de vergelijkbare zaken): vraag om "
        "motivering."
    )
    toelichting: str


class Boeteresultaat(Resultaat):
    uitkomst: Uitkomst
    boete: str = BedragUit
    boeteZonderWaarschuwing: str | None = Field(None, description="Alleen bij WAARSCHUWING.")
    verwijtbaarheid: Graad
    boetepercentage: int
    recidive: bool
    benadelingsbedrag: str = BedragUit
    grondslag: str = BedragUit
    boeteVoorDraagkracht: str | None = Field(description="Na stap 7-8 (percentage, lid 7, wettelijk maximum).")
    draagkracht: DraagkrachtUit | None
    bepalendeBegrenzing: Begrenzing | None
    waarschuwingMogelijk: bool
    beoordelingVereist: BeoordelingVereistUit | None = Field(
        None,
        description="Alleen bij uitkomst BEOORDELING_VEREIST (of een waarschuwing in zo'n geval): de regelgeving "
        "schrijft een lagere boete voor zonder te zeggen hoeveel (Boetebesluit art. 2 lid 3, tekst tot 2017); het "
        "college stelt het bedrag vast, bijvoorbeeld als maatwerk.",
    )
    vierOgen: VierOgenUit = Field(description="Heeft deze uitkomst volgens het beleid een tweede persoon nodig?")
    toegepasteRegelsDatum: Datum = Field(description="De datum waarvan de regels de percentages en maxima gaven.")
    verrekening: VerrekeningUit
    alternatieven: list[AlternatiefUit] = Field(
        description="Wat elk oordeel verandert: de uitkomst bij elke graad (OPZET tot en met GEEN), telkens zonder "
        "en met recidive, in die vaste volgorde; verder dezelfde invoer (wat-als, geen vaststelling)."
    )
    vergelijkbareZaken: VergelijkbareZakenUit = Field(
        description="Hoe uw gemeente in vergelijkbare zaken van de laatste 24 maanden oordeelde. "
        "Vastgelegd zoals getoond; een herberekening vergelijkt dit blok niet (het hangt af van de audittrail, "
        "niet van invoer en regels)."
    )


class Route(StrEnum):
    PW_18A_LID_13 = "PW_18A_LID_13"
    PW_58_LID_7 = "PW_58_LID_7"
    PW_58_LID_8 = "PW_58_LID_8"
    AWB_4_94A = "AWB_4_94A"


class Routeuitkomst(StrEnum):
    MOGELIJK = "MOGELIJK"
    NIET_MOGELIJK = "NIET_MOGELIJK"
    BEOORDELING_VEREIST = "BEOORDELING_VEREIST"


class RouteUit(BaseModel):
    route: Route
    uitkomst: Routeuitkomst = Field(
        description="MOGELIJK: het college is bevoegd; NIET_MOGELIJK: zie redenen; BEOORDELING_VEREIST: open norm "
        "of omstreden recht, Maatstaf beslist dit niet."
    )
    onderdeel: str | None = Field(description='Bij PW_58_LID_7 het vervulde onderdeel (a-d), bijv. "d".')
    redenen: list[str] = Field(description="Waarom; bij NIET_MOGELIJK elke niet vervulde voorwaarde.")
    bron: list[BronUit]


class Kwijtscheldingsresultaat(Resultaat):
    routes: list[RouteUit] = Field(description="Eén regel per wettelijke route, altijd alle vier.")
    beschikkingsdatum: Datum


class Toetsstatus(StrEnum):
    KWIJTSCHELDING_MOGELIJK = "KWIJTSCHELDING_MOGELIJK"
    ALLEEN_VOLLEDIGE_BETALING = "ALLEEN_VOLLEDIGE_BETALING"
    OP_VERZOEK = "OP_VERZOEK"


class VorderingToetsUit(BaseModel):
    id: str
    status: Toetsstatus
    bedrag: str = Field(pattern=r"^[0-9]+\.[0-9]{2}$", description="Het openstaande bedrag dat is getoetst.")
    redenen: list[str]
    bron: list[BronUit]


class AflostempoUit(BaseModel):
    perMaand: str | None = Field(
        description="Verrekenruimte per maand: op bijstandsniveau de norm min de beslagvrije voet (95% van de norm), "
        "anders het inkomen min de beslagvrije voet; null zonder huishouden."
    )
    maandenNodig: int | None = Field(description="Maanden om totaalBlijftStaan te betalen; null: niet te betalen.")


class Schuldregelingsresultaat(Resultaat):
    vorderingen: list[VorderingToetsUit]
    totaalKwijtscheldbaar: str = Field(
        pattern=r"^[0-9]+\.[0-9]{2}$", description="KWIJTSCHELDING_MOGELIJK en OP_VERZOEK samen."
    )
    totaalOpVerzoek: str = Field(pattern=r"^[0-9]+\.[0-9]{2}$", description="Het deel dat alleen op verzoek kan.")
    totaalBlijftStaan: str = Field(pattern=r"^[0-9]+\.[0-9]{2}$", description="ALLEEN_VOLLEDIGE_BETALING samen.")
    verrekening: AflostempoUit
    looptijdMaanden: int
    beschikkingsdatum: Datum
