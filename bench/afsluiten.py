"""Storingstest: SIGTERM onder belasting. Elke 201 is vastgelegd, en niets is vastgelegd zonder 201.

Start Maatstaf (uvicorn, één worker) op een eigen SQLite-bestand of een eigen PostgreSQL-database, laat
``--clients`` threads zo snel mogelijk ``POST /api/v1/boeteberekeningen`` sturen, stuurt na ``--na`` seconden
SIGTERM en laat de clients doorgaan tot de service niet meer antwoordt. Daarna worden de antwoorden vergeleken met
de auditrecords in de database.

Met ``--slot S`` (alleen PostgreSQL) houdt een tweede sessie meteen na het begin van de belasting de rij van de
keten vast (``SELECT ... FROM auditketen WHERE keten='0363' FOR UPDATE``), S seconden lang; SIGTERM volgt ``--na``
seconden na het loslaten (negatief: zoveel seconden vóór het loslaten, terwijl verzoeken nog wachten). Zo staat
een commit langer stil dan de wachttijd van een verzoek (30 s).

Gebruik::

    .venv/bin/python bench/afsluiten.py                                  # SQLite
    .venv/bin/python bench/afsluiten.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python bench/afsluiten.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test --slot 35

Afsluitcode 0 als bevestigd = vastgelegd; anders 1.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.api.auth import maak_token  # noqa: E402 - na sys.path
from app.api.schemas import VOORBEELD_BOETE as VERZOEK  # noqa: E402

GEHEIM = "afsluiten-geheim-voor-maatstaf-0123456789abcdef"
POORT = 8767


def _start(database_url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(POORT)]
        + ["--log-level", "warning", "--no-access-log"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "MAATSTAF_JWT_SECRET": GEHEIM,
            "MAATSTAF_TOEGANGSLOG": "0",  # stderr is een pipe die pas aan het eind wordt gelezen
            "MAATSTAF_SLEUTEL": base64.b64encode(b"afsluiten-test-sleutel-32-bytes!").decode(),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _get(pad: str) -> int:
    verbinding = http.client.HTTPConnection("127.0.0.1", POORT, timeout=5)
    try:
        verbinding.request("GET", pad)
        return verbinding.getresponse().status
    finally:
        verbinding.close()


def _wacht_tot_gereed(seconden: float = 30) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            if _get("/api/v1/health/ready") == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("Maatstaf werd niet gereed.")


def _verzoek(body: bytes, token: str) -> tuple:
    """(status, berekeningId) van één POST over een eigen verbinding; de status is tekst bij een verbindingsfout."""
    verbinding = http.client.HTTPConnection("127.0.0.1", POORT, timeout=120)
    try:
        verbinding.request(
            "POST",
            "/api/v1/boeteberekeningen",
            body=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        antwoord = verbinding.getresponse()
        inhoud = antwoord.read()
        return antwoord.status, json.loads(inhoud).get("berekeningId") if antwoord.status == 201 else None
    except ConnectionRefusedError:
        return "geweigerd", None
    except (OSError, http.client.HTTPException) as fout:
        return f"verbroken:{type(fout).__name__}", None
    finally:
        verbinding.close()


def _client(body: bytes, token: str, uitkomsten: list, stop: threading.Event) -> None:
    """Verzoek na verzoek; stopt als de service geen verbindingen meer aanneemt."""
    while not stop.is_set():
        uitkomst = _verzoek(body, token)
        uitkomsten.append(uitkomst)
        if uitkomst[0] == "geweigerd":
            return


def _opgeslagen(database_url: str) -> set[str]:
    import sqlalchemy as sa

    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as verbinding:
            return set(verbinding.execute(sa.text("SELECT berekening_id FROM auditrecord")).scalars())
    finally:
        engine.dispose()


def _houd_slot_vast(database_url: str, seconden: float, vast: threading.Event) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(database_url)
    try:
        with engine.begin() as verbinding:
            verbinding.execute(sa.text("SELECT * FROM auditketen WHERE keten = '0363' FOR UPDATE")).all()
            vast.set()
            time.sleep(seconden)
    finally:
        engine.dispose()


def meet(database_url: str, clients: int, na: float, slot: float = 0) -> dict:
    server = _start(database_url)
    try:
        _wacht_tot_gereed()
        token = maak_token("afsluiten", "0363", ("medewerker",), GEHEIM, 3600)
        body = json.dumps(VERZOEK).encode()
        uitkomsten: list = []
        stop = threading.Event()
        threads = [threading.Thread(target=_client, args=(body, token, uitkomsten, stop)) for _ in range(clients)]
        houder = None
        if slot:
            uitkomsten.append(_verzoek(body, token))  # maakt de keten van 0363 aan
            vast = threading.Event()
            houder = threading.Thread(target=_houd_slot_vast, args=(database_url, slot, vast))
            houder.start()
            vast.wait(10)
        for t in threads:
            t.start()
        if houder is not None and na < 0:  # SIGTERM terwijl het slot nog vastzit
            time.sleep(slot + na)
        else:
            if houder is not None:
                houder.join()
            time.sleep(na)
        in_behandeling_bij_sigterm = len(uitkomsten)
        begin = time.monotonic()
        os.kill(server.pid, signal.SIGTERM)
        code = server.wait(180)
        afsluitduur = time.monotonic() - begin
        stop.set()
        for t in threads:
            t.join(150)
        if houder is not None:
            houder.join()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    fouten = server.stderr.read().decode(errors="replace") if server.stderr else ""
    bevestigd = {i for s, i in uitkomsten if s == 201}
    opgeslagen = _opgeslagen(database_url)
    statussen: dict[str, int] = {}
    for s, _ in uitkomsten:
        statussen[str(s)] = statussen.get(str(s), 0) + 1
    return {
        "clients": clients,
        "slotVastgehoudenSeconden": slot,
        "sigtermNaSeconden": na,
        "antwoordenVoorSigterm": in_behandeling_bij_sigterm,
        "statussen": statussen,
        "bevestigd201": len(bevestigd),
        "vastgelegd": len(opgeslagen),
        "bevestigdNietVastgelegd": len(bevestigd - opgeslagen),
        "vastgelegdZonder201": len(opgeslagen - bevestigd),
        "afsluitcode": code,
        "afsluitduurSeconden": round(afsluitduur, 2),
        "foutenInLog": [r for r in fouten.splitlines() if "ERROR" in r or "Traceback" in r][:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="server-URL; er wordt een eigen database aangemaakt en verwijderd")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--na", type=float, default=3.0, help="seconden belasting vóór SIGTERM (na het slot)")
    parser.add_argument("--slot", type=float, default=0, help="PostgreSQL: houd de keten zo lang vast (s)")
    args = parser.parse_args()

    if args.postgres:
        import sqlalchemy as sa

        naam = f"maatstaf_afsluiten_{uuid.uuid4().hex[:8]}"
        beheer = sa.create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with beheer.connect() as c:
            c.execute(sa.text(f'CREATE DATABASE "{naam}"'))
        url = sa.engine.make_url(args.postgres).set(database=naam).render_as_string(hide_password=False)
        try:
            resultaat = meet(url, args.clients, args.na, args.slot)
        finally:
            with beheer.connect() as c:
                c.execute(sa.text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
            beheer.dispose()
        resultaat["database"] = "postgresql"
    else:
        if args.slot:
            parser.error("--slot kan alleen met --postgres")
        with tempfile.TemporaryDirectory() as map_:
            resultaat = meet(f"sqlite:///{map_}/maatstaf.db", args.clients, args.na)
        resultaat["database"] = "sqlite"
    print(json.dumps(resultaat, indent=2))
    goed = resultaat["bevestigdNietVastgelegd"] == 0 and resultaat["vastgelegdZonder201"] == 0
    print("GOED: bevestigd = vastgelegd" if goed else "FOUT: bevestigd en vastgelegd lopen uiteen")
    return 0 if goed else 1


if __name__ == "__main__":
    raise SystemExit(main())
