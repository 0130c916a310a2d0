"""``maatstaf audit``: ondertekende checkpoints van de audittrail maken en controleren (issue #20, 7).

- ``maatstaf audit sleutel``: de publieke sleutel (en haar id) van MAATSTAF_CHECKPOINT_SLEUTEL, om aan de auditor te
  geven. Wie checkpoints controleert, hoort die sleutel zelf te bewaren, niet steeds opnieuw van de dienst te halen.
- ``maatstaf audit checkpoint``: onderteken nu een checkpoint van elke keten (of ``--gemeente``) en bewaar het in de
  database; één JSON-regel per keten op stdout. Bedoeld voor cron: ``maatstaf audit checkpoint >> /elders/...``.
- ``maatstaf audit controleer BESTAND``: controleer de handtekening van elk checkpoint in BESTAND (JSON-regels van
  ``audit checkpoint``, of antwoorden van ``GET /api/v1/audit/checkpoints``) en daarna elke keten in de database
  ertegen: ingekort (korter dan een checkpoint) of herschreven (een andere hash op de plaats van een checkpoint).

Exitcode: 0 in orde; 1 een afwijking (of een handtekening die niet klopt); 2 een fout in de opdracht of configuratie.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from app.config import Configuratiefout, Instellingen
from app.db import checkpoint as cp


def audit(args, parser) -> int:
    instellingen = Instellingen.uit_omgeving()
    if args.auditopdracht == "controleer":
        return _controleer(args, instellingen)
    try:
        sleutel = instellingen.checkpointsleutel()
    except Configuratiefout as fout:
        print(str(fout), file=sys.stderr)
        return 2
    if instellingen.ontwikkelmodus and not instellingen.checkpoint_sleutel:
        print("ONTWIKKELMODUS: de vaste ontwikkelsleutel; deze checkpoints bewijzen niets.", file=sys.stderr)
    if args.auditopdracht == "sleutel":
        print(
            json.dumps(
                {
                    "algoritme": cp.ALGORITME,
                    "sleutelId": cp.sleutel_id(sleutel),
                    "publiekeSleutel": cp.publiek_tekst(sleutel),
                }
            )
        )
        return 0
    return _maak(args, instellingen, sleutel)


def _store(database: str | None, instellingen: Instellingen):
    from app.db import AuditStore

    return AuditStore(database or os.environ.get("DATABASE_URL") or instellingen.database_url)


def _maak(args, instellingen: Instellingen, sleutel) -> int:
    from app.db import OpslagNietBeschikbaar
    from app.db.store import Ketenfout

    store = _store(args.database, instellingen)
    fouten = 0
    try:
        ketens = args.gemeente or store.ketens()
        for keten in ketens:
            try:
                nieuw = store.maak_checkpoint(keten, sleutel)
            except Ketenfout as fout:
                print(f"Keten {keten}: GEEN checkpoint: {fout}", file=sys.stderr)
                fouten += 1
                continue
            if nieuw is not None:
                print(json.dumps(nieuw.als_dict(), ensure_ascii=False))
    except OpslagNietBeschikbaar as fout:
        print(f"Database niet te bereiken: {fout}", file=sys.stderr)
        return 2
    finally:
        store.dispose()
    return 1 if fouten else 0


def lees_checkpoints(tekst: str) -> list[cp.Checkpoint]:
    """Checkpoints uit JSON-regels, een JSON-lijst of één JSON-object; een antwoord van GET /audit/checkpoints telt
    met zijn ``checkpoint``."""
    try:
        geheel = json.loads(tekst)
        stukken = geheel if isinstance(geheel, list) else [geheel]
    except ValueError:
        stukken = []
        for nr, regel in enumerate(tekst.splitlines(), 1):
            if regel.strip():
                try:
                    stukken.append(json.loads(regel))
                except ValueError:
                    raise cp.Checkpointfout(f"Regel {nr} is geen JSON.") from None
    uit = []
    for stuk in stukken:
        if isinstance(stuk, dict) and "checkpoint" in stuk:
            stuk = stuk["checkpoint"]
        if stuk is not None:
            uit.append(cp.Checkpoint.uit_dict(stuk))
    return uit


def _controleer(args, instellingen: Instellingen) -> int:
    from app.db import OpslagNietBeschikbaar

    try:
        if args.publieke_sleutel:
            sleutels = [cp.lees_publieke_sleutel(s) for s in args.publieke_sleutel]
        else:
            sleutels = [instellingen.checkpointsleutel().public_key()]
        checkpoints = lees_checkpoints(Path(args.bestand).read_text(encoding="utf-8"))
    except (OSError, ValueError, Configuratiefout) as fout:
        print(str(fout), file=sys.stderr)
        return 2
    bekend = {cp.sleutel_id(s): s for s in sleutels}
    punten: dict[str, dict[int, tuple[str, str]]] = {}
    afwijkingen = 0
    for c in checkpoints:
        if c.sleutel_id not in bekend:
            print(
                f"Keten {c.keten}: checkpoint van {c.tijdstip.isoformat()} is ondertekend met een onbekende "
                f"sleutel ({c.sleutel_id}); geef die met --publieke-sleutel.",
                file=sys.stderr,
            )
            afwijkingen += 1
            continue
        try:
            cp.controleer(c, bekend[c.sleutel_id])
        except cp.Checkpointfout as fout:
            print(f"Keten {c.keten}: checkpoint van {c.tijdstip.isoformat()}: {fout}", file=sys.stderr)
            afwijkingen += 1
            continue
        punten.setdefault(c.keten, {})[c.aantal] = (c.kop, f"het checkpoint van {c.tijdstip.isoformat()}")
    store = _store(args.database, instellingen)
    try:
        for keten, per_plaats in sorted(punten.items()):
            uitkomst = store.controleer_keten(None if keten == "globaal" else keten, per_plaats)
            if uitkomst.intact:
                print(
                    f"Keten {keten}: intact ({uitkomst.aantal} records; {len(per_plaats)} checkpoint(s), het langste "
                    f"tot {max(per_plaats)})"
                )
            else:
                afwijkingen += 1
                waar = (
                    f" (record {uitkomst.eerste_afwijking}, plaats {uitkomst.aantal})"
                    if uitkomst.eerste_afwijking
                    else ""
                )
                print(f"Keten {keten}: NIET INTACT{waar}: {uitkomst.reden}")
    except OpslagNietBeschikbaar as fout:
        print(f"Database niet te bereiken: {fout}", file=sys.stderr)
        return 2
    finally:
        store.dispose()
    if not punten and not afwijkingen:
        print("Geen checkpoints in het bestand.", file=sys.stderr)
        return 2
    return 1 if afwijkingen else 0
