"""Meting (geen test): POST /api/v1/batchberekeningen met N boetes op PostgreSQL, doorvoer en geheugen.

Start Maatstaf (uvicorn, één worker, rekenprocessen zoals MAATSTAF_REKENPROCESSEN, standaard het aantal cores) op een
nieuwe PostgreSQL-database en stuurt N regels met wisselende boetes als één gestreamd verzoek (chunked), terwijl een
tweede thread het antwoord al leest (volledig duplex, zoals curl). Meet de tijd tot de laatste antwoordregel, telt de
statussen, telt daarna de auditrecords in de database en bemonstert elke 0,2 s het RSS van de server (het
serverproces en, apart, de rekenprocessen).

Gebruik: ``.venv/bin/python bench/batch.py [--regels 10000 100000] [--processen 2] [--postgres URL] [--soort voet]``
(``--soort voet``: beslagvrije voeten in plaats van boetes, issue #19).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.api.http.auth import maak_token  # noqa: E402
from bench.run import _wacht_op  # noqa: E402

GEHEIM = "bench-geheim-voor-maatstaf-0123456789abcdef"
SLEUTEL = "dGVzdHNsZXV0ZWwtdm9vci1tYWF0c3RhZi0zMmJ5dGU="
POORT = 18765  # vervangen door een vrije poort in main()
GRADEN = ["NORMAAL", "VERMINDERD", "GROVE_SCHULD", "OPZET"]


#: Elke zoveelste regel is ongeldig (0: geen); ``--ongeldig``.
ONGELDIG = 97


def regel(i: int) -> bytes:
    """Een boete die per i verschilt (bedrag, graad, leefvorm, data); elke ONGELDIG-ste regel is ongeldig."""
    graad = GRADEN[i % 4]
    verwijtbaarheid = {"graad": graad}
    if graad in ("GROVE_SCHULD", "OPZET"):
        verwijtbaarheid["bewijs"] = [f"Rapport Z-2026-{i:06d}: drie brieven niet beantwoord."]
    invoer = {
        "overtreding": {"begindatum": f"20{22 + i % 4}-0{1 + i % 9}-01", "einddatum": f"20{22 + i % 4}-12-31"},
        "beschikkingsdatum": "2026-02-02",
        "benadelingsbedrag": f"{200 + (i * 37) % 20000}.{i % 100:02d}",
        "verwijtbaarheid": verwijtbaarheid,
        "huishouden": {"leefvorm": "GEHUWDEN" if i % 3 else "ALLEENSTAANDE"},
    }
    if ONGELDIG and i % ONGELDIG == ONGELDIG - 1:
        invoer["benadelingsbedrag"] = "-1"
    return json.dumps({"soort": "boeteberekeningen", "kenmerk": f"B-{i:07d}", "invoer": invoer}).encode() + b"\n"


LEEFSITUATIES = ["ALLEENSTAANDE", "ALLEENSTAANDE_OUDER", "GEHUWDEN_ZONDER_KINDEREN", "GEHUWDEN_MET_KINDEREN"]


def voetregel(i: int) -> bytes:
    """Een beslagvrije voet die per i verschilt (leefsituatie, inkomen, peildatum 2021-2026, soms woonkosten)."""
    invoer = {
        "peildatum": f"20{21 + i % 6}-0{1 + i % 9}-15",
        "leefsituatie": LEEFSITUATIES[i % 4],
        "belastbaarJaarinkomen": f"{12000 + (i * 97) % 60000}.00",
        "nettoMaandinkomen": f"{1100 + (i * 13) % 3000}.{i % 100:02d}",
    }
    if i % 5 == 0:
        invoer["woonkosten"] = f"{700 + i % 900}.00"
    if ONGELDIG and i % ONGELDIG == ONGELDIG - 1:
        invoer["belastbaarJaarinkomen"] = "-1"
    return (
        json.dumps({"soort": "beslagvrijevoetberekeningen", "kenmerk": f"V-{i:07d}", "invoer": invoer}).encode() + b"\n"
    )


#: De regels van de batch: boetes (standaard) of beslagvrije voeten (``--soort voet``).
REGEL = regel


def vrije_poort() -> int:
    """Een poort die nu vrij is (een andere meting op deze machine kan een vaste poort bezet houden)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    try:
        for r in Path(f"/proc/{pid}/status").read_text().splitlines():
            if r.startswith("VmRSS:"):
                return int(r.split()[1])
    except OSError:
        pass
    return 0


def cpu_s(pid: int) -> float:
    """CPU-tijd (user + system) van een proces in seconden; 0 als het er niet (meer) is."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def postgres_cpu_s() -> float:
    """CPU-tijd van alle PostgreSQL-processen samen (ook die van andere databases op de server)."""
    uit = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout.split()
    return sum(cpu_s(int(p)) for p in uit)


def kinderen(pid: int) -> list[int]:
    try:
        uit = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    except OSError:
        return []
    return [int(p) for p in uit.split()]


class Bemonsteraar(threading.Thread):
    """Piek-RSS van het serverproces en van zijn kinderen (de rekenprocessen), elke 0,2 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop, self.server, self.rekenaars, self.begin = pid, False, 0, 0, rss_kb(pid)

    def run(self) -> None:
        while not self.stop:
            self.server = max(self.server, rss_kb(self.pid))
            self.rekenaars = max(self.rekenaars, sum(rss_kb(k) for k in kinderen(self.pid)))
            time.sleep(0.2)


def batch(n: int, token: str) -> dict:
    s = socket.create_connection(("127.0.0.1", POORT))
    kop = (
        f"POST /api/v1/batchberekeningen HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()

    def schrijf() -> None:
        s.sendall(kop)
        blok = []
        for i in range(n):
            blok.append(REGEL(i))
            if len(blok) == 200:
                data = b"".join(blok)
                s.sendall(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                blok = []
        if blok:
            data = b"".join(blok)
            s.sendall(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        s.sendall(b"0\r\n\r\n")

    begin = time.perf_counter()
    schrijver = threading.Thread(target=schrijf, daemon=True)
    schrijver.start()
    statussen: dict[int, int] = {}
    eerste = None
    f = s.makefile("rb")
    status = f.readline()
    while f.readline() not in (b"\r\n", b""):
        pass
    rest = b""
    laatste_nr = 0
    while True:
        grootte = int(f.readline().strip(), 16)
        if grootte == 0:
            break
        rest += f.read(grootte)
        f.readline()
        *regels, rest = rest.split(b"\n")
        for r in regels:
            d = json.loads(r)
            if eerste is None:
                eerste = time.perf_counter() - begin
            assert d["regel"] == laatste_nr + 1, "volgorde"
            laatste_nr = d["regel"]
            statussen[d["status"]] = statussen.get(d["status"], 0) + 1
    duur = time.perf_counter() - begin
    s.close()
    return {"http": status.decode().strip(), "duur": duur, "eersteRegel": eerste, "statussen": statussen}


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--regels", type=int, nargs="+", default=[10000, 100000])
    p.add_argument("--processen", type=int, default=os.cpu_count() or 1)
    p.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    p.add_argument("--ongeldig", type=int, default=97, help="elke zoveelste regel ongeldig (0: geen)")
    p.add_argument("--soort", choices=("boete", "voet"), default="boete", help="boetes of beslagvrije voeten")
    args = p.parse_args()
    global ONGELDIG, REGEL
    ONGELDIG = args.ongeldig
    REGEL = voetregel if args.soort == "voet" else regel
    server_url = make_url(args.postgres)
    beheer = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    token = maak_token("bench", "0363", ("medewerker",), GEHEIM)
    uitkomsten = []
    global POORT
    POORT = vrije_poort()
    for n in args.regels:
        naam = f"maatstaf_bench_batch_{uuid.uuid4().hex[:8]}"
        with beheer.connect() as c:
            c.execute(text(f'CREATE DATABASE "{naam}"'))
        url = server_url.set(database=naam).render_as_string(hide_password=False)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "MAATSTAF_JWT_SECRET": GEHEIM,
            "MAATSTAF_SLEUTEL": SLEUTEL,
            "MAATSTAF_CHECKPOINT_SLEUTEL": "YmVuY2gtY2hlY2twb2ludHNsZXV0ZWwtMzJieXRlcyE=",
            "MAATSTAF_TOEGANGSLOG": "0",
            "MAATSTAF_REKENPROCESSEN": str(args.processen),
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(POORT), "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            _wacht_op(f"http://127.0.0.1:{POORT}/api/v1/health/live", 60)
            opwarmen = batch(300, token)  # rekenprocessen starten, regeldata ingelezen
            monster = Bemonsteraar(server.pid)
            monster.start()
            laad_voor = os.getloadavg()
            spion = None
            if os.environ.get("BENCH_PYSPY"):  # profiel van het serverproces (py-spy, collapsed stacks)
                spion = subprocess.Popen(
                    [os.environ["BENCH_PYSPY"], "record", "--pid", str(server.pid), "--format", "raw", "--gil"]
                    + ["--nonblocking", "-o", f"/tmp/batch-{n}.txt"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            cpu_voor = (cpu_s(server.pid), sum(cpu_s(k) for k in kinderen(server.pid)), postgres_cpu_s())
            meting = batch(n, token)
            cpu_na = (cpu_s(server.pid), sum(cpu_s(k) for k in kinderen(server.pid)), postgres_cpu_s())
            if spion is not None:
                spion.send_signal(signal.SIGINT)
                spion.wait(30)
            monster.stop = True
            monster.join()
            with create_engine(url, poolclass=NullPool).connect() as c:
                records = c.execute(text("SELECT count(*) FROM auditrecord")).scalar() - opwarmen["statussen"][201]
            uitkomst = {
                "regels": n,
                **meting,
                "perSeconde": round(n / meting["duur"]),
                "records": records,
                "rssServerMiB": round(monster.server / 1024),
                "rssRekenprocessenMiB": round(monster.rekenaars / 1024),
                "rssServerVoorMiB": round(monster.begin / 1024),
                "load": [round(x, 2) for x in laad_voor],
                "loadNa": [round(x, 2) for x in os.getloadavg()],
                "processen": args.processen,
                # CPU-seconden tijdens de meting: serverproces, rekenprocessen, PostgreSQL (alle backends)
                "cpuServer": round(cpu_na[0] - cpu_voor[0], 1),
                "cpuRekenprocessen": round(cpu_na[1] - cpu_voor[1], 1),
                "cpuPostgres": round(cpu_na[2] - cpu_voor[2], 1),
            }
            print(json.dumps(uitkomst, default=str), flush=True)
            uitkomsten.append(uitkomst)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
            with beheer.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
