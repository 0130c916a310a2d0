"""Alternatieven in het HTTP-antwoord van POST /api/v1/boeteberekeningen (issue #4 §2)."""

from __future__ import annotations

import copy

from tests.api.conftest import VOORBEELD

BOETE = "/api/v1/boeteberekeningen"
GRADEN = ("OPZET", "GROVE_SCHULD", "NORMAAL", "VERMINDERD", "GEEN")


def test_tien_alternatieven_bij_het_spec_voorbeeld(client):
    r = client.post(BOETE, json=VOORBEELD)
    assert r.status_code == 201, r.text
    body = r.json()
    alternatieven = body["alternatieven"]
    assert [(a["graad"], a["recidive"]) for a in alternatieven] == [(g, r) for g in GRADEN for r in (False, True)]
    assert all(set(a) == {"graad", "recidive", "uitkomst", "boete", "omschrijving", "huidig"} for a in alternatieven)
    bedragen = {(a["graad"], a["recidive"]): a["boete"] for a in alternatieven}
    for recidive in (False, True):  # de draagkracht (70,07 per maand x 24, 18, 12, 6) begrenst elke graad
        assert bedragen[("OPZET", recidive)] == "1681.68"
        assert bedragen[("GROVE_SCHULD", recidive)] == "1261.26"
        assert bedragen[("NORMAAL", recidive)] == "840.84"
        assert bedragen[("VERMINDERD", recidive)] == "420.42"
        assert bedragen[("GEEN", recidive)] == "0.00"
    [huidig] = [a for a in alternatieven if a["huidig"]]
    assert huidig == {
        "graad": body["verwijtbaarheid"],
        "recidive": body["recidive"],
        "uitkomst": body["uitkomst"],
        "boete": body["boete"],
        "omschrijving": "Bij normale verwijtbaarheid en zonder recidive (deze berekening) is de boete € 840,84 "
        "(50% van de grondslag, begrensd door de draagkracht).",
        "huidig": True,
    }
    opzet = alternatieven[0]
    assert opzet["omschrijving"] == (
        "Bij opzet en zonder recidive (alleen als het college dit stelt en bewijst) zou de boete € 1.681,68 zijn "
        "(100% van de grondslag, begrensd door de draagkracht)."
    )


def test_alternatieven_in_het_auditrecord(client):
    body = client.post(BOETE, json=VOORBEELD).json()
    record = client.get(f"/api/v1/berekeningen/{body['berekeningId']}").json()
    assert record["resultaat"]["alternatieven"] == body["alternatieven"]


def test_recidive_uit_eerdere_sancties_is_het_huidige_alternatief(client):
    verzoek = copy.deepcopy(VOORBEELD)
    verzoek["eerdereSancties"] = [{"soort": "BOETE", "datum": "2022-01-01"}]
    body = client.post(BOETE, json=verzoek).json()
    assert body["recidive"] is True
    [huidig] = [a for a in body["alternatieven"] if a["huidig"]]
    assert (huidig["graad"], huidig["recidive"], huidig["boete"]) == ("NORMAAL", True, body["boete"])


def test_openapi_beschrijft_de_alternatieven(client):
    doc = client.get("/api/v1/openapi.json").json()
    schemas = doc["components"]["schemas"]
    assert schemas["Boeteresultaat"]["properties"]["alternatieven"]["items"] == {
        "$ref": "#/components/schemas/AlternatiefUit"
    }
    assert set(schemas["AlternatiefUit"]["required"]) == {
        "graad",
        "recidive",
        "uitkomst",
        "boete",
        "omschrijving",
        "huidig",
    }
