"""De uitleg voor burger en professional, via de HTTP-API, voor elke soort berekening."""

from __future__ import annotations

import uuid

import pytest

from app.api.berekeningen.verzoeken import VOORBEELD_KWIJTSCHELDING, VOORBEELD_SCHULDREGELING
from tests.api.conftest import VOORBEELD, kop

MOTIVERING = (
    "Betrokkene verzorgde in de hele periode haar ernstig zieke moeder en meldde de inkomsten daardoor te laat; "
    "een boete van de helft is evenredig. <script>alert(1)</script>"
)


def _uitleg(client, berekening_id: str, doelgroep: str = "burger", accept: str | None = None):
    headers = {"Accept": accept} if accept else {}
    return client.get(f"/api/v1/berekeningen/{berekening_id}/uitleg?doelgroep={doelgroep}", headers=headers)


def _id(client, pad: str, body: dict) -> str:
    r = client.post(pad, json=body)
    assert r.status_code == 201, r.text
    return r.json()["berekeningId"]


def test_boete_voor_de_burger_html(client):
    r = _uitleg(client, _id(client, "/api/v1/boeteberekeningen", VOORBEELD))
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["API-Version"]
    html = r.text.replace("\u00a0", " ")  # harde spatie tussen € en bedrag
    assert '<html lang="nl">' in html
    assert "U krijgt een boete van € 840,84." in html
    assert "€ 8.000,00" in html and "€ 70,07 per maand" in html and "12 maanden" in html
    assert "bezwaar" in html and "zes weken" in html and "6:7" in html
    assert "betalingsregeling" in html and "kwijtschelding" in html
    assert "2 februari 2026" in html
    assert "<script" not in html  # geen JavaScript, geen externe bronnen
    assert "http://" not in html and "https://" not in html


def test_boete_voor_de_professional_en_als_tekst(client):
    berekening_id = _id(client, "/api/v1/boeteberekeningen", VOORBEELD)
    html = _uitleg(client, berekening_id, "professional").text
    assert "Bepalende begrenzing" in html and "de draagkracht" in html
    assert "Boetebesluit socialezekerheidswetten art. 2 lid 4" in html
    assert "boete.draagkracht" in html and "Onzekere regelwaarde" not in html  # issue #17: 2026 zonder onzekere waarde
    assert "regels.bevestigd" in html
    assert "Alternatieven" in html and "€ 1.681,68" in html  # opzet
    r = _uitleg(client, berekening_id, "professional", accept="text/plain")
    assert r.headers["content-type"].startswith("text/plain")
    assert "STAPPEN" in r.text and "<" not in r.text.replace("<=", "")
    assert "Bepalende begrenzing: de draagkracht" in r.text


@pytest.mark.parametrize(
    ("accept", "tekst"),
    [
        ("text/plain", True),
        ("text/html", False),
        ("*/*", False),
        ("text/html;q=0.5, text/plain", True),
        ("text/plain;q=0.2, text/html", False),
        ("", False),
    ],
)
def test_inhoudsonderhandeling(client, accept, tekst):
    r = _uitleg(client, _id(client, "/api/v1/boeteberekeningen", VOORBEELD), accept=accept)
    assert r.headers["content-type"].startswith("text/plain" if tekst else "text/html")


@pytest.mark.parametrize(
    ("pad", "body", "in_burger"),
    [
        (
            "/api/v1/benadelingsbedragen",
            {"perioden": [{"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": "1401.50", "recht": "901.50"}]},
            "U kreeg € 500,00 te veel bijstand.",
        ),
        (
            "/api/v1/verwijtbaarheidsbeoordelingen",
            {"groveSchuld": {"bewijs": ["drie brieven"]}, "beschikkingsdatum": "2026-02-02"},
            "grove schuld",
        ),
        (
            "/api/v1/kwijtscheldingsbeoordelingen",
            VOORBEELD_KWIJTSCHELDING,
            "Kwijtschelding van de boete bij een schuldregeling",
        ),
        ("/api/v1/schuldregelingstoetsen", VOORBEELD_SCHULDREGELING, "moet helemaal worden betaald"),
    ],
)
def test_elke_soort_heeft_een_uitleg(client, pad, body, in_burger):
    berekening_id = _id(client, pad, body)
    burger = _uitleg(client, berekening_id).text.replace("\u00a0", " ")
    assert in_burger in burger and "bezwaar" in burger
    professional = _uitleg(client, berekening_id, "professional", "text/plain").text
    assert "STAPPEN" in professional and berekening_id in professional


def test_vastgesteld_maatwerk_verandert_de_uitkomst_voor_de_burger(client):
    berekening_id = _id(client, "/api/v1/boeteberekeningen", VOORBEELD)
    aanvraag = client.post(
        f"/api/v1/berekeningen/{berekening_id}/maatwerkbesluiten",
        json={"grond": "AWB_5_46", "boete": "420.00", "motivering": MOTIVERING},
        headers=kop("aanvrager", rollen=("medewerker",)),
    ).json()
    assert "U krijgt een boete van € 840,84." in _uitleg(client, berekening_id).text.replace("\u00a0", " ")
    professional = _uitleg(client, berekening_id, "professional").text
    assert "TER_BEOORDELING" in professional
    assert "&lt;script&gt;" in professional and "<script>" not in professional  # tekst van mensen wordt ge-escaped
    client.post(
        f"/api/v1/maatwerkbesluiten/{aanvraag['maatwerkbesluitId']}/beoordelingen",
        json={"besluit": "GOEDGEKEURD"},
        headers=kop("collega", rollen=("beoordelaar",)),
    )
    burger = _uitleg(client, berekening_id).text.replace("\u00a0", " ")
    assert "U krijgt een boete van € 420,00." in burger and "Twee medewerkers" in burger
    assert "VASTGESTELD" in _uitleg(client, berekening_id, "professional").text


def test_burger_als_platte_tekst(client):
    r = _uitleg(client, _id(client, "/api/v1/boeteberekeningen", VOORBEELD), accept="text/plain")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    assert r.text.startswith("BESTUURLIJKE BOETE\n\nU krijgt een boete van € 840,84.\n")
    assert "binnen zes weken" in r.text and "Algemene wet bestuursrecht art. 6:7" in r.text
    assert "via het telefoonnummer op de brief" in r.text
    assert "<" not in r.text


def test_html_in_utf8(client):
    r = _uitleg(client, _id(client, "/api/v1/boeteberekeningen", VOORBEELD), accept="text/html")
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.text.startswith("<!DOCTYPE html>")


def test_onbekend_of_ongeldig_id(client):
    r = _uitleg(client, str(uuid.uuid4()))
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    r = _uitleg(client, "geen-uuid")
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["invalidParams"][0]["name"] == "berekeningId"


def test_openapi_beschrijft_html_en_tekst(client):
    operatie = client.get("/api/v1/openapi.json").json()["paths"]["/berekeningen/{berekeningId}/uitleg"]["get"]
    assert operatie["tags"] == ["Audit"]
    assert set(operatie["responses"]["200"]["content"]) >= {"text/html", "text/plain"}
    assert {"400", "404"} <= set(operatie["responses"])
    doelgroep = next(p for p in operatie["parameters"] if p["name"] == "doelgroep")
    assert doelgroep["in"] == "query" and not doelgroep.get("required", False)


def test_fouten(client):
    berekening_id = _id(client, "/api/v1/boeteberekeningen", VOORBEELD)
    r = _uitleg(client, berekening_id, "kind")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "doelgroep"
    assert _uitleg(client, "geen-uuid").status_code == 400
    r = client.get(f"/api/v1/berekeningen/{berekening_id}/uitleg", headers=kop(gemeente="0599"))
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
