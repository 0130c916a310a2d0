"""In-proces: de kosten van één boete met uitleg en van haar tien alternatieven (zonder uitleg).

Gebruik: ``.venv/bin/python bench/alternatieven.py [--n 2000]``. Meet in dezelfde run tegen een andere commit door
het script vanuit beide werkmappen te draaien (zie BENCHMARKS.md); de getallen zelf hangen van de machine af.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.api.berekeningen import (
    Boeteverzoek,
    vertaling,  # noqa: E402
)
from app.api.berekeningen.verzoeken import VOORBEELD_BOETE
from app.domain.alternatieven import alternatieven  # noqa: E402
from app.domain.boete import bereken_boete  # noqa: E402
from app.regels import standaard  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=2000)
    n = p.parse_args().n
    data = standaard()
    verzoek = Boeteverzoek.model_validate(VOORBEELD_BOETE)
    invoer = vertaling.boete_invoer(verzoek, date(2026, 2, 2))
    uitkomst = bereken_boete(invoer, data)
    for _ in range(200):
        alternatieven(invoer, data, uitkomst)
    begin = time.perf_counter()
    for _ in range(n):
        bereken_boete(invoer, data)
    met_uitleg = (time.perf_counter() - begin) / n
    begin = time.perf_counter()
    for _ in range(n):
        alternatieven(invoer, data, uitkomst)
    alt = (time.perf_counter() - begin) / n
    print(f"boete met uitleg: {met_uitleg * 1e6:.0f} µs; tien alternatieven: {alt * 1e6:.0f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
