"""Benchmark van Maatstaf (geen test: meet, beoordeelt niet).

(a) pure rekenkern: boeteberekeningen per seconde op één core;
(b) geauditeerde POST /api/v1/boeteberekeningen op PostgreSQL: verzoeken per seconde, p50 en p99 bij 50
    gelijktijdige clients;
(c) dezelfde belasting op een triviaal FastAPI-endpoint, op dezelfde manier geserveerd: het plafond.

Gebruik: ``make bench`` of ``.venv/bin/python bench/run.py [--duur 15] [--clients 50] [--workers 1]``.
De belasting komt van ``wrk`` (Debian-pakket, ``make bench`` installeert het) op dezelfde machine, via loopback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.api.schemas import VOORBEELD_BOETE as VERZOEK  # noqa: E402 - na sys.path; het voorbeeld uit SPEC §4.4


def rekenkern(seconden: float) -> dict:
    from app.domain.boete import BoeteInvoer, Sanctie, bereken_boete
    from app.domain.huishouden import Huishouden
    from app.domain.verwijtbaarheid import VerwijtbaarheidInvoer
    from app.regels import standaard

    regels = standaard()
    graden = [
        VerwijtbaarheidInvoer(graad="NORMAAL"),
        VerwijtbaarheidInvoer(graad="VERMINDERD"),
        VerwijtbaarheidInvoer(graad="GROVE_SCHULD", bewijs=("b",)),
        VerwijtbaarheidInvoer(graad="OPZET", bewijs=("b",)),
    ]
    invoer = [
        BoeteInvoer(
            date(2025, 3, 1),
            date(2025, 10, 31),
            date(2026, 2, 2),
            graden[i % 4],
            Huishouden(leefvorm="GEHUWDEN" if i % 3 else "ALLEENSTAANDE"),
            benadelingsbedrag=Decimal(200 + 137 * i).quantize(Decimal("0.01")),
            eerdere_sancties=(Sanctie("BOETE", date(2022, 1, 1)),) if i % 5 == 0 else (),
        )
        for i in range(500)
    ]
    aantal = 0
    start = time.perf_counter()
    eind = start + seconden
    while time.perf_counter() < eind:
        for inv in invoer:
            bereken_boete(inv, regels)
        aantal += len(invoer)
    duur = time.perf_counter() - start
    return {"berekeningen": aantal, "seconden": round(duur, 2), "perSeconde": round(aantal / duur)}


def _wacht_op(url: str, seconden: float = 30) -> None:
    eind = time.time() + seconden
    while time.time() < eind:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status < 500:
                    return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{url} kwam niet op")


def _start(app: str, env: dict, poort: int, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--host",
            "127.0.0.1",
            "--port",
            str(poort),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _stop(proces: subprocess.Popen) -> None:
    os.killpg(proces.pid, signal.SIGTERM)
    try:
        proces.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proces.pid, signal.SIGKILL)


def _ms(tekst: str) -> float:
    getal, eenheid = re.match(r"([\d.]+)(us|ms|s)", tekst).groups()
    return float(getal) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[eenheid]


GEHEIM = "bench-geheim-voor-maatstaf-0123456789abcdef"
SLEUTEL = "YmVuY2gtc2xldXRlbC12b29yLW1hYXRzdGFmLTMyYnk="  # base64 van 32 bytes


def _token() -> str:
    from app.api.auth import maak_token

    return maak_token("bench", "0363", ("medewerker",), GEHEIM, 3600)


def wrk(url: str, body: dict, clients: int, seconden: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(
            'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
            f'wrk.headers["Authorization"] = "Bearer {_token()}"\n'
            f"wrk.body = {json.dumps(json.dumps(body))}\n"
        )
    uit = subprocess.run(
        ["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconden}s", "--latency", "-s", lua.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(lua.name)
    fouten = re.search(r"Non-2xx or 3xx responses: (\d+)", uit)
    return {
        "perSeconde": round(float(re.search(r"Requests/sec:\s+([\d.]+)", uit).group(1))),
        "p50ms": _ms(re.search(r"\s50%\s+(\S+)", uit).group(1)),
        "p99ms": _ms(re.search(r"\s99%\s+(\S+)", uit).group(1)),
        "verzoeken": int(re.search(r"(\d+) requests in", uit).group(1)),
        "fouten": int(fouten.group(1)) if fouten else 0,
    }


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--duur", type=int, default=15, help="seconden belasting per meting")
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--workers", type=int, default=1, help="uvicorn-workers (gelijk voor b en c)")
    p.add_argument(
        "--postgres",
        default=os.environ.get("MAATSTAF_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    args = p.parse_args()
    if not shutil.which("wrk"):
        print("wrk ontbreekt: draai `make bench` (installeert het) of `apt-get install wrk`.", file=sys.stderr)
        return 2

    resultaat = {
        "machine": {"cores": os.cpu_count()},
        "clients": args.clients,
        "workers": args.workers,
        "duurSeconden": args.duur,
    }
    print("(a) rekenkern …", flush=True)
    resultaat["a_rekenkern"] = rekenkern(5)
    print(resultaat["a_rekenkern"], flush=True)

    import sqlalchemy as sa

    naam = f"maatstaf_bench_{uuid.uuid4().hex[:8]}"
    beheer = sa.create_engine(args.postgres, isolation_level="AUTOCOMMIT")
    with beheer.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{naam}"'))
    url = sa.engine.make_url(args.postgres).set(database=naam).render_as_string(hide_password=False)
    try:
        print("(b) geauditeerde POST op PostgreSQL …", flush=True)
        server = _start(
            "app.main:app",
            {
                "DATABASE_URL": url,
                "MAATSTAF_JWT_SECRET": GEHEIM,
                "MAATSTAF_SLEUTEL": SLEUTEL,
                "MAATSTAF_TOEGANGSLOG": "0",
            },
            8765,
            args.workers,
        )
        try:
            _wacht_op("http://127.0.0.1:8765/api/v1/health")
            wrk("http://127.0.0.1:8765/api/v1/boeteberekeningen", VERZOEK, args.clients, 3)  # opwarmen
            resultaat["b_geauditeerd"] = wrk(
                "http://127.0.0.1:8765/api/v1/boeteberekeningen", VERZOEK, args.clients, args.duur
            )
        finally:
            _stop(server)
        engine = sa.create_engine(url)
        with engine.connect() as c:
            resultaat["b_geauditeerd"]["auditrecords"] = c.execute(sa.text("select count(*) from auditrecord")).scalar()
        engine.dispose()
        print(resultaat["b_geauditeerd"], flush=True)

        print("(c) triviaal endpoint …", flush=True)
        server = _start("bench.trivial_app:app", {}, 8766, args.workers)
        try:
            _wacht_op("http://127.0.0.1:8766/docs")
            wrk("http://127.0.0.1:8766/api/v1/trivial", VERZOEK, args.clients, 3)
            resultaat["c_plafond"] = wrk("http://127.0.0.1:8766/api/v1/trivial", VERZOEK, args.clients, args.duur)
        finally:
            _stop(server)
        print(resultaat["c_plafond"], flush=True)
    finally:
        with beheer.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        beheer.dispose()

    resultaat["verhoudingBC"] = round(
        resultaat["b_geauditeerd"]["perSeconde"] / resultaat["c_plafond"]["perSeconde"], 2
    )
    uit = ROOT / "bench" / "results"
    uit.mkdir(exist_ok=True)
    (uit / "latest.json").write_text(json.dumps(resultaat, indent=2))
    print(json.dumps(resultaat, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
