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


def test_elk_requestvoorbeeld_geeft_201(client):
    """'Try it out' werkt zonder typen: elk voorbeeld in het document geeft 201, ook onder een pad met een id."""
    doc = client.get("/api/v1/openapi.json").json()
    voorbeelden = [
        (pad, methode, inhoud["example"])
        for pad, operaties in doc["paths"].items()
        for methode, operatie in operaties.items()
        if (inhoud := operatie.get("requestBody", {}).get("content", {}).get("application/json"))
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
        if pad.endswith("/goedkeuringen"):  # ook wissen gaat met vier ogen
            headers = kop("tweede-auditor")
        r = client.request(methode.upper(), url, json=voorbeeld, headers=headers)
        assert r.status_code == 201, (pad, r.text)
        for naam in ("maatwerkbesluitId", "wisvoorstelId"):
            if naam in r.json():
                ids[naam] = r.json()[naam]
        gedaan += 1
    assert gedaan == 9


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
