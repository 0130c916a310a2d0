"""CPU-tijd per verzoek in één proces: de ASGI-app direct aangeroepen, zonder uvicorn, netwerk of wrk.

Minder gevoelig voor een drukke machine dan verzoeken per seconde: de CPU-tijd (``time.process_time``, alle threads
van het proces: ook de schrijver en de threadpool) gedeeld door het aantal verzoeken. Zo zijn twee versies van de code
(``BOOM``: een uitgepakte commit) afwisselend te vergelijken.

Gebruik: ``.venv/bin/python bench/inproces.py BOOM u|b AANTAL [profiel]`` met ``DB=<SQLAlchemy-URL>`` (standaard
SQLite in een tijdelijke map). ``u``: de uitleg (professional, HTML) van één boete, steeds opnieuw; ``b``: de
geauditeerde ``POST /boeteberekeningen``, twintig tegelijk (``GELIJK=4``: vier, zoals bij 4 clients); ``g`` en ``v``:
dezelfde POST voor iemand boven bijstandsniveau, met een gegeven beslagvrije voet (``g``) of met leefsituatie en
belastbaar jaarinkomen, zodat Maatstaf de voet berekent (``v``; issue #19: ten hoogste 10% meer CPU). ``profiel``:
cProfile van de hoofdthread erbij (``SORTEER=tottime``: op eigen tijd in plaats van cumulatief).
"""

from __future__ import annotations

import asyncio
import cProfile
import importlib
import json
import os
import pstats
import sys
import tempfile
import time

GEHEIM = "bench-geheim-voor-maatstaf-0123456789abcdef"


async def _verzoek(app, token: bytes, methode: str, pad: str, body: bytes = b"", query: bytes = b"") -> dict:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": methode,
        "scheme": "http",
        "path": pad,
        "raw_path": pad.encode(),
        "root_path": "",
        "query_string": query,
        "headers": [
            (b"host", b"maatstaf"),
            (b"authorization", b"Bearer " + token),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    gegeven = False

    async def receive() -> dict:
        nonlocal gegeven
        if not gegeven:
            gegeven = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    uit: dict = {"body": b""}

    async def send(bericht: dict) -> None:
        if bericht["type"] == "http.response.start":
            uit["status"] = bericht["status"]
        elif bericht["type"] == "http.response.body":
            uit["body"] += bericht.get("body", b"")

    await app(scope, receive, send)
    return uit


def _uit(*modules: str):
    """De eerste module die in de boom bestaat."""
    for naam in modules:
        try:
            return importlib.import_module(naam)
        except ModuleNotFoundError:
            continue
    raise ModuleNotFoundError(modules[0])


async def meet(boom: str, soort: str, aantal: int, profiel: bool) -> dict:
    maak_app = importlib.import_module("app.main").maak_app
    # ook een boom van vóór issue #18 (app/api plat) is te meten: dezelfde namen op hun oude plek
    maak_token = _uit("app.api.http.auth", "app.api.auth").maak_token
    voorbeeld = _uit("app.api.berekeningen.verzoeken", "app.api.schemas").VOORBEELD_BOETE
    app = maak_app()
    token = maak_token("bench", "0363", ("medewerker",), GEHEIM, 3600).encode()
    naar_app: asyncio.Queue = asyncio.Queue()
    van_app: asyncio.Queue = asyncio.Queue()
    await naar_app.put({"type": "lifespan.startup"})
    levensloop = asyncio.create_task(app({"type": "lifespan", "asgi": {"version": "3.0"}}, naar_app.get, van_app.put))
    await van_app.get()
    boven = {"leefvorm": "ALLEENSTAANDE", "opBijstandsniveau": False, "nettoMaandinkomen": "2400.00"}
    huishouden = {
        "g": {**boven, "beslagvrijeVoet": "1550.29"},  # wat de berekening van ``v`` op 2026-02-02 geeft
        "v": {**boven, "leefsituatie": "ALLEENSTAANDE", "belastbaarJaarinkomen": "32000.00"},
    }
    if soort in huishouden:
        voorbeeld = {**voorbeeld, "huishouden": huishouden[soort]}
    body = json.dumps(voorbeeld).encode()
    eerste = await _verzoek(app, token, "POST", "/api/v1/boeteberekeningen", body)
    berekening_id = json.loads(eerste["body"])["berekeningId"]

    def een():
        if soort == "u":
            pad = f"/api/v1/berekeningen/{berekening_id}/uitleg"
            return _verzoek(app, token, "GET", pad, query=b"doelgroep=professional")
        return _verzoek(app, token, "POST", "/api/v1/boeteberekeningen", body)

    for _ in range(50):  # opwarmen
        antwoord = await een()
    assert antwoord["status"] in (200, 201), antwoord
    profielmaker = cProfile.Profile() if profiel else None
    if profielmaker:
        profielmaker.enable()
    begin = time.process_time()
    if soort != "u":  # GELIJK tegelijk (standaard 20), zodat de schrijver groepeert zoals onder belasting
        gelijk = int(os.environ.get("GELIJK", "20"))
        for _ in range(aantal // gelijk):
            await asyncio.gather(*(een() for _ in range(gelijk)))
    else:
        for _ in range(aantal):
            await een()
    cpu = time.process_time() - begin
    if profielmaker:
        profielmaker.disable()
        pstats.Stats(profielmaker).sort_stats(os.environ.get("SORTEER", "cumulative")).print_stats(45)
    await naar_app.put({"type": "lifespan.shutdown"})
    await levensloop
    return {"boom": boom, "soort": soort, "aantal": aantal, "cpuMsPerVerzoek": round(cpu * 1000 / aantal, 3)}


def main() -> int:
    boom, soort, aantal = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sys.path.insert(0, os.path.abspath(boom))
    os.chdir(boom)
    os.environ.update(
        {
            "MAATSTAF_JWT_SECRET": GEHEIM,
            "MAATSTAF_SLEUTEL": "YmVuY2gtc2xldXRlbC12b29yLW1hYXRzdGFmLTMyYnk=",
            "MAATSTAF_CHECKPOINT_SLEUTEL": "YmVuY2gtY2hlY2twb2ludHNsZXV0ZWwtMzJieXRlcyE=",
            "MAATSTAF_TOEGANGSLOG": "0",
            "DATABASE_URL": os.environ.get("DB", f"sqlite:///{tempfile.mkdtemp()}/maatstaf.db"),
        }
    )
    print(json.dumps(asyncio.run(meet(boom, soort, aantal, len(sys.argv) > 4))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
