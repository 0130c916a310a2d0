"""Wat Maatstaf als body aanneemt (issue #8 §2): UTF-8 zonder BOM, geen NUL, geen dubbele sleutels, niet te diep
genest, alleen application/json. Elke weigering is een 400 (of 415) problem+json, vóór er iets is vastgelegd."""

from __future__ import annotations

import json

import pytest

from app.api.http.json_invoer import MAX_DIEPTE, diepte_te_groot
from tests.api.conftest import VOORBEELD
from tests.api.test_fouten import probleem

JSON = {"Content-Type": "application/json"}
BODY = json.dumps(VOORBEELD).encode()


def _aantal_records(client) -> int:
    return len(client.get("/api/v1/berekeningen").json()["berekeningen"])


def _post(client, inhoud: bytes, pad: str = "/api/v1/boeteberekeningen", headers=JSON):
    return client.post(pad, content=inhoud, headers=headers)


@pytest.mark.parametrize(
    ("inhoud", "code"),
    [
        (b"\xef\xbb\xbf" + BODY, "bom"),
        (BODY.decode().encode("utf-16"), "utf8"),
        (BODY.decode().encode("utf-16-be"), "nul_teken"),
        (BODY.decode().encode("utf-16-le"), "nul_teken"),
        (BODY.decode().encode("utf-32"), "utf8"),
        (BODY.decode().encode("utf-32-le"), "nul_teken"),
        (BODY.decode().encode("latin-1") + "é".encode("latin-1"), "utf8"),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16be", "utf16le", "utf32-bom", "utf32le", "latin1"],
)
def test_alleen_utf8_zonder_bom_en_niets_vastgelegd(client_op, database_url, inhoud, code):
    """Een BOM werd vastgelegd (201) en het record gaf daarna 500; UTF-16/32 gaf 500 of (PostgreSQL, NUL) 503."""
    client = client_op(database_url)
    body = probleem(_post(client, inhoud))
    assert body["invalidParams"][0]["name"] == "body"
    assert body["invalidParams"][0]["code"] == code
    assert "UTF-8" in body["invalidParams"][0]["reason"]
    assert _aantal_records(client) == 0
    # dezelfde body als UTF-8 zonder BOM gaat wel, en het record is leesbaar en herberekenbaar
    r = _post(client, BODY)
    assert r.status_code == 201, r.text
    assert client.get(r.headers["Location"]).status_code == 200
    assert client.post(f"{r.headers['Location']}/herberekeningen").json()["identiek"] is True


@pytest.mark.parametrize(
    ("pad", "body", "veld"),
    [
        (
            "/api/v1/verwijtbaarheidsbeoordelingen",
            {"groveSchuld": {"bewijs": ["brief a\u0000b"]}},
            "groveSchuld.bewijs.0",
        ),
        ("/api/v1/boeteberekeningen", {**VOORBEELD, "beschikkingsdatum": "2026-02-02\u0000"}, "beschikkingsdatum"),
        ("/api/v1/boeteberekeningen", {**VOORBEELD, "x\u0000": 1}, "x\u0000"),
        (
            "/api/v1/schuldregelingstoetsen",
            {"vorderingen": [{"id": "\u0000", "soort": "TERUGVORDERING_OVERIG", "bedrag": "1.00"}]},
            "vorderingen.0.id",
        ),
    ],
)
def test_nul_teken_in_tekst_is_400(client_op, database_url, pad, body, veld):
    client = client_op(database_url)
    fouten = probleem(client.post(pad, json=body))["invalidParams"]
    assert fouten[0]["name"] == veld and fouten[0]["code"] == "nul_teken"
    assert _aantal_records(client) == 0


def test_diep_geneste_json_is_400_zonder_recursie(client):
    """Arrays van diepte 946 in 1,9 kB gaven een 500 (RecursionError)."""
    for inhoud in (b"[" * 946 + b"]" * 946, b'{"a":' * 100_000 + b"1" + b"}" * 100_000, b"[" * 500_000):
        body = probleem(_post(client, inhoud))
        assert body["invalidParams"][0]["code"] == "te_diep"
    # op de grens: precies MAX_DIEPTE is geen dieptefout (wel een ongeldig verzoek)
    body = probleem(_post(client, b"[" * MAX_DIEPTE + b"]" * MAX_DIEPTE))
    assert body["invalidParams"][0]["code"] != "te_diep"
    assert _aantal_records(client) == 0


def test_diepte_telt_niet_binnen_tekst():
    assert not diepte_te_groot('{"a": "' + "[" * 100 + '"}')
    assert not diepte_te_groot('{"a": "\\"' + "[" * 100 + '"}')
    assert not diepte_te_groot('["\\\\"]' * 10)
    assert diepte_te_groot('{"a": "\\\\", "b": ' + "[" * 40 + "]" * 40 + "}")


def test_dubbele_sleutel_is_400_met_de_sleutel(client):
    inhoud = BODY[:-1] + b', "overtreding": {"begindatum": "2024-01-01", "einddatum": "2024-01-31"}}'
    fouten = probleem(_post(client, inhoud))["invalidParams"]
    assert fouten[0]["name"] == "overtreding" and fouten[0]["code"] == "dubbele_sleutel"
    genest = BODY.replace(b'"graad": "NORMAAL"', b'"graad": "GEEN", "graad": "NORMAAL"')
    fouten = probleem(_post(client, genest))["invalidParams"]
    assert fouten[0]["name"] == "verwijtbaarheid.graad"
    assert "'graad'" in fouten[0]["reason"]
    assert _aantal_records(client) == 0


@pytest.mark.parametrize("constante", [b"NaN", b"Infinity", b"-Infinity"])
def test_nan_en_infinity_zijn_geen_json(client, constante):
    inhoud = BODY.replace(b'"8000.00"', constante)
    assert probleem(_post(client, inhoud))["invalidParams"][0]["code"] == "json"


@pytest.mark.parametrize(
    "content_type",
    [None, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/xml"],
)
def test_alleen_application_json_anders_415(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    r = client.post("/api/v1/boeteberekeningen", content=BODY, headers=headers)
    body = probleem(r, 415)
    assert "application/json" in body["detail"]
    assert r.headers["Accept"] == "application/json"
    assert _aantal_records(client) == 0


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/json; charset=utf-8", 'Application/JSON;charset="UTF-8"']
)
def test_application_json_met_charset_utf8(client, content_type):
    assert (
        client.post("/api/v1/boeteberekeningen", content=BODY, headers={"Content-Type": content_type}).status_code
        == 201
    )


def test_415_ook_bij_maatwerk_en_beoordeling(client):
    berekening_id = client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()["berekeningId"]
    r = client.post(
        f"/api/v1/berekeningen/{berekening_id}/maatwerkbesluiten", content=b"{}", headers={"Content-Type": "text/plain"}
    )
    probleem(r, 415)
    r = client.post(
        "/api/v1/maatwerkbesluiten/2d0c1e9a-0a1f-4b33-9f8e-061a08292950/beoordelingen",
        content=b"{}",
        headers={"Content-Type": "text/plain"},
    )
    probleem(r, 415)


# ---------------------------------------------------------------- bedragen, datums en queryparameters


@pytest.mark.parametrize("nul", ["-0", "-0.00", "-0.0", -0.0])
def test_min_nul_wordt_nul(client, nul):
    """ "-0" werd "-0.00" en de burger zag "€ -0,00"."""
    verzoek = {**VOORBEELD, "benadelingsbedrag": nul}
    inhoud = json.dumps(verzoek).encode() if not isinstance(nul, float) else BODY.replace(b'"8000.00"', b"-0.0")
    r = _post(client, inhoud)
    assert r.status_code == 201, r.text
    assert r.json()["benadelingsbedrag"] == "0.00"
    assert '"-0' not in r.text
    pagina = client.get(f"{r.headers['Location']}/uitleg").text
    assert "-0,00" not in pagina and "− 0,00" not in pagina


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("benadelingsbedrag", "\uff18\uff10\uff10\uff10.00"),  # volle breedte
        ("benadelingsbedrag", "\u0668\u0660\u0660\u0660"),  # Arabisch-Indisch
        ("benadelingsbedrag", "8000.0\u0660"),
        ("beschikkingsdatum", "\uff12026-02-02"),
        ("beschikkingsdatum", "2026-02-0\u0662"),
        ("beschikkingsdatum", "2026-02-02\n"),
    ],
)
def test_alleen_ascii_cijfers(client, veld, waarde):
    fouten = probleem(client.post("/api/v1/boeteberekeningen", json={**VOORBEELD, veld: waarde}))["invalidParams"]
    assert fouten[0]["name"] == veld
    if veld == "beschikkingsdatum":
        assert "JJJJ-MM-DD" in fouten[0]["reason"]
    assert _aantal_records(client) == 0


def test_heel_groot_getal_met_decimalen_is_400(client):
    inhoud = BODY.replace(b'"8000.00"', b"123456789012345678901234567890.001")
    assert probleem(_post(client, inhoud))["invalidParams"][0]["code"] == "te_groot"


@pytest.mark.parametrize(
    ("query", "naam"),
    [
        ("na=18446744073709551616", "na"),
        ("na=9223372036854775808", "na"),
        ("na=0", "na"),
        ("na=%D9%A1", "na"),
        ("na=" + "a" * 37, "na"),
        ("aantal=%EF%BC%91", "aantal"),
        ("aantal=101", "aantal"),
        ("soort=%00", "soort"),
        ("soort=boete%0A", "soort"),
    ],
)
def test_queryparameters_buiten_bereik_zijn_400(client_op, database_url, query, naam):
    """na=2^64 gaf 503 op PostgreSQL (en 500 op SQLite); NUL in soort kan PostgreSQL niet bevragen."""
    client = client_op(database_url)
    fouten = probleem(client.get(f"/api/v1/berekeningen?{query}"))["invalidParams"]
    assert fouten[0]["name"] == naam


@pytest.mark.parametrize("peildatum", ["\uff12026-02-02", "2026-02-0\u0662", "2026-02-30", "2026-02-02%0A"])
def test_peildatum_alleen_ascii(client, peildatum):
    fouten = probleem(client.get(f"/api/v1/regels?peildatum={peildatum}"))["invalidParams"]
    assert fouten[0]["name"] == "peildatum"


def test_toegestane_waarden_met_of_in_plaats_van_or(client):
    fouten = probleem(
        client.post("/api/v1/boeteberekeningen", json={**VOORBEELD, "verwijtbaarheid": {"graad": "ERG"}})
    )["invalidParams"]
    reden = fouten[0]["reason"]
    assert fouten[0]["name"] == "verwijtbaarheid.graad"
    assert " of GEEN" in reden and " or " not in reden, reden
