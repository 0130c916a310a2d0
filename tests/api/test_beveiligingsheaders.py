"""Beveiligingsheaders (issue #20, defect 9): de HTML-pagina's (uitleg, teamoverzicht, Swagger UI) hadden geen
Content-Security-Policy, geen X-Content-Type-Options, geen bescherming tegen framen en geen Referrer-Policy; JSON had
geen nosniff. In een echte browser: tests/browser/test_csp_chromium.py."""

from __future__ import annotations

import base64
import hashlib
import re

from tests.api.conftest import VOORBEELD

VAST = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


def _vast(r) -> None:
    for naam, waarde in VAST.items():
        assert r.headers.get(naam) == waarde, (naam, r.headers.get(naam))
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def _richtlijnen(r) -> dict[str, set[str]]:
    return {
        deel.split()[0]: set(deel.split()[1:])
        for deel in (d.strip() for d in r.headers["content-security-policy"].split(";"))
        if deel
    }


def test_json_fouten_en_csv_krijgen_nosniff_en_niets_laden(client):
    record = client.post("/api/v1/boeteberekeningen", json=VOORBEELD)
    antwoorden = [
        record,
        client.get(f"/api/v1/berekeningen/{record.json()['berekeningId']}"),
        client.post("/api/v1/boeteberekeningen", json={}),  # 400
        client.get("/api/v1/bestaat-niet"),  # 404
        client.get("/api/v1/health/live"),
        client.get("/api/v1/teamoverzichten", headers={"Accept": "text/csv"}),
        client.get("/metrics"),
    ]
    for r in antwoorden:
        _vast(r)
        assert _richtlijnen(r)["default-src"] == {"'none'"}, r.request.url


def test_uitleg_en_teamoverzicht_alleen_hun_eigen_stijlblokken(client):
    record = client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()
    paginas = [
        client.get(f"/api/v1/berekeningen/{record['berekeningId']}/uitleg?doelgroep={doelgroep}")
        for doelgroep in ("burger", "professional")
    ]
    paginas.append(client.get("/api/v1/teamoverzichten", headers={"Accept": "text/html"}))
    for r in paginas:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        _vast(r)
        regels = _richtlijnen(r)
        assert regels["default-src"] == {"'none'"} and "script-src" not in regels
        assert regels["base-uri"] == {"'none'"} and regels["form-action"] == {"'none'"}
        blokken = re.findall(r"<style>(.*?)</style>", r.text, re.DOTALL)
        assert blokken
        for blok in blokken:  # elk blok in de pagina precies zoals het in de CSP staat
            digest = base64.b64encode(hashlib.sha256(blok.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in regels["style-src"]
        assert "<script" not in r.text and " style=" not in r.text


def test_swagger_ui_zonder_script_of_stijl_in_de_pagina(client):
    r = client.get("/api/v1/docs", headers={"Authorization": ""})
    assert r.status_code == 200
    _vast(r)
    regels = _richtlijnen(r)
    assert regels["default-src"] == {"'none'"}
    assert regels["script-src"] == {"'self'"} and regels["style-src"] == {"'self'"}
    assert regels["connect-src"] == {"'self'"} and regels["img-src"] == {"'self'", "data:"}
    # elk script is een bestand van de service zelf; geen inline script, geen inline stijl
    assert re.findall(r"<script[^>]*>([^<]*)</script>", r.text) == ["", ""]
    assert "<style" not in r.text and " style=" not in r.text and '<html lang="nl">' in r.text
    start = client.get("/api/v1/docs/start.js", headers={"Authorization": ""})
    assert start.status_code == 200 and start.headers["content-type"].startswith("text/javascript")
    assert "SwaggerUIBundle(" in start.text and "validatorUrl: null" in start.text
    _vast(start)
    bundel = client.get("/api/v1/docs-bestanden/swagger-ui-bundle.js", headers={"Authorization": ""})
    assert bundel.headers["x-content-type-options"] == "nosniff"
    assert "javascript" in bundel.headers["content-type"]  # anders weigert de browser het script (nosniff)
