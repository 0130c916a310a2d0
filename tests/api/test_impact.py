"""POST /api/v1/impactanalyses (issue #9 §4): de vastgelegde boetes van de eigen gemeente onder een kandidaat."""

from __future__ import annotations

import hashlib
import json

import pytest
from fastapi.testclient import TestClient

from app.main import maak_app
from tests.api.conftest import VOORBEELD, instellingen, kop

PAD = "/api/v1/impactanalyses"
#: Een correctie van de norm voor een alleenstaande per 2026: € 1.501,50 in plaats van € 1.401,50.
CORRECTIE = """\
parameters:
  norm.alleenstaande:
    versies:
      - {geldigVanaf: 2026-01-01, waarde: "1501.50", status: geverifieerd, bron: "test", vervangt: true,
         reden: "test van een impactanalyse"}
"""
GEHUWDEN = {**VOORBEELD, "huishouden": {"leefvorm": "GEHUWDEN"}}
OPZET = {**VOORBEELD, "verwijtbaarheid": {"graad": "OPZET", "bewijs": ["Rapport Z-2026-0042: inkomsten niet gemeld."]}}
HOOG = {**VOORBEELD, "benadelingsbedrag": "1000.00"}  # 50% = € 500, onder de draagkracht: verandert niet


def verzoek(kandidaat: dict | None = None, **selectie) -> dict:
    return {
        "kandidaat": kandidaat or {"regelmap": "normcorrectie"},
        "selectie": {"soort": "boeteberekeningen", **selectie},
    }


@pytest.fixture
def maak(tmp_path):
    (tmp_path / "kandidaten" / "normcorrectie").mkdir(parents=True)
    (tmp_path / "kandidaten" / "normcorrectie" / "normen.yaml").write_text(CORRECTIE)
    geopend = []

    def maak(url: str, **anders) -> TestClient:
        app = maak_app(instellingen(url, kandidaatregels_dir=str(tmp_path / "kandidaten"), **anders))
        c = TestClient(app, raise_server_exceptions=False, headers=kop())
        c.__enter__()
        geopend.append(c)
        return c

    yield maak
    for c in geopend:
        c.__exit__(None, None, None)


def _regels(r) -> tuple[dict, list[dict]]:
    assert r.status_code == 201, r.text
    assert r.headers["content-type"] == "application/x-ndjson"
    eerste, *rest = r.text.splitlines()
    return json.loads(eerste), [json.loads(x) for x in rest]


def _boete(client, body: dict, **kopargs) -> str:
    r = client.post("/api/v1/boeteberekeningen", json=body, headers=kop(**kopargs) if kopargs else None)
    assert r.status_code == 201
    return r.json()["berekeningId"]


def test_exacte_verschillen_bij_een_normcorrectie(maak, database_url):
    client = maak(database_url)
    ids = {naam: _boete(client, body) for naam, body in [("a", VOORBEELD), ("g", GEHUWDEN), ("o", OPZET), ("h", HOOG)]}
    store = client.app.state.api.state.store
    voor = store.aantal()
    r = client.post(PAD, json=verzoek(), headers=kop(rollen=["beoordelaar"]))
    samenvatting, regels = _regels(r)
    # draagkracht = 5% van de norm per maand: 1401,50 → 70,07 en 1501,50 → 75,07; 12 maanden (NORMAAL), 24 (OPZET)
    assert regels == [
        {
            "berekeningId": ids["a"],
            "oud": {"uitkomst": "BOETE", "boete": "840.84", "bepalendeBegrenzing": "DRAAGKRACHT"},
            "nieuw": {"uitkomst": "BOETE", "boete": "900.84", "bepalendeBegrenzing": "DRAAGKRACHT"},
            "verschil": "60.00",
        },
        {
            "berekeningId": ids["o"],
            "oud": {"uitkomst": "BOETE", "boete": "1681.68", "bepalendeBegrenzing": "DRAAGKRACHT"},
            "nieuw": {"uitkomst": "BOETE", "boete": "1801.68", "bepalendeBegrenzing": "DRAAGKRACHT"},
            "verschil": "120.00",
        },
    ]
    assert samenvatting["aantal"] == 4 and samenvatting["aantalGewijzigd"] == 2 and samenvatting["aantalFout"] == 0
    assert samenvatting["totaalOud"] == "4223.72" and samenvatting["totaalNieuw"] == "4403.72"
    assert samenvatting["verschil"] == "180.00"
    assert samenvatting["perBepalendeBegrenzing"] == [
        {
            "bepalendeBegrenzing": "DRAAGKRACHT",
            "aantalOud": 3,
            "aantalNieuw": 3,
            "totaalOud": "3723.72",
            "totaalNieuw": "3903.72",
        },
        {
            "bepalendeBegrenzing": "PERCENTAGE",
            "aantalOud": 1,
            "aantalNieuw": 1,
            "totaalOud": "500.00",
            "totaalNieuw": "500.00",
        },
    ]
    assert samenvatting["verschuivingen"] == []
    assert samenvatting["kandidaat"]["regelmap"] == "normcorrectie"
    assert samenvatting["kandidaat"]["regelversie"] != samenvatting["huidigeRegelversie"]
    # precies één nieuw record: de analyse zelf, met de samenvatting en de hash van de regels
    assert store.aantal() == voor + 1
    record = client.get(r.headers["location"].removeprefix("http://testserver")).json()
    assert record["soort"] == "impactanalyse" and record["berekeningId"] == samenvatting["analyseId"]
    assert record["resultaat"] == samenvatting
    tekst = "".join(x + "\n" for x in r.text.splitlines()[1:]).encode()
    assert hashlib.sha256(tekst).hexdigest() == samenvatting["wijzigingenSha256"]
    # de opgeslagen boetes zelf zijn niet veranderd
    assert client.get(f"/api/v1/berekeningen/{ids['a']}").json()["resultaat"]["boete"] == "840.84"
    # de kandidaat is bewaard: de analyse is na te rekenen
    assert store.regelset(samenvatting["kandidaat"]["regelversie"]) is not None
    # de analyse rekent met de ontsleutelde invoer (het bewijs staat versleuteld in de database)
    [(eerste, laatste, aantal)] = store.blokken("0363", "boeteberekening", None, None, 5000)
    invoeren = [json.loads(r[1]) for r in store.records_in_blok("0363", "boeteberekening", None, None, eerste, laatste)]
    assert aantal == 4 and [i["verwijtbaarheid"].get("bewijs") for i in invoeren] == [
        None,
        None,
        ["Rapport Z-2026-0042: inkomsten niet gemeld."],
        None,
    ]


def test_verschuiving_van_begrenzing(maak, sqlite_url, tmp_path):
    """Een hogere norm maakt de draagkracht groter dan 50% van € 1.000: de begrenzing verschuift."""
    client = maak(sqlite_url)
    (tmp_path / "kandidaten" / "hoog").mkdir()
    (tmp_path / "kandidaten" / "hoog" / "normen.yaml").write_text(CORRECTIE.replace("1501.50", "9001.50"))
    _boete(client, {**VOORBEELD, "benadelingsbedrag": "2000.00"})  # 50% = 1000 > 840,84: DRAAGKRACHT
    samenvatting, regels = _regels(client.post(PAD, json=verzoek({"regelmap": "hoog"})))
    assert regels[0]["oud"] == {"uitkomst": "BOETE", "boete": "840.84", "bepalendeBegrenzing": "DRAAGKRACHT"}
    assert regels[0]["nieuw"] == {"uitkomst": "BOETE", "boete": "1000.00", "bepalendeBegrenzing": "PERCENTAGE"}
    assert samenvatting["verschuivingen"] == [{"van": "DRAAGKRACHT", "naar": "PERCENTAGE", "aantal": 1}]


def test_nooit_records_van_een_andere_gemeente(maak, database_url):
    client = maak(database_url)
    _boete(client, VOORBEELD, gemeente="0599")
    _boete(client, OPZET, gemeente="0599")
    eigen = _boete(client, VOORBEELD)
    samenvatting, regels = _regels(client.post(PAD, json=verzoek()))
    assert samenvatting["aantal"] == 1 and [x["berekeningId"] for x in regels] == [eigen]
    # en de andere gemeente ziet alleen de hare
    samenvatting, regels = _regels(client.post(PAD, json=verzoek(), headers=kop(gemeente="0599", rollen=["auditor"])))
    assert samenvatting["aantal"] == 2 and eigen not in {x["berekeningId"] for x in regels}


def test_selectie_op_periode_en_alleen_boetes(maak, sqlite_url):
    client = maak(sqlite_url)
    _boete(client, VOORBEELD)
    client.post("/api/v1/verwijtbaarheidsbeoordelingen", json={})
    samenvatting, _ = _regels(client.post(PAD, json=verzoek()))
    assert samenvatting["aantal"] == 1  # de verwijtbaarheidsbeoordeling telt niet mee
    samenvatting, regels = _regels(client.post(PAD, json=verzoek(van="2099-01-01")))
    assert samenvatting["aantal"] == 0 and regels == [] and samenvatting["totaalOud"] == "0.00"
    assert samenvatting["selectie"] == {"soort": "boeteberekeningen", "van": "2099-01-01"}
    samenvatting, _ = _regels(client.post(PAD, json=verzoek(tot="2000-01-01")))
    assert samenvatting["aantal"] == 0


def test_de_voorbeeldkandidaat_van_make_run(tmp_path):
    """README en `make run`: voorbeelden/kandidaatregels/normcorrectie-2026 is een geldige kandidaat, en de boete uit
    het voorbeeld van de README wordt er € 60,00 hoger van."""
    from pathlib import Path

    kandidaten = Path(__file__).resolve().parents[2] / "voorbeelden" / "kandidaatregels"
    app = maak_app(instellingen(f"sqlite:///{tmp_path}/v.db", kandidaatregels_dir=str(kandidaten)))
    with TestClient(app, headers=kop()) as client:
        _boete(client, VOORBEELD)
        samenvatting, regels = _regels(client.post(PAD, json=verzoek({"regelmap": "normcorrectie-2026"})))
    assert samenvatting["aantalGewijzigd"] == 1 and regels[0]["verschil"] == "60.00"


def test_van_na_tot_is_een_fout_van_de_vraag(maak, sqlite_url):
    """Issue #20, 11: van na tot gaf 201 met 0 boetes (en een vastgelegde analyse); het teamoverzicht geeft dan 400."""
    client = maak(sqlite_url)
    _boete(client, VOORBEELD)
    voor = client.app.state.api.state.store.aantal()
    r = client.post(PAD, json=verzoek(van="2026-12-31", tot="2026-01-01"))
    assert r.status_code == 400, r.text
    assert r.json()["invalidParams"] == [
        {"name": "selectie.van", "code": "datumvolgorde", "reason": "De datum van ligt na de datum tot."}
    ]
    assert client.app.state.api.state.store.aantal() == voor
    samenvatting, _ = _regels(client.post(PAD, json=verzoek(van="2026-01-01", tot="2026-01-01")))  # één dag mag
    assert samenvatting["selectie"] == {"soort": "boeteberekeningen", "van": "2026-01-01", "tot": "2026-01-01"}


def test_bewaarde_regelversie_als_kandidaat_verandert_niets(maak, sqlite_url):
    client = maak(sqlite_url)
    _boete(client, VOORBEELD)
    huidig = client.app.state.api.state.regeldata.versie
    samenvatting, regels = _regels(client.post(PAD, json=verzoek({"regelversie": huidig})))
    assert samenvatting["aantal"] == 1 and samenvatting["aantalGewijzigd"] == 0 and regels == []
    assert samenvatting["kandidaat"] == {"regelversie": huidig}


def test_rol_en_ongeldige_kandidaat(maak, sqlite_url):
    client = maak(sqlite_url)
    _boete(client, VOORBEELD)
    voor = client.app.state.api.state.store.aantal()
    assert client.post(PAD, json=verzoek(), headers=kop(rollen=["medewerker"])).status_code == 403
    r = client.post(PAD, json=verzoek({"regelmap": "bestaat-niet"}))
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "kandidaat.regelmap"
    # issue #20, 11: geen opsomming van de kandidaten op de server (die zijn er voor alle gemeenten)
    assert "normcorrectie" not in r.text
    r = client.post(PAD, json=verzoek({"regelmap": "../kandidaten"}))
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "kandidaat.regelmap"
    r = client.post(PAD, json=verzoek({"regelversie": "sha256:0000000000000000"}))
    assert r.status_code == 400 and r.json()["invalidParams"][0]["code"] == "onbekend"
    r = client.post(PAD, json=verzoek({"regelmap": "normcorrectie", "regelversie": "sha256:0000000000000000"}))
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "kandidaat"
    r = client.post(
        PAD, json={"kandidaat": {"regelmap": "normcorrectie"}, "selectie": {"soort": "benadelingsbedragen"}}
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "selectie.soort"
    assert client.app.state.api.state.store.aantal() == voor  # een geweigerde analyse legt niets vast


def test_in_rekenprocessen_op_postgresql(maak, postgres_url):
    """Met rekenprocessen leest elk proces zijn blok zelf uit de database en ontsleutelt de invoer."""
    client = maak(postgres_url, rekenprocessen=1)
    ids = [_boete(client, body) for body in (VOORBEELD, OPZET, HOOG)]
    samenvatting, regels = _regels(client.post(PAD, json=verzoek()))
    assert [x["berekeningId"] for x in regels] == [ids[0], ids[1]]
    assert [x["verschil"] for x in regels] == ["60.00", "120.00"]
    assert samenvatting["aantal"] == 3 and samenvatting["verschil"] == "180.00"


def test_idempotency_key_herhaalt_de_samenvatting(maak, sqlite_url):
    client = maak(sqlite_url)
    _boete(client, VOORBEELD)
    sleutel = {**kop(), "Idempotency-Key": "impact-1"}
    eerste, regels = _regels(client.post(PAD, json=verzoek(), headers=sleutel))
    assert len(regels) == 1
    aantal = client.app.state.api.state.store.aantal()
    _boete(client, OPZET)  # een nieuwe boete verandert de herhaling niet
    r = client.post(PAD, json=verzoek(), headers=sleutel)
    tweede, geen = _regels(r)
    assert tweede == eerste and geen == [] and r.headers["idempotent-replayed"] == "true"
    assert r.headers["location"] == f"/api/v1/berekeningen/{eerste['analyseId']}"
    assert client.app.state.api.state.store.aantal() == aantal + 1  # alleen de nieuwe boete
    r = client.post(PAD, json=verzoek(van="2020-01-01"), headers=sleutel)
    assert r.status_code == 422 and r.json()["code"] == "idempotency_key_hergebruikt"


def test_het_voorbeeld_uit_het_openapi_document(maak, sqlite_url, tmp_path):
    """'Try it out': met de kandidaat uit het voorbeeld op de server geeft het voorbeeld 201."""
    client = maak(sqlite_url)
    (tmp_path / "kandidaten" / "normcorrectie-2026").mkdir()
    (tmp_path / "kandidaten" / "normcorrectie-2026" / "normen.yaml").write_text(CORRECTIE)
    voorbeeld = client.get("/api/v1/openapi.json").json()["paths"]["/impactanalyses"]["post"]["requestBody"]
    r = client.post(PAD, json=voorbeeld["content"]["application/json"]["example"])
    assert r.status_code == 201, r.text


def test_elke_boete_houdt_de_beleidsversie_waarmee_zij_rekende(maak, database_url):
    """De kandidaat verandert de regels, niet het beleid van de gemeente: een boete die met een eigen beleidsversie
    rekende (draagkracht over 10 maanden) rekent in de analyse met precies die versie, ook als er intussen een andere
    geldt."""
    client = maak(database_url)
    beheerders = [kop(f"beleid-{x}", rollen=["beleidsbeheerder"]) for x in "ab"]

    def stel_vast(maanden: int, vanaf: str) -> str:
        bron = {"titel": "Beleidsregels handhaving 2026", "cvdr": "CVDR712345", "artikel": "artikel 3"}
        voorstel = {"geldigVanaf": vanaf, "waarden": {"draagkrachtMaanden": {"NORMAAL": maanden}}, "bron": bron}
        r = client.post("/api/v1/beleidsversies", json=voorstel, headers=beheerders[0])
        assert r.status_code == 201, r.text
        versie = r.json()["beleidsversieId"]
        besluit = {"besluit": "GOEDGEKEURD"}
        r = client.post(f"/api/v1/beleidsversies/{versie}/beoordelingen", json=besluit, headers=beheerders[1])
        assert r.status_code == 201, r.text
        return versie

    stel_vast(10, "2026-01-01")
    boete = client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()
    assert boete["boete"] == "700.70" and boete["draagkracht"]["maanden"] == 10  # 10 x € 70,07
    stel_vast(6, "2026-02-01")  # geldt nu op de beschikkingsdatum 2026-02-02, maar niet voor die boete
    huidig = client.app.state.api.state.regeldata.versie
    samenvatting, regels = _regels(client.post(PAD, json=verzoek({"regelversie": huidig})))
    assert samenvatting["aantal"] == 1 and samenvatting["aantalGewijzigd"] == 0 and regels == []
    # onder de normcorrectie: 10 x € 75,07 = € 750,70 (met 12 maanden zou het € 900,84 zijn, met 6 € 450,42)
    _, regels = _regels(client.post(PAD, json=verzoek()))
    assert [(r["oud"]["boete"], r["nieuw"]["boete"], r["verschil"]) for r in regels] == [("700.70", "750.70", "50.00")]


def _voorstel(client, maanden: int, vanaf: str = "2027-01-01", **kopargs) -> str:
    """Een voorgestelde (niet vastgestelde) beleidsversie: draagkracht over ``maanden`` bij normale verwijtbaarheid."""
    bron = {"titel": "Concept beleidsregels handhaving 2027", "cvdr": "CVDR712345", "artikel": "artikel 3"}
    voorstel = {"geldigVanaf": vanaf, "waarden": {"draagkrachtMaanden": {"NORMAAL": maanden}}, "bron": bron}
    r = client.post(
        "/api/v1/beleidsversies", json=voorstel, headers=kop("beleid-a", rollen=["beleidsbeheerder"], **kopargs)
    )
    assert r.status_code == 201, r.text
    return r.json()["beleidsversieId"]


def test_een_voorgestelde_beleidsversie_als_kandidaat(maak, database_url):
    """Wat zou het voorgestelde beleid (draagkracht over 6 in plaats van 12 maanden) met de boetes van dit jaar doen?
    Elke boete rekent met haar eigen regelversie en de keuzes van het voorstel, ook vóór diens geldigVanaf; er wordt
    niets vastgesteld en geen berekening vastgelegd, alleen de analyse."""
    client = maak(database_url)
    store = client.app.state.api.state.store
    boete = client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()
    assert boete["boete"] == "840.84" and boete["draagkracht"]["maanden"] == 12  # 12 x € 70,07, landelijk
    hoog = client.post("/api/v1/boeteberekeningen", json=HOOG).json()
    assert hoog["boete"] == "500.00"  # 50% van € 1.000: onder 12 maanden draagkracht, boven 6 maanden (€ 420,42)
    versie = _voorstel(client, 6)
    voor = store.aantal()
    samenvatting, regels = _regels(client.post(PAD, json=verzoek({"beleidsversie": versie})))
    assert samenvatting["kandidaat"] == {"beleidsversie": versie, "status": "VOORGESTELD", "geldigVanaf": "2027-01-01"}
    assert samenvatting["aantal"] == 2 and samenvatting["aantalGewijzigd"] == 2 and samenvatting["aantalFout"] == 0
    gewijzigd = {r["berekeningId"]: (r["oud"]["boete"], r["nieuw"]["boete"], r["verschil"]) for r in regels}
    assert gewijzigd == {
        boete["berekeningId"]: ("840.84", "420.42", "-420.42"),  # 6 x € 70,07
        hoog["berekeningId"]: ("500.00", "420.42", "-79.58"),
    }
    assert samenvatting["totaalOud"] == "1340.84" and samenvatting["totaalNieuw"] == "840.84"
    assert store.aantal() == voor + 1  # alleen de analyse
    r = client.get(f"/api/v1/beleidsversies/{versie}", headers=kop("beleid-a", rollen=["beleidsbeheerder"]))
    assert r.json()["status"] == "VOORGESTELD"  # een analyse stelt niets vast


def test_beleidsversie_van_een_andere_gemeente_is_geen_kandidaat(maak, sqlite_url):
    client = maak(sqlite_url)
    _boete(client, VOORBEELD)
    anders = _voorstel(client, 6, gemeente="0599")
    for kandidaat in ({"beleidsversie": anders}, {"beleidsversie": "00000000-0000-4000-8000-000000000000"}):
        r = client.post(PAD, json=verzoek(kandidaat))
        assert r.status_code == 400, r.text
        assert r.json()["invalidParams"][0]["name"] == "kandidaat.beleidsversie"
    r = client.post(PAD, json=verzoek({"beleidsversie": anders, "regelmap": "normcorrectie"}))
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "kandidaat"


def test_een_keuze_die_de_wet_op_de_beschikkingsdatum_niet_toestaat_geeft_een_fout():
    """Een kandidaat-beleidsversie is alleen aan de wet vanaf haar eigen geldigVanaf getoetst; op de datum van een
    oudere boete toetst de analyse haar opnieuw. Wat de wet daar niet toestaat, geeft een fout, geen bedrag."""
    from datetime import UTC, date, datetime

    from app.api.impact.blok import herbereken_boete
    from app.domain.beleid import Beleidsbron, Beleidslijn, Beleidsversie
    from app.domain.fouten import Invoerfout
    from app.regels import standaard

    data = standaard()
    bron = Beleidsbron("Concept", "CVDR712345", None, "artikel 3", {})
    te_lang = Beleidsversie("v", "0363", date(2027, 1, 1), {"draagkrachtMaanden": {"NORMAAL": 30}}, bron, "VOORGESTELD")
    invoer = json.dumps(VOORBEELD)
    resultaat = {"beschikkingsdatum": VOORBEELD["beschikkingsdatum"]}
    tijdstip = datetime(2026, 2, 2, tzinfo=UTC)
    with pytest.raises(Invoerfout, match="draagkrachtMaanden"):
        herbereken_boete(invoer, resultaat, tijdstip, data, Beleidslijn.precies("0363", te_lang), toets_beleid=True)
    # zonder toets (een vastgestelde versie die de boete zelf gebruikte) rekent hij gewoon
    zes = Beleidsversie("w", "0363", date(2027, 1, 1), {"draagkrachtMaanden": {"NORMAAL": 6}}, bron, "VOORGESTELD")
    uit = herbereken_boete(invoer, resultaat, tijdstip, data, Beleidslijn.precies("0363", zes), toets_beleid=True)
    assert uit["boete"] == "420.42"
