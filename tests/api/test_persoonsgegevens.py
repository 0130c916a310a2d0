"""AVG: geen BSN in vrije tekst of in de claim sub (issue #8 §3.1)."""

from __future__ import annotations

import re
import time
import uuid

import jwt
import pytest

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
    ],
)
def test_geen_vals_alarm(tekst):
    assert not bevat_bsn(tekst)


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
    ("/beleidsversies/{beleidsversieId}/beoordelingen", "reden"),
}


@pytest.mark.parametrize("vorm", ["{}", "BSN {}.", "{} (burgerservicenummer)", "1234.56.782"])
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
