"""Idempotency-Key op elke POST die een record maakt (issue #8 §4), op SQLite en PostgreSQL."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.api.http import idempotentie
from tests.api.conftest import VOORBEELD, kop

BOETE = "/api/v1/boeteberekeningen"
SLEUTEL = "5f1c2b9e-8d4a-4f6e-9a1b-3c7d2e0f4a68"


def _aantal(client) -> int:
    return client.app.state.api.state.store.aantal()


def _met(sleutel: str | bytes, **anders) -> dict:
    return {**kop(**anders), "Idempotency-Key": sleutel}


def test_zelfde_sleutel_en_body_geeft_het_oorspronkelijke_antwoord(client):
    eerste = client.post(BOETE, json=VOORBEELD, headers=_met(SLEUTEL))
    assert eerste.status_code == 201
    assert "idempotent-replayed" not in eerste.headers
    # zelfde verzoek, andere volgorde van velden en andere witruimte
    herschikt = json.dumps(dict(reversed(list(VOORBEELD.items()))), indent=2)
    tweede = client.post(BOETE, content=herschikt, headers={**_met(SLEUTEL), "Content-Type": "application/json"})
    assert tweede.status_code == 201
    assert tweede.headers["idempotent-replayed"] == "true"
    assert tweede.headers["location"] == eerste.headers["location"]
    assert tweede.json() == eerste.json()
    assert tweede.headers["api-version"]
    assert _aantal(client) == 1
    # het auditrecord toont het ene, oorspronkelijke verzoek
    record = client.get(eerste.headers["location"].removeprefix("http://testserver")).json()
    assert record["resultaat"] == eerste.json()


def test_zelfde_sleutel_ander_verzoek_geeft_422(client):
    assert client.post(BOETE, json=VOORBEELD, headers=_met(SLEUTEL)).status_code == 201
    anders = {**VOORBEELD, "benadelingsbedrag": "9000.00"}
    r = client.post(BOETE, json=anders, headers=_met(SLEUTEL))
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "idempotency_key_hergebruikt"
    assert "ander verzoek" in r.json()["detail"]
    # dezelfde sleutel op een ander pad is ook een ander verzoek
    r = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json={}, headers=_met(SLEUTEL))
    assert r.status_code == 422
    assert _aantal(client) == 1


def test_getal_en_decimalen_tellen_als_hetzelfde_getal(client):
    body = '{"perioden": [{"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": 1401.5, "recht": "901.50"}]}'
    zelfde = '{"perioden": [{"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": 1401.50, "recht": "901.50"}]}'
    tekst = '{"perioden": [{"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": "1401.50", "recht": "901.50"}]}'
    h = {**_met("getallen"), "Content-Type": "application/json"}
    eerste = client.post("/api/v1/benadelingsbedragen", content=body, headers=h)
    assert eerste.status_code == 201
    assert client.post("/api/v1/benadelingsbedragen", content=zelfde, headers=h).headers["idempotent-replayed"]
    assert client.post("/api/v1/benadelingsbedragen", content=tekst, headers=h).status_code == 422


@pytest.mark.parametrize(
    "sleutel",
    ["", " ", "x" * 256, "é".encode(), "a\tb", "a\x7fb"],
    ids=["leeg", "spatie", "te-lang", "niet-ascii", "tab", "del"],
)
def test_ongeldige_sleutel_geeft_400(client, sleutel):
    r = client.post(BOETE, json=VOORBEELD, headers=_met(sleutel))
    assert r.status_code == 400, r.text
    assert r.json()["invalidParams"][0]["name"] == "Idempotency-Key"
    assert _aantal(client) == 0


def test_sleutel_van_255_tekens_en_sf_string(client):
    lang = "~" * 255
    assert client.post(BOETE, json=VOORBEELD, headers=_met(lang)).status_code == 201
    eerste = client.post(BOETE, json=VOORBEELD, headers=_met("abc def"))
    assert eerste.status_code == 201
    gequote = client.post(BOETE, json=VOORBEELD, headers=_met('"abc def"'))  # sf-string uit de draft
    assert gequote.headers["idempotent-replayed"] == "true"
    assert gequote.json()["berekeningId"] == eerste.json()["berekeningId"]


def test_sleutel_geldt_per_gemeente(client):
    eerste = client.post(BOETE, json=VOORBEELD, headers=_met(SLEUTEL))
    ander = client.post(BOETE, json=VOORBEELD, headers=_met(SLEUTEL, gemeente="0599"))
    assert ander.status_code == 201 and "idempotent-replayed" not in ander.headers
    assert ander.json()["berekeningId"] != eerste.json()["berekeningId"]
    # een andere medewerker van dezelfde gemeente krijgt het oorspronkelijke antwoord
    collega = client.post(BOETE, json=VOORBEELD, headers=_met(SLEUTEL, sub="collega"))
    assert collega.json()["berekeningId"] == eerste.json()["berekeningId"]


def test_mislukt_verzoek_bindt_de_sleutel_niet(client):
    r = client.post(BOETE, json={**VOORBEELD, "overtreding": {"begindatum": "2025-03-01"}}, headers=_met(SLEUTEL))
    assert r.status_code == 400
    assert client.post(BOETE, json=VOORBEELD, headers=_met(SLEUTEL)).status_code == 201


def test_zonder_sleutel_geen_herhaling(client):
    a = client.post(BOETE, json=VOORBEELD)
    b = client.post(BOETE, json=VOORBEELD)
    assert a.json()["berekeningId"] != b.json()["berekeningId"]
    assert _aantal(client) == 2


def test_herberekening_maatwerk_en_beoordeling(client):
    berekening = client.post(BOETE, json=VOORBEELD).json()["berekeningId"]
    pad = f"/api/v1/berekeningen/{berekening}/herberekeningen"
    h1, h2 = (client.post(pad, headers=_met("herberekening")) for _ in range(2))
    assert h1.status_code == h2.status_code == 201
    assert h2.headers["idempotent-replayed"] == "true"
    assert h2.json() == h1.json() and h2.headers["location"] == h1.headers["location"]

    maatwerk = {
        "grond": "AWB_5_46",
        "boete": "420.00",
        "motivering": "Betrokkene verzorgde in de hele periode haar ernstig zieke moeder; een boete van de helft is "
        "evenredig.",
    }
    pad = f"/api/v1/berekeningen/{berekening}/maatwerkbesluiten"
    m1 = client.post(pad, json=maatwerk, headers=_met("maatwerk", sub="aanvrager"))
    m2 = client.post(pad, json=maatwerk, headers=_met("maatwerk", sub="aanvrager"))
    assert m1.status_code == m2.status_code == 201, m2.text  # zonder sleutel zou dit 409 zijn (al in behandeling)
    assert m2.json() == m1.json() and m2.headers["idempotent-replayed"] == "true"

    besluit = m1.json()["maatwerkbesluitId"]
    pad = f"/api/v1/maatwerkbesluiten/{besluit}/beoordelingen"
    oordeel = {"besluit": "GOEDGEKEURD", "reden": "Zorgtaak blijkt uit de verklaring van de huisarts."}
    b1 = client.post(pad, json=oordeel, headers=_met("oordeel", sub="beoordelaar"))
    b2 = client.post(pad, json=oordeel, headers=_met("oordeel", sub="beoordelaar"))
    assert b1.status_code == b2.status_code == 201, b2.text  # zonder sleutel: 409 (al beoordeeld)
    assert b2.json() == b1.json() and b2.json()["status"] == "VASTGESTELD"

    # de aanvraag herhaald na de beoordeling: het oorspronkelijke antwoord (toen ter beoordeling)
    m3 = client.post(
        f"/api/v1/berekeningen/{berekening}/maatwerkbesluiten", json=maatwerk, headers=_met("maatwerk", sub="aanvrager")
    )
    assert m3.json() == m1.json() and m3.json()["status"] == "TER_BEOORDELING"
    # 1 berekening, 1 herberekening, 1 maatwerkbesluit, 1 beoordeling
    assert _aantal(client) == 4


def test_409_als_het_winnende_verzoek_niet_te_lezen_is(client, monkeypatch):
    assert client.post(BOETE, json=VOORBEELD, headers=_met(SLEUTEL)).status_code == 201
    store = client.app.state.api.state.store
    monkeypatch.setattr(store, "idempotentie", lambda gemeente, sleutel: None)  # alsof nog niet zichtbaar
    r = client.post(BOETE, json=VOORBEELD, headers=_met(SLEUTEL))
    assert r.status_code == 409
    assert r.json()["code"] == "idempotency_key_in_behandeling"
    assert r.headers["retry-after"]
    assert _aantal(client) == 1  # de unieke sleutel hield het tweede record tegen


@pytest.mark.parametrize("nog_niets_te_vinden", [True, False], ids=["botsing", "vrij"])
def test_twintig_gelijktijdige_verzoeken_met_dezelfde_sleutel_geven_een_record(
    client_op, database_url, monkeypatch, nog_niets_te_vinden
):
    client = client_op(database_url)
    n = 20
    start = threading.Barrier(n)
    # Alle verzoeken vinden de sleutel niet zolang er nog niemand tegen de unieke sleutel is gebotst: dan moet de
    # unieke sleutel in de database het werk doen. (Een teller van "de eerste twintig opzoekingen" was onder
    # belasting onbetrouwbaar: een trage thread kon haar eerste opzoeking pas na andermans botsing doen.)
    store = client.app.state.api.state.store
    opzoeken = store.idempotentie
    gebotst = threading.Event()

    def gelijk_opzoeken(gemeente, sleutel):
        return opzoeken(gemeente, sleutel) if gebotst.is_set() else None

    if nog_niets_te_vinden:
        monkeypatch.setattr(store, "idempotentie", gelijk_opzoeken)
    botsingen = []
    echte_botsing = idempotentie.na_botsing

    async def tel_botsing(*args):
        botsingen.append(1)
        gebotst.set()
        return await echte_botsing(*args)

    monkeypatch.setattr(idempotentie, "na_botsing", tel_botsing)

    def post(_: int):
        start.wait(timeout=30)
        return client.post(BOETE, json=VOORBEELD, headers=_met("gelijktijdig"))

    with ThreadPoolExecutor(max_workers=n) as pool:
        antwoorden = list(pool.map(post, range(n)))
    assert [a.status_code for a in antwoorden] == [201] * n, [a.text for a in antwoorden if a.status_code != 201]
    assert len({a.json()["berekeningId"] for a in antwoorden}) == 1
    assert len({a.headers["location"] for a in antwoorden}) == 1
    assert sum("idempotent-replayed" not in a.headers for a in antwoorden) == 1  # één origineel
    assert len({json.dumps(a.json(), sort_keys=True) for a in antwoorden}) == 1
    assert _aantal(client) == 1
    if nog_niets_te_vinden:
        assert 1 <= len(botsingen) <= n - 1  # ten minste één liep tegen de unieke sleutel aan
    assert client.get("/api/v1/audit/integriteit").json()["intact"]


def test_gelijktijdig_maatwerk_en_beoordeling_met_dezelfde_sleutel(client_op, database_url):
    """Hier botst niet alleen de sleutel maar ook het record zelf (één maatwerk, één beoordeling): toch krijgt
    iedereen het ene antwoord, geen 409."""
    client = client_op(database_url)
    berekening = client.post(BOETE, json=VOORBEELD).json()["berekeningId"]
    maatwerk = {
        "grond": "AWB_5_46",
        "boete": "420.00",
        "motivering": "Betrokkene verzorgde in de hele periode haar ernstig zieke moeder; een boete van de helft is "
        "evenredig.",
    }
    n = 10

    def tegelijk(pad: str, body: dict, sleutel: str, sub: str):
        start = threading.Barrier(n)

        def post(_: int):
            start.wait(timeout=30)
            return client.post(pad, json=body, headers=_met(sleutel, sub=sub))

        with ThreadPoolExecutor(max_workers=n) as pool:
            return list(pool.map(post, range(n)))

    antwoorden = tegelijk(f"/api/v1/berekeningen/{berekening}/maatwerkbesluiten", maatwerk, "mw", "aanvrager")
    assert [a.status_code for a in antwoorden] == [201] * n, [a.text for a in antwoorden]
    assert len({a.json()["maatwerkbesluitId"] for a in antwoorden}) == 1
    besluit = antwoorden[0].json()["maatwerkbesluitId"]

    oordeel = {"besluit": "GOEDGEKEURD", "reden": "Zorgtaak blijkt uit de verklaring van de huisarts."}
    antwoorden = tegelijk(f"/api/v1/maatwerkbesluiten/{besluit}/beoordelingen", oordeel, "oordeel", "beoordelaar")
    assert [a.status_code for a in antwoorden] == [201] * n, [a.text for a in antwoorden]
    assert len({json.dumps(a.json(), sort_keys=True) for a in antwoorden}) == 1
    assert _aantal(client) == 3


def test_het_openapi_document_geeft_geen_vaste_sleutel_als_voorbeeld(client):
    """Issue #20: Swagger UI vulde bij elke POST hetzelfde voorbeeld in als Idempotency-Key; een tweede, ander
    'Try it out' kreeg daardoor 422. Geen voorbeeld (ook niet in het schema of als default): het veld blijft leeg."""
    document = client.get("/api/v1/openapi.json").json()
    gevonden = 0
    for operaties in document["paths"].values():
        for operatie in operaties.values():
            for parameter in operatie.get("parameters", []):
                if parameter["name"] == "Idempotency-Key":
                    gevonden += 1
                    assert not {"example", "examples"} & set(parameter), parameter
                    assert not {"example", "examples", "default"} & set(parameter["schema"]), parameter
    assert gevonden >= 10
