"""Clients die hun verzoek nooit afmaken (issue #20, defect 1), tegen een echte uvicorn met BegrensdeKop.

Een halve kop, een body van één byte per seconde en een verbinding die niets stuurt, hielden elk een verbinding (en
een bestandsdescriptor) eindeloos vast; 20.000 halve koppen brachten het proces aan zijn grens van open bestanden.
Hier met korte tijden (tienden van seconden in plaats van de standaard 10 s) en echte sockets.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.api.berekeningen import batch
from app.main import maak_app
from app.server import BegrensdeKop
from tests.api.conftest import CHECKPOINTSLEUTEL, GEHEIM, SLEUTEL, instellingen, token
from tests.live import draaiende_server

WORTEL = Path(__file__).resolve().parent.parent.parent
HALVE_KOP = b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Opvulling: aaa"
LIVE = b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"


@pytest.fixture
def snel(monkeypatch):
    """Korte tijden: kop 0,5 s, body 0,5 s plus een seconde per 100 bytes."""
    monkeypatch.setattr(BegrensdeKop, "kop_tijd_s", 0.5)
    monkeypatch.setattr(BegrensdeKop, "body_tijd_s", 0.5)
    monkeypatch.setattr(BegrensdeKop, "min_snelheid", 100)


@pytest.fixture
def app(tmp_path):
    return maak_app(instellingen(f"sqlite:///{tmp_path}/maatstaf.db"))


def _lees_tot_dicht(s: socket.socket, timeout: float) -> bytes:
    """Alles wat de server stuurt tot hij de verbinding sluit; faalt als hij dat niet binnen ``timeout`` doet."""
    s.settimeout(timeout)
    uit = b""
    try:
        while chunk := s.recv(65536):
            uit += chunk
    except ConnectionResetError:
        pass
    except TimeoutError:
        pytest.fail(f"de server sloot de verbinding niet binnen {timeout} s (ontvangen: {uit[:80]!r})")
    return uit


def _live(poort: int, timeout: float = 2.0) -> tuple[bytes, float]:
    begin = time.monotonic()
    with socket.create_connection(("127.0.0.1", poort), timeout=timeout) as s:
        s.sendall(LIVE)
        antwoord = _lees_tot_dicht(s, timeout)
    return antwoord, time.monotonic() - begin


def _metrics(poort: int) -> str:
    with socket.create_connection(("127.0.0.1", poort), timeout=5) as s:
        s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        return _lees_tot_dicht(s, 5).decode()


def test_halve_kop_krijgt_408_en_live_blijft_antwoorden(snel, app):
    with draaiende_server(app) as poort:
        halve = []
        for _ in range(100):
            s = socket.create_connection(("127.0.0.1", poort), timeout=5)
            s.sendall(HALVE_KOP)
            halve.append(s)
        antwoord, duur = _live(poort)
        assert antwoord.startswith(b"HTTP/1.1 200") and duur < 1.0, (antwoord[:100], duur)
        begin = time.monotonic()
        for s in halve:
            antwoord = _lees_tot_dicht(s, 5)
            kop, _, body = antwoord.partition(b"\r\n\r\n")
            assert kop.startswith(b"HTTP/1.1 408"), antwoord[:200]
            assert b"connection: close" in kop and b"application/problem+json" in kop
            assert json.loads(body)["status"] == 408
            s.close()
        assert time.monotonic() - begin < 3.0


def test_body_van_een_byte_per_keer_krijgt_408_en_telt_als_408(snel, app):
    """Eén byte per 0,1 s (10 bytes/s, onder de 100 van deze test): na ongeveer 0,5 s 408 en dicht. De app ziet
    het verzoek als 408, niet als 500 (de fout van de server) of 499 (de client brak af)."""
    with draaiende_server(app) as poort:
        s = socket.create_connection(("127.0.0.1", poort), timeout=5)
        s.sendall(
            (
                f"POST /api/v1/boeteberekeningen HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token()}\r\n"
                "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            ).encode()
        )
        begin = time.monotonic()
        antwoord = b""
        s.settimeout(0.1)
        while time.monotonic() - begin < 5:
            try:
                s.sendall(b" ")
                antwoord += s.recv(65536)
                if antwoord:
                    break
            except TimeoutError:
                continue
            except OSError:
                break
        antwoord += _lees_tot_dicht(s, 2)
        s.close()
        duur = time.monotonic() - begin
        assert antwoord.startswith(b"HTTP/1.1 408"), antwoord[:200]
        assert 0.4 < duur < 2.0, duur
        metrics = _metrics(poort)
    assert 'route="/api/v1/boeteberekeningen",status="408"' in metrics
    assert 'status="500"' not in metrics


def test_een_verbinding_zonder_verzoek_sluit_na_de_rusttijd(snel, app):
    """Uvicorn sloot een rustende verbinding alleen na een antwoord; een nieuwe die niets stuurde, bleef open. Ook
    losse regeleinden (geen begin van een verzoek) houden haar niet open."""
    with draaiende_server(app, timeout_keep_alive=0.5) as poort:
        stil = socket.create_connection(("127.0.0.1", poort), timeout=5)
        regeleinden = socket.create_connection(("127.0.0.1", poort), timeout=5)
        begin = time.monotonic()
        try:
            for _ in range(10):  # een regeleinde per 0,3 s, 3 s lang, als de server de verbinding zo lang openhoudt
                regeleinden.sendall(b"\r\n")
                time.sleep(0.3)
        except OSError:  # gesloten
            pass
        assert time.monotonic() - begin < 2.0
        _lees_tot_dicht(regeleinden, 1)
        assert _lees_tot_dicht(stil, 3) == b""
        assert time.monotonic() - begin < 2.0
        stil.close()
        regeleinden.close()


def test_grens_aan_het_aantal_verbindingen_verdringt_de_oudste_wachtende(snel, app, monkeypatch):
    """Boven MAATSTAF_MAX_VERBINDINGEN sluit de verbinding die het langst op haar verzoek wacht; een nieuwe client
    komt er gewoon tussendoor."""
    monkeypatch.setattr(BegrensdeKop, "kop_tijd_s", 60.0)  # hier sluit alleen de grens
    monkeypatch.setenv("MAATSTAF_MAX_VERBINDINGEN", "20")
    with draaiende_server(app) as poort:
        halve = []
        for _ in range(50):
            s = socket.create_connection(("127.0.0.1", poort), timeout=5)
            s.sendall(HALVE_KOP)
            halve.append(s)
        antwoord, duur = _live(poort)
        assert antwoord.startswith(b"HTTP/1.1 200") and duur < 1.0, (antwoord[:100], duur)
        time.sleep(0.2)
        gesloten = 0
        for s in halve:
            s.setblocking(False)
            try:
                ontvangen = s.recv(65536)
            except BlockingIOError:
                continue
            except ConnectionResetError:
                ontvangen = b""
            assert ontvangen == b"" or ontvangen.startswith(b"HTTP/1.1 408"), ontvangen[:100]
            gesloten += 1
        for s in halve:
            s.close()
    # de oudste 30 (plus één voor de client van /health/live) zijn verdrongen; de nieuwste ten hoogste 20 bleven
    assert gesloten >= 31, gesloten


def test_een_body_die_op_de_app_wacht_krijgt_geen_408(app, monkeypatch):
    """Leest de app de body trager dan de client hem stuurt (een batch rekent), dan stopt uvicorn met lezen: die
    tijd telt niet tegen de client. Hier mag een body niet langer duren dan 0,3 s plus 1 s per MB, terwijl de batch
    er seconden over doet."""
    monkeypatch.setattr(BegrensdeKop, "body_tijd_s", 0.3)
    monkeypatch.setattr(BegrensdeKop, "min_snelheid", 1_000_000)
    monkeypatch.setattr(batch, "BLOK", 16)
    origineel = batch.reken_blok

    def traag(*argumenten):
        time.sleep(0.25)  # zes blokken tegelijk: 125 blokken duren zo ruim 5 s
        return origineel(*argumenten)

    monkeypatch.setattr(batch, "reken_blok", traag)
    regels = [json.dumps({"soort": "boeteberekeningen", "kenmerk": f"Z-{i}", "x": "a" * 900}) for i in range(2000)]
    body = ("\n".join(regels) + "\n").encode()
    kop = (
        f"POST /api/v1/batchberekeningen HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token()}\r\n"
        f"Content-Type: application/x-ndjson\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    with draaiende_server(app) as poort, socket.create_connection(("127.0.0.1", poort), timeout=30) as s:
        ontvangen: list[bytes] = []

        def lees() -> None:
            ontvangen.append(_lees_tot_dicht(s, 60))

        lezer = threading.Thread(target=lees)
        lezer.start()
        begin = time.monotonic()
        s.sendall(kop + body)
        lezer.join(60)
        duur = time.monotonic() - begin
    antwoord = ontvangen[0]
    assert antwoord.startswith(b"HTTP/1.1 200"), antwoord[:200]
    assert duur > 3.0  # anders bewijst de test niets: de body (2 MB) moet langer onderweg zijn dan 2,3 s
    assert antwoord.count(b'"regel":') == 2000 and b'"status":408' not in antwoord


@pytest.fixture
def weinig_bestanden():
    """Een grens van open bestanden voor de server (200), en genoeg voor deze test zelf."""
    zacht, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    nodig = 1000
    if hard != resource.RLIM_INFINITY and hard < nodig:
        pytest.skip(f"de harde grens van open bestanden ({hard}) is te laag voor deze test")
    if zacht != resource.RLIM_INFINITY and zacht < nodig:
        resource.setrlimit(resource.RLIMIT_NOFILE, (nodig, hard))
    yield 200
    resource.setrlimit(resource.RLIMIT_NOFILE, (zacht, hard))


def test_halve_koppen_brengen_het_proces_niet_aan_zijn_bestandsgrens(tmp_path, weinig_bestanden):
    """Zoals in productie (``python -m app.server``), met een grens van 200 open bestanden: 600 verbindingen met een
    halve kop. Vroeger faalde accept() bij de grens (EMFILE) en bleef elke nieuwe verbinding hangen; nu blijft het
    aantal open verbindingen 128 onder de grens en antwoordt /health/live meteen."""
    grens = weinig_bestanden
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]
    omgeving = {
        **os.environ,
        "MAATSTAF_HOST": "127.0.0.1",
        "MAATSTAF_POORT": str(poort),
        "MAATSTAF_WORKERS": "1",
        "MAATSTAF_REKENPROCESSEN": "0",
        "MAATSTAF_JWT_SECRET": GEHEIM,
        "MAATSTAF_SLEUTEL": SLEUTEL,
        "MAATSTAF_CHECKPOINT_SLEUTEL": CHECKPOINTSLEUTEL,
        "DATABASE_URL": f"sqlite:///{tmp_path}/maatstaf.db",
    }

    def grenzen() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (grens, grens))

    proces = subprocess.Popen(
        [sys.executable, "-m", "app.server"],
        cwd=WORTEL,
        env=omgeving,
        preexec_fn=grenzen,  # noqa: PLW1509 - alleen setrlimit, vóór exec
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    halve: list[socket.socket] = []
    try:
        for _ in range(200):
            try:
                antwoord, _ = _live(poort, timeout=0.5)
                if antwoord.startswith(b"HTTP/1.1 200"):
                    break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("de server kwam niet op")
        for _ in range(3 * grens):
            s = socket.create_connection(("127.0.0.1", poort), timeout=5)
            s.sendall(HALVE_KOP)
            halve.append(s)
        antwoord, duur = _live(poort, timeout=3.0)
        assert antwoord.startswith(b"HTTP/1.1 200"), antwoord[:200]
        assert duur < 2.0, duur
        assert proces.poll() is None
    finally:
        for s in halve:
            s.close()
        proces.terminate()
        _, fouten = proces.communicate(timeout=30)
    assert b"Too many open files" not in fouten, fouten[-2000:]
