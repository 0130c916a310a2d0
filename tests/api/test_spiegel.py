"""Issue #10 §2 en §3: vergelijkbare zaken bij de boete en het teamoverzicht voor de beleidsmedewerker."""

from __future__ import annotations

import base64
import csv
import io
import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.http.auth import BELEIDSMEDEWERKER, BEOORDELAAR, MEDEWERKER, maak_token
from app.db.versleuteling import pseudoniem
from app.domain import spiegel
from tests.api.conftest import GEHEIM, SLEUTEL, VOORBEELD, kop

BOETE = "/api/v1/boeteberekeningen"
OVERZICHT = "/api/v1/teamoverzichten"
OPZET = {"graad": "OPZET", "bewijs": ["Rapport Z-2025-0001: inkomsten bewust verzwegen"]}
MOTIVERING = "Betrokkene verzorgde in de hele periode haar zieke moeder; een lagere boete is evenredig."


def zaak(soort: str | None = "INKOMEN", **anders) -> dict:
    overtreding = dict(VOORBEELD["overtreding"])  # 2025-03 tot en met 2025-10: acht maanden
    if soort is not None:
        overtreding["soortOvertreding"] = soort
    return {**VOORBEELD, "overtreding": overtreding, **anders}


def kop_team(sub: str, team: str | None = None, gemeente: str = "0363", rollen=(MEDEWERKER,)) -> dict:
    return {"Authorization": f"Bearer {maak_token(sub, gemeente, rollen, GEHEIM, 3600, team=team)}"}


def boeten(client, n: int, verzoek: dict | None = None, headers: dict | None = None) -> list[dict]:
    uit = []
    for _ in range(n):
        r = client.post(BOETE, json=verzoek or zaak(), headers=headers)
        assert r.status_code == 201, r.text
        uit.append(r.json())
    return uit


def _store(client):
    return client.app.state.api.state.store


def _zonder_spiegel(resultaat: dict) -> dict:
    return {k: v for k, v in resultaat.items() if k not in ("berekeningId", "vergelijkbareZaken")}


# ---------------------------------------------------------------- §2 vergelijkbare zaken


def test_zonder_soort_overtreding_geen_vergelijking(client):
    r = client.post(BOETE, json=VOORBEELD)
    assert r.status_code == 201
    blok = r.json()["vergelijkbareZaken"]
    assert blok["getoond"] is False and blok["soortOvertreding"] is None and blok["aantal"] is None
    assert "overtreding.soortOvertreding" in blok["toelichting"]


def test_ongeldige_soort_overtreding_geeft_400(client):
    r = client.post(BOETE, json=zaak("NAAM_VAN_DE_BUURMAN"))
    assert r.status_code == 400
    assert [p["name"] for p in r.json()["invalidParams"]] == ["overtreding.soortOvertreding"]


def test_kleine_aantallen_niet_getoond_tot_tien(client):
    negen = boeten(client, 10)
    assert all(b["vergelijkbareZaken"]["getoond"] is False for b in negen)  # 0 tot en met 9 eerdere zaken
    eerste = negen[0]["vergelijkbareZaken"]
    assert eerste["aantal"] is None and eerste["verwijtbaarheid"] is None
    assert eerste["toelichting"].startswith("Minder dan 10 vergelijkbare zaken van uw gemeente")
    tiende = client.post(BOETE, json=zaak()).json()["vergelijkbareZaken"]
    assert tiende["getoond"] is True and tiende["aantal"] == 10
    assert tiende["verwijtbaarheid"] == {"OPZET": 0, "GROVE_SCHULD": 0, "NORMAAL": 10, "VERMINDERD": 0, "GEEN": 0}
    assert tiende["uitkomsten"] == {
        "BOETE": 10,
        "WAARSCHUWING": 0,
        "AFGEZIEN": 0,
        "GEEN_BOETE": 0,
        "BEOORDELING_VEREIST": 0,
    }
    assert tiende["draagkrachtBegrensd"] == 10  # € 840,84 naar draagkracht, zie README
    assert (tiende["soortOvertreding"], tiende["duurklasse"], tiende["herhaling"]) == (
        "INKOMEN",
        "TOT_12_MAANDEN",
        "EERSTE",
    )
    assert tiende["signalen"] == []


def test_ongebruikelijke_keuze_geeft_signaal_maar_zelfde_boete(client):
    boeten(client, 33)
    boeten(client, 2, zaak(verwijtbaarheid=OPZET))
    boeten(client, 3, zaak(verwijtbaarheid={"graad": "GROVE_SCHULD", "bewijs": ["drie brieven niet beantwoord"]}))
    r = client.post(BOETE, json=zaak(verwijtbaarheid=OPZET))
    blok = r.json()["vergelijkbareZaken"]
    assert blok["aantal"] == 38
    assert blok["signalen"] == [
        "In 38 vergelijkbare zaken koos uw gemeente 33 keer normale verwijtbaarheid; opzet is hier ongebruikelijk. "
        "Motiveer waarom deze zaak anders is."
    ]
    # de gewone keuze geeft geen signaal
    assert client.post(BOETE, json=zaak()).json()["vergelijkbareZaken"]["signalen"] == []
    # het signaal verandert niets: dezelfde boete als zonder geschiedenis
    assert r.json()["boete"] == "1681.68" and r.json()["verwijtbaarheid"] == "OPZET"  # 24 x € 70,07


def test_waarschuwing_ongebruikelijk(client):
    boeten(client, 12)
    r = client.post(BOETE, json=zaak(benadelingsbedrag="100.00"))
    assert r.json()["uitkomst"] == "WAARSCHUWING"
    assert r.json()["vergelijkbareZaken"]["signalen"] == [
        "In 12 vergelijkbare zaken gaf uw gemeente 12 keer een boete; een waarschuwing is hier ongebruikelijk. "
        "Motiveer waarom deze zaak anders is."
    ]


def test_andere_soort_duur_of_herhaling_telt_niet_mee(client):
    boeten(client, 12, zaak("WERK"))
    lang = zaak(overtreding={"begindatum": "2022-01-01", "einddatum": "2025-10-31", "soortOvertreding": "INKOMEN"})
    boeten(client, 12, lang)
    blok = client.post(BOETE, json=zaak()).json()["vergelijkbareZaken"]
    assert blok["getoond"] is False
    assert client.post(BOETE, json=lang).json()["vergelijkbareZaken"]["duurklasse"] == "LANGER_DAN_36_MAANDEN"
    herhaald = zaak(eerdereSancties=[{"soort": "BOETE", "datum": "2024-01-15"}])
    assert client.post(BOETE, json=herhaald).json()["vergelijkbareZaken"]["herhaling"] == "HERHAALD"


def test_maatwerk_telt_bij_de_zaak(client):
    ids = [b["berekeningId"] for b in boeten(client, 11)]
    aanvrager, beoordelaar = kop_team("jan", "NOORD"), kop_team("piet", "NOORD", rollen=(BEOORDELAAR,))
    besluiten = []
    for berekening_id in ids[:3]:
        r = client.post(
            f"/api/v1/berekeningen/{berekening_id}/maatwerkbesluiten",
            json={"grond": "AWB_5_46", "boete": "420.00", "motivering": MOTIVERING},
            headers=aanvrager,
        )
        assert r.status_code == 201, r.text
        besluiten.append(r.json()["maatwerkbesluitId"])
    for besluit, oordeel in zip(besluiten[:2], ("GOEDGEKEURD", "AFGEWEZEN"), strict=True):
        body = {"besluit": oordeel, "reden": "Zorgtaak is niet aangetoond met stukken in het dossier Z-12."}
        r = client.post(f"/api/v1/maatwerkbesluiten/{besluit}/beoordelingen", json=body, headers=beoordelaar)
        assert r.status_code == 201, r.text
    blok = client.post(BOETE, json=zaak()).json()["vergelijkbareZaken"]
    assert blok["maatwerk"] == {"aangevraagd": 3, "goedgekeurd": 1, "afgewezen": 1}
    totaal = client.get(OVERZICHT).json()["totaal"]
    assert totaal["maatwerk"] == {"aangevraagd": 3, "goedgekeurd": 1, "afgewezen": 1}


def test_nooit_zaken_van_een_andere_gemeente(client):
    boeten(client, 15, headers=kop(gemeente="0599"))
    blok = client.post(BOETE, json=zaak()).json()["vergelijkbareZaken"]
    assert blok["getoond"] is False and blok["aantal"] is None
    overzicht = client.get(OVERZICHT).json()
    assert overzicht["gemeente"] == "0363" and overzicht["totaal"] == {"getoond": False}
    assert client.get(OVERZICHT, headers=kop(gemeente="0599")).json()["totaal"]["boeteberekeningen"] == 15


def test_herberekening_blijft_identiek_als_de_geschiedenis_groeit(client):
    boeten(client, 10)
    eerste = client.post(BOETE, json=zaak()).json()
    assert eerste["vergelijkbareZaken"]["aantal"] == 10
    boeten(client, 5)
    r = client.post(f"/api/v1/berekeningen/{eerste['berekeningId']}/herberekeningen")
    assert r.status_code == 201
    assert r.json()["identiek"] is True and r.json()["verschillen"] == []
    # vastgelegd zoals de professional het zag
    record = client.get(f"/api/v1/berekeningen/{eerste['berekeningId']}").json()
    assert record["resultaat"]["vergelijkbareZaken"]["aantal"] == 10


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    graad=st.sampled_from(["NORMAAL", "OPZET", "GROVE_SCHULD", "VERMINDERD"]),
    soort=st.sampled_from(spiegel.SOORTEN_OVERTREDING),
    bedrag=st.decimals(min_value=1, max_value=60000, places=2),
    herhaald=st.booleans(),
)
def test_eigenschap_geschiedenis_verandert_de_boete_nooit(client_op, tmp_path_factory, graad, soort, bedrag, herhaald):
    """Dezelfde zaak, met en zonder geschiedenis (veel vergelijkbare zaken van elke soort en graad): elk ander veld
    van het resultaat is gelijk."""
    global _MET, _ZONDER
    if _MET is None:
        _MET = client_op(f"sqlite:///{tmp_path_factory.mktemp('met')}/m.db")
        _ZONDER = client_op(f"sqlite:///{tmp_path_factory.mktemp('zonder')}/z.db")
        store = _store(_MET)
        nu = datetime.now(UTC)
        geschiedenis = []
        for s in spiegel.SOORTEN_OVERTREDING:
            for klasse in (*[k for _, k in spiegel.DUURKLASSEN], spiegel.LANGSTE_DUURKLASSE):
                for herhaling in (spiegel.EERSTE, spiegel.HERHAALD):
                    for g in spiegel.GRADEN:
                        teller = ((spiegel.ZAKEN, spiegel.BOETEBEREKENING), (spiegel.GRAAD, g))
                        kenmerken = spiegel.Zaakkenmerken(s, klasse, herhaling)
                        geschiedenis += [(spiegel.Tellingen(teller, teller, kenmerken), "0363", nu)] * 7
        with store.engine.begin() as verbinding:
            store._tel(verbinding, geschiedenis)
    verwijtbaarheid = {"graad": graad} if graad in ("NORMAAL", "VERMINDERD") else {"graad": graad, "bewijs": ["x y"]}
    if graad == "VERMINDERD":
        verwijtbaarheid = {"verminderingsgronden": [{"code": "ZELF_GECORRIGEERD", "toelichting": "zelf gemeld"}]}
    verzoek = zaak(
        soort,
        benadelingsbedrag=f"{bedrag:.2f}",
        verwijtbaarheid=verwijtbaarheid,
        eerdereSancties=[{"soort": "BOETE", "datum": "2024-01-15"}] if herhaald else [],
    )
    met, zonder = _MET.post(BOETE, json=verzoek), _ZONDER.post(BOETE, json=verzoek)
    assert met.status_code == zonder.status_code == 201, met.text
    assert met.json()["vergelijkbareZaken"]["getoond"] is True
    assert _zonder_spiegel(met.json()) == _zonder_spiegel(zonder.json())


_MET = _ZONDER = None


@pytest.fixture(autouse=True)
def _vergeet_clients():
    global _MET, _ZONDER
    yield
    _MET = _ZONDER = None


# ---------------------------------------------------------------- §3 het teamoverzicht


def test_rollen_en_token(client):
    assert client.get(OVERZICHT, headers={"Authorization": ""}).status_code == 401
    r = client.get(OVERZICHT, headers=kop(rollen=(MEDEWERKER, BEOORDELAAR, "auditor")))
    assert r.status_code == 403 and "beleidsmedewerker" in r.json()["detail"]
    assert client.get(OVERZICHT, headers=kop(rollen=(BELEIDSMEDEWERKER,))).status_code == 200
    # de beleidsmedewerker rekent niet
    assert client.post(BOETE, json=zaak(), headers=kop(rollen=(BELEIDSMEDEWERKER,))).status_code == 403


@pytest.mark.parametrize(
    "team", ["jan de vries", "noord", "A" * 17, "123456782", "", 12, ["NOORD"], "NOORD\n", "NOORD-1;DROP"]
)
def test_claim_team_alleen_een_korte_code(client, team):
    token = maak_token("jan", "0363", (MEDEWERKER,), GEHEIM, 3600, team=team)
    r = client.post(BOETE, json=zaak(), headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401 and "team" in r.json()["detail"]


def test_team_staat_in_het_record_en_de_hash(client):
    r = client.post(BOETE, json=zaak(), headers=kop_team("jan", "HANDHAVING-NOORD"))
    record = client.get(f"/api/v1/berekeningen/{r.json()['berekeningId']}").json()
    assert record["team"] == "HANDHAVING-NOORD"
    assert client.get("/api/v1/audit/integriteit").json()["intact"] is True


def test_teamoverzicht_per_team_en_medewerker_met_kleine_aantallen(client):
    boeten(client, 10, headers=kop_team("jan", "NOORD"))
    boeten(client, 9, headers=kop_team("piet", "NOORD"))
    boeten(client, 2, zaak(verwijtbaarheid=OPZET), headers=kop_team("piet", "NOORD"))
    boeten(client, 4, headers=kop_team("klaas", "ZUID"))
    overzicht = client.get(OVERZICHT).json()
    noord, zuid = overzicht["teams"]
    assert noord["team"] == "NOORD" and noord["getoond"] is True and noord["boeteberekeningen"] == 21
    assert noord["verwijtbaarheid"]["OPZET"] == 2 and noord["verwijtbaarheid"]["NORMAAL"] == 19
    assert zuid == {"team": "ZUID", "getoond": False}  # 4 zaken: niet getoond
    assert overzicht["totaal"]["boeteberekeningen"] == 25
    # per medewerker alleen een pseudoniem, op volgorde van het pseudoniem; beide hebben ten minste tien zaken
    sleutel = base64.b64decode(SLEUTEL)
    verwacht = sorted([(pseudoniem(sleutel, "0363", "jan"), 10), (pseudoniem(sleutel, "0363", "piet"), 11)])
    assert [(m["medewerker"], m["zaken"]) for m in noord["medewerkers"]] == verwacht
    assert noord["medewerkersNietGetoond"] == 0
    assert "jan" not in json.dumps(overzicht) and "piet" not in json.dumps(overzicht)
    # een andere gemeente krijgt een ander pseudoniem voor dezelfde sub
    assert pseudoniem(sleutel, "0599", "jan") != pseudoniem(sleutel, "0363", "jan")
    # alleen het gekozen team
    alleen_zuid = client.get(OVERZICHT, params={"team": "ZUID"}).json()
    assert alleen_zuid["team"] == "ZUID" and alleen_zuid["totaal"] == {"getoond": False}
    # geen geld: nergens een bedrag (geen rangorde naar wat is geïnd)
    assert not _sleutels(overzicht) & {"boete", "bedrag", "grondslag", "terugvordering", "maximum"}


def _sleutels(waarde) -> set[str]:
    if isinstance(waarde, dict):
        return set(waarde) | {k for v in waarde.values() for k in _sleutels(v)}
    if isinstance(waarde, list):
        return {k for v in waarde for k in _sleutels(v)}
    return set()


def test_medewerker_onder_tien_niet_getoond(client):
    boeten(client, 12, headers=kop_team("jan", "NOORD"))
    boeten(client, 3, headers=kop_team("piet", "NOORD"))
    noord = client.get(OVERZICHT).json()["teams"][0]
    assert len(noord["medewerkers"]) == 1 and noord["medewerkers"][0]["zaken"] == 12
    assert noord["medewerkersNietGetoond"] == 1


def test_kwijtschelding_en_schuldregeling_in_het_overzicht(client):
    kwijtschelding = {
        "vordering": {"soort": "BOETE", "bedrag": "640.00", "opgelegdOp": "2024-05-01", "verwijtbaarheid": "NORMAAL"},
        "verzoek": True,
        "schuldregeling": True,
        "beschikkingsdatum": "2026-02-02",
    }
    for _ in range(5):
        assert client.post("/api/v1/kwijtscheldingsbeoordelingen", json=kwijtschelding).status_code == 201
    toets = {
        "vorderingen": [
            {
                "id": "TV-2025-0142",
                "soort": "TERUGVORDERING_FRAUDE",
                "bedrag": "3000.00",
                "verwijtbaarheid": "GROVE_SCHULD",
                "boeteOpgelegd": True,
            }
        ],
        "huishouden": {"toepasselijkeNorm": "1401.50"},
        "looptijdMaanden": 36,
        "beschikkingsdatum": "2026-03-02",
    }
    for _ in range(5):  # 43 maanden: langer dan de looptijd (36) en dan drie jaar
        assert client.post("/api/v1/schuldregelingstoetsen", json=toets).status_code == 201
    totaal = client.get(OVERZICHT).json()["totaal"]
    assert totaal["zaken"] == 10 and totaal["boeteberekeningen"] == 0
    assert totaal["langeVerrekening"]["schuldregelingstoetsen"] == 5
    assert totaal["langeVerrekening"]["schuldregelingLangerDanLooptijd"] == 5
    assert totaal["langeVerrekening"]["schuldregelingLangerDan3Jaar"] == 5
    assert totaal["kwijtschelding"]["beoordelingen"] == 5
    assert totaal["kwijtschelding"]["routesMogelijk"]["PW_18A_LID_13"] == 5
    assert totaal["draagkrachtBegrensd"] == {"aantal": 0, "aandeel": None}


def test_csv(client):
    boeten(client, 10, headers=kop_team("jan", "NOORD"))
    boeten(client, 2, headers=kop_team("klaas", "ZUID"))
    r = client.get(OVERZICHT, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["vary"] == "Accept" and "attachment" in r.headers["content-disposition"]
    rijen = list(csv.DictReader(io.StringIO(r.text)))
    assert [(x["groep"], x["team"], x["getoond"]) for x in rijen] == [
        ("totaal", "", "ja"),
        ("team", "NOORD", "ja"),
        ("medewerker", "NOORD", "ja"),
        ("team", "ZUID", "nee"),
    ]
    assert rijen[0]["boeteberekeningen"] == "12" and rijen[0]["graad_NORMAAL"] == "12"
    assert rijen[0]["draagkracht_aandeel"] == "1.00"
    assert rijen[3]["zaken"] == "" and rijen[3]["graad_NORMAAL"] == ""  # te klein: geen cijfers


def test_periode(client):
    boeten(client, 10)
    deze = spiegel.maand_tekst(spiegel.maand_van(datetime.now(UTC).date()))
    r = client.get(OVERZICHT, params={"van": deze, "tot": deze}).json()
    assert r["periode"] == {"van": deze, "tot": deze} and r["totaal"]["boeteberekeningen"] == 10
    assert [m["maand"] for m in r["perMaand"]] == [deze] and r["perMaand"][0]["uitkomsten"]["BOETE"] == 10
    eerder = client.get(OVERZICHT, params={"van": "2020-01", "tot": "2020-12"}).json()
    assert eerder["totaal"] == {"getoond": False} and len(eerder["perMaand"]) == 12


@pytest.mark.parametrize(
    ("params", "naam", "code"),
    [
        ({"van": "2026-13"}, "van", "maand"),
        ({"tot": "2026-00"}, "tot", "maand"),
        ({"van": "2026-05", "tot": "2026-04"}, "van", "maandvolgorde"),
        ({"van": "2000-01", "tot": "2026-04"}, "van", "te_lang"),
    ],
)
def test_ongeldige_periode(client, params, naam, code):
    r = client.get(OVERZICHT, params=params)
    assert r.status_code == 400
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [(naam, code)]


def test_html_zonder_scripts_en_externe_bronnen(client):
    boeten(client, 10, headers=kop_team("jan", "NOORD"))
    r = client.get(OVERZICHT, headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert (
        "<svg" in r.text
        and "<script" not in r.text
        and "http://" not in r.text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )


# ---------------------------------------------------------------- de tellingen kloppen met de audittrail


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    stappen=st.lists(
        st.tuples(
            st.sampled_from(["boete", "boete_opzet", "waarschuwing", "maatwerk", "kwijtschelding", "zonder_soort"]),
            st.sampled_from([None, "NOORD", "ZUID"]),
            st.sampled_from(["jan", "piet"]),
            st.sampled_from(spiegel.SOORTEN_OVERTREDING),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_eigenschap_tellingen_gelijk_aan_hertellen(client_op, tmp_path_factory, stappen):
    client = client_op(f"sqlite:///{tmp_path_factory.mktemp('hertel')}/h.db")
    _spel(client, stappen)
    store = _store(client)
    assert store.tellingen_in_tabellen("0363") == store.hertel("0363")


def _spel(client, stappen) -> None:
    laatste = None
    for soort, team, sub, overtreding in stappen:
        headers = kop_team(sub, team)
        if soort == "maatwerk" and laatste is not None:
            r = client.post(
                f"/api/v1/berekeningen/{laatste}/maatwerkbesluiten",
                json={"grond": "AWB_5_46", "boete": "1.00", "motivering": MOTIVERING},
                headers=headers,
            )
            if r.status_code == 201:
                client.post(
                    f"/api/v1/maatwerkbesluiten/{r.json()['maatwerkbesluitId']}/beoordelingen",
                    json={"besluit": "GOEDGEKEURD"},
                    headers=kop_team("beoordelaar", team, rollen=(BEOORDELAAR,)),
                )
            continue
        if soort == "kwijtschelding":
            body = {
                "vordering": {
                    "soort": "BOETE",
                    "bedrag": "640.00",
                    "opgelegdOp": "2024-05-01",
                    "verwijtbaarheid": "NORMAAL",
                },
                "verzoek": True,
                "schuldregeling": True,
                "beschikkingsdatum": "2026-02-02",
            }
            assert client.post("/api/v1/kwijtscheldingsbeoordelingen", json=body, headers=headers).status_code == 201
            continue
        verzoek = zaak(None if soort == "zonder_soort" else overtreding)
        if soort == "boete_opzet":
            verzoek["verwijtbaarheid"] = OPZET
        if soort == "waarschuwing":
            verzoek["benadelingsbedrag"] = "100.00"
        r = client.post(BOETE, json=verzoek, headers=headers)
        assert r.status_code == 201
        laatste = r.json()["berekeningId"]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_tellingen_gelijk_aan_hertellen_op_postgresql(client_op, database_url):
    client = client_op(database_url)
    _spel(
        client,
        [
            ("boete", "NOORD", "jan", "INKOMEN"),
            ("maatwerk", "NOORD", "jan", "INKOMEN"),
            ("boete_opzet", "ZUID", "piet", "WERK"),
            ("waarschuwing", None, "jan", "WERK"),
            ("kwijtschelding", "ZUID", "piet", "OVERIG"),
            ("zonder_soort", "NOORD", "piet", "OVERIG"),
        ],
    )
    boeten(client, 12, headers=kop(gemeente="0599"))
    store = _store(client)
    tabellen = store.tellingen_in_tabellen("0363")
    assert tabellen == store.hertel("0363")
    assert sum(n for (_, _, _, _, kenmerk, _), n in tabellen[0].items() if kenmerk == spiegel.ZAKEN) == 5
    assert store.tellingen_in_tabellen("0599")[0] == store.hertel("0599")[0]


def test_professionele_uitleg_toont_het_signaal(client):
    boeten(client, 12)
    r = client.post(BOETE, json=zaak(verwijtbaarheid=OPZET))
    basis = f"/api/v1/berekeningen/{r.json()['berekeningId']}/uitleg?doelgroep=professional"
    signaal = (
        "In 12 vergelijkbare zaken koos uw gemeente 12 keer normale verwijtbaarheid; opzet is hier ongebruikelijk."
    )
    assert "Vergelijkbare zaken in uw gemeente" in client.get(basis).text
    assert signaal in client.get(basis).text
    assert signaal in client.get(basis, headers={"Accept": "text/plain"}).text
    # de burger ziet dit niet: het is voor de professional
    burger = client.get(basis.replace("professional", "burger")).text
    assert "vergelijkbare zaken" not in burger.lower()


def test_gelijktijdige_boeten_in_groepen_tellen_precies(client_op, database_url):
    """De schrijver legt gelijktijdige verzoeken in één transactie vast: records met dezelfde sleutel in één groep
    tellen elk één keer (SQLite en PostgreSQL)."""
    from concurrent.futures import ThreadPoolExecutor

    client = client_op(database_url)
    verzoeken = [(zaak(soort), kop_team(sub, team)) for soort in ("INKOMEN", "WERK") for sub, team in
                 (("jan", "NOORD"), ("piet", "ZUID"))] * 8  # fmt: skip

    def post(paar):
        return client.post(BOETE, json=paar[0], headers=paar[1]).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(post, verzoeken)) == [201] * 32
    store = _store(client)
    spiegelrijen, vergelijking = store.tellingen_in_tabellen("0363")
    assert (spiegelrijen, vergelijking) == store.hertel("0363")
    assert sum(n for sleutel, n in vergelijking.items() if sleutel[5:] == ("zaken", "BOETEBEREKENING")) == 32
    assert client.get(OVERZICHT).json()["totaal"]["boeteberekeningen"] == 32


def test_herbouw_tellingen_ook_voor_records_van_voor_de_tellingen(client_op, database_url, monkeypatch):
    """Records zonder lopende telling (vastgelegd vóór migratie 0006; hier: tabellen leeggemaakt) tellen na
    `maatstaf spiegel hertel <gemeente>` mee, precies zoals hertellen uit de trail geeft; een andere gemeente blijft
    ongemoeid."""
    from sqlalchemy import delete

    from app import cli
    from app.db.models import spiegeltelling, vergelijkingstelling

    client = client_op(database_url)
    _spel(client, [("boete", "NOORD", "jan", "INKOMEN"), ("boete_opzet", "ZUID", "piet", "WERK")])
    boeten(client, 3, headers=kop(gemeente="0599"))
    store = _store(client)
    verwacht, ander = store.hertel("0363"), store.tellingen_in_tabellen("0599")
    with store.engine.begin() as verbinding:
        for tabel in (spiegeltelling, vergelijkingstelling):
            verbinding.execute(delete(tabel).where(tabel.c.gemeente == "0363"))
    assert store.tellingen_in_tabellen("0363") == ({}, {})
    monkeypatch.setenv("MAATSTAF_SLEUTEL", client.app.state.instellingen.sleutel)
    assert cli.main(["spiegel", "hertel", "0363", "--database", database_url]) == 0
    assert store.tellingen_in_tabellen("0363") == verwacht != ({}, {})
    assert store.tellingen_in_tabellen("0599") == ander  # alleen de gevraagde gemeente
    # nog eens: hetzelfde (vervangen, niet optellen)
    assert cli.main(["spiegel", "hertel", "0363", "--database", database_url]) == 0
    assert store.tellingen_in_tabellen("0363") == verwacht
