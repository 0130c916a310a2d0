"""Het vastgelegde openapi.yaml is wat de app genereert, en elk voorbeeld erin werkt in 'Try it out'."""

from __future__ import annotations

import yaml

from app import openapi_doc
from tests.api.conftest import VOORBEELD, kop


def test_openapi_yaml_is_actueel(client):
    vastgelegd = openapi_doc.BESTAND.read_text(encoding="utf-8")
    gegenereerd = openapi_doc.als_yaml(client.app.state.api.openapi())
    assert vastgelegd == gegenereerd, "openapi.yaml wijkt af: draai `make openapi` en leg het vast"


def test_openapi_json_en_yaml_zijn_hetzelfde_document(client):
    assert client.get("/api/v1/openapi.json").json() == yaml.safe_load(openapi_doc.BESTAND.read_text(encoding="utf-8"))


def _boete_met_vier_ogen(client) -> str:
    """Een boete onder een beleidsversie die voor elke boete boven € 0 een tweede persoon vraagt."""
    versie = client.post(
        "/api/v1/beleidsversies",
        json={
            "geldigVanaf": "2020-01-01",
            "waarden": {"vierOgen": {"boeteBoven": "0.00"}},
            "bron": {"titel": "Beleidsregels", "cvdr": "CVDR1", "artikel": "artikel 1"},
        },
        headers=kop("beleid-a"),
    ).json()["beleidsversieId"]
    client.post(
        f"/api/v1/beleidsversies/{versie}/beoordelingen", json={"besluit": "GOEDGEKEURD"}, headers=kop("beleid-b")
    )
    return client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()["berekeningId"]


def test_elk_requestvoorbeeld_geeft_201(client):
    """'Try it out' werkt zonder typen: elk voorbeeld in het document geeft 201, ook onder een pad met een id."""
    doc = client.get("/api/v1/openapi.json").json()
    voorbeelden = [
        (pad, methode, inhoud["example"])
        for pad, operaties in doc["paths"].items()
        for methode, operatie in operaties.items()
        if (inhoud := operatie.get("requestBody", {}).get("content", {}).get("application/json"))
        # een impactanalyse vraagt een kandidaat die op de server staat: zie tests/api/test_impact.py
        and pad != "/impactanalyses"
    ]
    ids = {}
    gedaan = 0
    # eerst de berekeningen, dan wat een berekening nodig heeft, dan wat een maatwerkbesluit nodig heeft
    for pad, methode, voorbeeld in sorted(voorbeelden, key=lambda v: (v[0].count("{"), "maatwerkbesluitId" in v[0])):
        if "{berekeningId}" in pad and "berekeningId" not in ids:
            ids["berekeningId"] = client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()["berekeningId"]
        url = "/api/v1" + pad.format(**ids)
        # het vier-ogenprincipe: de aanvrager van maatwerk is een ander dan de beoordelaar
        headers = kop("aanvrager") if pad.endswith("/maatwerkbesluiten") else None
        if pad.endswith(("/goedkeuringen", "/afwijzingen")):  # ook wissen gaat met vier ogen
            headers = kop("tweede-auditor")
        if pad == "/beleidsversies/{beleidsversieId}/beoordelingen":  # en beleid vaststellen
            headers = kop("tweede-beleidsbeheerder")
        if pad.endswith("/vaststellingen"):  # een boete die volgens het beleid een tweede persoon nodig heeft
            url = f"/api/v1/berekeningen/{_boete_met_vier_ogen(client)}/vaststellingen"
            headers = kop("tweede-medewerker")
        if pad.endswith("/afwijzingen"):  # een eigen voorstel: over een voorstel wordt één keer besloten
            eigen = client.post("/api/v1/wisvoorstellen", json={"periode": 2013})
            url = "/api/v1" + pad.format(**{**ids, "wisvoorstelId": eigen.json()["wisvoorstelId"]})
        r = client.request(methode.upper(), url, json=voorbeeld, headers=headers)
        assert r.status_code == 201, (pad, r.text)
        for naam in ("maatwerkbesluitId", "wisvoorstelId", "beleidsversieId"):
            if naam in r.json():
                ids[naam] = r.json()[naam]
        gedaan += 1
    assert gedaan == 15


def test_geen_422_en_alle_fouten_als_problem_json(client):
    """Geen 422 van FastAPI (ongeldige invoer is 400); 422 alleen voor een hergebruikte Idempotency-Key."""
    doc = client.get("/api/v1/openapi.json").json()
    for operaties in doc["paths"].values():
        for operatie in operaties.values():
            if "422" in operatie["responses"]:
                assert "Idempotency-Key" in operatie["responses"]["422"]["description"]
            for code, antwoord in operatie["responses"].items():
                if code[0] in "45":
                    assert list(antwoord["content"]) == ["application/problem+json"]
                else:
                    assert "API-Version" in antwoord["headers"]
    assert "HTTPValidationError" not in doc["components"]["schemas"]


def test_document_is_niet_ruimer_dan_de_validatie(client):
    """Issue #8 §4: ids in het pad zijn uuid, datums date, en elke maxLength wordt ook gehandhaafd."""
    doc = client.get("/api/v1/openapi.json").json()
    for pad, operaties in doc["paths"].items():
        for operatie in operaties.values():
            for parameter in operatie.get("parameters", []):
                if parameter["in"] == "path":
                    assert parameter["schema"]["format"] == "uuid", (pad, parameter["name"])
                if parameter["name"] == "peildatum":
                    assert parameter["schema"]["format"] == "date"
    for methode, operatie in doc["paths"]["/boeteberekeningen"].items():
        assert "415" in operatie["responses"], methode
    assert doc["components"]["schemas"]["Bewijs"]["properties"]["bewijs"]["items"]["maxLength"] == 5000
    assert "benadelingsbedrag en perioden" in doc["components"]["schemas"]["Boeteverzoek"]["description"]


def test_maxlength_uit_het_schema_wordt_gehandhaafd(client):
    """Een bewijsstuk van 900 kB werd vastgelegd terwijl het schema maxLength 5000 noemt."""
    for tekst, status in (("a" * 900_000, 400), ("a" * 5001, 400), ("a" * 5000, 201)):
        r = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json={"groveSchuld": {"bewijs": [tekst]}})
        assert r.status_code == status, r.text[:300]
        if status == 400:
            fout = r.json()["invalidParams"][0]
            assert fout["name"] == "groveSchuld.bewijs.0" and fout["code"] == "te_lang"
            assert "5000 tekens" in fout["reason"]
    r = client.post(
        "/api/v1/boeteberekeningen",
        json={**VOORBEELD, "verwijtbaarheid": {"graad": "GEEN", "motivering": "x" * 5001}},
    )
    assert r.json()["invalidParams"][0]["name"] == "verwijtbaarheid.motivering"
    assert len(client.get("/api/v1/berekeningen").json()["berekeningen"]) == 1


def test_swagger_ui_zonder_cdn(client):
    """Swagger UI laadde JavaScript en CSS van een CDN: offline een lege pagina."""
    html = client.get("/api/v1/docs").text
    assert "http://" not in html and "https://" not in html
    start = client.get("/api/v1/docs/start.js").text  # de instellingen staan in het startscript (CSP, issue #20)
    assert "validatorUrl: null" in start and "http://" not in start and "https://" not in start
    for bestand in ("swagger-ui-bundle.js", "swagger-ui.css", "favicon.png"):
        assert f"/api/v1/docs-bestanden/{bestand}" in html
        r = client.get(f"/api/v1/docs-bestanden/{bestand}", headers={"Authorization": ""})
        assert r.status_code == 200 and len(r.content) > 1000
    assert (
        client.get("/api/v1/docs-bestanden/bestaat-niet.js")
        .headers["content-type"]
        .startswith("application/problem+json")
    )


def test_api_v1_zelf_wijst_de_weg(client):
    """/api/v1 stuurde door naar een 404."""
    for pad in ("/api/v1", "/api/v1/"):
        r = client.get(pad, headers={"Authorization": ""}, follow_redirects=False)
        assert r.status_code == 200, r.text
        links = r.json()["links"]
        assert links["documentatie"] == "/api/v1/docs" and links["openapi"] == "/api/v1/openapi.json"
        assert r.headers["API-Version"]
