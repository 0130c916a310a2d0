"""SPEC §3.4-3.5 via de HTTP-API: elke route en status met de grensgevallen, de foutgevallen en het auditrecord."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

KW = "/api/v1/kwijtscheldingsbeoordelingen"
SR = "/api/v1/schuldregelingstoetsen"

BOETE = {
    "vordering": {
        "soort": "BOETE",
        "bedrag": "840.84",
        "opgelegdOp": "2025-02-03",
        "verwijtbaarheid": "NORMAAL",
        "boeteOpgelegd": True,
    },
    "schuldregeling": True,
    "verzoek": True,
    "beschikkingsdatum": "2026-03-02",
}

FRAUDE = {
    "vordering": {
        "soort": "TERUGVORDERING_FRAUDE",
        "bedrag": "12000.00",
        "restant": "1000.00",
        "opgelegdOp": "2016-03-02",
        "verwijtbaarheid": "NORMAAL",
    },
    "beschikkingsdatum": "2026-03-02",
}


def met(basis: dict, **wijzigingen) -> dict:
    body = copy.deepcopy(basis)
    for pad, waarde in wijzigingen.items():
        doel = body
        *ouders, blad = pad.split("__")
        for ouder in ouders:
            doel = doel.setdefault(ouder, {})
        doel[blad] = waarde
    return body


def routes(client, body: dict) -> dict:
    r = client.post(KW, json=body)
    assert r.status_code == 201, r.text
    antwoord = r.json()
    assert [x["route"] for x in antwoord["routes"]] == ["PW_18A_LID_13", "PW_58_LID_7", "PW_58_LID_8", "AWB_4_94A"]
    return {x["route"]: x for x in antwoord["routes"]} | {"_antwoord": antwoord}


def fout(client, pad: str, body: dict) -> dict[str, str]:
    r = client.post(pad, json=body)
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return {p["name"]: p["reason"] for p in r.json()["invalidParams"]}


# ---------------------------------------------------------------- Pw 18a lid 13 en 14


def test_boete_in_schuldregeling_mogelijk_met_waarschuwing_lid_14(client):
    r = routes(client, BOETE)
    assert r["PW_18A_LID_13"]["uitkomst"] == "MOGELIJK"
    assert r["PW_18A_LID_13"]["bron"][0] == {"wet": "Participatiewet", "artikel": "18a", "lid": "13"}
    assert any("Pw 18a lid 14" in s and "5 jaar" in s for s in r["_antwoord"]["signalen"])
    # Bij een schuldregeling wijkt Awb 4:94a voor de bijzondere regel; 58 lid 7/8 gaan niet over de boete.
    assert r["AWB_4_94A"]["uitkomst"] == "NIET_MOGELIJK"
    assert r["PW_58_LID_7"]["uitkomst"] == "NIET_MOGELIJK"
    assert r["PW_58_LID_8"]["uitkomst"] == "NIET_MOGELIJK"


def test_boete_elke_onvervulde_voorwaarde_staat_in_de_redenen(client):
    body = met(BOETE, vordering__verwijtbaarheid="GROVE_SCHULD", verzoek=False, schuldregeling=False)
    r = routes(client, body)["PW_18A_LID_13"]
    assert r["uitkomst"] == "NIET_MOGELIJK"
    tekst = " ".join(r["redenen"])
    assert "grove schuld" in tekst and "geen verzoek" in tekst and "schuldregeling" in tekst
    assert len(r["redenen"]) == 3


@pytest.mark.parametrize(
    ("herhaling", "uitkomst"),
    [
        ("2026-02-02", "NIET_MOGELIJK"),  # 364 dagen na de oplegging: binnen het jaar
        ("2026-02-03", "MOGELIJK"),  # 365 dagen: de verjaardag valt erbuiten
        ("2025-02-03", "MOGELIJK"),  # op de dag van de oplegging zelf: niet "na" de oplegging
    ],
)
def test_boete_herhaling_binnen_een_jaar(client, herhaling, uitkomst):
    r = routes(client, met(BOETE, herhalingen=[herhaling]))["PW_18A_LID_13"]
    assert r["uitkomst"] == uitkomst
    if uitkomst == "NIET_MOGELIJK":
        assert any(herhaling in reden for reden in r["redenen"])


def test_boete_jaar_na_oplegging_nog_niet_voorbij(client):
    r = routes(client, met(BOETE, beschikkingsdatum="2026-02-02"))["PW_18A_LID_13"]
    assert r["uitkomst"] == "NIET_MOGELIJK"
    assert any("2026-02-03" in reden for reden in r["redenen"])


def test_boete_buiten_schuldregeling_awb_4_94a_omstreden(client):
    r = routes(client, met(BOETE, schuldregeling=False))
    assert r["AWB_4_94A"]["uitkomst"] == "BEOORDELING_VEREIST"
    assert "omstreden" in " ".join(r["AWB_4_94A"]["redenen"])
    assert r["PW_18A_LID_13"]["uitkomst"] == "NIET_MOGELIJK"


# ---------------------------------------------------------------- Pw 58 lid 7 onder a-d


@pytest.mark.parametrize(("jaren", "uitkomst"), [(9, "NIET_MOGELIJK"), (9.99, "NIET_MOGELIJK"), (10, "MOGELIJK")])
def test_58_lid_7_a_tien_jaar_volledig_betaald(client, jaren, uitkomst):
    r = routes(client, met(FRAUDE, betalingshistorie={"jarenVolledigBetaald": jaren}))["PW_58_LID_7"]
    assert r["uitkomst"] == uitkomst
    assert r["onderdeel"] == ("a" if uitkomst == "MOGELIJK" else None)


@pytest.mark.parametrize(("opgelegd", "uitkomst"), [("2016-03-02", "MOGELIJK"), ("2016-03-03", "NIET_MOGELIJK")])
def test_58_lid_7_b_achterstand_ingelopen_na_precies_tien_jaar(client, opgelegd, uitkomst):
    body = met(FRAUDE, vordering__opgelegdOp=opgelegd, betalingshistorie={"achterstandIngelopen": True})
    r = routes(client, body)["PW_58_LID_7"]
    assert r["uitkomst"] == uitkomst
    if uitkomst == "MOGELIJK":
        assert r["onderdeel"] == "b"


@pytest.mark.parametrize(
    ("jaren", "aannemelijk", "uitkomst"),
    [(10, False, "MOGELIJK"), (10, True, "NIET_MOGELIJK"), (9, False, "NIET_MOGELIJK")],
)
def test_58_lid_7_c_tien_jaar_geen_betaling(client, jaren, aannemelijk, uitkomst):
    historie = {"jarenZonderBetaling": jaren, "betalingAannemelijk": aannemelijk}
    r = routes(client, met(FRAUDE, betalingshistorie=historie))["PW_58_LID_7"]
    assert r["uitkomst"] == uitkomst
    assert r["onderdeel"] == ("c" if uitkomst == "MOGELIJK" else None)


@pytest.mark.parametrize(
    ("restant", "aanbod", "uitkomst"),
    [
        ("1000.00", "500.00", "MOGELIJK"),  # precies 50%
        ("1000.00", "499.99", "NIET_MOGELIJK"),  # 49,999%
        ("999.99", "499.99", "NIET_MOGELIJK"),  # 49,9995%: niet afronden
        ("999.99", "500.00", "MOGELIJK"),
    ],
)
def test_58_lid_7_d_helft_van_de_restsom_ineens(client, restant, aanbod, uitkomst):
    body = met(FRAUDE, vordering__restant=restant, aangebodenEenmaligeBetaling=aanbod)
    r = routes(client, body)["PW_58_LID_7"]
    assert r["uitkomst"] == uitkomst
    assert r["onderdeel"] == ("d" if uitkomst == "MOGELIJK" else None)


def test_58_lid_7_meerdere_onderdelen_en_elke_onvervulde_voorwaarde(client):
    body = met(FRAUDE, betalingshistorie={"jarenVolledigBetaald": 10}, aangebodenEenmaligeBetaling="600.00")
    assert routes(client, body)["PW_58_LID_7"]["onderdeel"] == "a, d"
    r = routes(client, FRAUDE)["PW_58_LID_7"]
    assert r["uitkomst"] == "NIET_MOGELIJK"
    assert [reden[:2] for reden in r["redenen"]] == ["a:", "b:", "c:", "d:"]


def test_58_lid_7_niet_voor_overige_terugvordering(client):
    r = routes(client, met(FRAUDE, vordering__soort="TERUGVORDERING_OVERIG"))["PW_58_LID_7"]
    assert r["uitkomst"] == "NIET_MOGELIJK"
    assert "58 lid 1" in r["redenen"][0]


# ---------------------------------------------------------------- Pw 58 lid 8 en Awb 4:94a


def test_58_lid_8_dringende_redenen(client):
    zonder = routes(client, FRAUDE)["PW_58_LID_8"]
    assert zonder["uitkomst"] == "BEOORDELING_VEREIST"
    motivering = "Terugvordering leidt tot huisuitzetting van een gezin met jonge kinderen."
    met_redenen = routes(client, met(FRAUDE, dringendeRedenen={"motivering": motivering}))["PW_58_LID_8"]
    assert met_redenen["uitkomst"] == "MOGELIJK"
    assert motivering in met_redenen["redenen"][0]


def test_awb_4_94a_terugvordering(client):
    assert routes(client, FRAUDE)["AWB_4_94A"]["uitkomst"] == "NIET_MOGELIJK"
    motivering = "Invordering maakt de re-integratie naar werk onmogelijk door de schuldenlast."
    r = routes(client, met(FRAUDE, onevenredigeGevolgen={"motivering": motivering}))["AWB_4_94A"]
    assert r["uitkomst"] == "BEOORDELING_VEREIST"
    assert any(motivering in reden for reden in r["redenen"])


def test_awb_4_94a_wijkt_voor_pw_60c_in_een_schuldregeling(client):
    body = met(
        FRAUDE,
        vordering__verwijtbaarheid="OPZET",
        vordering__boeteOpgelegd=True,
        schuldregeling=True,
        onevenredigeGevolgen={"motivering": "Onevenredig zwaar door de hoogte van de totale schuld."},
    )
    r = routes(client, body)["AWB_4_94A"]
    assert r["uitkomst"] == "NIET_MOGELIJK"
    assert {"wet": "Participatiewet", "artikel": "60c"} in r["bron"]


def test_kwijtschelding_auditrecord(client):
    r = client.post(KW, json=BOETE)
    record = client.get(r.headers["Location"]).json()
    assert record["soort"] == "kwijtscheldingsbeoordeling"
    assert record["invoer"] == BOETE
    assert record["resultaat"] == r.json()


# ---------------------------------------------------------------- fouten (kwijtschelding)


@pytest.mark.parametrize(
    ("wijziging", "veld", "in_reden"),
    [
        ({"vordering__soort": "LENING"}, "vordering.soort", "BOETE"),
        ({"vordering__restant": "900.00"}, "vordering.restant", "hoger"),
        ({"vordering__bedrag": "-1.00"}, "vordering.bedrag", "negatief"),
        ({"vordering__bedrag": "1.001"}, "vordering.bedrag", "decimalen"),
        ({"vordering__opgelegdOp": "2026-03-03"}, "vordering.opgelegdOp", "na de beschikkingsdatum"),
        ({"vordering__verwijtbaarheid": None}, "vordering.verwijtbaarheid", "Verplicht"),
        ({"vordering__opgelegdOp": None}, "vordering.opgelegdOp", "Verplicht"),
        ({"herhalingen": ["2026-04-01"]}, "herhalingen.0", "na de beschikkingsdatum"),
        ({"herhalingen": ["2026-02-30"]}, "herhalingen.0", "bestaat niet"),
        ({"dringendeRedenen": {"motivering": " "}}, "dringendeRedenen.motivering", "motivering"),
        ({"onevenredigeGevolgen": {"motivering": ""}}, "onevenredigeGevolgen.motivering", "motivering"),
        ({"betalingshistorie": {"jarenVolledigBetaald": -1}}, "betalingshistorie.jarenVolledigBetaald", "negatief"),
        ({"betalingshistorie": {"jarenZonderBetaling": "tien"}}, "betalingshistorie.jarenZonderBetaling", "getal"),
        ({"aangebodenEenmaligeBetaling": "900.00"}, "aangebodenEenmaligeBetaling", "hoger"),
        ({"verzoek": "ja"}, "verzoek", ""),
        ({"onbekendVeld": 1}, "onbekendVeld", ""),
    ],
)
def test_kwijtschelding_ongeldige_invoer(client, wijziging, veld, in_reden):
    redenen = fout(client, KW, met(BOETE, **wijziging))
    assert veld in redenen, redenen
    assert in_reden in redenen[veld]


def test_kwijtschelding_fraude_in_schuldregeling_vraagt_verwijtbaarheid(client):
    body = met(FRAUDE, schuldregeling=True)
    del body["vordering"]["verwijtbaarheid"]
    assert "vordering.verwijtbaarheid" in fout(client, KW, body)
    del body["schuldregeling"]
    assert client.post(KW, json=body).status_code == 201


def test_kwijtschelding_voor_de_fraudewet_geen_enkele_route(client):
    """Op 2012-06-01 bestond geen van de vier routes: elk NIET_MOGELIJK met de reden, geen 400."""
    r = client.post(KW, json=met(FRAUDE, beschikkingsdatum="2012-06-01", vordering__opgelegdOp="2012-01-01"))
    assert r.status_code == 201, r.text
    routes = {x["route"]: x for x in r.json()["routes"]}
    assert {x["uitkomst"] for x in routes.values()} == {"NIET_MOGELIJK"}
    for x in routes.values():
        assert "bestond op 2012-06-01 nog niet" in x["redenen"][0]
    assert "in werking sinds 2021-04-01" in routes["AWB_4_94A"]["redenen"][0]


# ---------------------------------------------------------------- schuldregeling (Pw 60c, 18a lid 13)

SCHULDREGELING = {
    "vorderingen": [
        {
            "id": "TV-1",
            "soort": "TERUGVORDERING_FRAUDE",
            "bedrag": "8000.00",
            "verwijtbaarheid": "GROVE_SCHULD",
            "boeteOpgelegd": True,
        },
        {"id": "TV-2", "soort": "TERUGVORDERING_FRAUDE", "bedrag": "1500.00", "verwijtbaarheid": "OPZET"},
        {"id": "BB-1", "soort": "BOETE", "bedrag": "840.84", "verwijtbaarheid": "NORMAAL", "opgelegdOp": "2025-02-03"},
        {"id": "BB-2", "soort": "BOETE", "bedrag": "2402.40", "verwijtbaarheid": "OPZET", "opgelegdOp": "2025-02-03"},
        {"id": "TV-3", "soort": "TERUGVORDERING_OVERIG", "bedrag": "1250.00", "restant": "900.00"},
    ],
    "huishouden": {"leefvorm": "ALLEENSTAANDE", "toepasselijkeNorm": "1401.50"},
    "beschikkingsdatum": "2026-03-02",
}


def test_schuldregeling_statussen_totalen_en_tempo(client):
    r = client.post(SR, json=SCHULDREGELING)
    assert r.status_code == 201, r.text
    a = r.json()
    assert {v["id"]: v["status"] for v in a["vorderingen"]} == {
        "TV-1": "ALLEEN_VOLLEDIGE_BETALING",  # Pw 60c: grove schuld en een boete
        "TV-2": "KWIJTSCHELDING_MOGELIJK",  # opzet, maar geen boete en geen aangifte
        "BB-1": "OP_VERZOEK",  # Pw 18a lid 13
        "BB-2": "ALLEEN_VOLLEDIGE_BETALING",  # boete voor opzet
        "TV-3": "KWIJTSCHELDING_MOGELIJK",  # Pw 58 lid 2 valt buiten Pw 60c
    }
    per_id = {v["id"]: v for v in a["vorderingen"]}
    assert per_id["TV-1"]["bron"] == [{"wet": "Participatiewet", "artikel": "60c"}]
    assert per_id["TV-3"]["bedrag"] == "900.00"  # het restant telt
    assert a["totaalBlijftStaan"] == "10402.40"
    assert a["totaalKwijtscheldbaar"] == "3240.84"
    assert a["totaalOpVerzoek"] == "840.84"
    # 5% van 1.401,50 = 70,075, naar beneden op centen: 70,07; 10.402,40 / 70,07 = 148,46 → 149 maanden.
    assert a["verrekening"] == {"perMaand": "70.07", "maandenNodig": 149}
    assert a["looptijdMaanden"] == 36
    assert any("langer dan de looptijd van de regeling (36 maanden)" in s for s in a["signalen"])
    assert any("meer dan 10 jaar" in s for s in a["signalen"])
    assert client.get(r.headers["Location"]).json()["soort"] == "schuldregelingstoets"


@pytest.mark.parametrize(("looptijd", "signaal_looptijd"), [(149, False), (148, True)])
def test_schuldregeling_signaal_bij_langer_dan_de_looptijd(client, looptijd, signaal_looptijd):
    a = client.post(SR, json=met(SCHULDREGELING, looptijdMaanden=looptijd)).json()
    assert any("langer dan de looptijd" in s for s in a["signalen"]) is signaal_looptijd


def test_schuldregeling_boven_bijstandsniveau_en_zonder_aflosruimte(client):
    huishouden = {"opBijstandsniveau": False, "nettoMaandinkomen": "2100.00", "beslagvrijeVoet": "1800.00"}
    a = client.post(SR, json=met(SCHULDREGELING, huishouden=huishouden)).json()
    assert a["verrekening"] == {"perMaand": "300.00", "maandenNodig": 35}
    assert not any("looptijd" in s for s in a["signalen"])

    huishouden["nettoMaandinkomen"] = "1700.00"
    a = client.post(SR, json=met(SCHULDREGELING, huishouden=huishouden)).json()
    assert a["verrekening"] == {"perMaand": "0.00", "maandenNodig": None}
    assert any("geen aflosruimte" in s for s in a["signalen"])


def test_schuldregeling_zonder_huishouden_en_met_percentage(client):
    body = met(SCHULDREGELING, aangebodenPercentage=30)
    del body["huishouden"]
    a = client.post(SR, json=body).json()
    assert a["verrekening"] == {"perMaand": None, "maandenNodig": None}
    assert any("geen huishouden" in s for s in a["signalen"])
    assert any("30%" in s and "100%" in s for s in a["signalen"])


def test_schuldregeling_alles_kwijtscheldbaar(client):
    body = {"vorderingen": [{"id": "x", "soort": "TERUGVORDERING_OVERIG", "bedrag": "100.00"}]}
    body["huishouden"] = {"toepasselijkeNorm": "1401.50"}
    body["beschikkingsdatum"] = "2026-03-02"
    a = client.post(SR, json=body).json()
    assert a["totaalBlijftStaan"] == "0.00"
    assert a["verrekening"]["maandenNodig"] == 0
    assert a["signalen"] == []


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"vorderingen": []}, "vorderingen"),
        ({"looptijdMaanden": 0}, "looptijdMaanden"),
        ({"looptijdMaanden": "36"}, "looptijdMaanden"),
        ({"aangebodenPercentage": "100.01"}, "body"),
        ({"huishouden": {"opBijstandsniveau": False}}, "huishouden.nettoMaandinkomen"),
        ({"huishouden": {"leefvorm": "ALLEENSTAANDE"}}, "huishouden.toepasselijkeNorm"),  # geen norm na 2026-12-31
    ],
)
def test_schuldregeling_ongeldige_invoer(client, wijziging, veld):
    body = met(SCHULDREGELING, **wijziging)
    if veld == "huishouden.toepasselijkeNorm":
        body["beschikkingsdatum"] = "2027-01-04"
    assert veld in fout(client, SR, body)


def test_schuldregeling_vorderingfouten_per_index(client):
    body = copy.deepcopy(SCHULDREGELING)
    body["vorderingen"][1]["id"] = "TV-1"
    del body["vorderingen"][2]["verwijtbaarheid"]
    body["vorderingen"][4]["restant"] = "1300.00"
    body["vorderingen"][3]["opgelegdOp"] = "2026-03-03"
    redenen = fout(client, SR, body)
    assert set(redenen) == {
        "vorderingen.1.id",
        "vorderingen.2.verwijtbaarheid",
        "vorderingen.3.opgelegdOp",
        "vorderingen.4.restant",
    }
    assert "vordering 0" in redenen["vorderingen.1.id"]
    body = copy.deepcopy(SCHULDREGELING)
    body["vorderingen"][3]["soort"] = "ONBEKEND"
    assert "BOETE" in fout(client, SR, body)["vorderingen.3.soort"]


def test_readme_voorbeeld_schuldhulpverlening_klopt(client):
    """Het volledige voorbeeld in de README is wat de service werkelijk antwoordt."""
    tekst = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    sectie = tekst.split("## Voor schuldhulpverlening", 1)[1]
    verzoek = json.loads(sectie.split("-d '", 1)[1].split("'\n```", 1)[0])
    verwacht = json.loads(sectie.split("```json\n", 1)[1].split("\n```", 1)[0])
    antwoord = client.post(SR, json=verzoek).json()
    # berekeningId verschilt per aanroep, de regelversie bij elke wijziging van de regeldata
    assert verwacht["regelversie"].startswith("sha256:")
    assert {**antwoord, "berekeningId": verwacht["berekeningId"], "regelversie": verwacht["regelversie"]} == verwacht
