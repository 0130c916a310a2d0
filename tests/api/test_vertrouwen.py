"""Herberekening, integriteitscontrole, maatwerk met vier ogen en de lijst, via de HTTP-API op SQLite en PostgreSQL."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

import app.main
from app.main import maak_app
from app.regels import MAP, lees
from tests.api.conftest import VOORBEELD, instellingen, kop

BOETE = "/api/v1/boeteberekeningen"
MOTIVERING = (
    "Betrokkene verzorgde in de hele periode haar ernstig zieke moeder en meldde de inkomsten daardoor te laat; "
    "een boete van de helft is evenredig."
)


@pytest.fixture
def api(client_op, database_url):
    """Een client op SQLite of PostgreSQL (fixture database_url), met het standaardtoken (sub tester, 0363)."""
    return client_op(database_url)


def _boete(c: TestClient) -> dict:
    r = c.post(BOETE, json=VOORBEELD)
    assert r.status_code == 201, r.text
    return r.json()


# ---------------------------------------------------------------- herberekening


def test_herberekening_is_identiek_en_wordt_vastgelegd(api):
    berekening = _boete(api)
    r = api.post(f"/api/v1/berekeningen/{berekening['berekeningId']}/herberekeningen")
    assert r.status_code == 201, r.text
    uit = r.json()
    assert uit["identiek"] is True and uit["verschillen"] == []
    assert uit["metHuidigeRegels"]["identiek"] is True
    record = api.get(r.headers["Location"]).json()
    assert (record["soort"], record["verwijzing"]) == ("herberekening", berekening["berekeningId"])


def test_herberekening_zonder_beschikkingsdatum_gebruikt_de_datum_van_toen(api):
    body = {**VOORBEELD, "huishouden": {"toepasselijkeNorm": "1401.50"}}
    del body["beschikkingsdatum"]  # "vandaag" van toen
    berekening = api.post(BOETE, json=body).json()
    uit = api.post(f"/api/v1/berekeningen/{berekening['berekeningId']}/herberekeningen").json()
    assert uit["identiek"] is True, uit


def test_herberekening_onder_een_oude_regelversie_na_een_regelwijziging(tmp_path, monkeypatch):
    """Een record van vóór een regelwijziging rekent identiek na onder zijn eigen regelversie."""
    url = f"sqlite:///{tmp_path}/a.db"
    with TestClient(maak_app(instellingen(url)), headers=kop()) as oud:
        berekening = _boete(oud)
    assert berekening["boete"] == "840.84"

    # Nieuwe regelversie: vanaf 2026-01-01 achttien maanden draagkracht bij normale verwijtbaarheid.
    nieuw = tmp_path / "regels"
    shutil.copytree(MAP, nieuw, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    pad = nieuw / "draagkracht.yaml"
    tekst = pad.read_text(encoding="utf-8")
    oude_regel = next(r for r in tekst.splitlines(keepends=True) if 'geldigVanaf: 2013-01-01, waarde: "12"' in r)
    assert oude_regel in tekst
    pad.write_text(
        tekst.replace(
            oude_regel,
            oude_regel.replace("}", ", geldigTot: 2025-12-31}")
            + '      - {geldigVanaf: 2026-01-01, waarde: "18", status: onzeker, verificatie: "test"}\n',
        ),
        encoding="utf-8",
    )
    nieuwe_regels = lees(nieuw)
    assert nieuwe_regels.versie != berekening["regelversie"]
    monkeypatch.setattr(app.main, "laad", lambda _map: nieuwe_regels)

    with TestClient(maak_app(instellingen(url)), headers=kop()) as c:
        assert _boete(c)["boete"] == "1261.26"  # 18 x 70,07
        uit = c.post(f"/api/v1/berekeningen/{berekening['berekeningId']}/herberekeningen").json()
    assert uit["identiek"] is True
    assert uit["regelversie"] == berekening["regelversie"]
    huidig = uit["metHuidigeRegels"]
    assert huidig["regelversie"] == nieuwe_regels.versie and huidig["identiek"] is False
    verschillen = {v["pad"]: (v["opgeslagen"], v["herberekend"]) for v in huidig["verschillen"]}
    assert verschillen["boete"] == ("840.84", "1261.26")
    assert verschillen["regelversie"] == (berekening["regelversie"], nieuwe_regels.versie)


def test_herberekening_van_onbekend_of_van_een_andere_gemeente(api):
    berekening = _boete(api)
    pad = f"/api/v1/berekeningen/{berekening['berekeningId']}/herberekeningen"
    assert api.post(pad, headers=kop(gemeente="0599")).status_code == 404
    assert api.post("/api/v1/berekeningen/niet-een-uuid/herberekeningen").status_code == 400
    # een herberekening zelf is geen berekening
    herberekening = api.post(pad).json()["herberekeningId"]
    assert api.post(f"/api/v1/berekeningen/{herberekening}/herberekeningen").status_code == 400


# ---------------------------------------------------------------- integriteit


def _knoei(url: str, sql: str, **params) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as verbinding:
            if verbinding.dialect.name == "postgresql":
                verbinding.execute(text("SET LOCAL session_replication_role = replica"))
            else:
                verbinding.execute(text("DROP TRIGGER IF EXISTS auditrecord_geen_update"))
            verbinding.execute(text(sql), params)
    finally:
        engine.dispose()


def test_integriteit_vindt_een_gewijzigde_rij(api, database_url):
    _boete_andere_gemeente = api.post(BOETE, json=VOORBEELD, headers=kop(gemeente="0599"))
    assert _boete_andere_gemeente.status_code == 201
    ids = [_boete(api)["berekeningId"] for _ in range(3)]
    goed = api.get("/api/v1/audit/integriteit").json()
    assert goed == {
        "gemeente": "0363",
        "intact": True,
        "aantal": 3,
        "eersteAfwijking": None,
        "checkpoints": {"gecontroleerd": 0, "ongeldig": 0, "langste": None},
    }

    _knoei(
        database_url,
        "UPDATE auditrecord SET resultaat = replace(resultaat, '840.84', '0.00') WHERE berekening_id = :id",
        id=ids[1],
    )
    fout = api.get("/api/v1/audit/integriteit").json()
    assert fout["intact"] is False and fout["aantal"] == 2
    assert fout["eersteAfwijking"]["berekeningId"] == ids[1]
    assert fout["eersteAfwijking"]["volgnummer"] == 2  # de plaats in de eigen keten, niet in de database
    assert "gewijzigd" in fout["eersteAfwijking"]["reden"]
    # de keten van de andere gemeente is ongemoeid
    assert api.get("/api/v1/audit/integriteit", headers=kop(gemeente="0599")).json()["intact"] is True


def test_de_database_weigert_wijzigen_via_de_gewone_weg(api, database_url):
    berekening = _boete(api)
    engine = create_engine(database_url)
    try:
        with pytest.raises(Exception, match="append-only"), engine.begin() as verbinding:
            verbinding.execute(
                text("UPDATE auditrecord SET soort = 'x' WHERE berekening_id = :id"), {"id": berekening["berekeningId"]}
            )
    finally:
        engine.dispose()


# ---------------------------------------------------------------- maatwerk met vier ogen


def _maatwerk(api, berekening_id: str, sub: str = "aanvrager", **body) -> object:
    verzoek = {"grond": "AWB_5_46", "boete": "420.00", "motivering": MOTIVERING, **body}
    return api.post(
        f"/api/v1/berekeningen/{berekening_id}/maatwerkbesluiten",
        json=verzoek,
        headers=kop(sub, rollen=("medewerker",)),
    )


def _beoordeel(api, maatwerk_id: str, sub: str = "collega", **body) -> object:
    return api.post(
        f"/api/v1/maatwerkbesluiten/{maatwerk_id}/beoordelingen",
        json={"besluit": "GOEDGEKEURD", **body},
        headers=kop(sub, rollen=("beoordelaar",)),
    )


def test_maatwerk_goedgekeurd_door_een_ander(api):
    berekening = _boete(api)
    r = _maatwerk(api, berekening["berekeningId"])
    assert r.status_code == 201, r.text
    besluit = r.json()
    assert besluit["status"] == "TER_BEOORDELING"
    assert (besluit["boete"], besluit["oorspronkelijk"]) == ("420.00", {"uitkomst": "BOETE", "boete": "840.84"})
    assert besluit["bron"] == [{"wet": "Algemene wet bestuursrecht", "artikel": "5:46", "lid": "2"}]
    assert "€ 840,84" in besluit["omschrijving"] and "€ 420,00" in besluit["omschrijving"]

    zelf = _beoordeel(api, besluit["maatwerkbesluitId"], sub="aanvrager")
    assert zelf.status_code == 403 and "Vier ogen" in zelf.json()["detail"]
    assert _beoordeel(api, besluit["maatwerkbesluitId"], sub="collega").json()["status"] == "VASTGESTELD"
    assert _beoordeel(api, besluit["maatwerkbesluitId"], sub="derde").status_code == 409

    record = api.get(f"/api/v1/berekeningen/{berekening['berekeningId']}").json()
    assert record["resultaat"]["boete"] == "840.84"  # de berekening zelf blijft staan
    [mw] = record["maatwerkbesluiten"]
    assert (mw["status"], mw["beoordeling"]["beoordeeldDoor"], mw["aangevraagdDoor"]) == (
        "VASTGESTELD",
        "collega",
        "aanvrager",
    )
    assert _maatwerk(api, berekening["berekeningId"]).status_code == 409  # al vastgesteld
    assert api.get("/api/v1/audit/integriteit").json()["intact"] is True


def test_maatwerk_afgewezen_met_reden_en_daarna_opnieuw(api):
    berekening = _boete(api)
    besluit = _maatwerk(api, berekening["berekeningId"]).json()
    assert _maatwerk(api, berekening["berekeningId"]).status_code == 409  # er loopt er al een
    zonder_reden = _beoordeel(api, besluit["maatwerkbesluitId"], besluit="AFGEWEZEN")
    assert zonder_reden.status_code == 400 and zonder_reden.json()["invalidParams"][0]["name"] == "reden"
    reden = "De zorgtaak blijkt nergens uit; vraag eerst een verklaring op."
    afgewezen = _beoordeel(api, besluit["maatwerkbesluitId"], besluit="AFGEWEZEN", reden=reden).json()
    assert afgewezen["status"] == "AFGEWEZEN" and afgewezen["beoordeling"]["reden"] == reden
    opnieuw = _maatwerk(api, berekening["berekeningId"], boete="600.00")
    assert opnieuw.status_code == 201
    statussen = [
        m["status"] for m in api.get(f"/api/v1/berekeningen/{berekening['berekeningId']}").json()["maatwerkbesluiten"]
    ]
    assert statussen == ["AFGEWEZEN", "TER_BEOORDELING"]


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({"boete": "900.00"}, "boete"),  # hoger dan berekend
        ({"boete": "840.84"}, "boete"),  # geen afwijking
        ({"motivering": "zie dossier"}, "motivering"),
        ({"motivering": "Te kort."}, "motivering"),
        ({"grond": "PW_58_LID_8", "boete": None, "terugvordering": "10.00"}, "grond"),  # grond past niet bij een boete
        ({"grond": "ONBEKEND"}, "grond"),
    ],
)
def test_maatwerk_alleen_gunstiger_passend_en_gemotiveerd(api, body, veld):
    berekening = _boete(api)
    verzoek = {k: v for k, v in body.items() if v is not None}
    r = _maatwerk(api, berekening["berekeningId"], **verzoek)
    assert r.status_code == 400, r.text
    assert veld in {p["name"] for p in r.json()["invalidParams"]}


def test_maatwerk_op_een_terugvordering(api):
    r = api.post(
        "/api/v1/benadelingsbedragen",
        json={"perioden": [{"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": "1401.50", "recht": "901.50"}]},
    )
    berekening_id = r.json()["berekeningId"]
    besluit = _maatwerk(api, berekening_id, grond="PW_58_LID_8", boete=None, terugvordering="250.00")
    assert besluit.status_code == 201, besluit.text
    assert besluit.json()["oorspronkelijk"] == {"terugvordering": "500.00"}


def test_maatwerk_rollen_en_gemeenten(api):
    berekening = _boete(api)
    pad = f"/api/v1/berekeningen/{berekening['berekeningId']}/maatwerkbesluiten"
    verzoek = {"grond": "AWB_5_46", "boete": "420.00", "motivering": MOTIVERING}
    assert api.post(pad, json=verzoek, headers=kop("x", rollen=("beoordelaar",))).status_code == 403
    assert api.post(pad, json=verzoek, headers=kop("x", gemeente="0599", rollen=("medewerker",))).status_code == 404
    besluit = _maatwerk(api, berekening["berekeningId"]).json()
    r = api.post(
        f"/api/v1/maatwerkbesluiten/{besluit['maatwerkbesluitId']}/beoordelingen",
        json={"besluit": "GOEDGEKEURD"},
        headers=kop("collega2", gemeente="0599", rollen=("beoordelaar",)),
    )
    assert r.status_code == 404
    assert (
        api.get(f"/api/v1/maatwerkbesluiten/{besluit['maatwerkbesluitId']}", headers=kop(gemeente="0599")).status_code
        == 404
    )


# ---------------------------------------------------------------- lijst


def test_lijst_pagineert_binnen_de_gemeente(api):
    ids = [_boete(api)["berekeningId"] for _ in range(5)]
    eerste = api.get("/api/v1/berekeningen?aantal=2").json()
    assert [b["berekeningId"] for b in eerste["berekeningen"]] == ids[:-3:-1]
    tweede = api.get(eerste["volgende"]).json()
    assert [b["berekeningId"] for b in tweede["berekeningen"]] == [ids[2], ids[1]]
    laatste = api.get(tweede["volgende"]).json()
    assert [b["berekeningId"] for b in laatste["berekeningen"]] == [ids[0]] and laatste["volgende"] is None
    assert api.get("/api/v1/berekeningen?soort=benadelingsbedrag").json()["berekeningen"] == []
    assert api.get("/api/v1/berekeningen?aantal=0").status_code == 400


def test_de_cursor_verraadt_niets_over_andere_gemeenten(api):
    """Issue #20, 4: `volgende` droeg het volgnummer van de database, dat over alle gemeenten doorloopt: gemeente B
    zag het springen als A vastlegde. Nu is de cursor het berekeningId van het laatste record op de pagina."""
    eigen = [_boete(api)["berekeningId"] for _ in range(3)]
    eerste = api.get("/api/v1/berekeningen?aantal=2").json()
    for _ in range(4):  # een andere gemeente legt intussen vast
        assert api.post(BOETE, json=VOORBEELD, headers=kop(gemeente="0599")).status_code == 201
    opnieuw = api.get("/api/v1/berekeningen?aantal=2").json()
    assert eerste["volgende"] == opnieuw["volgende"] == f"/api/v1/berekeningen?aantal=2&na={eigen[1]}"
    eigen.append(_boete(api)["berekeningId"])
    na = api.get("/api/v1/berekeningen?aantal=2").json()["volgende"]
    assert na == f"/api/v1/berekeningen?aantal=2&na={eigen[2]}"  # alleen de eigen records tellen
    assert [b["berekeningId"] for b in api.get(na).json()["berekeningen"]] == [eigen[1], eigen[0]]


@pytest.mark.parametrize(
    ("na", "code"),
    [
        ("12", "cursor_verouderd"),  # een cursor van vóór issue #20
        (str(2**63 - 1), "cursor_verouderd"),
        ("geen-id", "uuid"),
        ("9b2f0c4e-3c1d-4d0e-8a7e-2f1b6a1c9d00", "onbekend"),
    ],
)
def test_een_oude_of_vreemde_cursor_geeft_een_duidelijke_400(api, na, code):
    r = api.get(f"/api/v1/berekeningen?na={na}")
    assert r.status_code == 400, r.text
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("na", code)]


def test_een_cursor_van_een_andere_gemeente_is_onbekend(api):
    vreemd = api.post(BOETE, json=VOORBEELD, headers=kop(gemeente="0599")).json()["berekeningId"]
    onbekend = api.get("/api/v1/berekeningen?na=9b2f0c4e-3c1d-4d0e-8a7e-2f1b6a1c9d00").json()
    r = api.get(f"/api/v1/berekeningen?na={vreemd}")
    assert r.status_code == 400 and r.json() == {**onbekend, "instance": r.json()["instance"]}


def test_regelsets_worden_bewaard(api, database_url):
    engine = create_engine(database_url)
    try:
        with engine.connect() as verbinding:
            versies = verbinding.execute(text("SELECT versie FROM regelset")).scalars().all()
    finally:
        engine.dispose()
    assert versies == [lees().versie]


@pytest.mark.parametrize(
    ("pad", "soort"),
    [
        ("/api/v1/benadelingsbedragen", "Benadelingsverzoek"),
        ("/api/v1/verwijtbaarheidsbeoordelingen", "Verwijtbaarheidsverzoek"),
        ("/api/v1/kwijtscheldingsbeoordelingen", "Kwijtscheldingsverzoek"),
        ("/api/v1/schuldregelingstoetsen", "Schuldregelingsverzoek"),
    ],
)
def test_elke_soort_rekent_identiek_na(client, pad, soort):
    from app.api.berekeningen import verzoeken

    voorbeeld = getattr(verzoeken, soort).model_config["json_schema_extra"]["examples"][0]
    berekening = client.post(pad, json=voorbeeld).json()
    uit = client.post(f"/api/v1/berekeningen/{berekening['berekeningId']}/herberekeningen").json()
    assert uit["identiek"] is True, uit["verschillen"]


def test_oud_record_met_bom_blijft_leesbaar_en_rekent_identiek_na(tmp_path):
    """Vóór de invoercontrole kon een body met een UTF-8-BOM worden vastgelegd (issue #8): zo'n record blijft
    leesbaar (ook de uitleg) en rekent identiek na; de hash dekt de opgeslagen tekst, BOM inbegrepen."""
    import json
    import uuid

    url = f"sqlite:///{tmp_path}/bom.db"
    with TestClient(maak_app(instellingen(url)), headers=kop()) as c:
        goed = _boete(c)
        store = c.app.state.api.state.store
        ruw = "\ufeff" + json.dumps(VOORBEELD)
        resultaat = {k: v for k, v in goed.items() if k != "berekeningId"}
        record = store.append(
            berekening_id=str(uuid.uuid4()),
            soort="boeteberekening",
            invoer=ruw,
            resultaat={**resultaat, "berekeningId": None},
            regelversie=goed["regelversie"],
            sub="tester",
            gemeente="0363",
        )
        pad = f"/api/v1/berekeningen/{record.berekening_id}"
        r = c.get(pad)
        assert r.status_code == 200, r.text
        assert r.json()["invoer"] == VOORBEELD
        assert c.get(f"{pad}/uitleg").status_code == 200
        uit = c.post(f"{pad}/herberekeningen").json()
        assert uit["identiek"] is True, uit["verschillen"]
        assert c.get("/api/v1/audit/integriteit").json()["intact"] is True
