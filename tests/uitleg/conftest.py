"""Echte auditrecords voor de rendertests: één keer per module berekend via de API en opgehaald met
GET /api/v1/berekeningen/{id}, precies zoals de uitleg ze krijgt."""

from __future__ import annotations

import copy

import pytest
from fastapi.testclient import TestClient

from app.api.berekeningen.verzoeken import VOORBEELD_KWIJTSCHELDING, VOORBEELD_SCHULDREGELING
from app.main import maak_app
from tests.api.conftest import VOORBEELD, instellingen, kop

MOTIVERING_GEEN_VERWIJT = "Betrokkene lag de hele periode in het ziekenhuis en kon de inkomsten daardoor niet melden."


def _boete(**anders) -> dict:
    verzoek = copy.deepcopy(VOORBEELD)
    verzoek.update(anders)
    return verzoek


SCENARIOS = {
    "boete": ("/api/v1/boeteberekeningen", VOORBEELD),
    "boete_waarschuwing": ("/api/v1/boeteberekeningen", _boete(benadelingsbedrag="100.00")),
    "boete_zonder_benadeling": ("/api/v1/boeteberekeningen", _boete(benadelingsbedrag="0.00")),
    "boete_geen_verwijt": (
        "/api/v1/boeteberekeningen",
        _boete(verwijtbaarheid={"graad": "GEEN", "motivering": MOTIVERING_GEEN_VERWIJT}),
    ),
    "boete_afgezien": (
        "/api/v1/boeteberekeningen",
        _boete(
            dringendeRedenen={"motivering": "Een boete brengt het gezin met drie jonge kinderen in acute geldnood."}
        ),
    ),
    "boete_vervallen": (
        "/api/v1/boeteberekeningen",
        _boete(overtreding={"begindatum": "2015-03-01", "einddatum": "2015-10-31"}),
    ),
    "boete_boven_bijstandsniveau": (
        "/api/v1/boeteberekeningen",
        _boete(
            huishouden={
                "leefvorm": "ALLEENSTAANDE",
                "opBijstandsniveau": False,
                "nettoMaandinkomen": "2000.00",
                "beslagvrijeVoet": "1500.00",
            }
        ),
    ),
    "benadeling": (
        "/api/v1/benadelingsbedragen",
        {
            "perioden": [{"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": "1401.50", "recht": "901.50"}],
            "beschikkingsdatum": "2026-03-02",
        },
    ),
    "verwijtbaarheid": (
        "/api/v1/verwijtbaarheidsbeoordelingen",
        {"groveSchuld": {"bewijs": ["Drie brieven over inkomsten niet beantwoord"]}, "beschikkingsdatum": "2026-02-02"},
    ),
    "verwijtbaarheid_geen": (
        "/api/v1/verwijtbaarheidsbeoordelingen",
        {"geenVerwijt": {"motivering": MOTIVERING_GEEN_VERWIJT}, "beschikkingsdatum": "2026-02-02"},
    ),
    "kwijtschelding": ("/api/v1/kwijtscheldingsbeoordelingen", VOORBEELD_KWIJTSCHELDING),
    "schuldregeling": ("/api/v1/schuldregelingstoetsen", VOORBEELD_SCHULDREGELING),
}


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict[str, dict]:
    """naam → het auditrecord zoals GET /api/v1/berekeningen/{id} het geeft."""
    map_ = tmp_path_factory.mktemp("uitleg")
    uit = {}
    with TestClient(maak_app(instellingen(f"sqlite:///{map_}/maatstaf.db")), headers=kop()) as client:
        for naam, (pad, body) in SCENARIOS.items():
            r = client.post(pad, json=body)
            assert r.status_code == 201, (naam, r.text)
            record = client.get(f"/api/v1/berekeningen/{r.json()['berekeningId']}")
            assert record.status_code == 200, record.text
            uit[naam] = record.json()
    return uit
