"""In-proces: wat één groep van de schrijver van de auditopslag kost op PostgreSQL (issue #9, de 4-clients-meting).

Legt records vast met ``AuditStore.vastleggen`` in groepen van 1, 4 en 20 tegelijk (de volgende groep pas als de
vorige gecommit is) en meet per record de wandkloktijd en de CPU-tijd van het proces (alle threads). Bij weinig
gelijktijdige verzoeken is een groep klein, en bepalen de vaste kosten per transactie (rondgangen naar de server)
hoe lang elk antwoord op zijn commit wacht. ``--bezig``: een tweede thread rekent intussen in Python, zoals de event
loop onder belasting; dan telt ook elke keer dat de schrijver het GIL terug moet krijgen.

Gebruik: ``DB=postgresql+psycopg://postgres@127.0.0.1:5432/test .venv/bin/python bench/schrijver.py [BOOM ...]``
met een of meer werkmappen (bijv. een uitgepakte eerdere commit, ``git archive``); ze worden afwisselend gemeten,
elk in een eigen proces en een eigen, nieuwe database.

``--leesacties``: telt in plaats daarvan (met ``strace``) hoe vaak het proces per groep van één record op een antwoord
van PostgreSQL wacht (``recvfrom``). Dat getal hangt niet af van hoe druk de machine is.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTAAT = json.dumps({"boete": "1234.50", "stappen": [{"zin": "x" * 200}] * 40}, separators=(",", ":")).encode()


def meet(boom: str, database_url: str, bezig: bool, aantal: int) -> dict:
    """In het kindproces: de store uit ``boom``, een nieuwe database."""
    sys.path.insert(0, boom)
    import sqlalchemy as sa

    from app.db.store import AuditStore

    naam = f"maatstaf_schrijver_{uuid.uuid4().hex[:8]}"
    beheer = sa.create_engine(database_url, isolation_level="AUTOCOMMIT")
    with beheer.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{naam}"'))
    url = sa.engine.make_url(database_url).set(database=naam).render_as_string(hide_password=False)
    store = AuditStore(url, b"k" * 32)
    store.migrate()
    stop = threading.Event()

    def reken() -> None:
        x = 0
        while not stop.is_set():
            for i in range(1000):
                x += i * i

    if bezig:
        threading.Thread(target=reken, daemon=True).start()

    def groepen(per_groep: int, n: int) -> tuple[float, float, float]:
        wand, cpu = time.perf_counter(), time.process_time()
        wachttijden = []
        for _ in range(n // per_groep):
            begin = time.perf_counter()
            futures = [
                store.vastleggen(
                    berekening_id=str(uuid.uuid4()),
                    soort="boeteberekening",
                    invoer='{"a": 1}',
                    resultaat_canoniek=RESULTAAT,
                    regelversie="bench",
                    sub="bench",
                    gemeente="0363",
                    terug_resultaat=False,
                )
                for _ in range(per_groep)
            ]
            for future in futures:
                future.result()
            wachttijden.append(time.perf_counter() - begin)
        per = n // per_groep * per_groep
        return (
            (time.perf_counter() - wand) * 1000 / per,
            (time.process_time() - cpu) * 1000 / per,
            statistics.median(wachttijden) * 1000,
        )

    groepen(1, 100)  # opwarmen: verbinding, voorbereide opdrachten, de kop van de keten
    if os.environ.get("SCHRIJVER_MARKEER"):  # --leesacties: de 100 groepen tussen de markeringen tellen
        os.write(2, b"BEGIN-TELLEN\n")
        groepen(1, 100)
        os.write(2, b"EINDE-TELLEN\n")
    uit = {}
    for per_groep in () if os.environ.get("SCHRIJVER_MARKEER") else (1, 4, 20):
        wand, cpu, p50 = groepen(per_groep, aantal)
        uit[per_groep] = {
            "wandMsPerRecord": round(wand, 3),
            "cpuMsPerRecord": round(cpu, 3),
            "p50GroepMs": round(p50, 2),
        }
    stop.set()
    store.dispose()
    with beheer.connect() as c:
        c.execute(sa.text(f'DROP DATABASE "{naam}" WITH (FORCE)'))
    beheer.dispose()
    return uit


def leesacties(boom: str) -> float:
    """Hoe vaak het proces per groep op PostgreSQL wacht: recvfrom tussen de markeringen, gedeeld door 100."""
    with tempfile.NamedTemporaryFile(suffix=".strace") as spoor:
        opdracht = [sys.executable, __file__, "--kind", boom, "--aantal", "1"]
        subprocess.run(
            ["strace", "-f", "-e", "trace=recvfrom,write", "-o", spoor.name, *opdracht],
            env={**os.environ, "SCHRIJVER_MARKEER": "1"},
            capture_output=True,
            check=True,
        )
        regels = Path(spoor.name).read_text().splitlines()
    begin = next(i for i, regel in enumerate(regels) if "BEGIN-TELLEN" in regel)
    einde = next(i for i, regel in enumerate(regels) if "EINDE-TELLEN" in regel)
    return sum("recvfrom(" in regel for regel in regels[begin:einde]) / 100


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("bomen", nargs="*", default=[str(ROOT)])
    p.add_argument("--rondes", type=int, default=3)
    p.add_argument("--aantal", type=int, default=1000, help="records per groepsgrootte")
    p.add_argument("--bezig", action="store_true", help="een tweede thread rekent intussen (GIL)")
    p.add_argument("--leesacties", action="store_true", help="tel recvfrom per groep (strace)")
    p.add_argument("--kind", help=argparse.SUPPRESS)
    args = p.parse_args()
    database_url = os.environ.get("DB", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    if args.kind:
        print(json.dumps(meet(args.kind, database_url, args.bezig, args.aantal)))
        return 0
    if args.leesacties:
        for boom in args.bomen:
            print(f"{boom}: {leesacties(boom):.2f} keer recvfrom per groep van één record", flush=True)
        return 0
    for ronde in range(1, args.rondes + 1):
        for boom in args.bomen:
            opdracht = [sys.executable, __file__, "--kind", boom, "--aantal", str(args.aantal)]
            uit = subprocess.run([*opdracht, *(["--bezig"] if args.bezig else [])], capture_output=True, text=True)
            if uit.returncode:
                print(uit.stderr, file=sys.stderr)
                return 1
            print(f"ronde {ronde} {boom}: {uit.stdout.strip()} (load {os.getloadavg()[0]:.2f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
