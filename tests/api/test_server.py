"""De grens aan de kop van een verzoek (app/server.py), tegen een echte uvicorn op een vrije poort."""

from __future__ import annotations

import json
import os
import socket
import time

import pytest

from app.main import maak_app
from app.server import MAX_KOP_BYTES, BegrensdeKop
from tests.api.conftest import VOORBEELD, instellingen, token
from tests.live import draaiende_server


@pytest.fixture
def server(tmp_path):
    with draaiende_server(maak_app(instellingen(f"sqlite:///{tmp_path}/maatstaf.db"))) as poort:
        yield poort


def _verzoek(poort: int, *delen: bytes, timeout: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", poort), timeout=timeout) as s:
        try:
            for deel in delen:
                s.sendall(deel)
        except (BrokenPipeError, ConnectionResetError):
            pass  # de server sloot de verbinding terwijl wij nog stuurden: lees wat hij antwoordde
        antwoord = b""
        try:
            while chunk := s.recv(65536):
                antwoord += chunk
        except ConnectionResetError:
            pass
        return antwoord


def test_te_grote_header_is_431_zonder_alles_te_lezen(server):
    """Een Authorization-header van 200 MB werd tot het einde gelezen (43 s); nu 431 na 32 KiB."""
    begin = time.monotonic()
    kop = b"GET /api/v1/berekeningen HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
    stuk = b"a" * (1024 * 1024)

    def stukken():
        yield kop
        for _ in range(50):  # tot 50 MB; de server sluit lang daarvoor
            yield stuk

    with socket.create_connection(("127.0.0.1", server), timeout=10) as s:
        verstuurd = 0
        try:
            for deel in stukken():
                s.sendall(deel)
                verstuurd += len(deel)
        except (BrokenPipeError, ConnectionResetError):
            pass
        antwoord = b""
        try:
            while chunk := s.recv(65536):
                antwoord += chunk
        except ConnectionResetError:
            pass
    assert antwoord.startswith(b"HTTP/1.1 431"), antwoord[:200]
    kop_antwoord, _, body = antwoord.partition(b"\r\n\r\n")
    assert b"application/problem+json" in kop_antwoord and b"api-version" in kop_antwoord
    assert json.loads(body)["status"] == 431
    assert verstuurd < 50 * 1024 * 1024
    assert time.monotonic() - begin < 10


def test_lange_url_telt_mee(server):
    antwoord = _verzoek(
        server, b"GET /api/v1/regels?x=" + b"a" * (MAX_KOP_BYTES + 10) + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    assert antwoord.startswith(b"HTTP/1.1 431")


def test_gewone_verzoeken_en_grote_body_gaan_door(server):
    """De grens geldt voor de kop, niet voor de body: een body groter dan 32 KiB in één stuk gaat gewoon."""
    antwoord = _verzoek(server, b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert antwoord.startswith(b"HTTP/1.1 200")
    body = json.dumps({**VOORBEELD, "onbekend": "a" * 40_000}).encode()  # 400: onbekend veld, geen 431
    assert len(body) > MAX_KOP_BYTES
    kop = (
        f"POST /api/v1/boeteberekeningen HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token()}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    antwoord = _verzoek(server, kop + body)
    assert antwoord.startswith(b"HTTP/1.1 400"), antwoord[:300]
    assert b'"name":"onbekend"' in antwoord


def test_meerdere_verzoeken_op_een_verbinding(server):
    """Keep-alive: de telling begint per verzoek opnieuw."""
    een = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Opvulling: " + b"a" * (MAX_KOP_BYTES // 2) + b"\r\n\r\n"
    laatste = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    antwoord = _verzoek(server, een, een, een, laatste)
    assert antwoord.count(b"HTTP/1.1 200") == 4, antwoord[:500]


def test_een_oude_verbinding_sluit_bij_het_volgende_antwoord(server, monkeypatch):
    """Een keep-alive-verbinding die MAX_VERBINDINGSDUUR_S oud is, krijgt bij het volgende antwoord "connection: close"
    en wordt gesloten; daarvoor blijft zij open. Zo verdeelt een vaste pool van verbindingen zich opnieuw over de
    workers (BENCHMARKS.md). Hier met een duur van 0,3 s in plaats van 30 s."""
    monkeypatch.setattr(BegrensdeKop, "max_verbindingsduur_s", 0.3)
    verzoek = b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server), timeout=10) as s:
        eerste = b""
        s.sendall(verzoek * 3)
        while eerste.count(b"HTTP/1.1 200") < 3:
            eerste += s.recv(65536)
        assert b"connection: close" not in eerste.lower()
        time.sleep(0.4)
        s.sendall(verzoek)
        laatste = b""
        while chunk := s.recv(65536):  # tot de server de verbinding sluit
            laatste += chunk
    assert laatste.startswith(b"HTTP/1.1 200") and laatste.count(b"HTTP/1.1 ") == 1
    assert b"connection: close" in laatste.lower()


def test_een_worker_per_core_of_wat_is_ingesteld(tmp_path):
    from app.server import aantal_workers, beschikbare_cores

    geen_quotum = tmp_path / "cpu.max"
    geen_quotum.write_text("max 100000\n")
    cores = len(os.sched_getaffinity(0))
    assert beschikbare_cores(geen_quotum) == cores
    assert beschikbare_cores(tmp_path / "bestaat-niet") == cores
    halve_core = tmp_path / "halve"
    halve_core.write_text("50000 100000\n")
    assert beschikbare_cores(halve_core) == 1
    anderhalf = tmp_path / "anderhalf"
    anderhalf.write_text("150000 100000\n")
    assert beschikbare_cores(anderhalf) == min(cores, 2)
    assert aantal_workers({}, geen_quotum) == cores
    assert aantal_workers({"WEB_CONCURRENCY": "3"}, geen_quotum) == 3
    assert aantal_workers({"MAATSTAF_WORKERS": "5", "WEB_CONCURRENCY": "3"}, geen_quotum) == 5
    for fout in ("0", "twee", "-1"):
        with pytest.raises(ValueError, match="MAATSTAF_WORKERS"):
            aantal_workers({"MAATSTAF_WORKERS": fout}, geen_quotum)


def test_geen_geldig_http_geeft_een_nederlandse_400(server):
    """uvicorn antwoordde met de platte Engelse tekst "Invalid HTTP request received."."""
    antwoord = _verzoek(server, b"DIT IS GEEN HTTP\r\n\r\n")
    kop, _, body = antwoord.partition(b"\r\n\r\n")
    assert kop.startswith(b"HTTP/1.1 400") and b"application/problem+json" in kop, antwoord[:300]
    probleem = json.loads(body)
    assert probleem["status"] == 400 and probleem["title"] == "Ongeldig verzoek"
    assert b"Invalid" not in antwoord


def test_gezondheidscontrole_volgt_maatstaf_poort(server):
    """Issue #20: de HEALTHCHECK van de Docker-image vroeg vast poort 8000, ook als MAATSTAF_POORT een andere koos."""
    import subprocess
    import sys
    from pathlib import Path

    from app.server import gezond, gezondheidsadres

    assert gezondheidsadres({}) == "http://127.0.0.1:8000/api/v1/health"
    assert gezondheidsadres({"MAATSTAF_POORT": "9000", "MAATSTAF_HOST": "::"}) == "http://127.0.0.1:9000/api/v1/health"
    assert gezondheidsadres({"MAATSTAF_HOST": "10.0.0.5"}) == "http://10.0.0.5:8000/api/v1/health"
    assert gezondheidsadres({"MAATSTAF_HOST": "fd00::5"}) == "http://[fd00::5]:8000/api/v1/health"
    assert gezond({"MAATSTAF_POORT": str(server)})
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        niemand = vrij.getsockname()[1]
    assert not gezond({"MAATSTAF_POORT": str(niemand)}, timeout=1)
    # zoals de image het aanroept
    omgeving = {**os.environ, "MAATSTAF_POORT": str(server)}
    wortel = Path(__file__).resolve().parent.parent.parent
    assert subprocess.run([sys.executable, "-m", "app.server", "gezond"], cwd=wortel, env=omgeving).returncode == 0
    omgeving["MAATSTAF_POORT"] = str(niemand)
    assert subprocess.run([sys.executable, "-m", "app.server", "gezond"], cwd=wortel, env=omgeving).returncode == 1


def test_dockerfile_volume_en_healthcheck():
    """De image declareerde geen volume voor de SQLite-database, en de HEALTHCHECK volgde MAATSTAF_POORT niet."""
    from pathlib import Path

    tekst = (Path(__file__).resolve().parent.parent.parent / "Dockerfile").read_text(encoding="utf-8")
    assert 'VOLUME ["/srv/maatstaf/data"]' in tekst
    assert "DATABASE_URL=sqlite:////srv/maatstaf/data/" in tekst
    regels = tekst.splitlines()
    begin = next(i for i, regel in enumerate(regels) if regel.startswith("HEALTHCHECK"))
    einde = next(i for i in range(begin, len(regels)) if not regels[i].endswith("\\"))
    healthcheck = "\n".join(regels[begin : einde + 1])
    assert 'CMD ["python", "-m", "app.server", "gezond"]' in healthcheck and "8000" not in healthcheck
