"""De uitleg onthouden, met ETag en 304 (issue #9 §2): maatwerk en wissen veranderen wat de uitleg toont, dus
ook de ETag, ook als een andere worker (een tweede app op dezelfde database) het maatwerk of het wissen deed."""

from __future__ import annotations

import pytest

from app.api.audit import uitlegcache
from app.db import sleutels as sleutels_module
from tests.api.conftest import VOORBEELD, kop

BOETE = "/api/v1/boeteberekeningen"
MAATWERK = {
    "grond": "AWB_5_46",
    "boete": "420.00",
    "motivering": "Betrokkene verzorgde in de hele periode haar ernstig zieke moeder en meldde de inkomsten te laat "
    "door die zorg; een boete van de helft is evenredig.",
}
BEWIJS = "Drie brieven van 2025-03-01 niet beantwoord (zaak Z-2025-12345), inkomsten verzwegen"
AUDITOR = ["auditor"]


def _uitleg(client, berekening_id: str, doelgroep: str = "burger", **headers):
    return client.get(f"/api/v1/berekeningen/{berekening_id}/uitleg?doelgroep={doelgroep}", headers=headers)


def test_etag_cache_control_en_304(client):
    berekening_id = client.post(BOETE, json=VOORBEELD).json()["berekeningId"]
    eerste = _uitleg(client, berekening_id)
    assert eerste.status_code == 200 and "U krijgt een boete van € 840,84." in eerste.text
    etag = eerste.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) == 34
    assert eerste.headers["Cache-Control"] == "private, immutable"
    assert eerste.headers["Vary"] == "Accept"
    assert eerste.headers["content-type"] == "text/html; charset=utf-8"

    tweede = _uitleg(client, berekening_id)  # uit de cache: precies dezelfde pagina
    assert tweede.status_code == 200 and tweede.content == eerste.content and tweede.headers["ETag"] == etag

    niet_gewijzigd = _uitleg(client, berekening_id, **{"If-None-Match": etag})
    assert niet_gewijzigd.status_code == 304 and niet_gewijzigd.content == b""
    assert niet_gewijzigd.headers["ETag"] == etag and niet_gewijzigd.headers["Cache-Control"] == "private, immutable"
    assert niet_gewijzigd.headers["API-Version"] == "1.0.0"
    for lijst in (f'"ander", {etag}', f"W/{etag}", "*"):
        assert _uitleg(client, berekening_id, **{"If-None-Match": lijst}).status_code == 304
    assert _uitleg(client, berekening_id, **{"If-None-Match": '"ander"'}).status_code == 200

    # elk formaat en elke doelgroep een eigen ETag
    tekst = _uitleg(client, berekening_id, Accept="text/plain")
    assert tekst.headers["content-type"] == "text/plain; charset=utf-8" and "U krijgt een boete" in tekst.text
    professional = _uitleg(client, berekening_id, "professional")
    assert len({etag, tekst.headers["ETag"], professional.headers["ETag"]}) == 3
    assert _uitleg(client, berekening_id, Accept="text/plain", **{"If-None-Match": etag}).status_code == 200


def test_onbekend_of_van_een_andere_gemeente_blijft_404(client):
    berekening_id = client.post(BOETE, json=VOORBEELD).json()["berekeningId"]
    etag = _uitleg(client, berekening_id).headers["ETag"]  # in de cache van gemeente 0363
    ander = _uitleg(client, berekening_id, **{**kop(gemeente="0599"), "If-None-Match": etag})
    assert ander.status_code == 404 and "ETag" not in ander.headers
    assert _uitleg(client, "9b2f0c4e-3c1d-4d0e-8a7e-2f1b6a1c9d00").status_code == 404


def test_maatwerk_van_een_andere_worker_verandert_de_uitleg(client_op, database_url):
    """Worker A onthield de uitleg; het maatwerk gaat via worker B. A toont daarna de nieuwe uitkomst."""
    a, b = client_op(database_url), client_op(database_url)
    berekening_id = a.post(BOETE, json=VOORBEELD).json()["berekeningId"]
    voor = _uitleg(a, berekening_id)
    voor_prof = _uitleg(a, berekening_id, "professional")
    assert "U krijgt een boete van € 840,84." in voor.text

    aanvraag = b.post(f"/api/v1/berekeningen/{berekening_id}/maatwerkbesluiten", json=MAATWERK, headers=kop("m-1"))
    assert aanvraag.status_code == 201, aanvraag.text
    # ter beoordeling: de professional ziet de aanvraag, de burger nog de oude boete
    prof = _uitleg(a, berekening_id, "professional", **{"If-None-Match": voor_prof.headers["ETag"]})
    assert prof.status_code == 200 and prof.headers["ETag"] != voor_prof.headers["ETag"]
    assert "TER_BEOORDELING" in prof.text or "ter beoordeling" in prof.text.lower()
    burger = _uitleg(a, berekening_id, **{"If-None-Match": voor.headers["ETag"]})
    assert burger.status_code == 200 and "U krijgt een boete van € 840,84." in burger.text

    besluit = aanvraag.json()["maatwerkbesluitId"]
    beoordeling = b.post(
        f"/api/v1/maatwerkbesluiten/{besluit}/beoordelingen", json={"besluit": "GOEDGEKEURD"}, headers=kop("b-2")
    )
    assert beoordeling.status_code == 201, beoordeling.text
    na = _uitleg(a, berekening_id, **{"If-None-Match": burger.headers["ETag"]})
    assert na.status_code == 200 and na.headers["ETag"] not in (voor.headers["ETag"], burger.headers["ETag"])
    assert "U krijgt een boete van € 420,00." in na.text and "U krijgt een boete van € 840,84." not in na.text
    assert _uitleg(a, berekening_id, **{"If-None-Match": na.headers["ETag"]}).status_code == 304
    # wat B zelf toont, is hetzelfde
    assert _uitleg(b, berekening_id).content == na.content


def test_wissen_door_een_andere_worker_verandert_de_uitleg(client_op, database_url, monkeypatch):
    """Worker A onthield de uitleg (en de gegevenssleutel); B wist de sleutel met vier ogen. A toont daarna de tekst
    als gewist, met een nieuwe ETag, ook al had A de sleutel nog in zijn geheugen."""
    a, b = client_op(database_url), client_op(database_url)
    monkeypatch.setattr(sleutels_module, "periode_van", lambda _tijdstip: 2015)
    r = a.post("/api/v1/verwijtbaarheidsbeoordelingen", json={"groveSchuld": {"bewijs": [BEWIJS]}})
    assert r.status_code == 201, r.text
    monkeypatch.undo()
    berekening_id = r.json()["berekeningId"]
    voor = _uitleg(a, berekening_id, "professional", Accept="text/plain")
    assert voor.status_code == 200 and BEWIJS in voor.text

    voorstel = b.post(
        "/api/v1/wisvoorstellen",
        json={"periode": 2015, "toelichting": "Selectielijst: termijn verstreken, archivaris akkoord."},
        headers=kop("auditor-1", rollen=AUDITOR),
    )
    assert voorstel.status_code == 201, voorstel.text
    goedkeuring = b.post(
        f"/api/v1/wisvoorstellen/{voorstel.json()['wisvoorstelId']}/goedkeuringen",
        json={},
        headers=kop("auditor-2", rollen=AUDITOR),
    )
    assert goedkeuring.status_code == 201, goedkeuring.text

    na = _uitleg(a, berekening_id, "professional", Accept="text/plain", **{"If-None-Match": voor.headers["ETag"]})
    assert na.status_code == 200 and na.headers["ETag"] != voor.headers["ETag"]
    assert BEWIJS not in na.text and "invoer.groveSchuld.bewijs.0" in na.text and "gewist" in na.text
    burger = _uitleg(a, berekening_id, Accept="text/plain")
    assert BEWIJS not in burger.text and "gewist" in burger.text


def test_de_cache_is_begrensd():
    cache = uitlegcache.Uitlegcache(maximum=2)
    for i in range(3):
        cache.zet(("0363", str(i), "burger", "html"), f'"{i}"', b"pagina")
    assert not cache.bekend(("0363", "0", "burger", "html"))
    assert cache.get(("0363", "2", "burger", "html"), '"2"') == b"pagina"
    assert cache.get(("0363", "2", "burger", "html"), '"ander"') is None


@pytest.mark.parametrize(
    ("kop_", "past"),
    [(None, False), ("", False), ('"a"', True), ('W/"a"', True), ('"b", "a"', True), ("*", True), ('"b"', False)],
)
def test_if_none_match(kop_, past):
    assert uitlegcache.past(kop_, '"a"') is past


def test_een_verbroken_verbinding_van_de_standlezer_wordt_vervangen(client_op, postgres_url):
    """De stand gaat op PostgreSQL over een eigen verbinding; verbreekt de database die (herstart, time-out), dan
    opent het volgende verzoek een nieuwe in plaats van een 503 te geven."""
    from sqlalchemy import create_engine, text

    client = client_op(postgres_url)
    berekening_id = client.post(BOETE, json=VOORBEELD).json()["berekeningId"]
    eerste = _uitleg(client, berekening_id)
    assert eerste.status_code == 200
    engine = create_engine(postgres_url)
    with engine.connect() as verbinding:
        gestopt = verbinding.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar()
    engine.dispose()
    assert gestopt >= 1
    tweede = _uitleg(client, berekening_id)
    assert tweede.status_code == 200 and tweede.content == eerste.content
