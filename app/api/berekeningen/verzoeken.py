"""De verzoekmodellen van de vijf berekeningen (SPEC §4.1 en §4.2) en hun voorbeelden. Veldnamen en enumwaarden zijn
contract: niet hernoemen."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, StrictBool, StringConstraints, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from app.api.http.modellen import Invoer
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


class Leefsituatie(StrEnum):
    """De leefsituatie van de beslagvrije voet: Rv 475ab en 475da lid 1 onder a-d."""

    ALLEENSTAANDE = "ALLEENSTAANDE"
    ALLEENSTAANDE_OUDER = "ALLEENSTAANDE_OUDER"
    GEHUWDEN_ZONDER_KINDEREN = "GEHUWDEN_ZONDER_KINDEREN"
    GEHUWDEN_MET_KINDEREN = "GEHUWDEN_MET_KINDEREN"


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
    """Op bijstandsniveau (standaard): leefvorm of toepasselijkeNorm verplicht. Met opBijstandsniveau false is
    nettoMaandinkomen verplicht, en beslagvrijeVoet of (leefsituatie en belastbaarJaarinkomen): dan berekent Maatstaf
    de voet zelf, zoals POST /beslagvrijevoetberekeningen (Rv 475da), en een opgegeven voet gaat voor."""

    model_config = ConfigDict(
        json_schema_extra={
            # zoals app/domain/huishouden.py (controleer_huishouden)
            "if": {"properties": {"opBijstandsniveau": {"const": False}}, "required": ["opBijstandsniveau"]},
            "then": {
                "allOf": [
                    _gegeven("nettoMaandinkomen"),
                    {
                        "anyOf": [
                            _gegeven("beslagvrijeVoet"),
                            {"allOf": [_gegeven("leefsituatie"), _gegeven("belastbaarJaarinkomen")]},
                        ]
                    },
                ]
            },
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
        None,
        description="Boven bijstandsniveau: de vastgestelde voet (Rv 475da-475dc), bijvoorbeeld van een deurwaarder. "
        "Zonder: leefsituatie en belastbaarJaarinkomen, en Maatstaf berekent haar.",
    )
    leefsituatie: Leefsituatie | None = Field(
        None, description="Boven bijstandsniveau zonder beslagvrijeVoet: de leefsituatie van Rv 475da lid 1."
    )
    belastbaarJaarinkomen: Bedrag | None = Field(
        None,
        description="Boven bijstandsniveau zonder beslagvrijeVoet: belastbaar inkomen van schuldenaar en echtgenoot "
        "samen, herleid tot een jaar (Rv 475d lid 1).",
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
