"""Datums aan de randen van de kalender (issue #20, 3): nooit een 5xx, en buiten het ondersteunde bereik een 400 die
het veld noemt.

Een boete en een kwijtschelding in 9999 en een impactanalyse vanaf 0001-01-01 gaven 500 (``year 10004 is out of
range``). De velden komen uit het OpenAPI-document: elk datumveld (``format: date``) van elke body en elke
queryparameter met een datum of een maand, en elke regel van een batch. Een nieuw datumveld wordt zo vanzelf getest.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from app.api.http.typen import EERSTE_DATUM, LAATSTE_DATUM
from app.main import maak_api, maak_app
from tests.api.conftest import VOORBEELD, instellingen, kop

DOCUMENT = maak_api().openapi()
COMPONENTEN = DOCUMENT["components"]["schemas"]

#: Buiten het bereik; op de grens; en net erbinnen.
BUITEN = ["0001-01-01", "1000-06-15", "1899-12-31", "2200-01-01", "5000-01-01", "9999-12-31"]
BINNEN = ["1900-01-01", "1900-01-02", "1913-01-01", "2012-12-31", "2013-01-01", "2199-12-30", "2199-12-31"]
MAANDEN_BUITEN = ["0001-01", "1899-12", "2200-01", "9999-12"]
MAANDEN_BINNEN = ["1900-01", "1900-12", "2199-01", "2199-12"]

#: Bodies waarin elk datumveld al staat (ook in lijsten), zodat een datum aan de rand tot in de berekening komt.
#: Een datumveld dat hier (nog) niet staat, wordt in het voorbeeld uit het document gezet (zie ``_zet``).
RIJK = {
    "/boeteberekeningen": {
        **VOORBEELD,
        "huishouden": {"leefvorm": "ALLEENSTAANDE", "toepasselijkeNorm": "1401.50"},
        "eerdereSancties": [{"soort": "BOETE", "datum": "2020-01-01"}],
    },
    "/benadelingsbedragen": {
        "perioden": [{"van": "2025-01-01", "tot": "2025-01-31", "ontvangen": "1401.50", "recht": "901.50"}],
        "beschikkingsdatum": "2026-02-02",
    },
    "/kwijtscheldingsbeoordelingen": {
        "vordering": {"soort": "BOETE", "bedrag": "640.00", "opgelegdOp": "2024-05-01", "verwijtbaarheid": "NORMAAL"},
        "herhalingen": ["2024-06-01"],
        "verzoek": True,
        "schuldregeling": True,
        "beschikkingsdatum": "2026-02-02",
    },
    "/schuldregelingstoetsen": {
        "vorderingen": [
            {
                "id": "BB-1",
                "soort": "BOETE",
                "bedrag": "840.84",
                "verwijtbaarheid": "NORMAAL",
                "opgelegdOp": "2025-02-03",
            }
        ],
        "huishouden": {"toepasselijkeNorm": "1401.50"},
        "beschikkingsdatum": "2026-03-02",
    },
}


def _los(schema: dict) -> dict:
    while "$ref" in schema:
        schema = COMPONENTEN[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _datumvelden(schema: dict, pad: tuple = (), diepte: int = 0) -> set[tuple]:
    """Elk pad naar een datum (``format: date``) in een schema; 0 voor een element van een lijst."""
    schema = _los(schema)
    uit: set[tuple] = set()
    if diepte > 25:
        return uit
    for sleutel in ("anyOf", "oneOf", "allOf"):
        for variant in schema.get(sleutel, []):
            uit |= _datumvelden(variant, pad, diepte + 1)
    for sleutel in ("if", "then", "else"):
        if sleutel in schema:
            uit |= _datumvelden(schema[sleutel], pad, diepte + 1)
    if schema.get("format") == "date":
        uit.add(pad)
    for naam, sub in schema.get("properties", {}).items():
        uit |= _datumvelden(sub, (*pad, naam), diepte + 1)
    if isinstance(schema.get("items"), dict):
        uit |= _datumvelden(schema["items"], (*pad, 0), diepte + 1)
    return uit


def _is_maand(schema: dict) -> bool:
    return schema.get("pattern", "").endswith("-(0[1-9]|1[0-2])$")


def _operaties() -> list[tuple[str, str, str, tuple]]:
    """(methode, pad, soort, veld): soort is 'query' (datum), 'maand' (query JJJJ-MM) of 'body'."""
    uit = []
    for pad, operaties in DOCUMENT["paths"].items():
        for methode, operatie in operaties.items():
            for p in operatie.get("parameters", []):
                schema = p.get("schema", {})
                if p["in"] == "query" and schema.get("format") == "date":
                    uit.append((methode, pad, "query", (p["name"],)))
                elif p["in"] == "query" and _is_maand(schema):
                    uit.append((methode, pad, "maand", (p["name"],)))
            inhoud = operatie.get("requestBody", {}).get("content", {}).get("application/json")
            if inhoud and "{" not in pad:  # paden met een id hebben (nog) geen datum in hun body
                uit += [(methode, pad, "body", veld) for veld in sorted(_datumvelden(inhoud["schema"]), key=str)]
    return uit


OPERATIES = _operaties()
#: De soorten van een batchregel (het pad van de losse POST), uit het schema van Batchregel.
BATCHSOORTEN = _los(COMPONENTEN["Batchregel"])["properties"]["soort"]["enum"]
BATCH = [(m, p, s, v) for (m, p, s, v) in OPERATIES if s == "body" and p.lstrip("/") in BATCHSOORTEN]


def test_de_opsomming_vindt_de_datumvelden():
    gevonden = {(p, ".".join(map(str, v))) for _, p, _, v in OPERATIES}
    assert {
        ("/boeteberekeningen", "overtreding.begindatum"),
        ("/boeteberekeningen", "eerdereSancties.0.datum"),
        ("/benadelingsbedragen", "perioden.0.tot"),
        ("/kwijtscheldingsbeoordelingen", "herhalingen.0"),
        ("/kwijtscheldingsbeoordelingen", "vordering.opgelegdOp"),
        ("/schuldregelingstoetsen", "vorderingen.0.opgelegdOp"),
        ("/impactanalyses", "selectie.van"),
        ("/beleidsversies", "geldigVanaf"),
        ("/regels", "peildatum"),
        ("/beleid", "peildatum"),
        ("/teamoverzichten", "van"),
    } <= gevonden
    assert len(BATCH) >= 5 * 2


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    pad = tmp_path_factory.mktemp("datums")
    app = maak_app(instellingen(f"sqlite:///{pad}/maatstaf.db"))
    with TestClient(app, raise_server_exceptions=False, headers=kop()) as c:
        assert c.post("/api/v1/boeteberekeningen", json=VOORBEELD).status_code == 201  # iets om te analyseren
        versie = c.get("/api/v1/regels").json()["regelversie"]
        RIJK["/impactanalyses"] = {
            "kandidaat": {"regelversie": versie},
            "selectie": {"soort": "boeteberekeningen", "van": "2025-01-01", "tot": "2027-12-31"},
        }
        yield c


def _basis(pad: str) -> dict:
    if pad in RIJK:
        return copy.deepcopy(RIJK[pad])
    operatie = DOCUMENT["paths"][pad]["post"]
    return copy.deepcopy(operatie["requestBody"]["content"]["application/json"].get("example") or {})


def _zet(body, veld: tuple, waarde: str):
    """``waarde`` op ``veld`` in ``body``; ontbrekende objecten en lijsten worden aangemaakt."""
    doel = body
    for deel, volgende in zip(veld, veld[1:], strict=False):
        leeg = [] if volgende == 0 else {}
        if deel == 0:
            if not doel:
                doel.append(leeg)
            doel = doel[0]
        else:
            if not isinstance(doel.get(deel), type(leeg)):
                doel[deel] = leeg
            doel = doel[deel]
    laatste = veld[-1]
    if laatste == 0:
        doel[:1] = [waarde]
    else:
        doel[laatste] = waarde
    return body


def _stuur(client, methode: str, pad: str, soort: str, velden: dict[tuple, str]):
    if soort in ("query", "maand"):
        return client.request(methode.upper(), f"/api/v1{pad}", params={v[0]: w for v, w in velden.items()})
    body = _basis(pad)
    for veld, waarde in velden.items():
        _zet(body, veld, waarde)
    return client.request(methode.upper(), f"/api/v1{pad}", json=body)


def _naam(veld: tuple) -> str:
    return ".".join(map(str, veld))


def _binnen(waarde: str) -> bool:
    return EERSTE_DATUM <= date.fromisoformat(waarde) <= LAATSTE_DATUM


@pytest.mark.parametrize(
    ("methode", "pad", "soort", "veld"), OPERATIES, ids=[f"{o[1]}:{_naam(o[3])}" for o in OPERATIES]
)
def test_elke_datum_aan_de_randen(client, methode, pad, soort, veld):
    waarden = (MAANDEN_BUITEN + MAANDEN_BINNEN) if soort == "maand" else (BUITEN + BINNEN)
    for waarde in waarden:
        r = _stuur(client, methode, pad, soort, {veld: waarde})
        assert r.status_code < 500, (pad, veld, waarde, r.text)
        binnen = waarde in MAANDEN_BINNEN if soort == "maand" else _binnen(waarde)
        if not binnen:
            assert r.status_code == 400, (pad, veld, waarde, r.text)
            fouten = {p["name"]: p for p in r.json()["invalidParams"]}
            assert _naam(veld) in fouten, (pad, veld, waarde, fouten)
            probleem = fouten[_naam(veld)]
            if soort != "maand":
                assert probleem["code"] == "datum_bereik", probleem
                assert "1900-01-01 tot en met 2199-12-31" in probleem["reason"]
            else:
                assert "1900-01 tot en met 2199-12" in probleem["reason"]


@pytest.mark.parametrize(("methode", "pad", "soort", "veld"), BATCH, ids=[f"{o[1]}:{_naam(o[3])}" for o in BATCH])
def test_elke_datum_aan_de_randen_in_een_batchregel(client, methode, pad, soort, veld):
    regels = []
    waarden = BUITEN + BINNEN
    for waarde in waarden:
        invoer = _zet(_basis(pad), veld, waarde)
        regels.append(json.dumps({"soort": pad.lstrip("/"), "kenmerk": f"K-{waarde}", "invoer": invoer}))
    r = client.post(
        "/api/v1/batchberekeningen",
        content="\n".join(regels) + "\n",
        headers={"Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 200, r.text
    antwoord = [json.loads(regel) for regel in r.text.splitlines()]
    assert len(antwoord) == len(waarden)
    for waarde, regel in zip(waarden, antwoord, strict=True):
        assert regel["status"] < 500, (pad, veld, waarde, regel)
        if not _binnen(waarde):
            assert regel["status"] == 400, (pad, veld, waarde, regel)
            namen = {p["name"]: p["code"] for p in regel["probleem"]["invalidParams"]}
            assert namen.get(f"invoer.{_naam(veld)}") == "datum_bereik", (pad, veld, waarde, namen)


#: Per operatie met een body al haar datumvelden, om ze samen aan een rand te zetten.
SAMEN = sorted({(m, p) for m, p, s, _ in OPERATIES if s == "body"})


def _datum():
    return st.one_of(st.sampled_from(BUITEN + BINNEN), st.dates().map(date.isoformat))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_elke_combinatie_van_datums_geeft_nooit_een_5xx(client, data):
    """Elk datumveld van een operatie tegelijk op een willekeurige datum, vaak aan de rand: een boete geheel in 2199
    telt termijnen op voorbij het einde van het bereik (verval, recidive, afzien na tien jaar)."""
    methode, pad = data.draw(st.sampled_from(SAMEN))
    velden = [v for m, p, s, v in OPERATIES if (m, p, s) == (methode, pad, "body")]
    binnen = st.sampled_from(BINNEN) | st.dates(EERSTE_DATUM, LAATSTE_DATUM).map(date.isoformat)
    kiezen = data.draw(st.sampled_from(["binnen", "willekeurig"]))
    waarden = {veld: data.draw(binnen if kiezen == "binnen" else _datum()) for veld in velden}
    r = _stuur(client, methode, pad, "body", waarden)
    assert r.status_code < 500, (pad, waarden, r.text)
    if r.status_code == 400:
        fouten = r.json()["invalidParams"]
        buiten = {_naam(v) for v, w in waarden.items() if not _binnen(w)}
        assert buiten <= {p["name"] for p in fouten if p["code"] == "datum_bereik"}, (waarden, fouten)


def test_het_bereik_staat_in_het_document():
    datum = _los(COMPONENTEN["Overtreding"])["properties"]["begindatum"]
    assert (datum["formatMinimum"], datum["formatMaximum"]) == ("1900-01-01", "2199-12-31")
    peildatum = next(p for p in DOCUMENT["paths"]["/regels"]["get"]["parameters"] if p["name"] == "peildatum")
    assert peildatum["schema"]["formatMinimum"] == "1900-01-01" and "2199-12-31" in peildatum["description"]
    van = next(p for p in DOCUMENT["paths"]["/teamoverzichten"]["get"]["parameters"] if p["name"] == "van")
    assert re.fullmatch(van["schema"]["pattern"], "2199-12") and not re.fullmatch(van["schema"]["pattern"], "2200-01")
