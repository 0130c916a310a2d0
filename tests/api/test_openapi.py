"""Het vastgelegde openapi.yaml is wat de app genereert, en elk voorbeeld erin werkt in 'Try it out'."""

from __future__ import annotations

import yaml

from app import openapi_doc


def test_openapi_yaml_is_actueel(client):
    vastgelegd = openapi_doc.BESTAND.read_text(encoding="utf-8")
    gegenereerd = openapi_doc.als_yaml(client.app.state.api.openapi())
    assert vastgelegd == gegenereerd, "openapi.yaml wijkt af: draai `make openapi` en leg het vast"


def test_openapi_json_en_yaml_zijn_hetzelfde_document(client):
    assert client.get("/api/v1/openapi.json").json() == yaml.safe_load(openapi_doc.BESTAND.read_text(encoding="utf-8"))


def test_elk_requestvoorbeeld_geeft_201(client):
    doc = client.get("/api/v1/openapi.json").json()
    gedaan = 0
    for pad, operaties in doc["paths"].items():
        for methode, operatie in operaties.items():
            inhoud = operatie.get("requestBody", {}).get("content", {}).get("application/json")
            if not inhoud:
                continue
            r = client.request(methode.upper(), "/api/v1" + pad, json=inhoud["example"])
            assert r.status_code == 201, (pad, r.text)
            gedaan += 1
    assert gedaan == 5


def test_geen_422_en_alle_fouten_als_problem_json(client):
    doc = client.get("/api/v1/openapi.json").json()
    for operaties in doc["paths"].values():
        for operatie in operaties.values():
            assert "422" not in operatie["responses"]
            for code, antwoord in operatie["responses"].items():
                if code[0] in "45":
                    assert list(antwoord["content"]) == ["application/problem+json"]
                else:
                    assert "API-Version" in antwoord["headers"]
    assert "HTTPValidationError" not in doc["components"]["schemas"]
