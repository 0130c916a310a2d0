"""Het OpenAPI-document is zo streng als de validatie waar JSON Schema dat kan zeggen (issue #8 §2).

Schemathesis vond verzoeken die volgens het schema geldig zijn en toch 400 kregen: een NUL-teken of alleen witruimte
in tekst, een getal met meer dan twee decimalen, ``36.0`` als geheel getal, een huishouden zonder leefvorm, een graad
samen met feiten, een matiging met percentage én bedrag, een gevangenisstraf bij een boete. Elke test hier legt het
oordeel van het schema naast dat van de service, voor dezelfde invoer; zo faalt hij als een van beide verandert.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from tests.api.conftest import VOORBEELD

#: Een kleine beoordelaar voor de sleutelwoorden die de regels tussen velden gebruiken. Andere sleutelwoorden
#: (format, maxLength, ...) worden overgeslagen; de voorbeelden hieronder zijn daarop verder geldig.


def _los(schema: dict, document: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _type(waarde) -> str:
    if waarde is None:
        return "null"
    if isinstance(waarde, bool):
        return "boolean"
    if isinstance(waarde, int | float | Decimal):
        return "number"
    return {str: "string", list: "array", dict: "object"}[type(waarde)]


def geldig(schema: dict, waarde, document: dict) -> bool:
    s = _los(schema, document)
    if "type" in s:
        soort = _type(waarde)
        if not (s["type"] == soort or (s["type"] == "integer" and soort == "number" and waarde == int(waarde))):
            return False
    if "const" in s and waarde != s["const"]:
        return False
    if "enum" in s and waarde not in s["enum"]:
        return False
    if isinstance(waarde, str) and "pattern" in s and not re.search(s["pattern"], waarde):
        return False
    if isinstance(waarde, int | float | Decimal) and not isinstance(waarde, bool):
        if "maximum" in s and waarde > s["maximum"]:
            return False
        if "minimum" in s and waarde < s["minimum"]:
            return False
    if isinstance(waarde, list):
        if len(waarde) < s.get("minItems", 0) or len(waarde) > s.get("maxItems", len(waarde)):
            return False
        if "items" in s and not all(geldig(s["items"], w, document) for w in waarde):
            return False
    if isinstance(waarde, dict):
        if any(naam not in waarde for naam in s.get("required", [])):
            return False
        for naam, sub in s.get("properties", {}).items():
            if naam in waarde and not geldig(sub, waarde[naam], document):
                return False
    if "allOf" in s and not all(geldig(sub, waarde, document) for sub in s["allOf"]):
        return False
    if "anyOf" in s and not any(geldig(sub, waarde, document) for sub in s["anyOf"]):
        return False
    if "oneOf" in s and sum(geldig(sub, waarde, document) for sub in s["oneOf"]) != 1:
        return False
    if "not" in s and geldig(s["not"], waarde, document):
        return False
    if "if" in s:
        tak = s.get("then") if geldig(s["if"], waarde, document) else s.get("else")
        if tak is not None and not geldig(tak, waarde, document):
            return False
    return True


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


def _zelfde_oordeel(client, document, schema_naam: str, pad: str, body: dict, deel) -> None:
    """Het schema ``schema_naam`` over ``deel`` en de service over ``body`` zijn het eens."""
    schema = document["components"]["schemas"][schema_naam]
    r = client.post(pad, json=body)
    assert r.status_code in (201, 400), r.text
    assert geldig(schema, deel, document) == (r.status_code == 201), (schema_naam, deel, r.text)


def _boete(**anders) -> dict:
    return {**VOORBEELD, **anders}


@pytest.mark.parametrize(
    "huishouden",
    [
        {},
        {"leefvorm": None},
        {"leefvorm": "ALLEENSTAANDE"},
        {"toepasselijkeNorm": "1401.50"},
        {"opBijstandsniveau": False, "leefvorm": "ALLEENSTAANDE"},
        {"opBijstandsniveau": False, "nettoMaandinkomen": "2000.00"},
        {"opBijstandsniveau": False, "nettoMaandinkomen": "2000.00", "beslagvrijeVoet": None},
        {"opBijstandsniveau": False, "nettoMaandinkomen": "2000.00", "beslagvrijeVoet": "1500.00"},
    ],
)
def test_huishouden(client, document, huishouden):
    body = _boete(huishouden=huishouden)
    _zelfde_oordeel(client, document, "Huishouden", "/api/v1/boeteberekeningen", body, huishouden)


@pytest.mark.parametrize(
    "verwijtbaarheid",
    [
        {},
        {"graad": "NORMAAL"},
        {"graad": None, "opzet": None},
        {"graad": "NORMAAL", "opzet": {"bewijs": ["Verklaring van betrokkene over het verzwegen werk"]}},
        {"graad": "NORMAAL", "verminderingsgronden": [{"code": "ZELF_GECORRIGEERD", "toelichting": "Zelf gemeld"}]},
        {"graad": "NORMAAL", "verminderingsgronden": []},
        {"graad": "OPZET"},
        {"graad": "OPZET", "bewijs": []},
        {"graad": "GROVE_SCHULD", "bewijs": ["Drie brieven niet beantwoord"]},
        {"graad": "GEEN"},
        {"graad": "GEEN", "motivering": None},
        {"graad": "GEEN", "motivering": "Betrokkene lag de hele periode in het ziekenhuis."},
        {"bewijs": ["Drie brieven niet beantwoord"]},
        {"motivering": "Betrokkene lag de hele periode in het ziekenhuis."},
        {"groveSchuld": {"bewijs": ["Drie brieven niet beantwoord"]}},
    ],
)
def test_verwijtbaarheid_graad_of_feiten(client, document, verwijtbaarheid):
    body = _boete(verwijtbaarheid=verwijtbaarheid)
    _zelfde_oordeel(client, document, "Verwijtbaarheid", "/api/v1/boeteberekeningen", body, verwijtbaarheid)


@pytest.mark.parametrize(
    "matiging",
    [
        {"percentage": "10"},
        {"bedrag": "100.00"},
        {"bedrag": 100},
        {"percentage": "10", "bedrag": "100.00"},
        {},
        {"percentage": None, "bedrag": "100.00"},
        {"percentage": None, "bedrag": None},
        {"percentage": "0"},
        {"percentage": 0},
        {"bedrag": "0.00"},
        {"bedrag": 0.0},
    ],
)
def test_matiging_precies_een_en_groter_dan_nul(client, document, matiging):
    matiging = {"grond": "EVENREDIGHEID", "motivering": "Betrokkene heeft een grote schuldenlast.", **matiging}
    body = _boete(matigingen=[matiging])
    _zelfde_oordeel(client, document, "Matiging", "/api/v1/boeteberekeningen", body, matiging)


@pytest.mark.parametrize("soort", ["BOETE", "WAARSCHUWING", "STRAFRECHTELIJKE_SANCTIE"])
@pytest.mark.parametrize("gevangenisstraf", [True, False])
def test_gevangenisstraf_alleen_bij_een_strafrechtelijke_sanctie(client, document, soort, gevangenisstraf):
    sanctie = {"soort": soort, "datum": "2024-01-10", "gevangenisstraf": gevangenisstraf}
    body = _boete(eerdereSancties=[sanctie])
    _zelfde_oordeel(client, document, "EerdereSanctie", "/api/v1/boeteberekeningen", body, sanctie)


@pytest.mark.parametrize("variant", ["benadelingsbedrag", "perioden", "beide", "geen", "null"])
def test_precies_een_van_benadelingsbedrag_en_perioden(client, document, variant):
    body = {k: v for k, v in VOORBEELD.items() if k != "benadelingsbedrag"}
    perioden = [{"van": "2025-03-01", "tot": "2025-03-31", "ontvangen": "1369.06", "recht": "869.06"}]
    extra = {
        "benadelingsbedrag": {"benadelingsbedrag": "8000.00"},
        "perioden": {"perioden": perioden},
        "beide": {"benadelingsbedrag": "8000.00", "perioden": perioden},
        "geen": {},
        "null": {"benadelingsbedrag": None, "perioden": perioden},
    }[variant]
    body = {**body, **extra}
    schema = document["components"]["schemas"]["Boeteverzoek"]
    r = client.post("/api/v1/boeteberekeningen", json=body)
    assert geldig({"oneOf": schema["oneOf"]}, body, document) == (r.status_code == 201), (variant, r.text)


def test_afgewezen_vraagt_een_reden_die_geen_null_is(document):
    schema = document["components"]["schemas"]["Beoordelingsverzoek"]
    assert not geldig(schema, {"besluit": "AFGEWEZEN"}, document)
    assert not geldig(schema, {"besluit": "AFGEWEZEN", "reden": None}, document)  # schemathesis vond dit
    assert geldig(schema, {"besluit": "AFGEWEZEN", "reden": "De verklaring overtuigt niet."}, document)
    assert geldig(schema, {"besluit": "GOEDGEKEURD", "reden": None}, document)


# ---------------------------------------------------------------- tekst: patroon tegen het NUL-teken en witruimte

TEKSTEN = ["a", " a ", " ", "\t\n", "\u3000\u2028", "\x1c\x1f", "\x85", "\u200b", "a\x00b", "\x00", "é"]


def _patroon(document: dict, schema_naam: str, *pad: str) -> re.Pattern:
    schema = document["components"]["schemas"][schema_naam]
    for deel in pad:
        schema = _los(schema, document)["properties"][deel] if deel != "*" else schema["items"]
    return re.compile(_los(schema, document)["pattern"])


@pytest.mark.parametrize("tekst", TEKSTEN)
def test_tekstpatroon_is_de_validatie(client, document, tekst):
    """Een bewijsstuk: NUL nooit, alleen witruimte (zoals ``str.strip`` die ziet) ook niet."""
    patroon = _patroon(document, "Bewijs", "bewijs", "*")
    r = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json={"groveSchuld": {"bewijs": [tekst]}})
    assert r.status_code in (201, 400), r.text
    assert bool(patroon.search(tekst)) == (r.status_code == 201), (tekst, r.text)


@pytest.mark.parametrize(
    "tekst",
    ["123456789", "1234567890", " 123456789 ", "\u3000123456789\u3000", " 12345 67890 ", "12345\x0067890", "\t" * 12],
)
def test_motiveringspatroon_is_de_validatie(client, document, tekst):
    """Ten minste 10 tekens na het weghalen van witruimte aan begin en eind, geen NUL."""
    patroon = _patroon(document, "GeenVerwijt", "motivering")
    r = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json={"geenVerwijt": {"motivering": tekst}})
    assert r.status_code in (201, 400), r.text
    assert bool(patroon.search(tekst)) == (r.status_code == 201), (tekst, r.text)


def test_vrije_tekst_houdt_zijn_markering(document):
    for naam, pad in (("Bewijs", ("bewijs", "*")), ("GeenVerwijt", ("motivering",)), ("GenoemdeVordering", ("id",))):
        schema = document["components"]["schemas"][naam]
        for deel in pad:
            schema = schema["properties"][deel] if deel != "*" else schema["items"]
        assert schema["x-vrije-tekst"] is True and schema["pattern"].startswith("^[^\\x00]*"), naam


# ---------------------------------------------------------------- getallen


def _getalschema(document: dict) -> dict:
    schema = document["components"]["schemas"]["Boeteverzoek"]["properties"]["benadelingsbedrag"]
    return next(v for v in schema["anyOf"][0]["anyOf"] if v["type"] == "number")


@pytest.mark.parametrize(
    "getal", ["8000", "8000.5", "8000.50", "8000.500", "8000.505", "1.0549794117655967e-164", "8e3"]
)
def test_bedrag_als_getal_ten_hoogste_twee_decimalen(client, document, getal):
    veelvoud = Decimal(str(_getalschema(document)["multipleOf"]))
    body = json.dumps(VOORBEELD).replace('"benadelingsbedrag": "8000.00"', f'"benadelingsbedrag": {getal}')
    assert getal in body
    r = client.post("/api/v1/boeteberekeningen", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code in (201, 400), r.text
    assert (Decimal(getal) % veelvoud == 0) == (r.status_code == 201), (getal, r.text)


@pytest.mark.parametrize(
    ("waarde", "status"),
    [("36", 201), ("36.0", 201), ("3.6e1", 201), ("36.5", 400), ('"36"', 400), ("true", 400), ("1e999999999", 400)],
)
def test_geheel_getal_mag_een_punt_nul_hebben(client, waarde, status):
    """JSON Schema noemt 36.0 een geheel getal (integer); de service nam het niet aan."""
    body = json.dumps({"vorderingen": [{"id": "V-1", "soort": "TERUGVORDERING_OVERIG", "bedrag": "100.00"}]})
    body = body[:-1] + f', "looptijdMaanden": {waarde}}}'
    r = client.post("/api/v1/schuldregelingstoetsen", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status, r.text
    if status == 201:
        assert r.json()["looptijdMaanden"] == 36
    else:
        assert r.json()["invalidParams"][0]["name"] == "looptijdMaanden"
