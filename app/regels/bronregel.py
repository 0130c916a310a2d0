"""De bronregel: elke waarde in de regeldata berust op de wet zelf, of zegt eerlijk dat dat niet zo is.

Wat elke status vraagt (``maatstaf regels controleer`` handhaaft het; ``make test`` draait het op de ingebouwde
regels, zodat CI faalt als een waarde zonder bron wordt toegevoegd):

- ``geverifieerd``: ``bron`` noemt ten minste één primaire tekst: de geconsolideerde tekst op wetten.overheid.nl
  *per datum* (``https://wetten.overheid.nl/BWBR.../JJJJ-MM-DD``), een publicatie in het Staatsblad of de
  Staatscourant (``Stb. 2017, 433``, ``Stcrt. 2021, 1234`` of hun adres op officielebekendmakingen.nl), een
  Kamerstuk, of een uitspraak (``ECLI:NL:...``).
- ``bevestigd``: geen primaire tekst gevonden (``verificatie`` zegt wat is gezocht), wel ten minste twee
  onafhankelijke, genoemde berichten (``rapporten``: uitgever, titel, url) van verschillende uitgevers.
- ``onzeker``: één zwakke bron of geen; ``verificatie`` zegt wat is gezocht. Elk resultaat dat zo'n waarde
  gebruikt, krijgt een signaal.

Nooit een bron: een wiki, een forum, een hobby- of spelrepository, of het geheugen (``VERBODEN``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from app.domain.regels import BEVESTIGD, GEVERIFIEERD, ONZEKER, Parameter, ParameterVersie, Regeldata

#: Uitgevers van primaire teksten: waar een ``geverifieerd``e waarde naar mag verwijzen.
PRIMAIRE_UITGEVERS = {
    "wetten.overheid.nl": "geconsolideerde wettekst per datum (Basiswettenbestand)",
    "zoek.officielebekendmakingen.nl": "Staatsblad, Staatscourant en Kamerstukken",
    "www.officielebekendmakingen.nl": "Staatsblad, Staatscourant en Kamerstukken",
    "officielebekendmakingen.nl": "Staatsblad, Staatscourant en Kamerstukken",
    "repository.overheid.nl": "bestanden van officiële bekendmakingen",
    "uitspraken.rechtspraak.nl": "uitspraken (ECLI)",
    "www.rechtspraak.nl": "uitspraken (ECLI)",
    "lokaleregelgeving.overheid.nl": "gemeentelijke regelgeving (CVDR)",
    # geen wet, maar de uitgever van de afspraken zelf: het afsprakenstelsel van het Schuldenknooppunt
    "schuldenknooppunt.nl": "afsprakenstelsel van het Schuldenknooppunt (berichtenverkeer in de schuldhulpverlening)",
}
#: Kenmerken van een primaire tekst in een bron zonder adres.
PRIMAIRE_KENMERKEN = (
    (re.compile(r"\bStb\.\s?\d{4},\s?\d+"), "Staatsblad"),
    (re.compile(r"\bStcrt\.\s?\d{4},\s?\d+"), "Staatscourant"),
    (re.compile(r"\bECLI:NL:[A-Z]{2,8}:\d{4}:[A-Z0-9]+"), "uitspraak"),
    (re.compile(r"\bkst-\d+-[0-9A-Za-z-]+"), "Kamerstuk"),
    (re.compile(r"\bKamerstukken (?:I|II) \d{4}/\d{2}, \d+"), "Kamerstuk"),
)
#: Een adres op wetten.overheid.nl telt alleen met een datum: de tekst zoals die toen gold.
_WETTEN_PER_DATUM = re.compile(r"wetten\.overheid\.nl/(?:jci1\.3:c:)?BWBR\d{7}/\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"https?://[^\s;,)'\"]+")
#: Nooit een bron (issue #17): wiki's, fora, repositories van derden, en het geheugen.
VERBODEN = (
    re.compile(r"github\.com|githubusercontent\.com|gitlab\.com", re.I),
    re.compile(r"wikipedia\.org|wiki\b", re.I),
    re.compile(r"reddit\.com|forum|viva\.nl|startpagina", re.I),
    re.compile(r"uit het geheugen|from memory", re.I),
)


@dataclass(frozen=True)
class Bezwaar:
    parameter: str
    geldig_vanaf: date
    reden: str

    def __str__(self) -> str:
        return f"{self.parameter} (vanaf {self.geldig_vanaf.isoformat()}): {self.reden}"


def host(url: str) -> str:
    return (urlparse(url).hostname or "").lower()


def primaire_verwijzingen(tekst: str) -> list[str]:
    """De primaire teksten die ``tekst`` noemt (adressen van primaire uitgevers en kenmerken zoals Stb. of ECLI)."""
    gevonden = []
    for url in _URL.findall(tekst):
        h = host(url)
        if h == "wetten.overheid.nl":
            if _WETTEN_PER_DATUM.search(url):
                gevonden.append(url)
        elif h in PRIMAIRE_UITGEVERS:
            gevonden.append(url)
    for patroon, _ in PRIMAIRE_KENMERKEN:
        gevonden += patroon.findall(tekst)
    return gevonden


def _verboden(tekst: str) -> str | None:
    for patroon in VERBODEN:
        treffer = patroon.search(tekst)
        if treffer:
            return treffer.group(0)
    return None


def toets_versie(parameter: Parameter, versie: ParameterVersie) -> list[str]:
    """Wat er aan de bron van één versie ontbreekt; leeg als zij aan de bronregel voldoet."""
    redenen = []
    bron = versie.bron or ""
    verboden = _verboden(bron)
    if verboden:
        redenen.append(
            f"de bron noemt '{verboden}': een wiki, forum, repository van derden of het geheugen is geen bron"
        )
    if versie.status == GEVERIFIEERD:
        if not bron.strip():
            redenen.append("status geverifieerd zonder bron")
        elif not primaire_verwijzingen(bron):
            redenen.append(
                "status geverifieerd, maar de bron noemt geen primaire tekst (wetten.overheid.nl met datum, Stb., "
                "Stcrt., Kamerstuk of ECLI)"
            )
    elif versie.status == BEVESTIGD:
        uitgevers = {host(r.url) for r in versie.rapporten}
        if len(versie.rapporten) < 2 or len(uitgevers) < 2:
            redenen.append("status bevestigd vraagt ten minste twee berichten van verschillende uitgevers (rapporten)")
        for r in versie.rapporten:
            verboden = _verboden(f"{r.uitgever} {r.url}")
            if verboden:
                redenen.append(f"rapport van {r.uitgever}: '{verboden}' is geen bron")
            if host(r.url) in PRIMAIRE_UITGEVERS:
                redenen.append(f"rapport {r.url} is een primaire tekst: dan is de status geverifieerd, met die bron")
        if not versie.verificatie.strip():
            redenen.append("status bevestigd zonder verificatie: zeg welke primaire tekst is gezocht")
    elif versie.status == ONZEKER and not versie.verificatie.strip():
        redenen.append("status onzeker zonder verificatie: zeg wat is gezocht en waarom de waarde onzeker is")
    return redenen


def controleer(data: Regeldata) -> list[Bezwaar]:
    """Alle versies die niet aan de bronregel voldoen."""
    return [
        Bezwaar(pid, versie.geldig_vanaf, reden)
        for pid in sorted(data.parameters)
        for versie in data.parameters[pid].versies
        for reden in toets_versie(data.parameters[pid], versie)
    ]


def onzeker_in_werking(data: Regeldata, van: date, tot: date) -> list[tuple[str, ParameterVersie]]:
    """De versies met status onzeker die op een dag tussen ``van`` en ``tot`` (beide inbegrepen) gelden."""
    uit = []
    for pid in sorted(data.parameters):
        for versie in data.parameters[pid].versies:
            if versie.status != ONZEKER:
                continue
            einde = versie.geldig_tot or date.max
            volgende = [v.geldig_vanaf for v in data.parameters[pid].versies if v.geldig_vanaf > versie.geldig_vanaf]
            if volgende:
                einde = min(einde, min(volgende).fromordinal(min(volgende).toordinal() - 1))
            if versie.geldig_vanaf <= tot and einde >= van:
                uit.append((pid, versie))
    return uit
