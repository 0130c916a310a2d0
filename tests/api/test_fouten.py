"""Ongeldige invoer: 400 problem+json met het veld en een Nederlandse reden; niets vastgelegd."""

from __future__ import annotations

import copy

import pytest

from tests.api.conftest import VOORBEELD


def met(**wijzigingen):
    verzoek = copy.deepcopy(VOORBEELD)
    for pad, waarde in wijzigingen.items():
        doel = verzoek
        delen = pad.split("__")
        for deel in delen[:-1]:
            doel = doel[deel]
        if waarde is ...:
            del doel[delen[-1]]
        else:
            doel[delen[-1]] = waarde
    return verzoek


def probleem(r, status=400):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.headers["API-Version"] == "1.0.0"
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in r.text
    return body


def namen(body):
    return {p["name"]: p["reason"] for p in body.get("invalidParams", [])}


@pytest.mark.parametrize(
    ("verzoek", "veld", "in_reden"),
    [
        (met(overtreding__einddatum="2025-02-01"), "overtreding.einddatum", "vóór de begindatum"),
        (met(overtreding__einddatum="2025-02-30"), "overtreding.einddatum", "bestaat niet"),
        (met(overtreding__einddatum="31-10-2025"), "overtreding.einddatum", "JJJJ-MM-DD"),
        (met(overtreding__einddatum=20251031), "overtreding.einddatum", "JJJJ-MM-DD"),
        (met(overtreding=...), "overtreding", "verplicht"),
        (met(benadelingsbedrag="-5.00"), "benadelingsbedrag", "negatief"),
        (met(benadelingsbedrag="12.345"), "benadelingsbedrag", "twee decimalen"),
        (met(benadelingsbedrag="acht"), "benadelingsbedrag", "bedrag"),
        (met(benadelingsbedrag=True), "benadelingsbedrag", "bedrag"),
        (met(benadelingsbedrag=...), "body", "precies één"),
        (
            met(perioden=[{"van": "2025-01-01", "tot": "2025-01-31", "ontvangen": "1", "recht": "0"}]),
            "body",
            "precies één",
        ),
        (met(verwijtbaarheid={"graad": "OPZET"}), "verwijtbaarheid.bewijs", "bewijs"),
        (met(verwijtbaarheid={"graad": "OPZET", "bewijs": ["  "]}), "verwijtbaarheid.bewijs.0", "leeg"),
        (met(verwijtbaarheid={"groveSchuld": {"bewijs": []}}), "verwijtbaarheid.groveSchuld.bewijs", "bewijs"),
        (met(verwijtbaarheid={"graad": "GEEN"}), "verwijtbaarheid.motivering", "motivering"),
        (met(verwijtbaarheid={"graad": "FRAUDE"}), "verwijtbaarheid.graad", "toegestaan"),
        (met(verwijtbaarheid={"graad": "NORMAAL", "opzet": {"bewijs": ["x"]}}), "verwijtbaarheid", "niet beide"),
        (
            met(huishouden={"leefvorm": "ALLEENSTAANDE", "opBijstandsniveau": False}),
            "huishouden.nettoMaandinkomen",
            "boven bijstandsniveau",
        ),
        (met(huishouden={"leefvorm": "KOSTENDELER"}), "huishouden.leefvorm", "toegestaan"),
        (met(huishouden={}), "huishouden.leefvorm", "leefvorm"),
        (met(beschikkingsdatum="2027-01-04"), "huishouden.toepasselijkeNorm", "geen waarde bekend"),
        (met(dringendeRedenen={"motivering": ""}), "dringendeRedenen.motivering", "motivering"),
        (met(dringendeRedenen={"motivering": "   kort   "}), "dringendeRedenen.motivering", "motivering"),
        (
            met(matigingen=[{"grond": "EVENREDIGHEID", "percentage": "10", "motivering": ""}]),
            "matigingen.0.motivering",
            "motivering",
        ),
        (
            met(matigingen=[{"grond": "EVENREDIGHEID", "percentage": "101", "motivering": "Hoge zorgkosten gezin"}]),
            "matigingen.0.percentage",
            "100",
        ),
        (met(eerdereSancties=[{"soort": "BOETE", "datum": "2027-01-01"}]), "eerdereSancties.0.datum", "na de"),
        (met(eerdereSancties=[{"soort": "BERISPING", "datum": "2020-01-01"}]), "eerdereSancties.0.soort", "toegestaan"),
        (met(afronding="OP_HELE_EUROS"), "afronding", "toegestaan"),
        (met(onbekendVeld=1), "onbekendVeld", "Onbekend veld"),
        (met(waarschuwingIndienMogelijk="ja"), "waarschuwingIndienMogelijk", "true of false"),
        (
            met(zelfcorrectie={"dagenNaVerplichting": -1, "voorConstatering": True, "inKaderVanToezicht": False}),
            "zelfcorrectie.dagenNaVerplichting",
            "ten minste 0",
        ),
    ],
)
def test_ongeldige_boeteberekening(client, verzoek, veld, in_reden):
    body = probleem(client.post("/api/v1/boeteberekeningen", json=verzoek))
    redenen = namen(body)
    assert veld in redenen, redenen
    assert in_reden.lower() in redenen[veld].lower(), redenen[veld]


def test_ongeldige_json(client):
    body = probleem(
        client.post(
            "/api/v1/boeteberekeningen", content=b'{"overtreding": ', headers={"Content-Type": "application/json"}
        )
    )
    assert namen(body)["body"].startswith("Geen geldige JSON")


def test_geen_object(client):
    body = probleem(client.post("/api/v1/boeteberekeningen", json=[1, 2]))
    assert "body" in namen(body)


def test_perioden_overlap_via_api(client):
    body = probleem(
        client.post(
            "/api/v1/benadelingsbedragen",
            json={
                "perioden": [
                    {"van": "2025-01-01", "tot": "2025-01-31", "ontvangen": "100", "recht": "0"},
                    {"van": "2025-01-15", "tot": "2025-02-15", "ontvangen": "100", "recht": "0"},
                ]
            },
        )
    )
    assert "overlapt" in namen(body)["perioden.1.van"]


def test_lege_perioden(client):
    body = probleem(client.post("/api/v1/benadelingsbedragen", json={"perioden": []}))
    assert "perioden" in namen(body)


def test_te_grote_body(client):
    groot = b'{"x": "' + b"a" * (1024 * 1024) + b'"}'
    body = probleem(
        client.post("/api/v1/boeteberekeningen", content=groot, headers={"Content-Type": "application/json"}), 413
    )
    assert "KiB" in body["detail"]


def test_onbekend_id_404_en_geen_uuid_400(client):
    body = probleem(client.get("/api/v1/berekeningen/6f1c3a0e-1d2b-4c3d-8e9f-0a1b2c3d4e5f"), 404)
    assert "6f1c3a0e" in body["detail"]
    body = probleem(client.get("/api/v1/berekeningen/abc"))
    assert "berekeningId" in namen(body)
    probleem(client.get("/api/v1/bestaat-niet"), 404)


@pytest.mark.parametrize("pad", ["/api/v1/regels", "/api/v1/beleid"])
def test_ongeldige_peildatum(client, pad):
    body = probleem(client.get(pad, params={"peildatum": "2026-02-30"}))
    assert "peildatum" in namen(body)


def test_methode_niet_toegestaan(client):
    r = client.delete("/api/v1/boeteberekeningen")
    probleem(r, 405)
    assert r.headers["allow"] == "POST"


@pytest.mark.parametrize(
    "pad", ["/api/v1/beleidsversies", "/api/v1/berekeningen/00000000-0000-4000-8000-000000000000/vaststellingen"]
)
def test_allow_noemt_elke_methode_van_het_pad(client, pad):
    """GET en POST van hetzelfde pad zijn twee routes; Allow noemt ze allebei (schemathesis ST205)."""
    r = client.options(pad)
    probleem(r, 405)
    assert {m.strip() for m in r.headers["allow"].split(",")} >= {"GET", "POST"}


def test_niets_vastgelegd_bij_fout(client):
    client.post("/api/v1/boeteberekeningen", json=met(benadelingsbedrag="-1"))
    store = client.app.state.api.state.store
    from sqlalchemy import text

    with store.engine.connect() as verbinding:
        assert verbinding.execute(text("select count(*) from auditrecord")).scalar_one() == 0


def test_onverwachte_fout_geeft_500_zonder_interne_details(client, monkeypatch):
    from app.api.berekeningen import rekenen

    def stuk(*args, **kwargs):
        raise RuntimeError("geheime interne details: wachtwoord=hunter2")

    monkeypatch.setattr(rekenen, "bereken_boete", stuk)
    body = probleem(client.post("/api/v1/boeteberekeningen", json=VOORBEELD), 500)
    assert "hunter2" not in str(body) and "RuntimeError" not in str(body)


def test_database_onbereikbaar_geeft_503_en_geen_resultaat(client_op):
    client = client_op("postgresql+psycopg://postgres@127.0.0.1:1/bestaat_niet")
    body = probleem(client.post("/api/v1/boeteberekeningen", json=VOORBEELD), 503)
    assert "boete" not in body
    # ongeldige invoer blijft 400, ook zonder database; met een Idempotency-Key moet eerst de database kijken
    probleem(client.post("/api/v1/boeteberekeningen", json={}), 400)
    probleem(client.post("/api/v1/boeteberekeningen", json=VOORBEELD, headers={"Idempotency-Key": "k"}), 503)


def test_database_die_later_komt_wordt_alsnog_gemigreerd(client_op, tmp_path):
    """Start zonder bruikbare database (503), daarna komt hij er: het volgende verzoek migreert en legt vast."""
    blokkade = tmp_path / "db"
    blokkade.write_text("een bestand waar een map moet staan")
    client = client_op(f"sqlite:///{blokkade}/maatstaf.db")
    probleem(client.post("/api/v1/boeteberekeningen", json=VOORBEELD), 503)
    blokkade.unlink()
    blokkade.mkdir()
    r = client.post("/api/v1/boeteberekeningen", json=VOORBEELD)
    assert r.status_code == 201, r.text
    assert client.get(r.headers["Location"]).status_code == 200


def test_losse_surrogaat_is_400_en_een_paar_is_goed(client):
    """ "\\ud800" is geldige JSON maar geen tekst die in UTF-8 kan worden vastgelegd: 400, geen 500."""
    sjabloon = (
        '{"overtreding": {"begindatum": "2025-03-01", "einddatum": "2025-10-31"}, "beschikkingsdatum": "2026-02-02",'
        ' "benadelingsbedrag": "8000.00", "verwijtbaarheid": {"graad": "GEEN", "motivering": "%s niet verwijtbaar"},'
        ' "huishouden": {"leefvorm": "ALLEENSTAANDE"}}'
    )
    kop = {"Content-Type": "application/json"}
    r = client.post("/api/v1/boeteberekeningen", content=sjabloon % "\\ud800", headers=kop)
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "verwijtbaarheid.motivering"
    r = client.post("/api/v1/boeteberekeningen", content=sjabloon % "\\ud83d\\ude00", headers=kop)
    assert r.status_code == 201
    assert client.get(r.headers["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("pad", "body", "veld"),
    [
        (
            "/api/v1/benadelingsbedragen",
            {"perioden": [{"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": "0", "recht": None}]},
            "perioden.0.recht",
        ),
        (
            "/api/v1/boeteberekeningen",
            {**VOORBEELD, "overtreding": {"begindatum": None, "einddatum": "2025-10-31"}},
            "overtreding.begindatum",
        ),
        (
            "/api/v1/verwijtbaarheidsbeoordelingen",
            {"indicaties": [{"code": "ZELF_TOEGEGEVEN", "toelichting": None}]},
            "indicaties.0.toelichting",
        ),
        (
            "/api/v1/kwijtscheldingsbeoordelingen",
            {"vordering": {"soort": "TERUGVORDERING_OVERIG", "bedrag": "10.00"}, "herhalingen": [None]},
            "herhalingen.0",
        ),
        (
            "/api/v1/schuldregelingstoetsen",
            {"vorderingen": [{"id": "a", "soort": "TERUGVORDERING_OVERIG", "bedrag": None}]},
            "vorderingen.0.bedrag",
        ),
    ],
)
def test_null_in_een_verplicht_veld_is_400(client, pad, body, veld):
    """Gevonden met schemathesis: null in een verplicht bedrag, datum of tekst gaf een 500."""
    r = client.post(pad, json=body)
    fouten = {p["name"]: p["reason"] for p in probleem(r, 400)["invalidParams"]}
    assert "null" in fouten[veld]


def test_null_in_een_optioneel_veld_is_weglaten(client):
    body = {
        **VOORBEELD,
        "beschikkingsdatum": None,
        "huishouden": {"toepasselijkeNorm": "1401.50", "vermogenBovenGrens": None},
    }
    assert client.post("/api/v1/boeteberekeningen", json=body).status_code == 201


def test_surrogaatcontrole_met_getallen_in_de_body(client):
    """Gevonden met schemathesis: de controle op losse surrogaten kon niet tegen Decimal-getallen (500)."""
    body = (
        '{"overtreding": {"begindatum": "2025-03-01", "einddatum": "2025-10-31"}, "beschikkingsdatum": "2026-02-02",'
        ' "benadelingsbedrag": 8000.5, "verwijtbaarheid": {"graad": "NORMAAL"},'
        ' "huishouden": {"leefvorm": "ALLEENSTAANDE"}, "x": "\\ud83d\\ude00"}'
    )
    r = client.post("/api/v1/boeteberekeningen", content=body, headers={"Content-Type": "application/json"})
    assert probleem(r, 400)["invalidParams"][0]["name"] == "x"  # onbekend veld; geen 500


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"{a: 1}", "hier wordt een sleutel tussen dubbele aanhalingstekens verwacht (regel 1, kolom 2)"),
        (b"", "hier wordt een waarde verwacht (regel 1, kolom 1)"),
        (b'{"a" 1}', "hier wordt een dubbele punt (:) verwacht"),
        (b"[1 2]", "hier wordt een komma verwacht"),
        (b'{"a": 1,\n "b": "abc', "de tekst die hier begint, wordt niet afgesloten met een aanhalingsteken (regel 2"),
        (b'{"a": "x\ty"}', "een stuurteken (bijv. een tab of regeleinde) in tekst"),
        (b'{"a": "\\x"}', "een ongeldige escape met \\"),
        (b'{"a": "\\u12"}', "een \\u-escape heeft vier hexadecimale cijfers nodig"),
        (b"{} {}", "na de JSON-waarde volgt nog meer"),
    ],
)
def test_ongeldige_json_in_het_nederlands(client, inhoud, melding):
    """Issue #20: de melding van Pythons JSON-parser kwam in het Engels in een verder Nederlands antwoord
    ("Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")."""
    r = client.post("/api/v1/boeteberekeningen", content=inhoud, headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    reden = namen(r.json())["body"]
    assert reden.startswith("Geen geldige JSON: ") and melding in reden, reden
    for engels in ("Expecting", "delimiter", "line ", "column", "char ", "Invalid", "Unterminated", "Extra data"):
        assert engels not in reden, reden
