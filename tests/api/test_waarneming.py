"""Wat een beheerder ziet: X-Request-ID, metrics in Prometheus-formaat en logregels als JSON (issue #8 §4)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from app.main import maak_app
from tests.api.conftest import CHECKPOINTSLEUTEL, VOORBEELD, instellingen, kop

BOETE = "/api/v1/boeteberekeningen"


def _waarde(metrics: str, naam: str, **labels) -> float:
    for regel in metrics.splitlines():
        if regel.startswith((naam + "{", naam + " ")) and all(f'{k}="{v}"' in regel for k, v in labels.items()):
            return float(regel.rsplit(" ", 1)[1])
    return 0.0


def test_request_id_wordt_overgenomen_of_gemaakt(client):
    r = client.get("/api/v1/health/live", headers={"X-Request-ID": "zaak-4711.stap_2"})
    assert r.headers["X-Request-ID"] == "zaak-4711.stap_2"
    uuid = "5f1c2b9e-8d4a-4f6e-9a1b-3c7d2e0f4a68"
    assert client.get("/api/v1/health/live", headers={"X-Request-ID": uuid}).headers["X-Request-ID"] == uuid
    for ongeldig in ("met spatie", "x" * 65, "é", "zaak:2"):
        r = client.get("/api/v1/health/live", headers={"X-Request-ID": ongeldig.encode("utf-8")})
        assert re.fullmatch(r"[0-9a-f]{32}", r.headers["X-Request-ID"])
    a, b = client.get("/api/v1/health/live"), client.get("/api/v1/health/live")
    assert a.headers["X-Request-ID"] != b.headers["X-Request-ID"]


def test_een_request_id_met_een_bsn_komt_niet_in_het_log(tmp_path, capsys):
    """Issue #20, 6: een X-Request-ID met een BSN werd overgenomen en zo in elke logregel geschreven."""
    with TestClient(maak_app(instellingen(f"sqlite:///{tmp_path}/l.db")), headers=kop()) as c:
        capsys.readouterr()
        for bsn in ("111222333", "BSN-111.222.333", "klant_111_222_333", "req-111222333"):
            r = c.get("/api/v1/regels", headers={"X-Request-ID": bsn})
            assert r.status_code == 200 and re.fullmatch(r"[0-9a-f]{32}", r.headers["X-Request-ID"]), bsn
        log = capsys.readouterr().err
    assert "111222333" not in log and "111.222.333" not in log and "111_222_333" not in log


def test_metrics_per_routesjabloon_en_van_de_auditopslag(client):
    record = client.post(BOETE, json=VOORBEELD).json()
    client.get(f"/api/v1/berekeningen/{record['berekeningId']}")
    tekst = client.get("/metrics").text
    assert (
        _waarde(tekst, "maatstaf_http_verzoeken_total", methode="POST", route="/api/v1/boeteberekeningen", status="201")
        == 1
    )
    # het routesjabloon, nooit het id uit het pad (anders groeit het aantal reeksen met elk record)
    assert (
        _waarde(tekst, "maatstaf_http_verzoeken_total", route="/api/v1/berekeningen/{berekeningId}", status="200") == 1
    )
    assert record["berekeningId"] not in tekst
    assert _waarde(tekst, "maatstaf_audit_commit_duur_seconden_count") >= 1
    assert _waarde(tekst, "maatstaf_audit_groepsgrootte_sum") >= 1
    assert (
        _waarde(tekst, "maatstaf_http_verzoek_duur_seconden_count", methode="POST", route="/api/v1/boeteberekeningen")
        == 1
    )


def test_503_wordt_per_oorzaak_geteld(tmp_path):
    onbereikbaar = "postgresql+psycopg://niemand@127.0.0.1:1/geen?connect_timeout=1"
    with TestClient(maak_app(instellingen(onbereikbaar)), raise_server_exceptions=False, headers=kop()) as c:
        assert c.post(BOETE, json=VOORBEELD).status_code == 503
        assert c.get("/api/v1/health/ready").status_code == 503
        tekst = c.get("/metrics").text
    assert _waarde(tekst, "maatstaf_http_503_total", oorzaak="auditopslag") == 1
    assert _waarde(tekst, "maatstaf_http_503_total", oorzaak="niet_gereed") == 1


def test_logregels_zijn_json_met_request_id_zonder_token_of_body(tmp_path, capsys):
    with TestClient(maak_app(instellingen(f"sqlite:///{tmp_path}/l.db")), headers=kop()) as c:
        capsys.readouterr()
        r = c.post(
            BOETE,
            json={**VOORBEELD, "dringendeRedenen": {"motivering": "GEHEIM-IN-DE-BODY"}},
            headers={"X-Request-ID": "log-test-1"},
        )
        assert r.status_code == 201
    regels = [json.loads(r) for r in capsys.readouterr().err.splitlines() if r.startswith("{")]
    toegang = [r for r in regels if r["logger"] == "maatstaf.toegang" and r.get("requestId") == "log-test-1"]
    assert toegang == [toegang[0]] and toegang[0]["route"] == "/api/v1/boeteberekeningen"
    assert toegang[0]["status"] == 201 and toegang[0]["methode"] == "POST" and toegang[0]["duurMs"] >= 0
    alles = json.dumps(regels)
    assert "GEHEIM-IN-DE-BODY" not in alles and "Bearer" not in alles and kop()["Authorization"][7:] not in alles


def test_metrics_uit_te_zetten(tmp_path):
    with TestClient(maak_app(instellingen(f"sqlite:///{tmp_path}/m.db", metrics=False))) as c:
        assert c.get("/metrics").status_code == 404


def test_gc_bevriezen_na_het_starten(tmp_path, monkeypatch):
    """Issue #9: wat bij het starten is geladen, blijft buiten de cyclische garbage collector (gemeten in
    BENCHMARKS.md). Standaard aan in productie (uit_omgeving), uit te zetten met MAATSTAF_GC_BEVRIEZEN=0."""
    import gc

    from app.config import Instellingen

    assert Instellingen.uit_omgeving().gc_bevriezen is True
    monkeypatch.setenv("MAATSTAF_GC_BEVRIEZEN", "0")
    assert Instellingen.uit_omgeving().gc_bevriezen is False
    gc.unfreeze()
    try:
        with TestClient(maak_app(instellingen(f"sqlite:///{tmp_path}/gc.db", gc_bevriezen=True))) as c:
            assert c.get("/api/v1/health/live").status_code == 200
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_waarschuwingen_van_bibliotheken_zijn_ook_json(tmp_path, capsys):
    """Een waarschuwing van psycopg of SQLAlchemy verschijnt als JSON-regel, niet als kale tekst op stderr; de
    afgebroken rest van een pijplijn (een voorval dat de schrijver al afhandelt en meldt) verschijnt niet."""
    import logging

    from psycopg import errors

    import app.db.store  # noqa: F401 - installeert het filter op de logger van psycopg

    with TestClient(maak_app(instellingen(f"sqlite:///{tmp_path}/b.db"))):
        capsys.readouterr()
        logging.getLogger("psycopg").warning(
            "error ignored terminating %r: %s", "pijplijn", errors.PipelineAborted("x")
        )
        logging.getLogger("psycopg").warning("error ignored terminating %r: %s", "kopie", errors.QueryCanceled("y"))
        logging.getLogger("sqlalchemy.pool").warning("verbinding weggegooid")
    regels = capsys.readouterr().err.splitlines()
    assert all(r.startswith("{") for r in regels), regels
    meldingen = [(r["logger"], r["niveau"], r["bericht"]) for r in map(json.loads, regels)]
    assert meldingen == [
        ("psycopg", "WARNING", "error ignored terminating 'kopie': y"),
        ("sqlalchemy.pool", "WARNING", "verbinding weggegooid"),
    ]


def test_een_afgebroken_upload_telt_als_499_niet_als_500(tmp_path, caplog):
    """Issue #20, defect 10: een client die zijn upload afbreekt, werd geteld en gelogd als 500 (met een stacktrace
    bij de batch). Nu 499, zoals nginx: het foutpercentage (5xx) gaat dan alleen over fouten van de server."""
    import logging
    import socket
    import time

    from tests.api.conftest import token
    from tests.live import draaiende_server

    def afgebroken(poort: int, pad: str, soort: str) -> None:
        with socket.create_connection(("127.0.0.1", poort), timeout=5) as s:
            s.sendall(
                (
                    f"POST {pad} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token()}\r\n"
                    f"Content-Type: {soort}\r\nContent-Length: 100000\r\n\r\n"
                ).encode()
                + b'{"soort": "boeteberekeningen", "kenm'
            )
            time.sleep(0.1)

    def metrics(poort: int) -> str:
        with socket.create_connection(("127.0.0.1", poort), timeout=5) as s:
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            antwoord = b""
            while chunk := s.recv(65536):
                antwoord += chunk
        return antwoord.decode()

    caplog.set_level(logging.INFO)
    with draaiende_server(maak_app(instellingen(f"sqlite:///{tmp_path}/a.db"))) as poort:
        afgebroken(poort, BOETE, "application/json")
        afgebroken(poort, "/api/v1/batchberekeningen", "application/x-ndjson")
        for _ in range(40):
            tekst = metrics(poort)
            if tekst.count('status="499"') == 2:
                break
            time.sleep(0.05)
    assert _waarde(tekst, "maatstaf_http_verzoeken_total", route=BOETE, status="499") == 1
    assert _waarde(tekst, "maatstaf_http_verzoeken_total", route="/api/v1/batchberekeningen", status="499") == 1
    assert 'status="500"' not in tekst
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], [r.getMessage() for r in caplog.records]


def test_toegangslog_als_tekst_noemt_methode_route_status_en_duur(tmp_path, capsys):
    """Issue #20: de tekstlog toonde per verzoek alleen ``verzoek [id]``. Nu methode, routesjabloon (nooit het pad met
    het id, nooit de query), status en duur."""
    from app.waarneming import configureer_logging

    try:
        with TestClient(maak_app(instellingen(f"sqlite:///{tmp_path}/t.db", log_formaat="tekst")), headers=kop()) as c:
            record = c.post(BOETE, json=VOORBEELD).json()
            capsys.readouterr()
            c.get(f"/api/v1/berekeningen/{record['berekeningId']}?geheim=GEHEIM-IN-DE-QUERY")
    finally:
        configureer_logging("json")
    regels = [r for r in capsys.readouterr().err.splitlines() if "maatstaf.toegang" in r]
    assert len(regels) == 1, regels
    assert re.search(r"maatstaf\.toegang: GET /api/v1/berekeningen/\{berekeningId\} 200 \d+\.\d ms \[\w+\]$", regels[0])
    assert record["berekeningId"] not in regels[0] and "GEHEIM" not in regels[0]


def test_elke_logregel_van_python_m_app_server_is_json(tmp_path):
    """Issue #20: met meer workers schreef het hoofdproces van uvicorn kale tekstregels ("INFO:     Started parent
    process"), en de workers een veld ``color_message`` met kleurcodes. Nu is elke regel één JSON-object, ook die van
    het starten en stoppen, zonder ESC-tekens."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    from tests.api.conftest import GEHEIM, SLEUTEL

    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]
    omgeving = {
        **os.environ,
        "MAATSTAF_HOST": "127.0.0.1",
        "MAATSTAF_POORT": str(poort),
        "MAATSTAF_WORKERS": "2",
        "MAATSTAF_REKENPROCESSEN": "0",
        "MAATSTAF_JWT_SECRET": GEHEIM,
        "MAATSTAF_SLEUTEL": SLEUTEL,
        "MAATSTAF_CHECKPOINT_SLEUTEL": CHECKPOINTSLEUTEL,
        "MAATSTAF_LOG_FORMAAT": "json",
        "DATABASE_URL": f"sqlite:///{tmp_path}/maatstaf.db",
    }
    proces = subprocess.Popen(
        [sys.executable, "-m", "app.server"],
        cwd=Path(__file__).resolve().parent.parent.parent,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                with socket.create_connection(("127.0.0.1", poort), timeout=1) as s:
                    s.sendall(b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    if s.recv(100).startswith(b"HTTP/1.1 200"):
                        break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("de server kwam niet op")
    finally:
        proces.send_signal(signal.SIGINT)
        uit, _ = proces.communicate(timeout=30)
    regels = uit.decode().splitlines()
    assert any("Started parent process" in r for r in regels), regels
    assert any("/api/v1/health/live" in r for r in regels), regels
    for regel in regels:
        assert regel.startswith("{") and "\x1b" not in regel, regel
        assert "color_message" not in json.loads(regel), regel


def test_een_rekenproces_logt_in_het_formaat_van_de_server(capfd):
    """Een rekenproces (spawn) kende de logging van de server niet: een fout bij een regel van een batch verscheen
    als kale tekst op stderr."""
    import asyncio
    import logging
    from operator import methodcaller

    from app import rekenpool
    from app.waarneming import configureer_logging

    configureer_logging("json")
    try:
        asyncio.run(rekenpool.reken(1, methodcaller("error", "uit een rekenproces"), logging.getLogger("maatstaf")))
    finally:
        rekenpool.sluit()
    regels = [r for r in capfd.readouterr().err.splitlines() if "uit een rekenproces" in r]
    assert len(regels) == 1 and json.loads(regels[0])["bericht"] == "uit een rekenproces", regels
