"""Instructies per geauditeerde boete, geteld door valgrind (callgrind): onafhankelijk van hoe druk de machine is.

Verzoeken per seconde en CPU-tijd schommelen op een gedeelde machine met 10-30% tussen metingen; een verschil van
een paar procent is zo niet te zien. callgrind telt de uitgevoerde instructies van het hele proces (alle threads:
event loop, schrijver, threadpool), niet de tijd. Dit script draait ``bench/inproces.py BOOM b N`` (de ASGI-app
in-proces, ``GELIJK`` verzoeken tegelijk) onder callgrind met 100 en met 300 verzoeken; het verschil gedeeld door
200 is het aantal instructies per verzoek, zonder het starten en opwarmen. Wat callgrind niet ziet: de kernel
(systeemaanroepen, het wisselen van threads) en PostgreSQL zelf (een ander proces).

Gebruik: ``.venv/bin/python bench/instructies.py BOOM [BOOM ...]`` met per boom een eigen, nieuwe database
(``--postgres``, standaard 127.0.0.1:5432). De bomen lopen tegelijk (elk op een eigen core; valgrind is traag:
~4 minuten per boom), zodat ze dezelfde omstandigheden hebben. ``GELIJK=2`` (standaard hier): groepen van 1-2
records, zoals bij 4 clients. valgrind: Debian-pakket ``valgrind``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
INPROCES = ROOT / "bench" / "inproces.py"

from bench.run import eigen_database  # noqa: E402 - na sys.path


def _instructies(boom: str, aantal: int, url: str, gelijk: str, soort: str = "b") -> int:
    uit = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, str(INPROCES), boom, soort]
        + [str(aantal)],
        env={**os.environ, "DB": url, "GELIJK": gelijk},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(re.search(r"Collected : (\d+)", uit.stderr).group(1))


def meet(boom: str, postgres: str, gelijk: str, soort: str = "b") -> float:
    """Miljoen instructies per verzoek voor ``boom`` (elke meting een eigen, nieuwe database)."""
    tellingen = []
    for aantal in (100, 300):
        with eigen_database(postgres, "maatstaf_instructies") as url:
            tellingen.append(_instructies(boom, aantal, url, gelijk, soort))
    return (tellingen[1] - tellingen[0]) / 200 / 1e6


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("bomen", nargs="+")
    p.add_argument(
        "--soorten",
        default="b",
        help="de verzoeken van bench/inproces.py, met komma's: b (boete), g en v (boete boven bijstandsniveau met "
        "een gegeven of een berekende beslagvrije voet); elke soort op elke boom",
    )
    p.add_argument(
        "--postgres",
        default=os.environ.get("MAATSTAF_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        help="een database op de server; elke meting maakt er een eigen naast",
    )
    args = p.parse_args()
    if not shutil.which("valgrind"):
        print("valgrind ontbreekt: apt-get install valgrind", file=sys.stderr)
        return 2
    gelijk = os.environ.get("GELIJK", "2")
    paren = [(boom, soort) for boom in args.bomen for soort in args.soorten.split(",")]
    with ThreadPoolExecutor(max_workers=len(paren)) as pool:
        uitkomsten = list(pool.map(lambda paar: meet(paar[0], args.postgres, gelijk, paar[1]), paren))
    for (boom, soort), miljoen in zip(paren, uitkomsten, strict=True):
        print(f"{boom} {soort}: {miljoen:.2f} M instructies per verzoek (GELIJK={gelijk})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
