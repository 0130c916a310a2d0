"""POST /api/v1/betaalvoorstelbeoordelingen (issue #19): het antwoord per vordering, vorderingen uit vastgelegde
berekeningen (berekeningId), de 400's, herberekening en uitleg. Elke route en reden zelf:
tests/domain/test_betaalvoorstel.py."""

from __future__ import annotations

import copy

import pytest

from app.api.berekeningen.betaalvoorstel import VOORBEELD_BETAALVOORSTEL
from tests.api.conftest import kop

PAD = "/api/v1/betaalvoorstelbeoordelingen"
BOETE = {
    "overtreding": {"begindatum": "2025-03-01", "einddatum": "2025-10-31"},
    "verwijtbaarheid": {"graad": "NORMAAL"},
    "huishouden": {"leefvorm": "ALLEENSTAANDE"},
    "benadelingsbedrag": "8000.00",
    "beschikkingsdatum": "2026-02-02",
}
BENADELING = {
    "perioden": [{"van": "2025-11-01", "tot": "2025-11-30", "ontvangen": "1401.50", "recht": "401.50"}],
    "beschikkingsdatum": "2026-01-15",
}


def voorstel(*vorderingen: dict, **betaalvoorstel) -> dict:
    body = copy.deepcopy(VOORBEELD_BETAALVOORSTEL)
    body["betaalvoorstel"].update(betaalvoorstel)
    if vorderingen:
        body["vorderingen"] = list(vorderingen)
    return body


def per_id(res: dict) -> dict[str, dict]:
    return {v["id"]: v for v in res["vorderingen"]}


def post(client, body: dict, status: int = 201) -> dict:
    r = client.post(PAD, json=body)
    assert r.status_code == status, r.text
    return r.json()


def test_het_voorbeeld_per_vordering(client):
    res = post(client, VOORBEELD_BETAALVOORSTEL)
    assert res["bericht"] == "BETAALVOORSTEL_ANTWOORD" and res["geenMedewerking"] is None
    v = per_id(res)
    # grove schuld met boete: Pw 60c verbiedt meewerken, tenzij volledig betaald
    assert v["TV-2025-0142"]["antwoord"] == "NIET_AKKOORD"
    assert {"wet": "Participatiewet", "artikel": "60c"} in v["TV-2025-0142"]["bron"]
    assert v["TV-2025-0142"]["preferent"] is True  # Pw 60 lid 7
    assert v["TV-2025-0142"]["aangeboden"] == "1000.00" and v["TV-2025-0142"]["kwijtTeSchelden"] == "7000.00"
    # boete zonder opzet: Pw 18a lid 13 staat kwijtschelding toe; het landelijke beleid laat het aan een medewerker
    assert v["BB-2025-0077"]["antwoord"] == "BEOORDELING_VEREIST"
    assert v["BB-2025-0077"]["preferent"] is False
    assert v["BB-2025-0077"]["saldo"] == {
        "openstaand": "600.00",
        "origineel": "840.84",
        "ontstaansdatum": "2025-02-03",  # de dag van het besluit
        "schuldtype": "OPENSTAAND",
        "soort": "BOETE",
    }
    assert res["totaalOpenstaand"] == "9500.00"
    assert res["totaalAangeboden"] == "1187.50"  # 12,5% van 9.500
    assert res["antwoordUiterlijk"] == "2026-03-16"  # tien werkdagen na maandag 2 maart
    assert res["looptijd"]["voorgesteld"] == 18
    assert "12,5%" in " ".join(v["BB-2025-0077"]["redenen"])


def test_geen_medewerking_onder_het_absolute_verbod_tot_2016(client):
    fraude = {**VOORBEELD_BETAALVOORSTEL["vorderingen"][0], "ontstaansdatum": "2014-02-03"}
    res = post(client, voorstel(fraude, ontvangenOp="2015-06-01"))
    assert res["bericht"] == "GEEN_MEDEWERKING" and res["geenMedewerking"]
    res = post(client, voorstel(fraude, ontvangenOp="2016-01-01"))
    assert res["bericht"] == "BETAALVOORSTEL_ANTWOORD"


def _boete_id(client, **wijziging) -> tuple[str, dict]:
    r = client.post("/api/v1/boeteberekeningen", json={**BOETE, **wijziging})
    assert r.status_code == 201, r.text
    return r.json()["berekeningId"], r.json()


def test_vordering_uit_een_vastgelegde_boete(client):
    berekening_id, boete = _boete_id(client)
    assert boete["uitkomst"] == "BOETE"
    res = post(client, voorstel({"id": "BB-1", "berekeningId": berekening_id, "restant": "100.00"}))
    [v] = res["vorderingen"]
    assert v["berekeningId"] == berekening_id
    assert v["vordering"]["soort"] == "BOETE" and v["vordering"]["bedrag"] == boete["boete"]
    assert v["vordering"]["verwijtbaarheid"] == "NORMAAL" and v["vordering"]["opgelegdOp"] == "2026-02-02"
    assert v["saldo"]["openstaand"] == "100.00" and v["saldo"]["origineel"] == boete["boete"]
    assert v["saldo"]["ontstaansdatum"] == "2026-02-02"
    # wat de berekening zegt, mag het verzoek herhalen, niet tegenspreken
    zelfde = post(client, voorstel({"id": "BB-1", "berekeningId": berekening_id, "soort": "BOETE"}))
    assert zelfde["vorderingen"][0]["vordering"]["bedrag"] == boete["boete"]
    fout = post(client, voorstel({"id": "BB-1", "berekeningId": berekening_id, "bedrag": "1.00"}), 400)
    assert [(p["name"], p["code"]) for p in fout["invalidParams"]] == [("vorderingen.0.bedrag", "tegenstrijdig")]


def test_vordering_uit_een_benadelingsbedrag_is_een_fraudevordering(client):
    r = client.post("/api/v1/benadelingsbedragen", json=BENADELING)
    assert r.status_code == 201, r.text
    bruto = r.json()["terugvorderingBruto"]
    vordering = {"id": "TV-1", "berekeningId": r.json()["berekeningId"], "verwijtbaarheid": "VERMINDERD"}
    [v] = post(client, voorstel(vordering))["vorderingen"]
    assert v["vordering"]["soort"] == "TERUGVORDERING_FRAUDE" and v["vordering"]["bedrag"] == bruto
    assert v["saldo"]["ontstaansdatum"] == "2026-01-15"
    zonder_graad = post(client, voorstel({"id": "TV-1", "berekeningId": r.json()["berekeningId"]}), 400)
    assert "vorderingen.0.verwijtbaarheid" in [p["name"] for p in zonder_graad["invalidParams"]]


def test_berekeningen_die_geen_vordering_zijn(client):
    waarschuwing_id, waarschuwing = _boete_id(client, benadelingsbedrag="0.00")
    assert waarschuwing["uitkomst"] != "BOETE"
    r = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json={"groveSchuld": {"bewijs": ["drie brieven"]}})
    assert r.status_code == 201, r.text
    onbekend = "9b2f0c4e-3c1d-4d0e-8a7e-2f1b6a1c9d00"
    fout = post(
        client,
        voorstel(
            {"id": "A", "berekeningId": waarschuwing_id},
            {"id": "B", "berekeningId": r.json()["berekeningId"]},
            {"id": "C", "berekeningId": onbekend},
            {"id": "D", "berekeningId": "geen-uuid"},
        ),
        400,
    )
    assert {(p["name"], p["code"]) for p in fout["invalidParams"]} == {("vorderingen.3.berekeningId", "uuid")}
    fout = post(
        client,
        voorstel(
            {"id": "A", "berekeningId": waarschuwing_id},
            {"id": "B", "berekeningId": r.json()["berekeningId"]},
            {"id": "C", "berekeningId": onbekend},
        ),
        400,
    )
    assert [(p["name"], p["code"]) for p in fout["invalidParams"]] == [
        ("vorderingen.0.berekeningId", "geen_vordering"),
        ("vorderingen.1.berekeningId", "geen_vordering"),
        ("vorderingen.2.berekeningId", "onbekend"),
    ]


def test_een_berekening_van_een_andere_gemeente_is_onbekend(client):
    berekening_id, _ = _boete_id(client)
    r = client.post(PAD, json=voorstel({"id": "BB-1", "berekeningId": berekening_id}), headers=kop(gemeente="0599"))
    assert r.status_code == 400
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("vorderingen.0.berekeningId", "onbekend")]


@pytest.mark.parametrize(
    ("vordering", "velden"),
    [
        ({"id": "X"}, {"vorderingen.0.soort", "vorderingen.0.bedrag"}),
        (
            {"id": "X", "soort": "BOETE", "bedrag": "10.00"},
            {"vorderingen.0.verwijtbaarheid", "vorderingen.0.opgelegdOp"},
        ),
    ],
)
def test_400_zonder_feiten(client, vordering, velden):
    fout = post(client, voorstel(vordering), 400)
    assert velden <= {p["name"] for p in fout["invalidParams"]}
    assert client.get("/api/v1/berekeningen").json()["berekeningen"] == []


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"typeSchuldregeling": "XX"}, "betaalvoorstel.typeSchuldregeling"),
        ({"aangebodenPercentage": "100.01"}, "betaalvoorstel.aangebodenPercentage"),
        ({"looptijdMaanden": 121}, "betaalvoorstel.looptijdMaanden"),
        ({"ontvangenOp": "2026-02-30"}, "betaalvoorstel.ontvangenOp"),
    ],
)
def test_400_op_het_voorstel(client, wijziging, veld):
    fout = post(client, voorstel(**wijziging), 400)
    assert veld in [p["name"] for p in fout["invalidParams"]]


def test_herberekening_met_een_vordering_uit_een_berekening(client):
    berekening_id, _ = _boete_id(client)
    antwoord = post(client, voorstel({"id": "BB-1", "berekeningId": berekening_id}))
    r = client.post(f"/api/v1/berekeningen/{antwoord['berekeningId']}/herberekeningen")
    assert r.status_code == 201, r.text
    assert r.json()["identiek"] is True, r.json()["verschillen"]


def test_uitleg_voor_de_burger(client):
    antwoord = post(client, VOORBEELD_BETAALVOORSTEL)
    pad = f"/api/v1/berekeningen/{antwoord['berekeningId']}/uitleg"
    burger = client.get(pad, params={"doelgroep": "burger"}, headers={**kop(), "Accept": "text/plain"}).text
    assert "Het antwoord van de gemeente op uw betaalvoorstel." in burger
    assert "TV-2025-0142 (€ 8.000,00 open): de gemeente gaat niet akkoord." in burger
    assert "16 maart 2026" in burger
    professional = client.get(pad, params={"doelgroep": "professional"}, headers={**kop(), "Accept": "text/plain"}).text
    assert "Antwoord op een betaalvoorstel" in professional and "60c" in professional


def test_vastgesteld_maatwerk_gaat_voor_het_berekende_bedrag(client):
    berekening_id, boete = _boete_id(client)
    maatwerk = {
        "grond": "AWB_5_46",
        "boete": "420.00",
        "motivering": "Betrokkene verzorgde in de hele periode haar ernstig zieke moeder; een boete van de helft is "
        "evenredig.",
    }
    r = client.post(f"/api/v1/berekeningen/{berekening_id}/maatwerkbesluiten", json=maatwerk, headers=kop("aanvrager"))
    assert r.status_code == 201, r.text
    vordering = {"id": "BB-1", "berekeningId": berekening_id}
    # ter beoordeling: nog het berekende bedrag
    assert post(client, voorstel(vordering))["vorderingen"][0]["vordering"]["bedrag"] == boete["boete"]
    oordeel = {"besluit": "GOEDGEKEURD", "reden": "Zorgtaak blijkt uit de verklaring van de huisarts."}
    pad = f"/api/v1/maatwerkbesluiten/{r.json()['maatwerkbesluitId']}/beoordelingen"
    assert client.post(pad, json=oordeel, headers=kop("beoordelaar")).status_code == 201
    [v] = post(client, voorstel(vordering))["vorderingen"]
    assert v["vordering"]["bedrag"] == "420.00" and v["saldo"]["origineel"] == "420.00"


@pytest.mark.parametrize(
    ("resultaat", "maatwerk", "bedrag"),
    [
        ({"uitkomst": "BOETE", "boete": "840.84"}, [], "840.84"),
        (
            {"uitkomst": "BOETE", "boete": "840.84"},
            [{"status": "VASTGESTELD", "uitkomst": "BOETE", "boete": "420.00"}],
            "420.00",
        ),
        # een vastgestelde waarschuwing of afzien: geen vordering meer
        (
            {"uitkomst": "BOETE", "boete": "840.84"},
            [{"status": "VASTGESTELD", "uitkomst": "WAARSCHUWING", "boete": None}],
            None,
        ),
        (
            {"uitkomst": "BOETE", "boete": "840.84"},
            [{"status": "VASTGESTELD", "uitkomst": "AFGEZIEN", "boete": None}],
            None,
        ),
        ({"uitkomst": "WAARSCHUWING", "boete": "0.00"}, [], None),
        # een boete die het college nog moest vaststellen (BB 2 lid 3): met een vastgesteld bedrag wel een vordering
        (
            {"uitkomst": "BEOORDELING_VEREIST", "boete": None},
            [{"status": "VASTGESTELD", "uitkomst": "BOETE", "boete": "75.00"}],
            "75.00",
        ),
    ],
)
def test_feiten_uit_een_boeteberekening(resultaat, maatwerk, bedrag):
    from app.api.berekeningen.betaalvoorstel import feiten_uit_record

    feiten = feiten_uit_record("boeteberekening", {**resultaat, "beschikkingsdatum": "2026-02-02"}, maatwerk)
    assert (feiten or {}).get("bedrag") == bedrag


def test_elke_stap_noemt_haar_bron(client):
    res = post(client, VOORBEELD_BETAALVOORSTEL)
    assert [s["regel"] for s in res["stappen"] if not s["bron"]] == []
