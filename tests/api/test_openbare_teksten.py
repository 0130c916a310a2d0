"""Het OpenAPI-document, de README en de pagina's staan op zichzelf (issue #20): ze verwezen naar stukken die een
gebruiker van de service niet heeft ("SPEC §3.1", "issue #10 §3", `../shared/`, law-research.md)."""

from __future__ import annotations

import re
from pathlib import Path

VERWIJZING = re.compile(r"\bSPEC\b|issue #\d|\.\./shared|law-research|SPEC\.md")
README = Path(__file__).resolve().parent.parent.parent / "README.md"


def _teksten(knoop):
    if isinstance(knoop, str):
        yield knoop
    elif isinstance(knoop, dict):
        for sleutel, waarde in knoop.items():
            yield sleutel
            yield from _teksten(waarde)
    elif isinstance(knoop, list):
        for waarde in knoop:
            yield from _teksten(waarde)


def test_het_openapi_document_verwijst_niet_naar_interne_stukken(client):
    document = client.get("/api/v1/openapi.json").json()
    gevonden = [tekst for tekst in _teksten(document) if VERWIJZING.search(tekst)]
    assert gevonden == []


def test_de_readme_verwijst_niet_naar_interne_stukken():
    gevonden = [regel for regel in README.read_text(encoding="utf-8").splitlines() if VERWIJZING.search(regel)]
    assert gevonden == []


def test_het_teamoverzicht_verwijst_niet_naar_een_issue(client):
    r = client.get("/api/v1/teamoverzichten", headers={"Accept": "text/html"})
    assert r.status_code == 200 and not VERWIJZING.search(r.text)
