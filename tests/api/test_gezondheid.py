"""Liveness en readiness zoals Kubernetes ze verwacht (issue #8 §4): /health/live, /health/ready en /health."""

from __future__ import annotations

import threading

from fastapi.testclient import TestClient

from app.main import maak_app
from tests.api.conftest import instellingen

ONBEREIKBAAR = "postgresql+psycopg://postgres@127.0.0.1:1/x"


def _store(client):
    return client.app.state.api.state.store


def test_gereed_met_database_en_schrijver(client_op, database_url):
    client = client_op(database_url)
    client.headers.pop("Authorization", None)  # geen token nodig
    assert client.get("/api/v1/health/live").json() == {"status": "UP", "checks": {"proces": "UP"}}
    for pad in ("/api/v1/health/ready", "/api/v1/health"):
        r = client.get(pad)
        assert r.status_code == 200
        assert r.json() == {"status": "UP", "checks": {"database": "UP", "schema": "UP", "schrijver": "UP"}}
        assert r.headers["api-version"]


def test_database_onbereikbaar_leeft_wel_maar_is_niet_gereed():
    app = maak_app(instellingen(ONBEREIKBAAR))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/api/v1/health/live").status_code == 200
        for pad in ("/api/v1/health/ready", "/api/v1/health"):
            r = client.get(pad)
            assert r.status_code == 503
            assert r.headers["content-type"].startswith("application/problem+json")
            assert r.headers["retry-after"]
            body = r.json()
            assert body["status"] == 503 and body["title"] and "database" in body["detail"]
            assert body["checks"] == {"database": "DOWN", "schema": "DOWN", "schrijver": "UP"}
            assert "127.0.0.1" not in r.text  # geen interne details naar buiten


def test_database_die_later_komt_maakt_de_service_gereed(tmp_path):
    """Bij het starten ontbrak de database (map niet schrijfbaar); daarna wel: ready migreert en wordt 200."""
    map_ = tmp_path / "geen"
    map_.write_text("een bestand, geen map")  # sqlite kan hier geen database maken
    app = maak_app(instellingen(f"sqlite:///{map_}/maatstaf.db"))
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/api/v1/health/ready")
        assert r.status_code == 503 and r.json()["checks"]["database"] == "DOWN"
        map_.unlink()
        map_.mkdir()
        r = client.get("/api/v1/health/ready")
        assert r.status_code == 200, r.text


def test_schrijver_gestopt_is_niet_gereed(client):
    assert client.get("/api/v1/health/ready").status_code == 200
    _store(client).dispose()  # zo ook tijdens het afsluiten: geen nieuw verkeer meer
    r = client.get("/api/v1/health/ready")
    assert r.status_code == 503
    assert r.json()["checks"]["schrijver"] == "DOWN"
    assert r.json()["detail"] == "Niet gereed: schrijver."
    assert client.get("/api/v1/health/live").status_code == 200


def test_gereedheid_vervangt_een_onverwacht_gestopte_schrijver(client):
    dood = threading.Thread(target=lambda: None)
    dood.start()
    dood.join()
    _store(client)._thread = dood
    assert client.get("/api/v1/health/ready").json()["checks"]["schrijver"] == "UP"
    assert _store(client).schrijver_leeft()
