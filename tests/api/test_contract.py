"""Het HTTP-contract van SPEC §4 door de echte app: velden, statuscodes, headers en het auditrecord."""

from __future__ import annotations

import copy
import json

from tests.api.conftest import VOORBEELD


def test_boeteberekening_spec_voorbeeld(client):
    r = client.post("/api/v1/boeteberekeningen", json=VOORBEELD)
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["API-Version"] == "1.0.0"
    assert r.headers["Location"] == f"/api/v1/berekeningen/{body['berekeningId']}"
    verwacht = {
        "uitkomst": "BOETE",
        "boete": "840.84",
        "boeteZonderWaarschuwing": None,
        "verwijtbaarheid": "NORMAAL",
        "boetepercentage": 50,
        "recidive": False,
        "benadelingsbedrag": "8000.00",
        "grondslag": "8000.00",
        "boeteVoorDraagkracht": "4000.00",
        "draagkracht": {"perMaand": "70.07", "maanden": 12, "maximum": "840.84"},
        "bepalendeBegrenzing": "DRAAGKRACHT",
        "waarschuwingMogelijk": False,
        "toegepasteRegelsDatum": "2026-02-02",
        "verrekening": {"perMaand": "70.07", "maandenBoete": 12, "maandenTerugvordering": 115},
    }
    assert {k: body[k] for k in verwacht} == verwacht
    assert body["regelversie"].startswith("sha256:")
    assert not [s for s in body["signalen"] if "Onzekere regelwaarde" in s]  # issue #17: alles uit een bron
    percentage = next(s for s in body["stappen"] if s["regel"] == "boete.percentage")
    assert percentage["bron"] == [{"wet": "Boetebesluit socialezekerheidswetten", "artikel": "2", "lid": "4"}]
    assert set(percentage) == {"regel", "omschrijving", "bron", "invoer", "uitkomst"}
    assert all(s["bron"] for s in body["stappen"])


def test_auditrecord_bevat_invoer_en_resultaat(client):
    ruw = json.dumps(VOORBEELD, indent=2)
    r = client.post("/api/v1/boeteberekeningen", content=ruw, headers={"Content-Type": "application/json"})
    body = r.json()
    a = client.get(r.headers["Location"])
    assert a.status_code == 200
    assert a.headers["API-Version"] == "1.0.0"
    record = a.json()
    assert record["berekeningId"] == body["berekeningId"]
    assert record["soort"] == "boeteberekening"
    assert record["invoer"] == VOORBEELD
    assert record["resultaat"] == body
    assert record["regelversie"] == body["regelversie"]
    assert len(record["hash"]) == 64
    assert record["tijdstip"].endswith("+00:00")


def test_zelfde_invoer_zelfde_resultaat_behalve_id(client):
    a = client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()
    b = client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()
    assert a.pop("berekeningId") != b.pop("berekeningId")
    assert a == b


def test_bedrag_als_getal_is_exact(client):
    verzoek = copy.deepcopy(VOORBEELD)
    r = client.post(
        "/api/v1/boeteberekeningen",
        content=json.dumps(verzoek).replace('"8000.00"', "8000.10"),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 201, r.text
    assert r.json()["benadelingsbedrag"] == "8000.10"


def test_benadelingsbedragen(client):
    r = client.post(
        "/api/v1/benadelingsbedragen",
        json={
            "perioden": [
                {"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": "1401.50", "recht": "901.50"},
                {
                    "van": "2025-11-01",
                    "tot": "2025-11-30",
                    "ontvangen": 1369.06,
                    "recht": "869.06",
                    "loonheffing": "41.00",
                },
            ],
            "beschikkingsdatum": "2026-03-02",
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["benadelingsbedrag"], body["terugvorderingNetto"], body["terugvorderingBruto"]) == (
        "1000.00",
        "1000.00",
        "1041.00",
    )
    assert [p["van"] for p in body["perioden"]] == ["2025-11-01", "2026-01-01"]
    assert body["perioden"][0]["verschil"] == "500.00"
    assert any(s["regel"] == "terugvordering.verplicht" for s in body["stappen"])


def test_verwijtbaarheidsbeoordeling(client):
    r = client.post(
        "/api/v1/verwijtbaarheidsbeoordelingen",
        json={"groveSchuld": {"bewijs": ["drie brieven niet beantwoord"]}, "beschikkingsdatum": "2026-02-02"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["graad"], body["percentage"], body["draagkrachtMaanden"]) == ("GROVE_SCHULD", 75, 18)
    assert client.get(r.headers["Location"]).json()["soort"] == "verwijtbaarheidsbeoordeling"


def test_regels_op_peildatum(client):
    r = client.get("/api/v1/regels", params={"peildatum": "2026-02-02"})
    assert r.status_code == 200
    body = r.json()
    regels = {p["id"]: p for p in body["parameters"]}
    assert regels["norm.alleenstaande"]["inWerking"]["waarde"] == "1401.50"
    assert regels["norm.alleenstaande"]["inWerking"]["status"] == "geverifieerd"
    # issue #17: de derde categorie per 2026-01-01 komt uit de geconsolideerde tekst van art. 23 Sr (EUR 11.000)
    assert regels["wvsr.categorie.3"]["inWerking"]["status"] == "geverifieerd"
    assert regels["wvsr.categorie.3"]["inWerking"]["waarde"] == "11000.00"
    assert regels["draagkracht.percentageVanNorm"]["inWerking"]["status"] == "bevestigd"
    assert regels["boete.lid7.drempelfactor"]["inWerking"]["waarde"] == "100/75"
    assert regels["draagkracht.maanden.VERMINDERD"]["bron"]
    assert body["beleid"]["waarschuwingIndienMogelijk"] is True
    oud = client.get("/api/v1/regels", params={"peildatum": "2024-03-01"}).json()
    assert {p["id"]: p for p in oud["parameters"]}["norm.alleenstaande"]["inWerking"]["waarde"] == "1283.83"


def test_swagger_en_openapi(client):
    assert client.get("/api/v1/docs").status_code == 200
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["servers"][0]["url"] == "/api/v1"
    assert "/boeteberekeningen" in doc["paths"]
    # geen standaard-422 van FastAPI (ongeldige invoer is 400); 422 alleen bij een hergebruikte Idempotency-Key
    assert "HTTPValidationError" not in json.dumps(doc)
    for pad, operaties in doc["paths"].items():
        for methode, operatie in operaties.items():
            sleutel = any(p["name"] == "Idempotency-Key" for p in operatie.get("parameters", []))
            # een batch geeft 422 per regel in het NDJSON-antwoord, nooit als status van het antwoord zelf
            assert ("422" in operatie["responses"]) == (sleutel and pad != "/batchberekeningen"), (methode, pad)
            assert sleutel == (methode == "post"), (methode, pad)  # elke POST maakt een record
    voorbeeld = doc["paths"]["/boeteberekeningen"]["post"]["requestBody"]["content"]["application/json"]["example"]
    assert voorbeeld == VOORBEELD
    assert client.get("/", follow_redirects=False).headers["location"] == "/api/v1/docs"
