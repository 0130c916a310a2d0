"""Elke vrije tekst staat versleuteld in de database (issue #20, 5), ook de bron van een beleidsversie.

De velden komen uit het OpenAPI-document: elk tekstveld van een verzoek dat een gebruiker vrij kan typen (een string
met ``x-vrije-tekst``, of een string zonder enum, patroon, formaat of const). Een scenario vult elk zo'n veld met een
eigen herkenbare tekst, in verzoeken die slagen (ook waar een pad een bestaand record nodig heeft: maatwerk,
beoordelingen, vaststelling, wissen), en rekent daarna onder een vastgestelde beleidsversie: haar titel en artikelen
komen in het resultaat van elke berekening. Dan worden alle rijen van alle tabellen rechtstreeks gelezen: nergens mag
een van die teksten leesbaar staan. Een nieuw vrij tekstveld zonder plek in het scenario laat de test falen.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator

from sqlalchemy import create_engine, inspect, text

from tests.api.conftest import VOORBEELD, kop

#: Het herkenbare deel van elke tekst: de middenpunt komt in base64 (de versleutelde vorm) niet voor.
MERK = "geheim·"
BEOORDELAAR = kop("collega", rollen=("beoordelaar",))
BELEID_A = kop("beleid-a", rollen=("beleidsbeheerder",))
BELEID_B = kop("beleid-b", rollen=("beleidsbeheerder",))
AUDITOR_A = kop("auditor-a", rollen=("auditor",))
AUDITOR_B = kop("auditor-b", rollen=("auditor",))


def _los(schema: dict, componenten: dict) -> dict:
    while "$ref" in schema:
        schema = componenten[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _vrije_velden(schema: dict, componenten: dict, pad: tuple = (), diepte: int = 0) -> set[tuple]:
    """Elk pad naar vrije tekst: 0 voor elk element van een lijst, ``*`` voor de waarde bij elke sleutel."""
    schema = _los(schema, componenten)
    uit: set[tuple] = set()
    if diepte > 25:
        return uit
    for sleutel in ("anyOf", "oneOf", "allOf"):  # (if/then/else zijn voorwaarden, geen velden)
        for variant in schema.get(sleutel, []):
            uit |= _vrije_velden(variant, componenten, pad, diepte + 1)
    if schema.get("type") == "string" and (
        schema.get("x-vrije-tekst") is True or not ({"enum", "pattern", "format", "const"} & schema.keys())
    ):
        uit.add(pad)
    for naam, sub in schema.get("properties", {}).items():
        uit |= _vrije_velden(sub, componenten, (*pad, naam), diepte + 1)
    if isinstance(schema.get("additionalProperties"), dict):
        uit |= _vrije_velden(schema["additionalProperties"], componenten, (*pad, "*"), diepte + 1)
    if isinstance(schema.get("items"), dict):
        uit |= _vrije_velden(schema["items"], componenten, (*pad, 0), diepte + 1)
    return uit


def vrije_velden(document: dict) -> set[tuple[str, tuple]]:
    """(pad van de operatie, veld) voor elke POST met een body (JSON, of NDJSON: een regel van een batch)."""
    componenten = document["components"]["schemas"]
    uit = set()
    for pad, operaties in document["paths"].items():
        for inhoud in operaties.get("post", {}).get("requestBody", {}).get("content", {}).values():
            uit |= {(pad, veld) for veld in _vrije_velden(inhoud["schema"], componenten)}
    return uit


def _waarden_op(waarde, veld: tuple) -> Iterator:
    if not veld:
        yield waarde
        return
    kop_, rest = veld[0], veld[1:]
    if kop_ == 0 and isinstance(waarde, list):
        for sub in waarde:
            yield from _waarden_op(sub, rest)
    elif kop_ == "*" and isinstance(waarde, dict):
        for sub in waarde.values():
            yield from _waarden_op(sub, rest)
    elif isinstance(waarde, dict) and kop_ in waarde:
        yield from _waarden_op(waarde[kop_], rest)


class Scenario:
    def __init__(self, client):
        self.client = client
        self.teller = 0
        self.verstuurd: list[tuple[str, object]] = []  # (pad van de operatie, body) van elk geslaagd verzoek

    def merk(self) -> str:
        """Een vrije tekst die overal past (ook een maatwerkmotivering: 40 tekens, zes verschillende woorden)."""
        self.teller += 1
        return f"{MERK}{self.teller:04d} zoals de medewerker het in het dossier schreef"

    def post(self, sjabloon: str, body, headers=None, **ids) -> dict:
        url = "/api/v1" + sjabloon.format(**ids)
        if sjabloon == "/batchberekeningen":
            r = self.client.post(
                url, content=json.dumps(body) + "\n", headers={**(headers or {}), "Content-Type": NDJSON}
            )
            regels = [json.loads(regel) for regel in r.text.splitlines()]
            assert r.status_code == 200 and [x["status"] for x in regels] == [201], r.text
            uit = regels[0]
        else:
            r = self.client.post(url, json=body, headers=headers)
            assert r.status_code == 201, (sjabloon, r.text)
            uit = r.json()
        self.verstuurd.append((sjabloon, copy.deepcopy(body)))
        return uit


NDJSON = "application/x-ndjson"


def _speel(s: Scenario) -> dict:
    """Elk vrij tekstveld één keer (of vaker) met een eigen tekst, in verzoeken die slagen."""
    m = s.merk
    versie = s.post(
        "/beleidsversies",
        {
            "geldigVanaf": "2020-01-01",
            "waarden": {"afronding": "GEEN", "vierOgen": {"graden": [], "boeteBoven": "0.00", "maatwerk": True}},
            "bron": {
                "titel": m(),
                "cvdr": "CVDR712345",
                "artikel": m(),
                "artikelen": {"afronding": m(), "vierOgen": m()},
            },
            "toelichting": m(),
        },
        BELEID_A,
    )
    s.post(
        "/beleidsversies/{beleidsversieId}/beoordelingen",
        {"besluit": "GOEDGEKEURD", "reden": m()},
        BELEID_B,
        beleidsversieId=versie["beleidsversieId"],
    )
    # berekeningen onder die vastgestelde versie: haar titel en artikelen staan in het resultaat
    boete = s.post(
        "/boeteberekeningen",
        {
            **VOORBEELD,
            "verwijtbaarheid": {"graad": "GROVE_SCHULD", "bewijs": [m(), m()]},
            "matigingen": [{"grond": "EVENREDIGHEID", "percentage": "10", "motivering": m()}],
        },
    )
    assert boete["vierOgen"]["vereist"] is True and boete["beleid"]["beleidsversieId"] == versie["beleidsversieId"]
    s.post(
        "/boeteberekeningen",
        {**VOORBEELD, "verwijtbaarheid": {"graad": "GEEN", "motivering": m()}, "dringendeRedenen": {"motivering": m()}},
    )
    feiten = {
        "opzet": {"bewijs": [m()]},
        "groveSchuld": {"bewijs": [m()]},
        "verminderingsgronden": [{"code": "ZELF_GECORRIGEERD", "toelichting": m()}],
        "indicaties": [{"code": "ZELF_TOEGEGEVEN", "toelichting": m()}],
    }
    s.post("/boeteberekeningen", {**VOORBEELD, "verwijtbaarheid": feiten})
    s.post("/boeteberekeningen", {**VOORBEELD, "verwijtbaarheid": {"geenVerwijt": {"motivering": m()}}})
    s.post("/verwijtbaarheidsbeoordelingen", {**feiten, "opzet": {"bewijs": [m()]}})
    s.post("/verwijtbaarheidsbeoordelingen", {"geenVerwijt": {"motivering": m()}})
    s.post(
        "/kwijtscheldingsbeoordelingen",
        {
            "vordering": {
                "soort": "BOETE",
                "bedrag": "840.84",
                "opgelegdOp": "2025-02-03",
                "verwijtbaarheid": "NORMAAL",
            },
            "schuldregeling": True,
            "verzoek": True,
            "beschikkingsdatum": "2026-03-02",
            "dringendeRedenen": {"motivering": m()},
            "onevenredigeGevolgen": {"motivering": m()},
        },
    )
    s.post(
        "/schuldregelingstoetsen",
        {
            "vorderingen": [
                {"id": m(), "soort": "TERUGVORDERING_OVERIG", "bedrag": "1250.00"},
                {
                    "id": m(),
                    "soort": "BOETE",
                    "bedrag": "840.84",
                    "verwijtbaarheid": "NORMAAL",
                    "opgelegdOp": "2025-02-03",
                },
            ],
            "huishouden": {"toepasselijkeNorm": "1401.50"},
            "beschikkingsdatum": "2026-03-02",
        },
    )
    s.post(
        "/betaalvoorstelbeoordelingen",
        {
            "betaalvoorstel": {
                "typeSchuldregeling": "SB",
                "aangebodenPercentage": "12.50",
                "looptijdMaanden": 36,
                "ontvangenOp": "2026-03-02",
            },
            "vorderingen": [
                {"id": m(), "soort": "TERUGVORDERING_OVERIG", "bedrag": "1250.00"},
                {"id": m(), "berekeningId": boete["berekeningId"]},
            ],
        },
    )
    s.post(
        "/batchberekeningen",
        {
            "soort": "boeteberekeningen",
            "kenmerk": m(),
            "invoer": {**VOORBEELD, "verwijtbaarheid": {"graad": "OPZET", "bewijs": [m()]}},
        },
    )
    # maatwerk, vier ogen en een herberekening op de boete
    besluit = s.post(
        "/berekeningen/{berekeningId}/maatwerkbesluiten",
        {"grond": "AWB_5_46", "boete": "100.00", "motivering": m()},
        berekeningId=boete["berekeningId"],
    )
    s.post(
        "/maatwerkbesluiten/{maatwerkbesluitId}/beoordelingen",
        {"besluit": "GOEDGEKEURD", "reden": m()},
        BEOORDELAAR,
        maatwerkbesluitId=besluit["maatwerkbesluitId"],
    )
    s.post(
        "/berekeningen/{berekeningId}/vaststellingen",
        {"besluit": "GOEDGEKEURD", "reden": m()},
        BEOORDELAAR,
        berekeningId=boete["berekeningId"],
    )
    herberekend = s.client.post(f"/api/v1/berekeningen/{boete['berekeningId']}/herberekeningen")
    assert herberekend.status_code == 201 and herberekend.json()["identiek"] is True, herberekend.text
    # wissen: voorstellen, goedkeuren, afwijzen
    wis = s.post("/wisvoorstellen", {"periode": 2014, "toelichting": m()}, AUDITOR_A)
    s.post(
        "/wisvoorstellen/{wisvoorstelId}/goedkeuringen",
        {"toelichting": m()},
        AUDITOR_B,
        wisvoorstelId=wis["wisvoorstelId"],
    )
    wis = s.post("/wisvoorstellen", {"periode": 2015, "toelichting": m()}, AUDITOR_A)
    s.post("/wisvoorstellen/{wisvoorstelId}/afwijzingen", {"reden": m()}, AUDITOR_B, wisvoorstelId=wis["wisvoorstelId"])
    return {"versie": versie, "boete": boete}


def _leesbaar_in_de_database(url: str) -> list[tuple[str, str, str]]:
    """(tabel, kolom, fragment) van elke plek waar een tekst van het scenario leesbaar staat."""
    gevonden = []
    engine = create_engine(url)
    try:
        with engine.connect() as verbinding:
            for tabel in inspect(verbinding).get_table_names():
                for rij in verbinding.execute(text(f'SELECT * FROM "{tabel}"')).mappings():
                    for kolom, waarde in rij.items():
                        tekst = str(waarde)
                        for merk in (MERK, json.dumps(MERK)[1:-1]):  # ook als \\u00b7 in JSON
                            for treffer in re.finditer(re.escape(merk), tekst):
                                gevonden.append((tabel, kolom, tekst[treffer.start() : treffer.start() + 40]))
    finally:
        engine.dispose()
    return gevonden


def test_elke_vrije_tekst_staat_versleuteld_in_de_database(client_op, database_url):
    client = client_op(database_url)
    s = Scenario(client)
    uit = _speel(s)

    # 1. het scenario vult elk vrij tekstveld uit het document
    document = client.get("/api/v1/openapi.json").json()
    velden = vrije_velden(document)
    gevuld = {
        (pad, veld)
        for pad, veld in velden
        for sjabloon, body in s.verstuurd
        if sjabloon == pad and any(isinstance(w, str) and MERK in w for w in _waarden_op(body, veld))
    }
    assert velden - gevuld == set(), "vrije tekstvelden zonder plek in het scenario"
    assert {
        ("/beleidsversies", ("bron", "titel")),
        ("/beleidsversies", ("bron", "artikelen", "*")),
        ("/batchberekeningen", ("kenmerk",)),
        ("/boeteberekeningen", ("verwijtbaarheid", "bewijs", 0)),
    } <= velden

    # 2. nergens leesbaar: niet in auditrecord (invoer, resultaat), niet in beleidsversie (bron), nergens anders
    assert _leesbaar_in_de_database(database_url) == []

    # 3. maar wel te lezen via de API (versleuteld, niet weggegooid)
    versie = client.get(f"/api/v1/beleidsversies/{uit['versie']['beleidsversieId']}").json()
    assert versie["bron"]["titel"].startswith(MERK) and versie["bron"]["artikelen"]["vierOgen"].startswith(MERK)
    record = client.get(f"/api/v1/berekeningen/{uit['boete']['berekeningId']}").json()
    assert record["resultaat"]["beleid"]["bron"]["titel"] == versie["bron"]["titel"]
    assert record["invoer"]["verwijtbaarheid"]["bewijs"][0].startswith(MERK)
    assert client.get("/api/v1/beleid?peildatum=2026-01-01").json()["bron"]["titel"] == versie["bron"]["titel"]
    assert client.get("/api/v1/audit/integriteit").json()["intact"] is True


def test_de_lijst_van_vrije_velden_volgt_sleutels_van_objecten():
    """``dict[str, Tekst]`` (bron.artikelen) is ook vrije tekst: de waarde bij elke sleutel."""
    from app.api.beleid.modellen import Beleidsversieverzoek
    from app.api.http.vrije_tekst import vrije_paden

    assert ("bron", "artikelen", "*") in vrije_paden(Beleidsversieverzoek)
