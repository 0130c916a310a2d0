"""Request- en responsemodellen van SPEC §4. Veldnamen en enumwaarden zijn contract: niet hernoemen."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.api.http.modellen import BronUit, Invoer
from app.api.http.typen import (
    TEKST_PATROON,
    Bedrag,
    Datum,
    GeheelGetal,
    Jaren,
    Looptijd,
    Percentage,
    vrije_tekst_schema,
)
from app.api.http.vrije_tekst import GeenBsn, Motivering, Tekst  # vrije tekst: geen BSN (AVG)
from app.domain.beleid import KEUZES


class Graad(StrEnum):
    OPZET = "OPZET"
    GROVE_SCHULD = "GROVE_SCHULD"
    NORMAAL = "NORMAAL"
    VERMINDERD = "VERMINDERD"
    GEEN = "GEEN"


class Verminderingsgrondcode(StrEnum):
    ONTWRICHTENDE_OMSTANDIGHEDEN = "ONTWRICHTENDE_OMSTANDIGHEDEN"
    GEESTELIJKE_TOESTAND = "GEESTELIJKE_TOESTAND"
    ZELF_GECORRIGEERD = "ZELF_GECORRIGEERD"
    MEDE_TE_WIJTEN_AAN_BESTUURSORGAAN = "MEDE_TE_WIJTEN_AAN_BESTUURSORGAAN"
    SAMENLOOP_VAN_OMSTANDIGHEDEN = "SAMENLOOP_VAN_OMSTANDIGHEDEN"


class Indicatiecode(StrEnum):
    HERHAALDE_ONJUISTE_INFORMATIE = "HERHAALDE_ONJUISTE_INFORMATIE"
    SAMENLOOP_NORMALE_VERWIJTBAARHEID = "SAMENLOOP_NORMALE_VERWIJTBAARHEID"
    ZELF_TOEGEGEVEN = "ZELF_TOEGEGEVEN"
    VERZWIJGEN_WERKZAAMHEDEN = "VERZWIJGEN_WERKZAAMHEDEN"
    VERZWIJGEN_GEZIN_INKOMSTEN_OF_VERMOGEN = "VERZWIJGEN_GEZIN_INKOMSTEN_OF_VERMOGEN"


class Leefvorm(StrEnum):
    ALLEENSTAANDE = "ALLEENSTAANDE"
    ALLEENSTAANDE_OUDER = "ALLEENSTAANDE_OUDER"
    GEHUWDEN = "GEHUWDEN"


class Sanctiesoort(StrEnum):
    BOETE = "BOETE"
    STRAFRECHTELIJKE_SANCTIE = "STRAFRECHTELIJKE_SANCTIE"
    WAARSCHUWING = "WAARSCHUWING"


class Matigingsgrond(StrEnum):
    EVENREDIGHEID = "EVENREDIGHEID"
    REDELIJKE_TERMIJN = "REDELIJKE_TERMIJN"
    OVERIG = "OVERIG"


class Afronding(StrEnum):
    GEEN = "GEEN"
    NAAR_BOVEN_OP_TIENTALLEN = "NAAR_BOVEN_OP_TIENTALLEN"


class SoortOvertreding(StrEnum):
    """Wat er niet of niet op tijd is gemeld; de feiten vóór elk oordeel, nooit een persoonsgegeven."""

    INKOMEN = "INKOMEN"
    VERMOGEN = "VERMOGEN"
    LEEFVORM = "LEEFVORM"
    WERK = "WERK"
    HUISHOUDSAMENSTELLING = "HUISHOUDSAMENSTELLING"
    OVERIG = "OVERIG"


# ---------------------------------------------------------------- gedeelde delen (SPEC §4.1)
#
# Regels tussen velden staan waar JSON Schema ze kan zeggen ook in het schema (if/then, oneOf), precies zoals de
# validatie ze toepast; vergelijkingen tussen waarden (datums, bedragen) en regels die van de regeldata afhangen staan
# in de beschrijvingen (zie bench/schemathesis_hooks.py).


def _gegeven(veld: str) -> dict:
    """JSON Schema: het veld staat in het object en is niet null."""
    return {"required": [veld], "properties": {veld: {"not": {"type": "null"}}}}


#: JSON Schema: een bedrag of percentage dat nul is (als getal of als tekst).
_NUL = {"anyOf": [{"type": "number", "maximum": 0}, {"type": "string", "pattern": r"^0+(\.0+)?$"}]}


class Overtreding(Invoer):
    """De periode van de overtreding; begindatum ≤ einddatum ≤ beschikkingsdatum (anders 400, code datumvolgorde)."""

    begindatum: Datum = Field(description="Eerste dag van de overtreding.")
    einddatum: Datum = Field(description="Laatste dag van de overtreding (niet vóór de begindatum).")
    soortOvertreding: SoortOvertreding | None = Field(
        None,
        description="Optioneel: wat niet is gemeld (INKOMEN, VERMOGEN, LEEFVORM: gezamenlijke huishouding, WERK: "
        "uren, HUISHOUDSAMENSTELLING, OVERIG). Alleen voor vergelijkbareZaken; verandert de boete niet.",
    )


class Bewijs(Invoer):
    bewijs: list[Tekst] = Field(
        max_length=50,
        description="Waarop het college de vaststelling baseert (Boetebesluit art. 2 lid 9); ten minste één.",
        json_schema_extra={"minItems": 1},  # een lege lijst geeft 400 bewijs_ontbreekt (app/domain/verwijtbaarheid.py)
    )


class Grond(Invoer):
    code: Verminderingsgrondcode = Field(description="Grond van Boetebesluit art. 2a lid 2 (onderdeel a-e).")
    toelichting: Tekst


class Indicatie(Invoer):
    code: Indicatiecode = Field(description="Omstandigheid van Boetebesluit art. 2a lid 3 of 4; wordt een signaal.")
    toelichting: Tekst


class GeenVerwijt(Invoer):
    motivering: Motivering


class VerwijtbaarheidFeiten(Invoer):
    opzet: Bewijs | None = Field(None, description="Opzet, gesteld en bewezen door het college.")
    groveSchuld: Bewijs | None = Field(None, description="Grove schuld, gesteld en bewezen door het college.")
    verminderingsgronden: list[Grond] = Field(default_factory=list, max_length=5)
    geenVerwijt: GeenVerwijt | None = Field(None, description="Awb 5:41: de overtreding kan niet worden verweten.")
    indicaties: list[Indicatie] = Field(
        default_factory=list, max_length=10, description="Aanwijzingen voor grove schuld of opzet; nooit een graad."
    )


class Verwijtbaarheid(VerwijtbaarheidFeiten):
    """Óf een al vastgestelde `graad` (met `bewijs` of `motivering`), óf de feiten waaruit Maatstaf de graad afleidt
    (geen verwijt, verminderingsgronden, indicaties van grove schuld of opzet)."""

    model_config = ConfigDict(
        json_schema_extra={
            # zoals _een_vorm hieronder en app/domain/verwijtbaarheid.py (_gegeven_graad)
            "if": _gegeven("graad"),
            "then": {
                "properties": {
                    "opzet": {"type": "null"},
                    "groveSchuld": {"type": "null"},
                    "geenVerwijt": {"type": "null"},
                    "verminderingsgronden": {"maxItems": 0},
                    "indicaties": {"maxItems": 0},
                },
                "allOf": [
                    {
                        "if": {"properties": {"graad": {"enum": ["OPZET", "GROVE_SCHULD"]}}},
                        "then": {"required": ["bewijs"], "properties": {"bewijs": {"minItems": 1}}},
                    },
                    {"if": {"properties": {"graad": {"const": "GEEN"}}}, "then": _gegeven("motivering")},
                ],
            },
            "else": {"properties": {"bewijs": {"maxItems": 0}, "motivering": {"type": "null"}}},
        }
    )

    graad: Graad | None = Field(None, description="Een door het college al vastgestelde graad.")
    bewijs: list[Tekst] = Field(default_factory=list, max_length=50, description="Verplicht bij OPZET en GROVE_SCHULD.")
    motivering: Motivering | None = Field(None, description="Verplicht bij GEEN.")

    @model_validator(mode="after")
    def _een_vorm(self) -> Verwijtbaarheid:
        feiten = (
            self.opzet is not None
            or self.groveSchuld is not None
            or self.verminderingsgronden
            or self.geenVerwijt is not None
            or self.indicaties
        )
        if self.graad is not None and feiten:
            raise PydanticCustomError(
                "een_vorm", "Geef óf een vastgestelde graad óf de feiten (opzet, groveSchuld, ...), niet beide."
            )
        if self.graad is None and (self.bewijs or self.motivering):
            raise PydanticCustomError("een_vorm", "bewijs en motivering horen bij een vastgestelde graad.")
        return self


class Huishouden(Invoer):
    """Op bijstandsniveau (standaard): leefvorm of toepasselijkeNorm verplicht. Met opBijstandsniveau false zijn
    nettoMaandinkomen en beslagvrijeVoet beide verplicht."""

    model_config = ConfigDict(
        json_schema_extra={
            # zoals app/domain/huishouden.py (controleer_huishouden)
            "if": {"properties": {"opBijstandsniveau": {"const": False}}, "required": ["opBijstandsniveau"]},
            "then": {"allOf": [_gegeven("nettoMaandinkomen"), _gegeven("beslagvrijeVoet")]},
            "else": {"anyOf": [_gegeven("leefvorm"), _gegeven("toepasselijkeNorm")]},
        }
    )

    leefvorm: Leefvorm | None = Field(None, description="Bepaalt de norm (Pw 21) als toepasselijkeNorm ontbreekt.")
    toepasselijkeNorm: Bedrag | None = Field(
        None, description="Toepasselijke bijstandsnorm per maand incl. vakantietoeslag (bijv. kostendelers, jongeren)."
    )
    opBijstandsniveau: StrictBool = True
    nettoMaandinkomen: Bedrag | None = Field(None, description="Verplicht als opBijstandsniveau false is.")
    beslagvrijeVoet: Bedrag | None = Field(
        None, description="Verplicht als opBijstandsniveau false is (Rv 475da-475dc)."
    )
    vermogenBovenGrens: Bedrag | None = Field(
        None, description="Vermogen boven de grens van Pw art. 34; standaard 0.00."
    )


class EerdereSanctie(Invoer):
    """Een gevangenisstraf kan alleen bij een STRAFRECHTELIJKE_SANCTIE; de datum ligt niet na de beschikkingsdatum."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"gevangenisstraf": {"const": True}}, "required": ["gevangenisstraf"]},
            "then": {"properties": {"soort": {"const": "STRAFRECHTELIJKE_SANCTIE"}}},
        }
    )
    soort: Sanctiesoort
    datum: Datum = Field(description="Datum waarop de sanctie is opgelegd of de waarschuwing is gegeven.")
    onherroepelijk: StrictBool = True
    zelfdeGedraging: StrictBool = True
    gevangenisstraf: StrictBool = Field(False, description="Onvoorwaardelijke gevangenisstraf (Pw 18a lid 6).")


class Zelfcorrectie(Invoer):
    dagenNaVerplichting: GeheelGetal = Field(ge=0, le=36500, description="Dagen tussen verplichting en correctie.")
    voorConstatering: StrictBool
    inKaderVanToezicht: StrictBool


class DringendeRedenen(Invoer):
    motivering: Motivering


class BezwaarOfBeroep(Invoer):
    """Deze berekening is een heroverweging van een boete waartegen bezwaar of beroep loopt. Awb 5:45 lid 3: de
    vervaltermijn is dan opgeschort tot onherroepelijk is beslist; het verval wordt getoetst op de dag van oplegging."""

    boeteOpgelegdOp: Datum = Field(
        description="Dagtekening van de oorspronkelijke boetebeschikking (niet vóór het einde van de overtreding, niet "
        "na de beschikkingsdatum)."
    )
    ingesteldOp: Datum | None = Field(
        None, description="Dag waarop bezwaar is gemaakt of beroep ingesteld (niet vóór boeteOpgelegdOp)."
    )


class Matiging(Invoer):
    """Precies één van percentage (groter dan 0, ten hoogste 100) en bedrag (groter dan 0), met motivering."""

    model_config = ConfigDict(
        json_schema_extra={
            # zoals app/domain/boete/invoer.py (_matigingen): precies_een en bereik
            "oneOf": [_gegeven("percentage"), _gegeven("bedrag")],
            "allOf": [{"properties": {"percentage": {"not": _NUL}, "bedrag": {"not": _NUL}}}],
        }
    )

    grond: Matigingsgrond
    percentage: Percentage | None = Field(None, description="Verlaging in procenten (0 < p ≤ 100); óf bedrag.")
    bedrag: Bedrag | None = Field(None, description="Verlaging in euro's; óf percentage.")
    motivering: Motivering


class Periode(Invoer):
    """Een periode van..tot (tot en met, van ≤ tot); perioden in één verzoek overlappen niet."""

    van: Datum
    tot: Datum = Field(description="Laatste dag van de periode (tot en met).")
    ontvangen: Bedrag = Field(description="Ontvangen bijstand in de periode (netto).")
    recht: Bedrag = Field(description="Bijstand waarop recht bestond (netto).")
    loonheffing: Bedrag | None = Field(
        None, description="Loonheffing afgedragen over het te veel betaalde; standaard 0.00."
    )


# ---------------------------------------------------------------- requests (SPEC §4.2)

VOORBEELD_BOETE = {
    "overtreding": {"begindatum": "2025-03-01", "einddatum": "2025-10-31"},
    "beschikkingsdatum": "2026-02-02",
    "benadelingsbedrag": "8000.00",
    "verwijtbaarheid": {"graad": "NORMAAL"},
    "huishouden": {"leefvorm": "ALLEENSTAANDE"},
    "eerdereSancties": [],
}


class Benadelingsverzoek(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "perioden": [
                        {"van": "2025-11-01", "tot": "2025-11-30", "ontvangen": "1369.06", "recht": "869.06"},
                        {
                            "van": "2025-12-01",
                            "tot": "2025-12-31",
                            "ontvangen": "1369.06",
                            "recht": "769.06",
                            "loonheffing": "41.00",
                        },
                        {"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": "1401.50", "recht": "901.50"},
                    ],
                    "beschikkingsdatum": "2026-03-02",
                }
            ]
        }
    )
    perioden: list[Periode] = Field(min_length=1, max_length=1200)
    beschikkingsdatum: Datum | None = Field(None, description="Standaard vandaag (Europe/Amsterdam).")


class Verwijtbaarheidsverzoek(VerwijtbaarheidFeiten):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "groveSchuld": {"bewijs": ["Inkomsten uit werk 8 maanden niet gemeld ondanks drie brieven"]},
                    "verminderingsgronden": [],
                    "beschikkingsdatum": "2026-02-02",
                }
            ]
        }
    )
    beschikkingsdatum: Datum | None = Field(None, description="Kiest de percentages die gelden; standaard vandaag.")


class Boeteverzoek(Invoer):
    """Precies één van benadelingsbedrag en perioden. Eerdere sancties liggen niet na de beschikkingsdatum; een
    gevangenisstraf kan alleen bij een STRAFRECHTELIJKE_SANCTIE."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [VOORBEELD_BOETE],
            # precies één van benadelingsbedrag en perioden (zoals de validatie)
            "oneOf": [_gegeven("benadelingsbedrag"), _gegeven("perioden")],
        }
    )
    overtreding: Overtreding
    beschikkingsdatum: Datum | None = Field(None, description="Standaard vandaag (Europe/Amsterdam).")
    benadelingsbedrag: Bedrag | None = Field(None, description="Netto benadelingsbedrag; óf perioden.")
    perioden: list[Periode] | None = Field(None, min_length=1, max_length=1200, description="Óf benadelingsbedrag.")
    verwijtbaarheid: Verwijtbaarheid
    huishouden: Huishouden
    eerdereSancties: list[EerdereSanctie] = Field(default_factory=list, max_length=100)
    zelfcorrectie: Zelfcorrectie | None = None
    waarschuwingIndienMogelijk: StrictBool | None = Field(
        None,
        description="Standaard uit het beleid van de gemeente (GET /beleid; landelijke standaard true). Een waarde "
        "hier wijkt per verzoek af van het beleid en staat zo in de uitleg.",
    )
    dringendeRedenen: DringendeRedenen | None = None
    matigingen: list[Matiging] = Field(default_factory=list, max_length=10)
    afronding: Afronding | None = Field(
        None,
        description="Standaard uit het beleid van de gemeente (GET /beleid; landelijke standaard GEEN). Schrijft de "
        "regelgeving een afronding voor, dan geldt die.",
    )
    bezwaarOfBeroep: BezwaarOfBeroep | None = Field(
        None,
        description="Alleen bij een heroverweging in bezwaar of beroep: het verval (Awb 5:45) wordt dan getoetst op de "
        "dag waarop de boete werd opgelegd (lid 3).",
    )

    @model_validator(mode="after")
    def _benadeling_of_perioden(self) -> Boeteverzoek:
        if (self.benadelingsbedrag is None) == (self.perioden is None):
            raise PydanticCustomError("precies_een", "Geef precies één van benadelingsbedrag en perioden op.")
        return self


class Vorderingsoort(StrEnum):
    BOETE = "BOETE"
    TERUGVORDERING_FRAUDE = "TERUGVORDERING_FRAUDE"
    TERUGVORDERING_OVERIG = "TERUGVORDERING_OVERIG"


class Vordering(Invoer):
    """restant ≤ bedrag; opgelegdOp niet na de beschikkingsdatum en verplicht bij BOETE; verwijtbaarheid verplicht
    bij BOETE en bij TERUGVORDERING_FRAUDE in een schuldregeling. aangebodenEenmaligeBetaling ≤ wat openstaat."""

    soort: Vorderingsoort = Field(
        description="BOETE (Pw 18a), TERUGVORDERING_FRAUDE (Pw 58 lid 1) of TERUGVORDERING_OVERIG (Pw 58 lid 2)."
    )
    bedrag: Bedrag = Field(description="Het opgelegde of teruggevorderde bedrag.")
    restant: Bedrag | None = Field(None, description="Wat nog openstaat (niet hoger dan bedrag); standaard het bedrag.")
    opgelegdOp: Datum | None = Field(None, description="Datum van het besluit; verplicht bij BOETE (Pw 18a lid 13).")
    verwijtbaarheid: Graad | None = Field(
        None, description="De vastgestelde graad; verplicht bij BOETE en bij een fraudevordering in een schuldregeling."
    )
    boeteOpgelegd: StrictBool = Field(False, description="Voor de overtreding is een bestuurlijke boete opgelegd.")
    aangifteGedaan: StrictBool = Field(False, description="Van de overtreding is aangifte gedaan (Pw 60c).")


class Betalingshistorie(Invoer):
    jarenVolledigBetaald: Jaren | None = Field(None, description="Jaren volledig aan de betalingsverplichting voldaan.")
    achterstandIngelopen: StrictBool = Field(False, description="Een achterstand is alsnog volledig betaald (lid 7 b).")
    jarenZonderBetaling: Jaren | None = Field(None, description="Jaren waarin niets is betaald (lid 7 c).")
    betalingAannemelijk: StrictBool = Field(True, description="Het is aannemelijk dat alsnog wordt betaald (lid 7 c).")


class OnevenredigeGevolgen(Invoer):
    motivering: Motivering


VOORBEELD_KWIJTSCHELDING = {
    "vordering": {
        "soort": "BOETE",
        "bedrag": "840.84",
        "restant": "600.00",
        "opgelegdOp": "2025-02-03",
        "verwijtbaarheid": "NORMAAL",
        "boeteOpgelegd": True,
    },
    "schuldregeling": True,
    "verzoek": True,
    "herhalingen": [],
    "beschikkingsdatum": "2026-03-02",
}


class Kwijtscheldingsverzoek(Invoer):
    model_config = ConfigDict(json_schema_extra={"examples": [VOORBEELD_KWIJTSCHELDING]})
    vordering: Vordering
    betalingshistorie: Betalingshistorie | None = None
    aangebodenEenmaligeBetaling: Bedrag | None = Field(
        None, description="Bedrag dat in één keer wordt afgelost (Pw 58 lid 7 onder d)."
    )
    schuldregeling: StrictBool = Field(False, description="De gemeente werkt mee aan een schuldregeling.")
    verzoek: StrictBool = Field(False, description="Degene aan wie de boete is opgelegd, vraagt om kwijtschelding.")
    herhalingen: list[Datum] = Field(
        default_factory=list, max_length=100, description="Data van latere overtredingen wegens eenzelfde gedraging."
    )
    dringendeRedenen: DringendeRedenen | None = Field(None, description="Pw 58 lid 8: motivering verplicht.")
    onevenredigeGevolgen: OnevenredigeGevolgen | None = Field(
        None, description="Awb 4:94a: onevenredige gevolgen van invordering, gemotiveerd."
    )
    beschikkingsdatum: Datum | None = Field(None, description="Datum van de beoordeling; standaard vandaag.")


VorderingId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    GeenBsn,
    WithJsonSchema(vrije_tekst_schema(TEKST_PATROON, 1, 100)),
]


class GenoemdeVordering(Invoer):
    """Elk id komt één keer voor; restant ≤ bedrag; verwijtbaarheid verplicht bij BOETE en TERUGVORDERING_FRAUDE."""

    id: VorderingId = Field(description="Kenmerk van de vordering bij de gemeente (geen BSN).")
    soort: Vorderingsoort
    bedrag: Bedrag
    restant: Bedrag | None = Field(None, description="Wat nog openstaat; standaard het bedrag.")
    verwijtbaarheid: Graad | None = Field(None, description="Verplicht bij BOETE en TERUGVORDERING_FRAUDE.")
    boeteOpgelegd: StrictBool = False
    aangifteGedaan: StrictBool = False
    opgelegdOp: Datum | None = None


VOORBEELD_SCHULDREGELING = {
    "vorderingen": [
        {
            "id": "TV-2025-0142",
            "soort": "TERUGVORDERING_FRAUDE",
            "bedrag": "8000.00",
            "verwijtbaarheid": "GROVE_SCHULD",
            "boeteOpgelegd": True,
            "opgelegdOp": "2025-02-03",
        },
        {
            "id": "BB-2025-0077",
            "soort": "BOETE",
            "bedrag": "840.84",
            "verwijtbaarheid": "NORMAAL",
            "opgelegdOp": "2025-02-03",
        },
        {"id": "TV-2024-0311", "soort": "TERUGVORDERING_OVERIG", "bedrag": "1250.00", "restant": "900.00"},
    ],
    "huishouden": {"leefvorm": "ALLEENSTAANDE", "toepasselijkeNorm": "1401.50"},
    "looptijdMaanden": 36,
    "beschikkingsdatum": "2026-03-02",
}


class Schuldregelingsverzoek(Invoer):
    model_config = ConfigDict(json_schema_extra={"examples": [VOORBEELD_SCHULDREGELING]})
    vorderingen: list[GenoemdeVordering] = Field(min_length=1, max_length=500)
    huishouden: Huishouden | None = Field(None, description="Voor het aflostempo; zonder huishouden geen tempo.")
    looptijdMaanden: Looptijd | None = Field(
        None,
        description="Looptijd van de voorgestelde regeling; standaard uit het beleid van de gemeente (GET /beleid; "
        "landelijke standaard 36).",
    )
    aangebodenPercentage: Percentage | None = Field(
        None, description="Percentage dat de voorgestelde regeling de schuldeisers biedt (0-100)."
    )
    beschikkingsdatum: Datum | None = Field(None, description="Datum van de toets; standaard vandaag.")

    @model_validator(mode="after")
    def _percentage(self) -> Schuldregelingsverzoek:
        if self.aangebodenPercentage is not None and self.aangebodenPercentage > 100:
            raise PydanticCustomError("percentage", "aangebodenPercentage ligt tussen 0 en 100.")
        return self


# ---------------------------------------------------------------- responses (SPEC §4.3)

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


# ---------------------------------------------------------------- beleid (app/api/beleid.py)


class Beleidsbron(Invoer):
    # een CVDR-id of een URL (of beide), zoals toets_bron eist
    model_config = {
        "json_schema_extra": {
            "anyOf": [{"required": [veld], "properties": {veld: {"not": {"type": "null"}}}} for veld in ("cvdr", "url")]
        }
    }
    titel: Tekst = Field(description="De titel van de gepubliceerde beleidsregels.")
    cvdr: str | None = Field(
        None,
        max_length=20,
        description="Het CVDR-id op lokaleregelgeving.overheid.nl, bijv. CVDR712345.",
        pattern=r"^CVDR[0-9]{1,10}(_[0-9]{1,3})?$",
    )
    url: str | None = Field(
        None,
        max_length=2000,
        # Zichtbare ASCII-tekens (RFC 3986; andere tekens met %-codering). Geen \s: dat betekent in het schema
        # (ECMAScript) iets anders dan in Python (bijv. U+0085), en dan weigert de service wat het schema toestaat.
        pattern=r"^https://[!-~]+$",
        description="De URL van de gepubliceerde tekst (https; zichtbare ASCII-tekens, andere tekens met %-codering).",
    )
    artikel: Tekst | None = Field(None, description="Het artikel voor de hele versie (als er geen per keuze is).")
    artikelen: dict[str, Tekst] = Field(
        default_factory=dict,
        description='Per keuze het artikel van de beleidsregels, bijv. {"afronding": "artikel 6"}; alleen keuzes die '
        "in waarden staan.",
        json_schema_extra={"propertyNames": {"enum": list(KEUZES)}},
    )
