"""Een regelmap (MAATSTAF_REGELS_DIR) controleren: bij het starten en met ``maatstaf regels controleer <map>``.

De regels zelf (schema, bron bij elke waarde, geen overlappende perioden) controleert ``app.regels`` bij het
inlezen. Hier komt de controle tegen de auditopslag bij: een regelmap mag geen waarde wijzigen in een periode die een
bewaard record al gebruikte; dan zou hetzelfde geval nu anders uitkomen dan toen, zonder dat iemand dat ziet.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

from app.db import AuditStore
from app.domain.regels import ONZEKER, Regeldata
from app.regels import bronregel, conflicten, peildata, standaard, uit_inhoud, wijzigingen


def controleer_tegen_opgeslagen(data: Regeldata, store: AuditStore) -> list[str]:
    """De conflicten tussen ``data`` en de bewaarde records; leeg als er geen zijn."""
    eigen = {pid for pid, _, _ in wijzigingen(standaard(), data)}  # wat de regelmap aan de ingebouwde data wijzigt
    if not eigen:
        return []
    gewijzigd = {}  # per bewaarde regelversie: de wijzigingen van de regelmap daarin
    for versie, inhoud in store.regelversies_in_gebruik().items():
        if versie != data.versie:
            raak = [w for w in wijzigingen(uit_inhoud(inhoud), data) if w[0] in eigen]
            if raak:
                gewijzigd[versie] = raak
    if not gewijzigd:
        return []
    records = []
    for berekening_id, regelversie, invoer, tijdstip in store.records_van_regelversies(list(gewijzigd)):
        try:
            ruw = json.loads(invoer)
        except ValueError:
            continue
        if isinstance(ruw, dict):
            records.append((berekening_id, regelversie, peildata(ruw, tijdstip.date())))
    return conflicten(gewijzigd, records)


def samenvatting(data: Regeldata) -> list[str]:
    """Wat de regelmap toevoegt of vervangt, per parameter: voor de beheerder die hem gaat uitrollen."""
    uit = []
    for pid in sorted(data.parameters):
        for v in data.parameters[pid].versies:
            if v.herkomst != "ingebouwd":
                tot = f" t/m {v.geldig_tot.isoformat()}" if v.geldig_tot else ""
                uit.append(
                    f"{pid}: {v.waarde} vanaf {v.geldig_vanaf.isoformat()}{tot} ({v.status}; bron: {v.bron}; {v.herkomst})"
                )
    return uit


def bronoverzicht(data: Regeldata, vandaag: date | None = None) -> list[str]:
    """Hoeveel versies elke status hebben, en welke onzekere waarden vandaag gelden: eerlijk over wat onzeker is."""
    vandaag = vandaag or date.today()
    tellingen = Counter(v.status for p in data.parameters.values() for v in p.versies)
    uit = [", ".join(f"{n} {status}" for status, n in sorted(tellingen.items())) + " (versies)"]
    for pid, versie in bronregel.onzeker_in_werking(data, vandaag, vandaag):
        assert versie.status == ONZEKER
        uit.append(
            f"onzeker en vandaag in werking: {pid} (vanaf {versie.geldig_vanaf.isoformat()}): {versie.verificatie}"
        )
    return uit
