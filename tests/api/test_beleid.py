"""Gemeentebeleid als gedateerde, gepubliceerde laag met vier ogen (issue #10 §1): grenzen uit de wet, voorstellen en
vaststellen, het beleid op een peildatum, berekeningen met de versie op hun datum, herberekening met de oude versie
en de uitleg die beleid apart van wet en rechtspraak noemt."""

from __future__ import annotations

import copy

import pytest

from app.api.http.auth import BEOORDELAAR, MEDEWERKER
from tests.api.conftest import VOORBEELD, kop

BV = "/api/v1/beleidsversies"
BOETE = "/api/v1/boeteberekeningen"

#: Twee beleidsbeheerders van 0363 (vier ogen) en een van een andere gemeente.
VOORSTELLER = kop("beleid-a", rollen=["beleidsbeheerder"])
VASTSTELLER = kop("beleid-b", rollen=["beleidsbeheerder"])
ANDERE_GEMEENTE = kop("beleid-c", gemeente="0014", rollen=["beleidsbeheerder", "medewerker"])

BRON = {
    "titel": "Beleidsregels handhaving Participatiewet Amsterdam 2026",
    "cvdr": "CVDR712345",
    "artikel": "artikel 3",
}


def voorstel(waarden: dict, geldig_vanaf: str = "2026-01-01", bron: dict | None = None) -> dict:
    return {"geldigVanaf": geldig_vanaf, "waarden": waarden, "bron": bron or BRON}


def stel_vast(client, waarden: dict, geldig_vanaf: str = "2026-01-01", bron: dict | None = None) -> str:
    r = client.post(BV, json=voorstel(waarden, geldig_vanaf, bron), headers=VOORSTELLER)
    assert r.status_code == 201, r.text
    versie_id = r.json()["beleidsversieId"]
    g = client.post(f"{BV}/{versie_id}/beoordelingen", json={"besluit": "GOEDGEKEURD"}, headers=VASTSTELLER)
    assert g.status_code == 201, g.text
    assert g.json()["status"] == "VASTGESTELD"
    return versie_id


def fouten(r) -> dict:
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return {p["name"]: p for p in r.json()["invalidParams"]}


# ---------------------------------------------------------------- grenzen uit de wet


@pytest.mark.parametrize(
    ("waarden", "geldig_vanaf", "veld", "code", "reden"),
    [
        # een hoger (of ander) percentage: ligt vast in het Boetebesluit
        (
            {"boetepercentage": {"NORMAAL": 60}},
            "2026-01-01",
            "waarden.boetepercentage",
            "wettelijk_vastgelegd",
            "Boetebesluit 2 lid 4",
        ),
        (
            {"recidivePercentage": 200},
            "2026-01-01",
            "waarden.recidivePercentage",
            "wettelijk_vastgelegd",
            "Pw 18a lid 5",
        ),
        (
            {"waarschuwingMaximumBenadeling": "500.00"},
            "2026-01-01",
            "waarden.waarschuwingMaximumBenadeling",
            "wettelijk_vastgelegd",
            "Boetebesluit 2aa lid 1 onder a",
        ),
        (
            {"beslagvrijeVoetPercentage": 90},
            "2026-01-01",
            "waarden.beslagvrijeVoetPercentage",
            "wettelijk_vastgelegd",
            "Rv 475dc",
        ),
        # een langere draagkrachttermijn dan de CRvB
        (
            {"draagkrachtMaanden": {"NORMAAL": 13}},
            "2026-01-01",
            "waarden.draagkrachtMaanden.NORMAAL",
            "boven_wettelijk_maximum",
            "ECLI:NL:CRVB:2016:10",
        ),
        (
            {"draagkrachtMaanden": {"OPZET": 25}},
            "2026-01-01",
            "waarden.draagkrachtMaanden.OPZET",
            "boven_wettelijk_maximum",
            "24 maanden",
        ),
        ({"draagkrachtMaanden": {"GEEN": 2}}, "2026-01-01", "waarden.draagkrachtMaanden.GEEN", "graad", "OPZET"),
        (
            {"draagkrachtMaanden": {"NORMAAL": 0}},
            "2026-01-01",
            "waarden.draagkrachtMaanden.NORMAAL",
            "geheel_getal",
            "ten minste 1",
        ),
        # afronding waar de regelgeving (tekst tot 2017) naar boven op tientallen voorschrijft
        ({"afronding": "GEEN"}, "2016-06-01", "waarden.afronding", "wettelijk_voorgeschreven", "Boetebesluit 2 lid 2"),
        ({"afronding": "OP_HELE_EUROS"}, "2026-01-01", "waarden.afronding", "keuze", "NAAR_BOVEN_OP_TIENTALLEN"),
        # termijnen langer dan Pw 58 lid 7 (tien jaar)
        (
            {"looptijdSchuldregelingMaanden": 121},
            "2026-01-01",
            "waarden.looptijdSchuldregelingMaanden",
            "boven_wettelijk_maximum",
            "Pw 58 lid 7",
        ),
        (
            {"afzienNaJarenZonderBetalingOverig": 11},
            "2026-01-01",
            "waarden.afzienNaJarenZonderBetalingOverig",
            "boven_wettelijk_maximum",
            "Pw 58 lid 7 onder c",
        ),
        (
            {"afzienNaJarenZonderBetalingOverig": 0},
            "2026-01-01",
            "waarden.afzienNaJarenZonderBetalingOverig",
            "geheel_getal",
            "ten minste 1",
        ),
        # maatwerk zonder tweede persoon
        ({"vierOgen": {"maatwerk": False}}, "2026-01-01", "waarden.vierOgen.maatwerk", "niet_kiesbaar", "Awb 4:84"),
        ({"vierOgen": {"graden": ["GEEN"]}}, "2026-01-01", "waarden.vierOgen.graden", "graad", "OPZET"),
        ({"vierOgen": {"boeteBoven": "-1.00"}}, "2026-01-01", "waarden.vierOgen.boeteBoven", "bedrag", "1000.00"),
        ({"waarschuwingIndienMogelijk": "ja"}, "2026-01-01", "waarden.waarschuwingIndienMogelijk", "ja_nee", "true"),
        ({"brutoTerugvordering": 1}, "2026-01-01", "waarden.brutoTerugvordering", "ja_nee", "true"),
        (
            {"strengerDanDeWet": True},
            "2026-01-01",
            "waarden.strengerDanDeWet",
            "onbekend",
            "waarschuwingIndienMogelijk",
        ),
    ],
)
def test_een_waarde_die_de_wet_niet_toestaat_wordt_geweigerd_met_de_reden(
    client, waarden, geldig_vanaf, veld, code, reden
):
    bron = {**BRON, "artikelen": {}}
    r = client.post(BV, json=voorstel(waarden, geldig_vanaf, bron), headers=VOORSTELLER)
    f = fouten(r)
    assert set(f) == {veld}, f
    assert f[veld]["code"] == code
    assert reden in f[veld]["reason"], f[veld]["reason"]
    assert client.get(BV, headers=VOORSTELLER).json()["beleidsversies"] == []  # niets vastgelegd
    assert client.get("/api/v1/berekeningen").json()["berekeningen"] == []


def test_wat_de_wet_toestaat_wordt_aangenomen():
    """Geen waarschuwing is toegestaan: de wet verplicht nergens tot een waarschuwing (Pw 18a lid 4: "kan");
    afronding na 2016 is vrij; kortere termijnen mogen."""
    from app.domain.beleid import toets
    from app.regels import standaard

    data = standaard()
    waarden = {
        "waarschuwingIndienMogelijk": False,
        "afronding": "NAAR_BOVEN_OP_TIENTALLEN",
        "brutoTerugvordering": False,
        "vermogenTeltVoorDraagkracht": False,
        "draagkrachtMaanden": {"OPZET": 24, "GROVE_SCHULD": 12, "NORMAAL": 1, "VERMINDERD": 6},
        "looptijdSchuldregelingMaanden": 120,
        "afzienNaJarenZonderBetalingOverig": 10,
        "vierOgen": {"graden": ["OPZET", "GROVE_SCHULD"], "boeteBoven": "1000.00"},
    }
    uit = toets(waarden, __import__("datetime").date(2026, 1, 1), data)
    assert uit["vierOgen"] == {"graden": ["OPZET", "GROVE_SCHULD"], "boeteBoven": "1000.00", "maatwerk": True}
    # de voorgeschreven afronding vóór 2017 mag wel worden gekozen
    assert toets({"afronding": "NAAR_BOVEN_OP_TIENTALLEN"}, __import__("datetime").date(2015, 1, 1), data)
    # de landelijke standaard zelf ligt binnen de wet (vanaf 2017, zonder afronding)
    landelijk = {k: v for k, v in data.beleid.items()}
    assert toets(landelijk, __import__("datetime").date(2017, 1, 1), data)


def test_bron_cvdr_of_url_en_artikel_per_keuze_verplicht(client):
    f = fouten(
        client.post(
            BV,
            json=voorstel({"afronding": "GEEN", "brutoTerugvordering": False}, bron={"titel": "Beleidsregels 2026"}),
            headers=VOORSTELLER,
        )
    )
    assert f["bron"]["code"] == "verplicht"
    assert f["bron.artikelen.afronding"]["code"] == "verplicht"
    assert f["bron.artikelen.brutoTerugvordering"]["code"] == "verplicht"
    f = fouten(
        client.post(
            BV,
            json=voorstel(
                {"afronding": "GEEN"},
                bron={"titel": "B", "url": "http://niet-https", "artikelen": {"afronding": "a", "vierOgen": "b"}},
            ),
            headers=VOORSTELLER,
        )
    )
    assert set(f) == {"bron.url"}
    # Alleen zichtbare ASCII (U+0085 is in Python witruimte, in het schema niet; schemathesis vond dat verschil)
    for url in ("https://\u0085", "https://voorbeeld.nl/beleid é", "https://voorbeeld.nl/ruimte ertussen"):
        bron = {"titel": "B", "url": url, "artikelen": {"afronding": "a"}}
        f = fouten(client.post(BV, json=voorstel({"afronding": "GEEN"}, bron=bron), headers=VOORSTELLER))
        assert set(f) == {"bron.url"}, url
    f = fouten(
        client.post(
            BV,
            json=voorstel({"afronding": "GEEN"}, bron={"titel": "B", "cvdr": "CVDR1", "artikelen": {"vierOgen": "b"}}),
            headers=VOORSTELLER,
        )
    )
    assert f["bron.artikelen.vierOgen"]["code"] == "onbekend"
    assert f["bron.artikelen.afronding"]["code"] == "verplicht"


# ---------------------------------------------------------------- vier ogen


def test_vier_ogen_bij_het_vaststellen(client):
    r = client.post(BV, json=voorstel({"brutoTerugvordering": False}), headers=VOORSTELLER)
    assert r.status_code == 201, r.text
    versie = r.json()
    versie_id = versie["beleidsversieId"]
    assert r.headers["location"] == f"/api/v1/beleidsversies/{versie_id}"
    assert versie["status"] == "VOORGESTELD"
    assert versie["voorgesteldDoor"] == "beleid-a"
    assert versie["verschillen"] == [{"keuze": "brutoTerugvordering", "waarde": False, "landelijk": True}]
    goed = {"besluit": "GOEDGEKEURD"}
    # een voorgestelde versie telt niet mee
    assert client.get("/api/v1/beleid?peildatum=2026-06-01").json()["herkomst"] == "LANDELIJK"
    # de voorsteller kan niet zelf vaststellen
    r = client.post(f"{BV}/{versie_id}/beoordelingen", json=goed, headers=VOORSTELLER)
    assert r.status_code == 403 and "Vier ogen" in r.json()["detail"]
    # zonder de rol beleidsbeheerder: 403 (ook een beoordelaar van maatwerk niet)
    for rollen in ([MEDEWERKER], [BEOORDELAAR]):
        r = client.post(f"{BV}/{versie_id}/beoordelingen", json=goed, headers=kop("ander", rollen=rollen))
        assert r.status_code == 403, r.text
        assert (
            client.post(BV, json=voorstel({"afronding": "GEEN"}), headers=kop("ander", rollen=rollen)).status_code
            == 403
        )
    # een andere gemeente ziet de versie niet en kan haar niet vaststellen
    assert client.get(f"{BV}/{versie_id}", headers=ANDERE_GEMEENTE).status_code == 404
    assert client.get(BV, headers=ANDERE_GEMEENTE).json()["beleidsversies"] == []
    assert client.post(f"{BV}/{versie_id}/beoordelingen", json=goed, headers=ANDERE_GEMEENTE).status_code == 404
    # afwijzen vraagt een reden
    f = fouten(client.post(f"{BV}/{versie_id}/beoordelingen", json={"besluit": "AFGEWEZEN"}, headers=VASTSTELLER))
    assert f["reden"]["code"] == "verplicht"
    # een andere beleidsbeheerder stelt vast
    r = client.post(f"{BV}/{versie_id}/beoordelingen", json=goed, headers=VASTSTELLER)
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "VASTGESTELD"
    assert r.json()["beoordeling"]["beoordeeldDoor"] == "beleid-b"
    # één keer
    r = client.post(f"{BV}/{versie_id}/beoordelingen", json=goed, headers=kop("beleid-d", rollen=["beleidsbeheerder"]))
    assert r.status_code == 409
    # voorstel en vaststelling zijn auditrecords in de keten van de gemeente
    records = {b["soort"] for b in client.get("/api/v1/berekeningen").json()["berekeningen"]}
    assert {"beleidsvoorstel", "beleidsbeoordeling"} <= records
    assert client.get(f"/api/v1/berekeningen/{versie_id}").json()["resultaat"]["waarden"] == {
        "brutoTerugvordering": False
    }
    assert client.get("/api/v1/audit/integriteit").json()["intact"] is True
    # een tweede vastgestelde versie op dezelfde datum kan niet
    r = client.post(BV, json=voorstel({"brutoTerugvordering": True}), headers=VOORSTELLER)
    assert r.status_code == 409


def test_afgewezen_versie_telt_niet_mee(client):
    r = client.post(BV, json=voorstel({"waarschuwingIndienMogelijk": False}), headers=VOORSTELLER)
    versie_id = r.json()["beleidsversieId"]
    r = client.post(
        f"{BV}/{versie_id}/beoordelingen",
        json={"besluit": "AFGEWEZEN", "reden": "Het artikel in de gepubliceerde tekst zegt iets anders dan dit."},
        headers=VASTSTELLER,
    )
    assert r.status_code == 201 and r.json()["status"] == "AFGEWEZEN"
    assert client.get("/api/v1/beleid?peildatum=2026-06-01").json()["herkomst"] == "LANDELIJK"


# ---------------------------------------------------------------- het beleid op een peildatum


def test_beleid_op_peildatum_met_bron_en_verschillen(client):
    assert client.get("/api/v1/beleid?peildatum=2027-01-01").json()["herkomst"] == "LANDELIJK"
    bron = {**BRON, "artikel": None, "artikelen": {"draagkrachtMaanden": "artikel 7 lid 2"}}
    versie_id = stel_vast(client, {"draagkrachtMaanden": {"NORMAAL": 10}}, "2027-01-01", bron)
    voor = client.get("/api/v1/beleid?peildatum=2026-12-31").json()
    assert voor["herkomst"] == "LANDELIJK" and voor["beleidsversie"] is None and voor["verschillen"] == []
    op = client.get("/api/v1/beleid?peildatum=2027-01-01").json()
    assert op["herkomst"] == "GEMEENTE"
    assert op["beleidsversie"]["beleidsversieId"] == versie_id
    assert op["bron"]["cvdr"] == "CVDR712345"
    assert op["verschillen"] == [{"keuze": "draagkrachtMaanden", "waarde": {"NORMAAL": 10}, "landelijk": {}}]
    keuzes = {k["keuze"]: k for k in op["keuzes"]}
    assert keuzes["draagkrachtMaanden"]["herkomst"] == "GEMEENTE"
    assert keuzes["draagkrachtMaanden"]["artikel"] == "artikel 7 lid 2"
    assert keuzes["afronding"]["herkomst"] == "LANDELIJK" and keuzes["afronding"]["waarde"] == "GEEN"
    assert {"wet": "Participatiewet", "artikel": "58", "lid": "5"} in keuzes["brutoTerugvordering"]["grondslag"]
    # een andere gemeente heeft haar eigen (landelijke) beleid
    assert client.get("/api/v1/beleid?peildatum=2027-06-01", headers=ANDERE_GEMEENTE).json()["herkomst"] == "LANDELIJK"
    f = fouten(client.get("/api/v1/beleid?peildatum=2027-02-30"))
    assert f["peildatum"]["code"] == "datum"


# ---------------------------------------------------------------- rekenen met het beleid op de datum


def _boete(client, beschikkingsdatum: str, headers=None, **anders) -> dict:
    verzoek = {**copy.deepcopy(VOORBEELD), "beschikkingsdatum": beschikkingsdatum, **anders}
    r = client.post(BOETE, json=verzoek, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def test_berekening_gebruikt_de_versie_op_de_beschikkingsdatum(client):
    versie_id = stel_vast(
        client,
        {"draagkrachtMaanden": {"NORMAAL": 10}, "afronding": "NAAR_BOVEN_OP_TIENTALLEN"},
        "2026-03-01",
        {**BRON, "artikelen": {"draagkrachtMaanden": "artikel 7"}},
    )
    # vóór de ingangsdatum: de landelijke standaard (12 maanden x € 70,07)
    voor = _boete(client, "2026-02-28")
    assert voor["boete"] == "840.84"
    assert voor["draagkracht"]["maanden"] == 12
    assert voor["beleid"] == {"herkomst": "LANDELIJK", "gemeente": "0363", "beleidsversieId": None}
    # vanaf de ingangsdatum: 10 maanden x € 70,07 = € 700,70, naar beneden op tientallen (naar boven zou boven het
    # draagkrachtmaximum uitkomen): € 700,00
    na = _boete(client, "2026-03-01")
    assert na["draagkracht"] == {"perMaand": "70.07", "maanden": 10, "maximum": "700.70"}
    assert na["boete"] == "700.00"
    assert na["beleid"]["beleidsversieId"] == versie_id
    assert na["beleid"]["geldigVanaf"] == "2026-03-01"
    stappen = {s["regel"]: s for s in na["stappen"]}
    draagkracht = stappen["boete.draagkracht"]["beleid"]
    assert draagkracht == [
        {
            "keuze": "draagkrachtMaanden",
            "waarde": {"NORMAAL": 10},
            "herkomst": "GEMEENTE",
            "gemeente": "0363",
            "beleidsversieId": versie_id,
            "geldigVanaf": "2026-03-01",
            "titel": BRON["titel"],
            "artikel": "artikel 7",
            "cvdr": "CVDR712345",
            "url": None,
        }
    ]
    afronding = stappen["boete.afronding"]["beleid"][0]
    assert afronding["keuze"] == "afronding" and afronding["artikel"] == "artikel 3"  # artikel van de versie
    # een stap die niet op beleid rust, noemt geen beleid; de wettelijke bron blijft apart
    assert "beleid" not in stappen["boete.percentage"]
    assert all("Beleid" not in b["wet"] for s in na["stappen"] for b in s["bron"])
    # het verzoek kan afwijken waar het contract dat toestaat: zo staat het in de uitleg
    verzoek = _boete(client, "2026-03-01", afronding="GEEN")
    assert verzoek["boete"] == "700.70"
    assert not any(s["regel"] == "boete.afronding" for s in verzoek["stappen"])
    # een andere gemeente rekent met haar eigen (landelijke) beleid
    ander = _boete(client, "2026-03-01", headers=ANDERE_GEMEENTE)
    assert ander["boete"] == "840.84"
    assert ander["beleid"] == {"herkomst": "LANDELIJK", "gemeente": "0014", "beleidsversieId": None}


def test_waarschuwing_volgens_beleid_of_verzoek(client):
    stel_vast(client, {"waarschuwingIndienMogelijk": False})
    klein = {"benadelingsbedrag": "120.00"}
    boete = _boete(client, "2026-06-01", **klein)
    assert boete["uitkomst"] == "BOETE" and boete["boete"] == "60.00"
    uitkomst = next(s for s in boete["stappen"] if s["regel"] == "boete.uitkomst")
    assert uitkomst["beleid"][0]["keuze"] == "waarschuwingIndienMogelijk"
    assert uitkomst["beleid"][0]["herkomst"] == "GEMEENTE" and uitkomst["beleid"][0]["waarde"] is False
    # per verzoek afwijken blijft mogelijk, en staat als zodanig in de uitleg
    waarschuwing = _boete(client, "2026-06-01", waarschuwingIndienMogelijk=True, **klein)
    assert waarschuwing["uitkomst"] == "WAARSCHUWING"
    stap = next(s for s in waarschuwing["stappen"] if s["regel"] == "boete.uitkomst")
    assert stap["beleid"][0]["herkomst"] == "VERZOEK"


def test_vier_ogen_volgens_beleid(client):
    stel_vast(client, {"vierOgen": {"graden": ["OPZET"], "boeteBoven": "800.00"}})
    boven = _boete(client, "2026-06-01")
    assert boven["vierOgen"] == {"vereist": True, "redenen": ["De boete van € 840,84 is hoger dan € 800,00."]}
    stap = next(s for s in boven["stappen"] if s["regel"] == "beleid.vierOgen")
    assert stap["beleid"][0]["keuze"] == "vierOgen"
    assert stap["bron"] == [{"wet": "Algemene wet bestuursrecht", "artikel": "4:81", "lid": "1"}]
    assert any("Vier ogen" in s for s in boven["signalen"])
    tekst = client.get(
        f"/api/v1/berekeningen/{boven['berekeningId']}/uitleg",
        params={"doelgroep": "professional"},
        headers={"Accept": "text/plain"},
    ).text
    assert "Vier ogen (beleid): een tweede persoon stelt deze boete vast: De boete van € 840,84 is hoger" in tekst
    onder = _boete(client, "2026-06-01", benadelingsbedrag="1000.00")
    assert onder["boete"] == "500.00"
    assert onder["vierOgen"] == {"vereist": False, "redenen": []}


def test_schuldregeling_en_benadeling_met_beleid(client):
    stel_vast(client, {"looptijdSchuldregelingMaanden": 48, "brutoTerugvordering": False})
    verzoek = {
        "vorderingen": [
            {
                "id": "TV-1",
                "soort": "TERUGVORDERING_FRAUDE",
                "bedrag": "3000.00",
                "verwijtbaarheid": "GROVE_SCHULD",
                "boeteOpgelegd": True,
            }
        ],
        "huishouden": {"toepasselijkeNorm": "1401.50"},
        "beschikkingsdatum": "2026-03-02",
    }
    r = client.post("/api/v1/schuldregelingstoetsen", json=verzoek)
    assert r.status_code == 201, r.text
    res = r.json()
    assert res["looptijdMaanden"] == 48
    assert not any("langer dan de looptijd" in s for s in res["signalen"])  # 43 maanden past binnen 48
    stap = next(s for s in res["stappen"] if s["regel"] == "schuldregeling.aflostempo")
    assert stap["beleid"][0]["keuze"] == "looptijdSchuldregelingMaanden"
    assert stap["beleid"][0]["herkomst"] == "GEMEENTE"
    benadeling = client.post(
        "/api/v1/benadelingsbedragen",
        json={
            "perioden": [
                {
                    "van": "2025-01-01",
                    "tot": "2025-01-31",
                    "ontvangen": "1401.50",
                    "recht": "901.50",
                    "loonheffing": "80.00",
                }
            ],
            "beschikkingsdatum": "2026-03-02",
        },
    ).json()
    assert benadeling["terugvorderingBruto"] == benadeling["terugvorderingNetto"] == "500.00"
    stap = next(s for s in benadeling["stappen"] if s["regel"] == "terugvordering.bruto")
    assert stap["beleid"][0]["keuze"] == "brutoTerugvordering" and stap["beleid"][0]["waarde"] is False


# ---------------------------------------------------------------- herberekening


def test_herberekening_met_de_oude_versie_na_een_nieuwere(client):
    oud = stel_vast(client, {"draagkrachtMaanden": {"NORMAAL": 10}}, "2026-01-01")
    berekening = _boete(client, "2026-06-01")
    assert berekening["boete"] == "700.70" and berekening["beleid"]["beleidsversieId"] == oud
    # een nieuwere versie, die ook op 2026-06-01 zou gelden (ingang 2026-03-01)
    nieuw = stel_vast(client, {"draagkrachtMaanden": {"NORMAAL": 6}}, "2026-03-01")
    assert _boete(client, "2026-06-01")["boete"] == "420.42"
    r = client.post(f"/api/v1/berekeningen/{berekening['berekeningId']}/herberekeningen")
    assert r.status_code == 201, r.text
    her = r.json()
    assert her["identiek"] is True, her["verschillen"]
    assert her["verschillen"] == []
    assert her["beleidsversieId"] == oud
    # met het beleid dat nu op die datum geldt, komt er iets anders uit: dat wordt gezegd, niet stil toegepast
    nu = her["metHuidigeRegels"]
    assert nu["identiek"] is False
    paden = {v["pad"]: v for v in nu["verschillen"]}
    assert paden["boete"] == {"pad": "boete", "opgeslagen": "700.70", "herberekend": "420.42"}
    assert paden["beleid.beleidsversieId"]["herberekend"] == nieuw


def test_herberekening_van_een_record_van_voor_de_beleidslaag(client):
    """Een record zonder beleid (van vóór issue #10) rekende met de landelijke standaard: de herberekening is
    identiek; wat de beleidslaag toevoegt, telt niet als verschil."""
    from app.api.audit.herberekening import _zonder_beleidslaag

    store = client.app.state.api.state.store
    nieuw = _boete(client, "2026-06-01")
    oud = _zonder_beleidslaag({k: v for k, v in nieuw.items() if k != "berekeningId"})
    assert "beleid" not in oud and all("beleid" not in s for s in oud["stappen"])
    record = store.append(
        berekening_id="00000000-0000-4000-8000-000000000001",
        soort="boeteberekening",
        invoer=__import__("json").dumps({**VOORBEELD, "beschikkingsdatum": "2026-06-01"}),
        resultaat={"berekeningId": "00000000-0000-4000-8000-000000000001", **oud},
        regelversie=nieuw["regelversie"],
        gemeente="0363",
    )
    her = client.post(f"/api/v1/berekeningen/{record.berekening_id}/herberekeningen").json()
    assert her["identiek"] is True, her["verschillen"]
    assert her["beleidsversieId"] is None


# ---------------------------------------------------------------- uitleg


def test_uitleg_noemt_de_beleidsregel_apart_en_zegt_het_de_burger(client):
    stel_vast(
        client,
        {"draagkrachtMaanden": {"NORMAAL": 10}, "vermogenTeltVoorDraagkracht": False},
        "2026-01-01",
        {**BRON, "artikelen": {"draagkrachtMaanden": "artikel 7 lid 2"}},
    )
    res = _boete(client, "2026-06-01")
    pad = f"/api/v1/berekeningen/{res['berekeningId']}/uitleg"
    professional = client.get(pad, params={"doelgroep": "professional"}, headers={"Accept": "text/plain"}).text
    assert (
        "Beleid van de gemeente: draagkrachtMaanden: Beleidsregels handhaving Participatiewet Amsterdam 2026, "
        "artikel 7 lid 2 (CVDR712345), gemeente 0363, geldig vanaf 1 januari 2026" in professional
    )
    html = client.get(pad, params={"doelgroep": "professional"}).text
    assert '<th scope="col">Wet en rechtspraak</th><th scope="col">Beleid van de gemeente</th>' in html
    assert "<strong>Beleid:</strong> draagkrachtMaanden: Beleidsregels handhaving" in html
    burger = client.get(pad, params={"doelgroep": "burger"}, headers={"Accept": "text/plain"}).text
    assert "Wat heeft uw gemeente zelf gekozen?" in burger
    assert (
        "De gemeente kijkt naar wat u in 10 maanden kunt betalen. Dat is korter dan de wet toestaat. "
        "Dit is een keuze van uw gemeente." in burger
    )
    # zonder beleidsstap geen keuzesectie
    zonder = client.post("/api/v1/verwijtbaarheidsbeoordelingen", json={}).json()
    tekst = client.get(f"/api/v1/berekeningen/{zonder['berekeningId']}/uitleg", headers={"Accept": "text/plain"}).text
    assert "Dit is een keuze van uw gemeente" not in tekst


def test_beleid_op_postgresql(client_op, postgres_url):
    """Dezelfde vier ogen en dezelfde versiekeuze op PostgreSQL (partiële unieke index, transactie met het record)."""
    client = client_op(postgres_url)
    versie_id = stel_vast(client, {"draagkrachtMaanden": {"NORMAAL": 10}}, "2026-03-01")
    assert _boete(client, "2026-03-01")["beleid"]["beleidsversieId"] == versie_id
    assert _boete(client, "2026-02-01")["beleid"]["beleidsversieId"] is None
    assert client.post(BV, json=voorstel({"afronding": "GEEN"}, "2026-03-01"), headers=VOORSTELLER).status_code == 409


def test_afzien_na_jaren_zonder_betaling_volgens_beleid(client):
    stel_vast(client, {"afzienNaJarenZonderBetalingOverig": 3})
    verzoek = {
        "vordering": {"soort": "TERUGVORDERING_OVERIG", "bedrag": "900.00", "opgelegdOp": "2021-05-01"},
        "betalingshistorie": {"jarenZonderBetaling": 3},
        "beschikkingsdatum": "2026-06-01",
    }
    r = client.post("/api/v1/kwijtscheldingsbeoordelingen", json=verzoek)
    assert r.status_code == 201, r.text
    res = r.json()
    stap = next(s for s in res["stappen"] if s["regel"] == "kwijtschelding.afzienVolgensBeleid")
    assert stap["uitkomst"] == {"afzienVolgensBeleid": True}
    assert stap["beleid"][0]["keuze"] == "afzienNaJarenZonderBetalingOverig"
    assert stap["beleid"][0]["herkomst"] == "GEMEENTE" and stap["beleid"][0]["waarde"] == 3
    assert any("na 3 jaar zonder betaling" in s for s in res["signalen"])
    burger = client.get(f"/api/v1/berekeningen/{res['berekeningId']}/uitleg", headers={"Accept": "text/plain"}).text
    assert "Betaalt u 3 jaar niets, dan vraagt de gemeente het bedrag niet meer terug." in burger
    # een andere gemeente: de landelijke standaard (5 jaar), dus hier (nog) niet
    ander = client.post("/api/v1/kwijtscheldingsbeoordelingen", json=verzoek, headers=ANDERE_GEMEENTE).json()
    stap = next(s for s in ander["stappen"] if s["regel"] == "kwijtschelding.afzienVolgensBeleid")
    assert stap["uitkomst"] == {"afzienVolgensBeleid": False}
    assert stap["beleid"][0]["herkomst"] == "LANDELIJK" and stap["beleid"][0]["waarde"] == 5


def test_idempotency_key_bij_voorstellen_en_vaststellen(client):
    sleutel = {"Idempotency-Key": "beleid-2026-1"}
    eerste = client.post(BV, json=voorstel({"afronding": "GEEN"}), headers={**VOORSTELLER, **sleutel})
    tweede = client.post(BV, json=voorstel({"afronding": "GEEN"}), headers={**VOORSTELLER, **sleutel})
    assert eerste.status_code == tweede.status_code == 201
    assert tweede.headers["Idempotent-Replayed"] == "true"
    assert tweede.json()["beleidsversieId"] == eerste.json()["beleidsversieId"]
    assert len(client.get(BV).json()["beleidsversies"]) == 1
    pad = f"{BV}/{eerste.json()['beleidsversieId']}/beoordelingen"
    sleutel = {"Idempotency-Key": "beleid-2026-1-ok"}
    a = client.post(pad, json={"besluit": "GOEDGEKEURD"}, headers={**VASTSTELLER, **sleutel})
    b = client.post(pad, json={"besluit": "GOEDGEKEURD"}, headers={**VASTSTELLER, **sleutel})
    assert a.status_code == b.status_code == 201 and b.headers["Idempotent-Replayed"] == "true"
    assert b.json()["status"] == "VASTGESTELD"
    anders = client.post(
        pad,
        json={"besluit": "AFGEWEZEN", "reden": "x" * 50 + " zes woorden in deze reden"},
        headers={**VASTSTELLER, **sleutel},
    )
    assert anders.status_code == 422


def test_vier_ogen_bij_een_berekening_volgens_beleid(client):
    """Een boete met opzet heeft volgens het beleid een tweede persoon nodig: een beoordelaar, niet wie rekende."""
    stel_vast(client, {"vierOgen": {"graden": ["OPZET"]}})
    opzet = {"graad": "OPZET", "bewijs": ["Verklaring van betrokkene op 2025-11-02 (zaak Z-2025-101)"]}
    medewerker = kop("rekenaar", rollen=[MEDEWERKER])
    res = _boete(client, "2026-06-01", headers=medewerker, verwijtbaarheid=opzet)
    assert res["vierOgen"] == {"vereist": True, "redenen": ["De graad van verwijtbaarheid is OPZET."]}
    pad = f"/api/v1/berekeningen/{res['berekeningId']}/vaststellingen"
    assert client.get(pad).json()["status"] == "TER_VASTSTELLING"
    goed = {"besluit": "GOEDGEKEURD"}
    # wie rekende kan niet zelf vaststellen (ook niet met de rol beoordelaar); zonder de rol: 403
    assert client.post(pad, json=goed, headers=kop("rekenaar", rollen=[MEDEWERKER, BEOORDELAAR])).status_code == 403
    assert client.post(pad, json=goed, headers=kop("collega", rollen=[MEDEWERKER])).status_code == 403
    # een andere gemeente ziet de berekening niet
    assert client.post(pad, json=goed, headers=kop("elders", gemeente="0014", rollen=[BEOORDELAAR])).status_code == 404
    # afwijzen kan alleen met een reden (dezelfde regel als bij maatwerk en een beleidsversie)
    zonder = client.post(pad, json={"besluit": "AFGEWEZEN"}, headers=kop("collega", rollen=[BEOORDELAAR]))
    assert zonder.status_code == 400 and zonder.json()["invalidParams"][0]["name"] == "reden"
    assert "blijft bij de berekening" in zonder.json()["invalidParams"][0]["reason"]
    r = client.post(pad, json=goed, headers=kop("collega", rollen=[BEOORDELAAR]))
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "VASTGESTELD" and r.json()["beoordeling"]["beoordeeldDoor"] == "collega"
    assert client.post(pad, json=goed, headers=kop("derde", rollen=[BEOORDELAAR])).status_code == 409
    # een normale boete heeft volgens dit beleid geen tweede persoon nodig
    normaal = _boete(client, "2026-06-01", headers=medewerker)
    pad = f"/api/v1/berekeningen/{normaal['berekeningId']}/vaststellingen"
    assert client.get(pad).json()["status"] == "NIET_VEREIST"
    assert client.post(pad, json=goed, headers=kop("collega", rollen=[BEOORDELAAR])).status_code == 409


def test_een_versie_uit_een_ander_proces_geldt_uiterlijk_na_de_onthoudtijd(client_op, tmp_path):
    """Twee processen op één database: wat het andere proces vaststelt, ziet dit proces na BELEID_ONTHOUDEN_S;
    het eigen proces ziet het meteen. Het resultaat noemt altijd de versie waarmee echt is gerekend."""

    url = f"sqlite:///{tmp_path}/gedeeld.db"
    hier, daar = client_op(url), client_op(url)
    assert _boete(hier, "2026-06-01")["beleid"]["beleidsversieId"] is None  # nu onthouden
    versie_id = stel_vast(daar, {"draagkrachtMaanden": {"NORMAAL": 10}})
    assert _boete(daar, "2026-06-01")["beleid"]["beleidsversieId"] == versie_id  # het eigen proces: meteen
    oud = _boete(hier, "2026-06-01")
    assert oud["beleid"]["beleidsversieId"] is None and oud["boete"] == "840.84"  # nog binnen de onthoudtijd
    verlopen = {g: (0.0, lijn) for g, (_, lijn) in hier.app.state.api.state.beleidslijnen.items()}
    hier.app.state.api.state.beleidslijnen = verlopen
    nieuw = _boete(hier, "2026-06-01")
    assert nieuw["beleid"]["beleidsversieId"] == versie_id and nieuw["boete"] == "700.70"


def test_tien_punt_nul_is_het_gehele_getal_tien(client):
    """JSON (en JSON Schema) kent 10.0 als het gehele getal 10: aangenomen en als 10 bewaard; 10.5 blijft een fout."""
    import json

    hoofd = {**VOORSTELLER, "Content-Type": "application/json"}
    tekst = json.dumps(voorstel({"draagkrachtMaanden": {"NORMAAL": 1}})).replace('"NORMAAL": 1', '"NORMAAL": 10.0')
    r = client.post(BV, content=tekst, headers=hoofd)
    assert r.status_code == 201, r.text
    assert r.json()["waarden"]["draagkrachtMaanden"] == {"NORMAAL": 10}
    f = fouten(client.post(BV, content=tekst.replace("10.0", "10.5"), headers=hoofd))
    assert "waarden.draagkrachtMaanden.NORMAAL" in f
