"""POST /api/v1/beslagvrijevoetberekeningen en de voet in de boete (issue #19): contract, record, uitleg, herberekening,
Idempotency-Key, batch en de 400's. De bedragen zelf: tests/domain/test_beslagvrije_voet.py."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import kop

PAD = "/api/v1/beslagvrijevoetberekeningen"
VERZOEK = {
    "peildatum": "2026-02-02",
    "leefsituatie": "ALLEENSTAANDE",
    "belastbaarJaarinkomen": "32000.00",
    "nettoMaandinkomen": "2400.00",
}
BOETE = {
    "overtreding": {"begindatum": "2025-03-01", "einddatum": "2025-10-31"},
    "verwijtbaarheid": {"graad": "NORMAAL"},
    "benadelingsbedrag": "8000.00",
    "beschikkingsdatum": "2026-02-02",
}


def test_voet_met_stappen_en_record(client):
    r = client.post(PAD, json=VERZOEK)
    assert r.status_code == 201, r.text
    res = r.json()
    # 2026: het lineaire woondeel; het maximum van lid 1 voor een alleenstaande per 2026-01-01
    assert res["formule"] == "LINEAIR" and res["status"] == "BEREKEND"
    assert res["maximum"] == "2191.42"
    assert res["afloscapaciteit"] == f"{2400 - float(res['beslagvrijeVoet']):.2f}"
    assert res["geldigTot"] == "2027-02-01"  # twaalf maanden (475d lid 2)
    assert res["peildatum"] == "2026-02-02"
    regels = [s["regel"] for s in res["stappen"]]
    assert regels[0] == "bvv.maximum" and "bvv.beslagvrijeVoet" in regels and "bvv.geldigheid" in regels
    assert all(s["bron"] for s in res["stappen"] if s["regel"].startswith("bvv."))
    assert res["onzeker"] and all(any(p in s for s in res["signalen"]) for p in res["onzeker"][:1])
    record = client.get(r.headers["Location"]).json()
    assert record["soort"] == "beslagvrijevoetberekening"
    assert record["resultaat"]["beslagvrijeVoet"] == res["beslagvrijeVoet"]


def test_voor_2021_de_basis_van_het_oude_475d(client):
    res = client.post(PAD, json={**VERZOEK, "peildatum": "2020-06-01"}).json()
    assert res["formule"] == "OUD_475D" and res["status"] == "BEOORDELING_VEREIST"
    assert res["maximum"] is None and res["beoordelingVereist"]


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"leefsituatie": "SAMENWONEND"}, "leefsituatie"),
        ({"belastbaarJaarinkomen": "-1"}, "belastbaarJaarinkomen"),
        ({"peildatum": None}, "peildatum"),
        ({"nietBeslagenInkomenPartner": "100.00"}, "nietBeslagenInkomenPartner"),  # geen echtgenoot
        ({"vasteVerblijfplaatsBuitenland": True}, "vasteVerblijfplaatsBuitenland"),  # met woonadres in Nederland
        ({"peildatum": "2015-06-01"}, "peildatum"),  # de regeldata van de voet begint later
    ],
)
def test_400_noemt_het_veld_en_legt_niets_vast(client, wijziging, veld):
    body = {k: v for k, v in {**VERZOEK, **wijziging}.items() if v is not None}
    r = client.post(PAD, json=body)
    assert r.status_code == 400, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert veld in [p["name"] for p in r.json()["invalidParams"]]
    assert client.get("/api/v1/berekeningen").json()["berekeningen"] == []


def test_uitleg_voor_burger_en_professional(client):
    berekening = client.post(PAD, json=VERZOEK).json()
    pad = f"/api/v1/berekeningen/{berekening['berekeningId']}/uitleg"
    burger = client.get(pad, params={"doelgroep": "burger"}, headers={**kop(), "Accept": "text/plain"}).text
    voet = berekening["beslagvrijeVoet"].replace(".", ",")
    assert f"Bij beslag houdt u ten minste € {voet[:1]}.{voet[1:]} per maand." in burger
    assert "Voor uw woonkosten" in burger and "475da" in burger
    assert "Dan berekent zij de voet opnieuw." in burger and "betalingsregeling" not in burger
    professional = client.get(pad, params={"doelgroep": "professional"}, headers={**kop(), "Accept": "text/plain"}).text
    assert "Beslagvrije voet" in professional and "475da" in professional


def test_herberekening_identiek(client):
    berekening = client.post(PAD, json=VERZOEK).json()
    r = client.post(f"/api/v1/berekeningen/{berekening['berekeningId']}/herberekeningen")
    assert r.status_code == 201, r.text
    assert r.json()["identiek"] is True, r.json()["verschillen"]


def test_idempotency_key(client):
    kopjes = {**kop(), "Idempotency-Key": "bvv-0001"}
    a, b = (client.post(PAD, json=VERZOEK, headers=kopjes) for _ in range(2))
    assert a.status_code == b.status_code == 201
    assert b.headers.get("Idempotent-Replayed") == "true" and a.json() == b.json()


def test_batchregel(client):
    regels = [
        json.dumps({"soort": "beslagvrijevoetberekeningen", "kenmerk": f"K{i}", "invoer": VERZOEK}) for i in (1, 2)
    ]
    r = client.post(
        "/api/v1/batchberekeningen",
        content="\n".join(regels) + "\n",
        headers={"Content-Type": "application/x-ndjson"},
        params={"metResultaat": "true"},
    )
    assert r.status_code == 200, r.text
    antwoorden = [json.loads(x) for x in r.text.splitlines()]
    los = client.post(PAD, json=VERZOEK).json()
    assert [a["status"] for a in antwoorden] == [201, 201]
    assert {a["resultaat"]["beslagvrijeVoet"] for a in antwoorden} == {los["beslagvrijeVoet"]}


def _boete(client, huishouden: dict) -> dict:
    r = client.post("/api/v1/boeteberekeningen", json={**BOETE, "huishouden": huishouden})
    assert r.status_code == 201, r.text
    return r.json()


def test_boete_met_berekende_voet_gelijk_aan_boete_met_de_voet_van_het_endpoint(client):
    voet = client.post(PAD, json=VERZOEK).json()["beslagvrijeVoet"]
    boven = {"leefvorm": "ALLEENSTAANDE", "opBijstandsniveau": False, "nettoMaandinkomen": "2400.00"}
    berekend = _boete(client, {**boven, "leefsituatie": "ALLEENSTAANDE", "belastbaarJaarinkomen": "32000.00"})
    gegeven = _boete(client, {**boven, "beslagvrijeVoet": voet})
    assert (berekend["boete"], berekend["draagkracht"]) == (gegeven["boete"], gegeven["draagkracht"])
    herkomst = {s["regel"]: s["uitkomst"] for s in berekend["stappen"]}["huishouden.beslagvrijeVoet"]
    assert herkomst == {"beslagvrijeVoet": voet, "herkomst": "BEREKEND"}
    assert "bvv.maximum" in [s["regel"] for s in berekend["stappen"]]
    herkomst = {s["regel"]: s["uitkomst"] for s in gegeven["stappen"]}["huishouden.beslagvrijeVoet"]
    assert herkomst == {"beslagvrijeVoet": voet, "herkomst": "OPGEGEVEN"}


def test_boete_boven_bijstandsniveau_zonder_voet_of_gegevens(client):
    r = client.post(
        "/api/v1/boeteberekeningen",
        json={**BOETE, "huishouden": {"opBijstandsniveau": False, "nettoMaandinkomen": "2400.00"}},
    )
    assert r.status_code == 400
    assert [p["name"] for p in r.json()["invalidParams"]] == ["huishouden.beslagvrijeVoet"]


def test_regels_toont_kleine_factoren_zonder_exponent(client):
    regels = client.get("/api/v1/regels", params={"peildatum": "2024-03-01"}).json()["parameters"]
    factor = next(p for p in regels if p["id"] == "bvv.huurtoeslag.factorA.eenpersoons")
    assert factor["inWerking"]["waarde"] == "0.000000413370"


def test_verminderingen_van_475db_en_de_uitleg_van_wat_niet_is_berekend(client):
    """Gehuwden met inkomen van de echtgenoot en een eigen, niet beslagen inkomen (475db lid 1 onder a en b): elk
    optioneel bedrag als tekst van het verzoek, ook 0.00 en weggelaten."""
    body = {
        **VERZOEK,
        "leefsituatie": "GEHUWDEN_MET_KINDEREN",
        "belastbaarJaarinkomen": "45000.00",
        "nettoMaandinkomen": "3100.00",
        "nietBeslagenInkomenPartner": "400.00",
        "nietBeslagenInkomenSchuldenaar": "0.00",
        "woonkosten": "1300.00",
    }
    r = client.post(PAD, json=body)
    assert r.status_code == 201, r.text
    res = r.json()
    delen = {d["naam"]: d["bedrag"] for d in res["delen"]}
    assert delen["verminderingPartner"] == "-400.00"
    # lid 5 tweede zin: bij gehuwden met inkomen van de echtgenoot een open norm, dus niet berekend
    assert res["status"] == "BEOORDELING_VEREIST"
    assert [b["deel"] for b in res["beoordelingVereist"]] == ["woonkostenverhoging"]
    uitleg = client.get(
        f"/api/v1/berekeningen/{res['berekeningId']}/uitleg",
        params={"doelgroep": "burger"},
        headers={**kop(), "Accept": "text/plain"},
    ).text
    assert "Minder, omdat uw partner inkomen heeft: min € 400,00" in uitleg
    assert "Extra voor hoge woonkosten:" in uitleg


def test_bijstand_als_beslagen_inkomen_475dc_lid_2(client):
    """Een uitkering onder de voet van 475da: lid 1 (95% van het inkomen) geldt, en bij een aangewezen uitkering lid 2
    (de norm min het inkomen van Pw 32); dan gelden de twaalf maanden van 475d lid 2 niet (lid 7)."""
    body = {**VERZOEK, "nettoMaandinkomen": "1200.00", "belastbaarJaarinkomen": "14400.00", "bijstand": {}}
    r = client.post(PAD, json=body)
    assert r.status_code == 201, r.text
    res = r.json()
    assert res["geldigTot"] is None
    assert "ondergrens475dc" in [d["naam"] for d in res["delen"]]


def test_elke_stap_noemt_haar_bron(client):
    res = client.post(PAD, json={**VERZOEK, "woonkosten": "1300.00"}).json()
    assert [s["regel"] for s in res["stappen"] if not s["bron"]] == []
