"""AVG: geen BSN in vrije tekst of in de claim sub (issue #8 §3.1)."""

from __future__ import annotations

import re
import time
import uuid
from datetime import date

import jwt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.persoonsgegevens import bevat_bsn, elfproef
from tests.api.conftest import GEHEIM

#: Haalt de elfproef: 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 3 = 66.
BSN = "111222333"


@pytest.mark.parametrize(
    "tekst",
    [
        "123456782",
        "BSN 123456782",
        "bsn:123456782.",
        "BSN123456782x",
        "123.456.782",
        "1234.56.782",
        "123 456 782",
        "1234 56 782",
        "123-45-6782",
        "op 01-01-2025 sprak ik 123456782",
        "klant \uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff12",  # cijfers van volle breedte
        "123\u00a0456\u00a0782",  # harde spaties
        f"Inkomsten van {BSN} niet gemeld",
        # issue #20, 6: zo kwam een BSN langs de controle
        "123\u200b456\u200b782",  # spatie van nul breedte
        "1\u200c2\u200d3\u20604\ufeff56782",  # andere onzichtbare tekens (Cf)
        "123\u00ad456\u00ad782",  # zacht afbreekstreepje
        "123\t456\t782",
        "123\n456\n782",
        "123\r\n456\r\n782",
        "123/456/782",
        "123_456_782",
        "123,456,782",
        "1234,56,782",
        "123 - 456 - 782",
        "123, 456, 782",
        "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0662",  # Arabisch-Indische cijfers
        "\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f2",  # Perzische cijfers
        "\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u0968",  # Devanagari
        "BSN: \u0661\u0662\u0663.\u0664\u0665\u0666.\u0667\u0668\u0662",
        "1 2 3 4 5 6 7 8 2",
        "1-2-3-4-5-6-7-8-2",
        "1\u03012\u03013456782",  # losse combinatietekens
        "€ 12, 123456782",  # een bedrag ervoor verbergt het nummer erna niet
        "2025-01-01, 123456782",  # een datum ervoor ook niet
    ],
)
def test_bsn_wordt_gevonden(tekst):
    assert bevat_bsn(tekst)


@pytest.mark.parametrize(
    "tekst",
    [
        "123456789",  # haalt de elfproef niet
        "000000000",
        "1234567820",  # tien cijfers
        "TV-2025-0142",
        "Z-2025-12345",
        "BB-2025-0077",
        "8000.00",
        "€ 111.222.333",
        "EUR 111222333",
        "111.222.333,00 euro",
        "2025-01-01",
        "01-01-2025 1",
        "NL91 ABNA 0417 1643 00",
        "NL91ABNA0417164300",
        "06 12 34 56 78",
        "020-1234567",
        "Drie brieven (2025-03-01, 2025-04-01 en 2025-05-01) niet beantwoord; € 840,84 te veel ontvangen.",
        # gewone bedragen en datums, ook nu komma, /, _ en nieuwe regels scheidingstekens zijn
        "€ 840,84, € 1.401,50 en € 12.401,50",
        "840,84, 12.401,50",
        "Bedragen: 111.222.333,00\n222.333.444,50",
        "€ 123 456 782",
        "EUR 111.222.333,00",
        "1/3/2025, 2/4/2025 en 3/5/2025",
        "12-01-2025 123",
        "2025-01-12 123",
        "01.02.2025\n03.04.2025",
        "+31 6 1234 5678",
        "06-1234 5678",
        "020 123 4567",
        "Dossier_2025_12345",
        "artikel 18a lid 13, 14 en 15",
        "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",  # haalt de elfproef niet
    ],
)
def test_geen_vals_alarm(tekst):
    assert not bevat_bsn(tekst)


#: Cijfers 0-9 in andere schriften: volle breedte, Arabisch-Indisch, Perzisch, Devanagari, Bengaals, wiskundig vet.
SCHRIFTEN = [0x30, 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x1D7CE]
SCHEIDINGEN = [
    " ",
    "\t",
    "\n",
    "\r\n",
    "/",
    "_",
    ",",
    ".",
    "-",
    ", ",
    " - ",
    "\u00a0",
    "\u2009",
    ";",
    "\u200b",
    "\u2060",
]
ONZICHTBAAR = ["", "", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


def _met_controle(begin: int) -> str | None:
    cijfers = [int(c) for c in f"{begin:08d}"]
    controle = sum((9 - i) * c for i, c in enumerate(cijfers)) % 11
    return f"{begin:08d}{controle}" if controle <= 9 and (begin or controle) else None


#: Negen cijfers die de elfproef halen.
bsn_nummers = st.integers(0, 10**8 - 1).map(_met_controle).filter(bool)


@settings(max_examples=300, deadline=None)
@given(
    bsn=bsn_nummers,
    indeling=st.sampled_from([(9,), (3, 3, 3), (4, 2, 3), (2, 3, 4), (3, 2, 4), (2, 2, 2, 3), (1,) * 9]),
    scheiding=st.sampled_from(SCHEIDINGEN),
    schrift=st.sampled_from(SCHRIFTEN),
    onzichtbaar=st.sampled_from(ONZICHTBAAR),
    waar=st.integers(0, 511),
    ervoor=st.sampled_from(["", "BSN ", "bsn:", "klant ", "(", "Inkomsten van "]),
)
def test_een_bsn_in_elke_vorm_wordt_gevonden(bsn, indeling, scheiding, schrift, onzichtbaar, waar, ervoor):
    """Issue #20, 6: gescheiden door tab, nieuwe regel, /, _ of komma, met onzichtbare tekens ertussen of in een ander
    schrift: nog steeds een BSN."""
    tekens = [chr(schrift + int(c)) + (onzichtbaar if waar >> i & 1 else "") for i, c in enumerate(bsn)]
    groepen, begin = [], 0
    for lengte in indeling:
        groepen.append("".join(tekens[begin : begin + lengte]))
        begin += lengte
    assert bevat_bsn(ervoor + scheiding.join(groepen) + " gemeld"), (bsn, indeling, scheiding)


@settings(max_examples=300, deadline=None)
@given(
    bedragen=st.lists(st.decimals(0, 10**9, places=2), min_size=1, max_size=3),
    datums=st.lists(st.dates(date(1990, 1, 1), date(2040, 12, 31)), min_size=1, max_size=3),
    scheiding=st.sampled_from([", ", "\n", "; ", " en "]),
)
def test_bedragen_en_datums_zijn_geen_bsn(bedragen, datums, scheiding):
    """Gewone bedragen (met € of centen na een komma) en datums in lijsten blijven geen BSN, ook nu komma, / en
    nieuwe regel scheidingstekens zijn."""

    def nl(bedrag) -> str:
        heel, centen = f"{bedrag:.2f}".split(".")
        return f"{int(heel):,}".replace(",", ".") + "," + centen

    teksten = [f"€ {nl(b)}" for b in bedragen] + [nl(b) for b in bedragen]
    teksten += [d.isoformat() for d in datums] + [d.strftime("%d-%m-%Y") for d in datums]
    teksten += [f"{d.day}/{d.month}/{d.year}" for d in datums]
    assert not bevat_bsn(scheiding.join(teksten)), teksten


def test_elfproef():
    assert elfproef("123456782") and elfproef(BSN)
    assert not elfproef("123456781") and not elfproef("12345678") and not elfproef("000000000")


# ---------------------------------------------------------------- elk vrij tekstveld van elk verzoek


def _los(schema: dict, componenten: dict) -> dict:
    while "$ref" in schema:
        schema = componenten[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _tekstvelden(schema: dict, componenten: dict, pad: tuple = ()) -> list[tuple]:
    """Elk pad naar een vrij tekstveld: type string met x-vrije-tekst. Een lijst: element 0."""
    schema = _los(schema, componenten)
    uit: list[tuple] = []
    for variant in schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", []):
        uit += _tekstvelden(variant, componenten, pad)
    soort = schema.get("type")
    if soort == "object":
        for naam, sub in schema.get("properties", {}).items():
            uit += _tekstvelden(sub, componenten, (*pad, naam))
        if isinstance(schema.get("additionalProperties"), dict):  # dict[str, Tekst]: een toegestane sleutel
            sleutel = (schema.get("propertyNames", {}).get("enum") or ["sleutel"])[0]
            uit += _tekstvelden(schema["additionalProperties"], componenten, (*pad, sleutel))
    elif soort == "array":
        uit += _tekstvelden(schema.get("items", {}), componenten, (*pad, 0))
    elif soort == "string" and schema.get("x-vrije-tekst") is True:
        uit.append(pad)
    return list(dict.fromkeys(uit))


def _body(pad: tuple, waarde):
    if not pad:
        return waarde
    kop, rest = pad[0], pad[1:]
    if kop == 0:
        return [_body(rest, waarde)]
    return {kop: _body(rest, waarde)}


def _verzoeken(document: dict) -> list[tuple[str, tuple]]:
    componenten = document["components"]["schemas"]
    uit = []
    for pad, operaties in document["paths"].items():
        inhoud = operaties.get("post", {}).get("requestBody", {}).get("content", {}).get("application/json")
        if inhoud:
            for veld in _tekstvelden(inhoud["schema"], componenten):
                uit.append((pad, veld))
    return uit


#: Wat de opsomming ten minste moet vinden (controleert de opsomming zelf).
VERWACHT = {
    ("/schuldregelingstoetsen", "vorderingen.0.id"),
    ("/boeteberekeningen", "verwijtbaarheid.bewijs.0"),
    ("/boeteberekeningen", "verwijtbaarheid.motivering"),
    ("/boeteberekeningen", "verwijtbaarheid.opzet.bewijs.0"),
    ("/boeteberekeningen", "verwijtbaarheid.verminderingsgronden.0.toelichting"),
    ("/boeteberekeningen", "verwijtbaarheid.indicaties.0.toelichting"),
    ("/boeteberekeningen", "verwijtbaarheid.geenVerwijt.motivering"),
    ("/boeteberekeningen", "dringendeRedenen.motivering"),
    ("/boeteberekeningen", "matigingen.0.motivering"),
    ("/verwijtbaarheidsbeoordelingen", "groveSchuld.bewijs.0"),
    ("/kwijtscheldingsbeoordelingen", "dringendeRedenen.motivering"),
    ("/kwijtscheldingsbeoordelingen", "onevenredigeGevolgen.motivering"),
    ("/berekeningen/{berekeningId}/maatwerkbesluiten", "motivering"),
    ("/maatwerkbesluiten/{maatwerkbesluitId}/beoordelingen", "reden"),
    ("/wisvoorstellen", "toelichting"),
    ("/wisvoorstellen/{wisvoorstelId}/goedkeuringen", "toelichting"),
    ("/beleidsversies", "toelichting"),
    ("/beleidsversies", "bron.titel"),
    ("/beleidsversies", "bron.artikel"),
    ("/beleidsversies", "bron.artikelen.waarschuwingIndienMogelijk"),  # dict[str, Tekst] (issue #20, 5)
    ("/beleidsversies/{beleidsversieId}/beoordelingen", "reden"),
}


@pytest.mark.parametrize(
    "vorm",
    [
        "{}",
        "BSN {}.",
        "{} (burgerservicenummer)",
        "1234.56.782",
        "111\t222\u200b333",  # issue #20, 6
        "\u0661\u0661\u0661_\u0662\u0662\u0662_\u0663\u0663\u0663",
    ],
)
def test_elk_vrij_tekstveld_weigert_een_bsn(client, vorm):
    document = client.get("/api/v1/openapi.json").json()
    gevonden = _verzoeken(document)
    namen = {(pad, ".".join(map(str, veld))) for pad, veld in gevonden}
    assert namen >= VERWACHT, VERWACHT - namen
    tekst = vorm.format(BSN) + " — de rest van een motivering van voldoende lengte in zes woorden"
    for pad, veld in gevonden:
        url = "/api/v1" + re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), pad)
        naam = ".".join(map(str, veld))
        r = client.post(url, json=_body(veld, tekst))
        assert r.status_code == 400, (pad, naam, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        fouten = {p["name"]: p for p in r.json()["invalidParams"]}
        assert naam in fouten, (pad, naam, fouten)
        assert fouten[naam]["code"] == "bsn", (pad, naam, fouten[naam])
        assert "BSN" in fouten[naam]["reason"] and "dossier" in fouten[naam]["reason"]
    assert client.get("/api/v1/berekeningen").json()["berekeningen"] == []  # niets vastgelegd


def _ongemarkeerde_tekst(schema: dict, componenten: dict, pad: tuple = ()) -> list[tuple]:
    """Elk pad naar een tekstveld zonder x-vrije-tekst, enum, const of formaat, waarvan het patroon geen bedrag of
    percentage beschrijft: dat zou vrije tekst zijn die niet versleuteld wordt opgeslagen."""
    schema = _los(schema, componenten)
    uit: list[tuple] = []
    for variant in schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", []):
        uit += _ongemarkeerde_tekst(variant, componenten, pad)
    soort = schema.get("type")
    if soort == "object":
        for naam, sub in schema.get("properties", {}).items():
            uit += _ongemarkeerde_tekst(sub, componenten, (*pad, naam))
        if isinstance(schema.get("additionalProperties"), dict):
            uit += _ongemarkeerde_tekst(schema["additionalProperties"], componenten, (*pad, "*"))
    elif soort == "array":
        uit += _ongemarkeerde_tekst(schema.get("items", {}), componenten, (*pad, 0))
    elif (
        soort == "string"
        and not ({"x-vrije-tekst", "enum", "format", "const"} & schema.keys())
        # een code of kenmerk: een patroon van alleen letters, cijfers en leestekens zonder spatie (bedrag, CVDR-id,
        # sha256-versie, mapnaam); geen vrije tekst
        and not re.fullmatch(r"\^[\[\]0-9A-Za-z{},()|.\\?_:+-]+\$", schema.get("pattern", ""))
        and not schema.get("pattern", "").startswith("^https://")  # een URL (bron van beleidsregels)
    ):
        uit.append(pad)
    return uit


def test_elk_tekstveld_van_een_verzoek_is_gemarkeerd_als_vrije_tekst_of_gestructureerd(client):
    """De versleuteling herkent vrije tekst aan x-vrije-tekst, niet aan "string zonder patroon" (een patroon tegen
    het NUL-teken maakt van tekst nog geen gestructureerd veld)."""
    document = client.get("/api/v1/openapi.json").json()
    componenten = document["components"]["schemas"]
    ongemarkeerd = []
    for pad, operaties in document["paths"].items():
        inhoud = operaties.get("post", {}).get("requestBody", {}).get("content", {}).get("application/json")
        if inhoud:
            ongemarkeerd += [(pad, veld) for veld in _ongemarkeerde_tekst(inhoud["schema"], componenten)]
    assert ongemarkeerd == []
    schema = componenten["Grond"]["properties"]["toelichting"]
    assert schema["x-vrije-tekst"] is True and "pattern" in schema  # vrije tekst met een patroon blijft vrije tekst


def test_kenmerk_en_bewijs_zonder_bsn_blijven_werken(client):
    r = client.post(
        "/api/v1/verwijtbaarheidsbeoordelingen",
        json={"groveSchuld": {"bewijs": ["Dossier Z-2025-12345: drie brieven van 2025-03-01 niet beantwoord"]}},
    )
    assert r.status_code == 201, r.text


def test_sub_met_bsn_is_401(client):
    claims = {"sub": f"medewerker {BSN}", "gemeente": "0363", "rollen": ["medewerker"], "exp": int(time.time()) + 60}
    r = client.get("/api/v1/regels", headers={"Authorization": f"Bearer {jwt.encode(claims, GEHEIM, 'HS256')}"})
    assert r.status_code == 401, r.text
    assert "sub" in r.json()["detail"] and "BSN" in r.json()["detail"]
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
