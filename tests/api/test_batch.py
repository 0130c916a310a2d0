"""POST /api/v1/batchberekeningen (issue #9 §3): NDJSON in en uit, elke regel door het pad van de losse POST."""

from __future__ import annotations

import json

import orjson
import pytest
from sqlalchemy import select

from app.api.berekeningen import batch
from app.db import OpslagNietBeschikbaar
from app.db.models import auditrecord
from tests.api.conftest import VOORBEELD, instellingen, kop

PAD = "/api/v1/batchberekeningen"
NDJSON = {"Content-Type": "application/x-ndjson"}
SLEUTEL = "0b6f3c8e-batch-4d1a-9f2e-7c5a1b3d9e00"

OPZET = {**VOORBEELD, "verwijtbaarheid": {"graad": "OPZET", "bewijs": ["Rapport Z-2026-0042: inkomsten niet gemeld."]}}
BENADELING = {"perioden": [{"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": "1401.50", "recht": "901.50"}]}
VERWIJTBAARHEID = {"groveSchuld": {"bewijs": ["drie brieven niet beantwoord"]}}
KWIJTSCHELDING = {
    "vordering": {"soort": "BOETE", "bedrag": "640.00", "opgelegdOp": "2024-05-01", "verwijtbaarheid": "NORMAAL"},
    "verzoek": True,
    "schuldregeling": True,
    "beschikkingsdatum": "2026-02-02",
}
SCHULDREGELING = {
    "vorderingen": [{"id": "BB-2025-0077", "soort": "BOETE", "bedrag": "840.84", "verwijtbaarheid": "NORMAAL"}],
    "huishouden": {"toepasselijkeNorm": "1401.50"},
    "beschikkingsdatum": "2026-03-02",
}


def regel(soort: str, kenmerk: str | None, invoer) -> str:
    d = {"soort": soort, "invoer": invoer}
    if kenmerk is not None:
        d["kenmerk"] = kenmerk
    return json.dumps(d)


def stuur(client, regels: list[str], headers: dict | None = None, params: dict | None = None):
    return client.post(PAD, content="\n".join(regels) + "\n", headers={**NDJSON, **(headers or {})}, params=params)


def antwoorden(r) -> list[dict]:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/x-ndjson"
    return [json.loads(x) for x in r.text.splitlines()]


def _store(client):
    return client.app.state.api.state.store


def _ids_in_db(client) -> set[str]:
    with _store(client).engine.connect() as c:
        return {r[0] for r in c.execute(select(auditrecord.c.berekening_id))}


GEMENGD = [
    regel("boeteberekeningen", "Z-1", VOORBEELD),
    "dit is geen json",
    regel(
        "boeteberekeningen",
        "Z-3",
        {**VOORBEELD, "overtreding": {"begindatum": "2025-10-31", "einddatum": "2025-03-01"}},
    ),
    regel("benadelingsbedragen", "Z-4", BENADELING),
    regel("verwijtbaarheidsbeoordelingen", "Z-5", VERWIJTBAARHEID),
    regel("boeteberekeningen", None, VOORBEELD),
    regel("kwijtscheldingsbeoordelingen", "Z-7", KWIJTSCHELDING),
    regel("rekenmachine", "Z-8", {}),
    regel("schuldregelingstoetsen", "Z-9", SCHULDREGELING),
    regel("boeteberekeningen", "123456782", VOORBEELD),  # een BSN als kenmerk
    '{"soort": "boeteberekeningen", "soort": "benadelingsbedragen", "kenmerk": "Z-11", "invoer": {}}',
    regel("boeteberekeningen", "Z-12", OPZET),
]


def test_elke_regel_een_antwoord_in_volgorde_goed_en_fout_door_elkaar(client_op, database_url):
    client = client_op(database_url)
    uit = antwoorden(stuur(client, GEMENGD))
    assert [a["regel"] for a in uit] == list(range(1, 13))
    assert [a["status"] for a in uit] == [201, 400, 400, 201, 201, 400, 201, 400, 201, 400, 400, 201]
    assert [a["kenmerk"] for a in uit] == [
        "Z-1",
        None,
        "Z-3",
        "Z-4",
        "Z-5",
        None,
        "Z-7",
        "Z-8",
        "Z-9",
        None,
        None,
        "Z-12",
    ]
    # elke 201 is een auditrecord, en alleen die
    goed = {a["berekeningId"] for a in uit if a["status"] == 201}
    assert _ids_in_db(client) == goed and len(goed) == 6
    # de fouten noemen het veld, in het Nederlands
    problemen = {a["regel"]: a["probleem"] for a in uit if a["status"] == 400}
    assert problemen[2]["invalidParams"][0]["name"] == "regel" and problemen[2]["invalidParams"][0]["code"] == "json"
    assert problemen[3]["invalidParams"] == [
        {
            "name": "invoer.overtreding.einddatum",
            "code": "datumvolgorde",
            "reason": "De einddatum ligt vóór de begindatum van de overtreding.",
        }
    ]
    assert problemen[6]["invalidParams"] == [{"name": "kenmerk", "code": "missing", "reason": "Dit veld is verplicht."}]
    assert problemen[8]["invalidParams"][0]["name"] == "soort"
    assert problemen[8]["invalidParams"][0]["reason"].startswith("Onbekende waarde; toegestaan: boeteberekeningen")
    assert problemen[10]["invalidParams"][0]["code"] == "bsn"
    assert problemen[11]["invalidParams"][0]["code"] == "dubbele_sleutel"
    assert all(p["status"] == 400 and p["title"] == "Ongeldige invoer" for p in problemen.values())


def test_zelfde_resultaat_en_zelfde_melding_als_de_losse_post(client):
    uit = antwoorden(
        stuur(
            client,
            [regel("boeteberekeningen", "A", VOORBEELD), regel("boeteberekeningen", "B", {**VOORBEELD, "x": 1})],
            params={"metResultaat": "true"},
        )
    )
    los = client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()
    inline = uit[0]["resultaat"]
    assert inline["berekeningId"] == uit[0]["berekeningId"]
    # gelijk aan de losse POST, op vergelijkbareZaken na: dat hoort bij het oordeel over één zaak (README, batch)
    assert {k: v for k, v in inline.items() if k != "berekeningId"} == {
        k: v for k, v in los.items() if k not in ("berekeningId", "vergelijkbareZaken")
    }
    assert "vergelijkbareZaken" in los and "vergelijkbareZaken" not in inline
    assert inline["boete"] == "840.84" and len(inline["alternatieven"]) == 10 and inline["stappen"]
    # het vastgelegde record is wat inline terugkwam
    record = client.get(f"/api/v1/berekeningen/{uit[0]['berekeningId']}").json()
    assert record["resultaat"] == inline and record["soort"] == "boeteberekening"
    assert json.loads(json.dumps(record["invoer"])) == VOORBEELD
    # een fout: dezelfde melding als de losse POST, met het pad onder invoer
    los_fout = client.post("/api/v1/boeteberekeningen", json={**VOORBEELD, "x": 1}).json()
    assert uit[1]["probleem"]["invalidParams"] == [
        {**p, "name": f"invoer.{p['name']}"} for p in los_fout["invalidParams"]
    ]
    assert uit[1]["probleem"]["detail"] == los_fout["detail"]
    assert "resultaat" not in uit[1]


def test_vrije_tekst_versleuteld_opgeslagen(client):
    uit = antwoorden(stuur(client, [regel("boeteberekeningen", "Z-12", OPZET)]))
    with _store(client).engine.connect() as c:
        invoer, resultaat = c.execute(select(auditrecord.c.invoer, auditrecord.c.resultaat)).one()
    assert "Rapport Z-2026-0042" not in invoer and "versleuteld:v1:0363-" in invoer
    assert "Rapport Z-2026-0042" not in resultaat and "versleuteld:v1:0363-" in resultaat
    # lezen ontsleutelt
    record = client.get(f"/api/v1/berekeningen/{uit[0]['berekeningId']}").json()
    assert record["invoer"]["verwijtbaarheid"]["bewijs"] == ["Rapport Z-2026-0042: inkomsten niet gemeld."]
    assert _store(client).controleer_keten("0363").intact


def test_lege_regels_tellen_mee_maar_krijgen_geen_antwoord_en_lege_batch_400(client):
    r = client.post(PAD, content="\n" + regel("boeteberekeningen", "A", VOORBEELD) + "\n\n", headers=NDJSON)
    assert [(a["regel"], a["status"]) for a in antwoorden(r)] == [(2, 201)]
    # een batch zonder regels (leeg, of alleen lege regels) is een vergissing: 400, niets vastgelegd
    for body in ("", "\n", " \n\n  \n"):
        r = client.post(PAD, content=body, headers=NDJSON)
        assert r.status_code == 400 and r.headers["content-type"] == "application/problem+json"
        assert r.json()["invalidParams"] == [
            {
                "name": "body",
                "code": "leeg",
                "reason": "De batch bevat geen regels: stuur ten minste één verzoek per regel.",
            }
        ]
    assert _store(client).aantal() == 1
    # zonder afsluitend einde van de regel
    r = client.post(PAD, content=regel("boeteberekeningen", "B", VOORBEELD), headers=NDJSON)
    assert [a["status"] for a in antwoorden(r)] == [201]


def test_te_lange_regel_alleen_die_regel_400(client, monkeypatch):
    monkeypatch.setattr(batch, "MAX_REGEL", 2000)
    lang = regel("boeteberekeningen", "L", {**VOORBEELD, "x": "a" * 5000})
    uit = antwoorden(
        stuur(client, [regel("boeteberekeningen", "A", VOORBEELD), lang, regel("boeteberekeningen", "B", VOORBEELD)])
    )
    assert [a["status"] for a in uit] == [201, 400, 201]
    assert uit[1]["probleem"]["invalidParams"][0] == {
        "name": "regel",
        "code": "te_groot",
        "reason": "Een regel is ten hoogste 1 KiB.",
    }


def test_contract_mediatype_token_en_rol(client):
    r = client.post(
        PAD, content=regel("boeteberekeningen", "A", VOORBEELD), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 415 and r.headers["content-type"].startswith("application/problem+json")
    assert r.headers["accept"] == "application/x-ndjson"
    r = client.post(PAD, content="", headers={**NDJSON, "Authorization": ""})
    assert r.status_code == 401
    r = client.post(PAD, content="", headers={**NDJSON, **kop(rollen=["beoordelaar"])})
    assert r.status_code == 403
    r = stuur(client, [regel("boeteberekeningen", "A", VOORBEELD)], headers={"Idempotency-Key": ""})
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "Idempotency-Key"
    assert _store(client).aantal() == 0
    # een batch groter dan de bodylimiet van een losse POST (1 MiB) wordt gewoon gelezen
    groot = [regel("boeteberekeningen", f"G-{i}", {**VOORBEELD, "eerdereSancties": []}) for i in range(4000)]
    assert len("\n".join(groot)) > 1024 * 1024
    uit = antwoorden(stuur(client, groot))
    assert len(uit) == 4000 and {a["status"] for a in uit} == {201}
    assert [a["kenmerk"] for a in uit] == [f"G-{i}" for i in range(4000)]


def test_idempotency_key_per_regelnummer(client):
    regels = [
        regel("boeteberekeningen", f"K-{i}", {**VOORBEELD, "benadelingsbedrag": f"{1000 + i}.00"}) for i in range(4)
    ]
    regels.insert(2, "geen json")
    eerste = antwoorden(stuur(client, regels, headers={"Idempotency-Key": SLEUTEL}))
    assert [a["status"] for a in eerste] == [201, 201, 400, 201, 201]
    assert _store(client).aantal() == 4
    # zelfde sleutel, zelfde body (andere witruimte en volgorde in een regel): hetzelfde antwoord, niets opnieuw
    herschikt = [json.dumps(dict(reversed(list(json.loads(regels[0]).items()))), indent=None), *regels[1:]]
    tweede = antwoorden(stuur(client, herschikt, headers={"Idempotency-Key": SLEUTEL}, params={"metResultaat": "true"}))
    assert [a.get("berekeningId") for a in tweede] == [a.get("berekeningId") for a in eerste]
    assert [a.get("herhaald") for a in tweede] == [True, True, None, True, True]
    assert tweede[2]["status"] == 400
    assert tweede[0]["resultaat"]["berekeningId"] == eerste[0]["berekeningId"]
    assert (
        tweede[0]["resultaat"]["boete"]
        == client.get(f"/api/v1/berekeningen/{eerste[0]['berekeningId']}").json()["resultaat"]["boete"]
    )
    assert _store(client).aantal() == 4
    # zelfde sleutel, één regel anders: alleen die regel 422; een regel erbij wordt vastgelegd
    anders = [*regels[:3], regel("boeteberekeningen", "K-2", {**VOORBEELD, "benadelingsbedrag": "9.00"}), regels[4]]
    anders.append(regel("boeteberekeningen", "K-nieuw", VOORBEELD))
    derde = antwoorden(stuur(client, anders, headers={"Idempotency-Key": SLEUTEL}))
    assert [a["status"] for a in derde] == [201, 201, 400, 422, 201, 201]
    assert derde[3]["probleem"]["code"] == "idempotency_key_hergebruikt"
    assert [a.get("herhaald") for a in derde] == [True, True, None, None, True, None]
    assert _store(client).aantal() == 5
    # een andere sleutel is een nieuwe batch
    assert {a["status"] for a in antwoorden(stuur(client, regels[:1], headers={"Idempotency-Key": "ander"}))} == {201}
    assert _store(client).aantal() == 6


def test_database_valt_weg_midden_in_de_batch_en_opnieuw_sturen_vult_aan(client_op, database_url, monkeypatch):
    """Na de eerste fout van de opslag legt de batch niets meer vast: elke volgende goede regel 503 (niet
    vastgelegd). De 201-regels staan in de database, de 503-regels niet. Opnieuw sturen met dezelfde sleutel
    herhaalt de 201's en legt de rest vast."""
    client = client_op(database_url)
    monkeypatch.setattr(batch, "BLOK", 3)
    monkeypatch.setattr(batch, "MAX_BLOKKEN", 1)  # blok voor blok: de fout valt precies na het eerste blok
    store = _store(client)
    echt = store._leg_vast
    groepen = []

    def wankel(groep):
        groepen.append(len(groep))
        if len(groepen) > 1:
            raise OpslagNietBeschikbaar("database weg (test)")
        return echt(groep)

    monkeypatch.setattr(store, "_leg_vast", wankel)
    regels = [
        regel("boeteberekeningen", f"D-{i}", {**VOORBEELD, "benadelingsbedrag": f"{500 + i}.00"}) for i in range(9)
    ]
    regels[4] = regel("boeteberekeningen", "D-4", {**VOORBEELD, "benadelingsbedrag": "-1"})
    uit = antwoorden(stuur(client, regels, headers={"Idempotency-Key": SLEUTEL}))
    assert [a["status"] for a in uit] == [201, 201, 201, 503, 400, 503, 503, 503, 503]
    assert uit[3]["probleem"]["status"] == 503 and "niet vastgelegd" in uit[3]["probleem"]["detail"]
    assert _ids_in_db(client) == {a["berekeningId"] for a in uit[:3]}
    assert all("berekeningId" not in a for a in uit[3:])
    assert len(groepen) == 2  # na de fout kreeg de schrijver niets meer
    # de database is terug: opnieuw sturen met dezelfde sleutel
    monkeypatch.setattr(store, "_leg_vast", echt)
    weer = antwoorden(stuur(client, regels, headers={"Idempotency-Key": SLEUTEL}))
    assert [a["status"] for a in weer] == [201, 201, 201, 201, 400, 201, 201, 201, 201]
    assert [a.get("herhaald") for a in weer[:4]] == [True, True, True, None]
    assert [a["berekeningId"] for a in weer[:3]] == [a["berekeningId"] for a in uit[:3]]
    assert len(_ids_in_db(client)) == 8
    assert store.controleer_keten("0363").intact


def test_rekenprocessen_geven_dezelfde_uitkomst(tmp_path):
    """Met MAATSTAF_REKENPROCESSEN=1 rekent een apart proces (spawn); de uitkomst is dezelfde."""
    from fastapi.testclient import TestClient

    from app.main import maak_app

    app = maak_app(instellingen(f"sqlite:///{tmp_path}/p.db", rekenprocessen=1))
    with TestClient(app, headers=kop()) as client:
        uit = antwoorden(stuur(client, GEMENGD, params={"metResultaat": "true"}))
        assert [a["status"] for a in uit] == [201, 400, 400, 201, 201, 400, 201, 400, 201, 400, 400, 201]
        assert uit[0]["resultaat"]["boete"] == "840.84"
        assert _ids_in_db(client) == {a["berekeningId"] for a in uit if a["status"] == 201}


@pytest.mark.parametrize("inhoud", ["application/x-ndjson", "application/x-ndjson; charset=utf-8"])
def test_mediatype_met_charset(client, inhoud):
    r = client.post(PAD, content=regel("boeteberekeningen", "A", VOORBEELD), headers={"Content-Type": inhoud})
    assert [a["status"] for a in antwoorden(r)] == [201]
    assert orjson.loads(r.text.splitlines()[0])["kenmerk"] == "A"


def test_een_regel_rekent_met_het_beleid_van_de_gemeente_en_telt_in_de_spiegel(client):
    """Zoals de losse POST: de beleidsversie die op de beschikkingsdatum geldt, en de lopende tellingen van de spiegel
    in dezelfde transactie als het record."""
    beheerders = [kop(f"beleid-{x}", rollen=["beleidsbeheerder"]) for x in "ab"]
    bron = {"titel": "Beleidsregels handhaving 2026", "cvdr": "CVDR712345", "artikel": "artikel 3"}
    voorstel = {"geldigVanaf": "2026-01-01", "waarden": {"draagkrachtMaanden": {"NORMAAL": 10}}, "bron": bron}
    r = client.post("/api/v1/beleidsversies", json=voorstel, headers=beheerders[0])
    versie = r.json()["beleidsversieId"]
    besluit = {"besluit": "GOEDGEKEURD"}
    r = client.post(f"/api/v1/beleidsversies/{versie}/beoordelingen", json=besluit, headers=beheerders[1])
    assert r.status_code == 201, r.text
    store = client.app.state.store
    uit = antwoorden(stuur(client, [regel("boeteberekeningen", "A", VOORBEELD)], params={"metResultaat": "true"}))
    resultaat = uit[0]["resultaat"]
    assert resultaat["boete"] == "700.70" and resultaat["beleid"]["beleidsversieId"] == versie
    assert store.tellingen_in_tabellen("0363") == store.hertel("0363") != ({}, {})
