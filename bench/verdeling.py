"""Hoe de keep-alive-verbindingen van één client over de workers vallen, en wat dat met p99 doet (issue #9).

Elke keer: Maatstaf opnieuw starten zoals in productie (``--workers N``, ``app.server:BegrensdeKop``), 3 s opwarmen,
dan wrk met nieuwe, vaste verbindingen op de geauditeerde ``POST /api/v1/boeteberekeningen``, en elke 2 s tellen (met ``ss``) hoeveel
verbindingen elke worker heeft. ``--stop``: één worker staat de eerste 2 s stil (SIGSTOP, daarna SIGCONT) terwijl
wrk verbindt, zoals wanneer een worker net herstart; dan is te zien of de verbindingen zich daarna opnieuw verdelen
(app/server.py, ``MAX_VERZOEKEN_PER_VERBINDING``). Een meting, geen test: niets faalt als een getal tegenvalt.

Gebruik: ``.venv/bin/python bench/verdeling.py [--keer 6] [--duur 10] [--workers 2] [--clients 50] [--stop]
[--boom MAP]``. Een eigen database per run (daarna weg); uitvoer: één JSON-regel per keer.
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402 - na sys.path
    GEHEIM,
    PRODUCTIE_HTTP,
    SLEUTEL,
    VERZOEK,
    _start,
    _stop,
    _wacht_op,
    eigen_database,
    wrk,
)

POORT = 8767


def verbindingen(poort: int) -> list[int]:
    """Het aantal verbindingen per proces dat op ``poort`` luistert, van groot naar klein."""
    uit = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{poort} )"], capture_output=True, text=True
    ).stdout
    per_pid: dict[str, int] = {}
    for pid in re.findall(r"pid=(\d+)", uit):
        per_pid[pid] = per_pid.get(pid, 0) + 1
    return sorted(per_pid.values(), reverse=True)


def een_worker(server: subprocess.Popen) -> int:
    """De pid van een worker van uvicorn (een kind dat via multiprocessing is gestart)."""
    for pid in subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split():
        if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
            return int(pid)
    raise RuntimeError("geen worker gevonden")


def keer(url: str, boom: Path, workers: int, clients: int, duur: int, stop: bool) -> dict:
    server = _start(
        "app.main:app",
        {
            "DATABASE_URL": url,
            "MAATSTAF_JWT_SECRET": GEHEIM,
            "MAATSTAF_SLEUTEL": SLEUTEL,
            "MAATSTAF_TOEGANGSLOG": "0",
            "MAATSTAF_CHECKPOINT_SLEUTEL": "YmVuY2gtY2hlY2twb2ludHNsZXV0ZWwtMzJieXRlcyE=",
        },
        POORT,
        workers,
        boom,
        PRODUCTIE_HTTP,
    )
    try:
        _wacht_op(f"http://127.0.0.1:{POORT}/api/v1/health")
        wrk(
            f"http://127.0.0.1:{POORT}/api/v1/boeteberekeningen", VERZOEK, clients, 3
        )  # opwarmen; daarna nieuwe verbindingen
        gestopt = een_worker(server) if stop else None
        if gestopt:
            os.kill(gestopt, signal.SIGSTOP)
        meting: dict = {}
        belasting = threading.Thread(
            target=lambda: meting.update(
                wrk(f"http://127.0.0.1:{POORT}/api/v1/boeteberekeningen", VERZOEK, clients, duur)
            )
        )
        belasting.start()
        verdeling = []
        try:
            for t in range(0, duur - 1, 2):
                time.sleep(2 if t else 1)
                if gestopt and t == 0:
                    os.kill(gestopt, signal.SIGCONT)
                verdeling.append(verbindingen(POORT))
        finally:
            if gestopt:
                os.kill(gestopt, signal.SIGCONT)
            belasting.join()
    finally:
        _stop(server)
    return {"verdelingElke2s": verdeling, **meting, "load1": round(os.getloadavg()[0], 2)}


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--keer", type=int, default=6, help="hoe vaak opnieuw starten en meten")
    p.add_argument("--duur", type=int, default=10, help="seconden belasting per keer")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--stop", action="store_true", help="één worker de eerste 2 s stilzetten")
    p.add_argument("--boom", type=Path, default=ROOT, help="map met de Maatstaf-code (een uitgepakte commit)")
    p.add_argument(
        "--postgres",
        default=os.environ.get("MAATSTAF_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    args = p.parse_args()
    for nodig in ("wrk", "ss", "pgrep"):
        if not shutil.which(nodig):
            print(f"{nodig} ontbreekt (wrk: `make bench`; ss en pgrep: iproute2 en procps).", file=sys.stderr)
            return 2

    with eigen_database(args.postgres) as url:
        for i in range(1, args.keer + 1):
            uitkomst = keer(url, args.boom, args.workers, args.clients, args.duur, args.stop)
            print(json.dumps({"keer": i, "stop": args.stop, **uitkomst}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
