"""Crypto-shredding (issue #8 §3.2): vrije tekst versleuteld opgeslagen, na de bewaartermijn met vier ogen gewist;
de hashketen blijft intact, het record leesbaar waar het geen vrije tekst is."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.config import Configuratiefout, Instellingen
from app.db import sleutels as sleutels_module
from app.main import maak_app
from tests.api.conftest import GEHEIM, VOORBEELD, kop

BEWIJS = "Drie brieven van 2025-03-01 niet beantwoord (zaak Z-2025-12345), inkomsten verzwegen"
KENMERK = "TV-2025-0142"
SCHULDREGELING = {
    "vorderingen": [
        {"id": KENMERK, "soort": "TERUGVORDERING_FRAUDE", "bedrag": "3000.00", "verwijtbaarheid": "GROVE_SCHULD"}
    ],
    "huishouden": {"toepasselijkeNorm": "1401.50"},
    "beschikkingsdatum": "2026-03-02",
}


def _rij(url: str, berekening_id: str):
    engine = create_engine(url)
    try:
        with engine.connect() as verbinding:
            return verbinding.execute(
                text("SELECT invoer, resultaat FROM auditrecord WHERE berekening_id = :id"), {"id": berekening_id}
            ).one()
    finally:
        engine.dispose()


def _ingepakt(url: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as verbinding:
            return [tuple(r) for r in verbinding.execute(text("SELECT sleutel_id, ingepakt FROM gegevenssleutel"))]
    finally:
        engine.dispose()


def test_versleuteld_opgeslagen_gewist_met_vier_ogen_en_de_keten_blijft_intact(client_op, database_url, monkeypatch):
    client = client_op(database_url)
    # 1. vastleggen in 2015: de aanroeper krijgt zijn eigen tekst terug; in de database staat alleen versleutelde
    # tekst, met de sleutel van 0363-2015
    jaar = 2015
    monkeypatch.setattr(sleutels_module, "periode_van", lambda _tijdstip: jaar)
    r = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json={"groveSchuld": {"bewijs": [BEWIJS]}})
    assert r.status_code == 201, r.text
    verwijt = r.json()
    assert any(BEWIJS in stap["omschrijving"] for stap in verwijt["stappen"])
    s = client.post("/api/v1/schuldregelingstoetsen", json=SCHULDREGELING)
    assert s.status_code == 201, s.text
    assert s.json()["vorderingen"][0]["id"] == KENMERK
    for berekening_id in (verwijt["berekeningId"], s.json()["berekeningId"]):
        invoer, resultaat = _rij(database_url, berekening_id)
        for geheim in (BEWIJS, "Z-2025-12345", KENMERK):
            assert geheim not in invoer and geheim not in resultaat
        assert "versleuteld:v1:0363-2015:" in invoer and "versleuteld:v1:0363-2015:" in resultaat
    invoer, resultaat = _rij(database_url, s.json()["berekeningId"])
    assert "3000.00" in invoer and "KWIJTSCHELDING_MOGELIJK" in resultaat  # de rest blijft leesbaar
    assert all(ingepakt and "0363" in sid for sid, ingepakt in _ingepakt(database_url))

    # 2. lezen ontsleutelt: het record, de uitleg en de herberekening zien de tekst
    record = client.get(f"/api/v1/berekeningen/{verwijt['berekeningId']}").json()
    assert record["invoer"] == {"groveSchuld": {"bewijs": [BEWIJS]}}
    assert record["resultaat"] == verwijt and "gewist" not in record
    assert client.post(f"/api/v1/berekeningen/{verwijt['berekeningId']}/herberekeningen").json()["identiek"]
    assert client.get("/api/v1/audit/integriteit").json()["intact"]
    monkeypatch.undo()  # wat hierna wordt vastgelegd, valt in het jaar van vandaag

    # 3. wissen: niet voordat de bewaartermijn (10 jaar na het einde van het jaar van vastleggen) voorbij is -> 409
    vorig_jaar = {"periode": date.today().year - 1}
    r = client.post("/api/v1/wisvoorstellen", json=vorig_jaar, headers=kop("auditor-1", rollen=["auditor"]))
    assert r.status_code == 409 and "vanaf" in r.json()["detail"], r.text
    voorstel = {"periode": jaar, "toelichting": "Selectielijst: termijn verstreken, archivaris akkoord."}
    medewerker = kop("m", rollen=["medewerker"])
    assert client.post("/api/v1/wisvoorstellen", json=voorstel, headers=medewerker).status_code == 403
    r = client.post("/api/v1/wisvoorstellen", json=voorstel, headers=kop("auditor-1", rollen=["auditor"]))
    assert r.status_code == 201, r.text
    wis = r.json()
    assert wis["status"] == "VOORGESTELD" and wis["bewaartermijnJaren"] == 10
    assert "Selectielijst gemeenten en intergemeentelijke organen 2020" in wis["grondslag"]
    # nog niets gewist
    assert client.get(f"/api/v1/berekeningen/{verwijt['berekeningId']}").json()["invoer"]["groveSchuld"]["bewijs"] == [
        BEWIJS
    ]
    # vier ogen: niet dezelfde auditor
    zelf = client.post(
        f"/api/v1/wisvoorstellen/{wis['wisvoorstelId']}/goedkeuringen",
        json={},
        headers=kop("auditor-1", rollen=["auditor"]),
    )
    assert zelf.status_code == 403 and "Vier ogen" in zelf.json()["detail"]
    ander = client.post(
        f"/api/v1/wisvoorstellen/{wis['wisvoorstelId']}/goedkeuringen",
        json={"toelichting": "Gecontroleerd."},
        headers=kop("auditor-2", rollen=["auditor"]),
    )
    assert ander.status_code == 201, ander.text
    klaar = ander.json()
    assert klaar["status"] == "GEWIST" and klaar["goedkeuring"]["goedgekeurdDoor"] == "auditor-2" and klaar["gewistOp"]
    assert (
        client.get(f"/api/v1/wisvoorstellen/{wis['wisvoorstelId']}", headers=kop(rollen=["auditor"])).json()["status"]
        == "GEWIST"
    )
    nogmaals = client.post(
        f"/api/v1/wisvoorstellen/{wis['wisvoorstelId']}/goedkeuringen",
        json={},
        headers=kop("auditor-3", rollen=["auditor"]),
    )
    assert nogmaals.status_code == 409
    assert (
        client.post("/api/v1/wisvoorstellen", json=voorstel, headers=kop("auditor-1", rollen=["auditor"])).status_code
        == 409
    )
    assert [(sid, ingepakt) for sid, ingepakt in _ingepakt(database_url) if sid == f"0363-{jaar}"] == [
        (f"0363-{jaar}", None)
    ]

    # 4. na het wissen: de tekst is weg, de rest blijft, en de keten is intact
    na = client.get(f"/api/v1/berekeningen/{verwijt['berekeningId']}").json()
    gewist_tekst = na["invoer"]["groveSchuld"]["bewijs"][0]
    assert gewist_tekst.startswith("[gewist op ") and gewist_tekst.endswith(": bewaartermijn verstreken]")
    assert BEWIJS not in str(na)
    assert na["resultaat"]["graad"] == "GROVE_SCHULD" and na["resultaat"]["percentage"] == verwijt["percentage"]
    assert na["hash"] == record["hash"]
    assert "invoer.groveSchuld.bewijs.0" in na["gewist"]["velden"]
    assert any(v.startswith("resultaat.stappen.") for v in na["gewist"]["velden"])
    toets = client.get(f"/api/v1/berekeningen/{s.json()['berekeningId']}").json()
    assert toets["resultaat"]["vorderingen"][0]["id"].startswith("[gewist op ")
    assert toets["resultaat"]["totaalKwijtscheldbaar"] == "3000.00"
    integriteit = client.get("/api/v1/audit/integriteit").json()
    assert integriteit["intact"], integriteit
    assert integriteit["aantal"] >= 5  # twee berekeningen, een herberekening, voorstel en goedkeuring

    # 5. uitleg: burger en professional zeggen welke tekst is gewist
    burger = client.get(f"/api/v1/berekeningen/{verwijt['berekeningId']}/uitleg", headers={"Accept": "text/plain"})
    assert burger.status_code == 200 and "gewist" in burger.text and "het bewijs" in burger.text
    assert BEWIJS not in burger.text
    for formaat in ("text/plain", "text/html"):
        prof = client.get(
            f"/api/v1/berekeningen/{verwijt['berekeningId']}/uitleg?doelgroep=professional", headers={"Accept": formaat}
        )
        assert prof.status_code == 200 and "invoer.groveSchuld.bewijs.0" in prof.text and "het bewijs" in prof.text

    # 6. herberekening: geen 500, maar de gewiste velden genoemd als niet te herberekenen
    her = client.post(f"/api/v1/berekeningen/{verwijt['berekeningId']}/herberekeningen")
    assert her.status_code == 201, her.text
    assert "invoer.groveSchuld.bewijs.0" in her.json()["gewist"]["velden"]
    assert her.json()["identiek"], her.json()["verschillen"]
    her = client.post(f"/api/v1/berekeningen/{s.json()['berekeningId']}/herberekeningen")
    assert her.status_code == 201 and her.json()["identiek"], her.text


def test_herberekening_versleutelt_de_tekst_die_ze_vergelijkt(client_op, sqlite_url):
    client = client_op(sqlite_url)
    r = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json={"groveSchuld": {"bewijs": [BEWIJS]}})
    her = client.post(f"/api/v1/berekeningen/{r.json()['berekeningId']}/herberekeningen")
    assert her.status_code == 201
    invoer, resultaat = _rij(sqlite_url, her.json()["herberekeningId"])
    assert BEWIJS not in resultaat


def test_de_bron_van_een_beleidsversie_wordt_mee_gewist(client_op, sqlite_url, monkeypatch):
    """Issue #20, 5: titel en artikelen van een beleidsversie stonden leesbaar in de tabel beleidsversie (en in het
    voorstel), buiten bereik van het wissen. Nu versleuteld met de sleutel van het jaar van het voorstel: na wissen
    zijn ze weg, overal. Een berekening van een later jaar citeert ze met haar eigen sleutel en blijft leesbaar; haar
    herberekening noemt de gewiste citaten en is verder identiek."""
    client = client_op(sqlite_url)
    jaar = 2015
    monkeypatch.setattr(sleutels_module, "periode_van", lambda _tijdstip: jaar)
    bron = {"titel": "Beleidsregels handhaving 2015", "cvdr": "CVDR1", "artikelen": {"afronding": "artikel 6"}}
    versie = client.post(
        "/api/v1/beleidsversies",
        json={"geldigVanaf": "2020-01-01", "waarden": {"afronding": "GEEN"}, "bron": bron},
        headers=kop("beleid-a", rollen=["beleidsbeheerder"]),
    ).json()["beleidsversieId"]
    r = client.post(
        f"/api/v1/beleidsversies/{versie}/beoordelingen",
        json={"besluit": "GOEDGEKEURD"},
        headers=kop("beleid-b", rollen=["beleidsbeheerder"]),
    )
    assert r.status_code == 201, r.text
    monkeypatch.undo()
    engine = create_engine(sqlite_url)
    with engine.connect() as verbinding:
        opgeslagen = verbinding.execute(text("SELECT bron FROM beleidsversie")).scalar_one()
    engine.dispose()
    assert "Beleidsregels handhaving" not in opgeslagen and "artikel 6" not in opgeslagen
    assert f"versleuteld:v1:0363-{jaar}:" in opgeslagen
    boete = client.post("/api/v1/boeteberekeningen", json={**VOORBEELD, "afronding": "GEEN"}).json()
    assert boete["beleid"]["bron"]["titel"] == bron["titel"]

    voorstel = {"periode": jaar, "toelichting": "Selectielijst: termijn verstreken, archivaris akkoord."}
    wis = client.post("/api/v1/wisvoorstellen", json=voorstel, headers=kop("auditor-1", rollen=["auditor"])).json()
    r = client.post(
        f"/api/v1/wisvoorstellen/{wis['wisvoorstelId']}/goedkeuringen",
        json={},
        headers=kop("auditor-2", rollen=["auditor"]),
    )
    assert r.status_code == 201, r.text
    gewist = client.get(f"/api/v1/beleidsversies/{versie}").json()["bron"]
    assert gewist["titel"].startswith("[gewist op ") and gewist["artikelen"]["afronding"].startswith("[gewist op ")
    assert gewist["cvdr"] == "CVDR1"  # geen vrije tekst: blijft
    record = client.get(f"/api/v1/berekeningen/{boete['berekeningId']}").json()
    assert record["resultaat"]["beleid"]["bron"]["titel"] == bron["titel"]  # eigen sleutel, ander jaar
    her = client.post(f"/api/v1/berekeningen/{boete['berekeningId']}/herberekeningen").json()
    assert her["identiek"] is True, her["verschillen"]
    assert "resultaat.beleid.bron.titel" in her["gewist"]["velden"]
    assert client.get("/api/v1/audit/integriteit").json()["intact"] is True


def test_zonder_hoofdsleutel_start_de_service_niet(tmp_path):
    app = maak_app(Instellingen(database_url=f"sqlite:///{tmp_path}/a.db", jwt_secret=GEHEIM))
    with pytest.raises(Configuratiefout, match="MAATSTAF_SLEUTEL"), TestClient(app):
        pass
    fout = maak_app(Instellingen(database_url=f"sqlite:///{tmp_path}/a.db", jwt_secret=GEHEIM, sleutel="a2Vy"))
    with pytest.raises(Configuratiefout, match="32 bytes"), TestClient(fout):
        pass


def test_zonder_bewaartermijn_wist_maatstaf_niets(client_op, tmp_path):
    from tests.api.conftest import instellingen

    app = maak_app(instellingen(f"sqlite:///{tmp_path}/b.db", bewaartermijn_jaren=None))
    with TestClient(app, raise_server_exceptions=False, headers=kop(rollen=["auditor"])) as c:
        r = c.post("/api/v1/wisvoorstellen", json={"periode": 2014})
        assert r.status_code == 409 and "geen bewaartermijn" in r.json()["detail"]


def test_bewaartermijn_per_gemeente():
    inst = Instellingen(bewaartermijn_jaren=10, bewaartermijnen="0363=7, 0599=12")
    assert (inst.bewaartermijn("0363"), inst.bewaartermijn("0599"), inst.bewaartermijn("0014")) == (7, 12, 10)
    assert Instellingen().bewaartermijn("0363") is None


def test_herhaling_met_idempotency_key_geeft_de_eigen_tekst_terug(client):
    body = {"groveSchuld": {"bewijs": [BEWIJS]}}
    eerste = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json=body, headers={"Idempotency-Key": "avg-1"})
    tweede = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json=body, headers={"Idempotency-Key": "avg-1"})
    assert eerste.status_code == tweede.status_code == 201
    assert tweede.headers["Idempotent-Replayed"] == "true"
    assert tweede.json() == eerste.json() and BEWIJS in tweede.text


def test_afwijzen_met_vier_ogen_wordt_vastgelegd_en_wist_niets(client_op, database_url, monkeypatch):
    """Issue #8 §3: een tweede auditor kan een wisvoorstel ook afwijzen; dat is een auditrecord met de reden, en
    daarna kan het voorstel niet meer worden goedgekeurd (de sleutel blijft)."""
    client = client_op(database_url)
    monkeypatch.setattr(sleutels_module, "periode_van", lambda _tijdstip: 2015)
    r = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json={"groveSchuld": {"bewijs": [BEWIJS]}})
    assert r.status_code == 201, r.text
    berekening_id = r.json()["berekeningId"]
    monkeypatch.undo()
    auditor = {n: kop(n, rollen=["auditor"]) for n in ("auditor-1", "auditor-2", "auditor-3")}
    wis = client.post("/api/v1/wisvoorstellen", json={"periode": 2015}, headers=auditor["auditor-1"]).json()
    pad = f"/api/v1/wisvoorstellen/{wis['wisvoorstelId']}"
    reden = "Zaak Z-2026-00412 loopt nog bij de rechtbank; de dossiers moeten blijven."

    # wie voorstelde, besluit niet; een medewerker ook niet; een reden is verplicht
    zelf = client.post(f"{pad}/afwijzingen", json={"reden": reden}, headers=auditor["auditor-1"])
    assert zelf.status_code == 403 and "Vier ogen" in zelf.json()["detail"]
    medewerker = client.post(f"{pad}/afwijzingen", json={"reden": reden}, headers=kop("m", rollen=["medewerker"]))
    assert medewerker.status_code == 403
    zonder = client.post(f"{pad}/afwijzingen", json={}, headers=auditor["auditor-2"])
    assert zonder.status_code == 400 and zonder.json()["invalidParams"][0]["name"] == "reden"
    bsn = client.post(
        f"{pad}/afwijzingen", json={"reden": "BSN 111222333 nog in procedure"}, headers=auditor["auditor-2"]
    )
    assert bsn.status_code == 400 and bsn.json()["invalidParams"][0]["code"] == "bsn"

    r = client.post(f"{pad}/afwijzingen", json={"reden": reden}, headers=auditor["auditor-2"])
    assert r.status_code == 201, r.text
    stand = r.json()
    assert stand["status"] == "AFGEWEZEN" and stand["gewistOp"] is None and stand["goedkeuring"] is None
    assert stand["afwijzing"]["afgewezenDoor"] == "auditor-2" and stand["afwijzing"]["reden"] == reden
    assert r.headers["Location"] == pad  # het volledige pad onder /api/v1
    assert client.get(pad, headers=auditor["auditor-3"]).json() == stand

    # het besluit staat vast: niet nog eens afwijzen, en niet meer goedkeuren; er is niets gewist
    assert client.post(f"{pad}/afwijzingen", json={"reden": reden}, headers=auditor["auditor-3"]).status_code == 409
    goed = client.post(f"{pad}/goedkeuringen", json={}, headers=auditor["auditor-3"])
    assert goed.status_code == 409 and "afgewezen" in goed.json()["detail"]
    assert client.get(f"/api/v1/berekeningen/{berekening_id}").json()["invoer"]["groveSchuld"]["bewijs"] == [BEWIJS]
    assert all(ingepakt for sid, ingepakt in _ingepakt(database_url) if sid == "0363-2015")

    # de afwijzing is een auditrecord in de keten, met de reden versleuteld; de keten blijft intact
    records = client.get("/api/v1/berekeningen", headers=auditor["auditor-3"]).json()["berekeningen"]
    afwijzing = [b for b in records if b["soort"] == "wisafwijzing"]
    assert len(afwijzing) == 1 and afwijzing[0]["sub"] == "auditor-2"
    invoer, resultaat = _rij(database_url, afwijzing[0]["berekeningId"])
    assert reden not in invoer and reden not in resultaat and "versleuteld:v1:0363-" in invoer
    assert client.get("/api/v1/audit/integriteit", headers=auditor["auditor-3"]).json()["intact"]

    # een nieuw voorstel voor dezelfde periode kan wel, en dat kan worden goedgekeurd
    nieuw = client.post("/api/v1/wisvoorstellen", json={"periode": 2015}, headers=auditor["auditor-1"]).json()
    ok = client.post(f"/api/v1/wisvoorstellen/{nieuw['wisvoorstelId']}/goedkeuringen", headers=auditor["auditor-3"])
    assert ok.status_code == 201 and ok.json()["status"] == "GEWIST", ok.text
    assert client.get(pad, headers=auditor["auditor-3"]).json()["status"] == "AFGEWEZEN"


@pytest.mark.parametrize(
    "methode, pad, veld",
    [
        ("get", "/api/v1/wisvoorstellen/geen-id", "wisvoorstelId"),
        ("post", "/api/v1/wisvoorstellen/geen-id/goedkeuringen", "wisvoorstelId"),
        ("get", "/api/v1/beleidsversies/geen-id", "beleidsversieId"),
        ("get", "/api/v1/berekeningen/geen-id", "berekeningId"),
    ],
)
def test_een_ongeldig_id_in_het_pad_noemt_het_veld(client, methode, pad, veld):
    """Elk id in een pad wordt op één manier gecontroleerd (records.geldig_id): 400 met invalidParams."""
    rollen = ["auditor", "beleidsmedewerker", "beleidsbeheerder", "beoordelaar", "medewerker"]
    r = getattr(client, methode)(pad, headers=kop("auditor-9", rollen=rollen))
    assert r.status_code == 400, r.text
    assert r.json()["invalidParams"] == [{"name": veld, "code": "uuid", "reason": "Geen geldig id (UUID)."}]
