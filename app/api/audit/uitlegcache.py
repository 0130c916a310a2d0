"""De gerenderde uitleg van een vastgelegd record, onthouden en met een ETag (issue #9 §2).

Een auditrecord verandert nooit, maar zijn uitleg wel: een maatwerkbesluit en de beoordeling ervan veranderen wat
de burger en de professional lezen, en na crypto-shredding (app/api/audit/wissen.py) staat er "gewist" waar tekst stond.
Daarom hoort bij elke uitleg een *stand* (``AuditStore.uitlegstand``): de maatwerkbesluiten met hun beoordelingen
en de vernietigde sleutels van de gemeente, in één leesverbinding uit de database, dus gelijk voor elke worker. De
ETag is een hash over de stand, de doelgroep, het formaat, de bezwaartermijn uit de regeldata en de code van de
uitleg zelf; de onthouden pagina hoort bij één ETag.

Per verzoek kost dat één kleine leesvraag in plaats van het record lezen, ontsleutelen, het maatwerk ophalen en
de pagina renderen. Een client met ``If-None-Match`` krijgt 304 zolang de stand gelijk is.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.config import API_VERSION

#: Zoveel pagina's onthoudt één worker (elk een paar kB); daarboven gaat de oudste eruit.
MAX_PAGINAS = 2048
CACHE_CONTROL = "private, immutable"


def _codeversie() -> str:
    """Een hash over de code en sjablonen van app/uitleg: een nieuwe versie van de uitleg geeft nieuwe ETags."""
    h = hashlib.sha256(API_VERSION.encode())
    map_ = Path(__file__).resolve().parent.parent / "uitleg"
    for pad in sorted(p for p in map_.rglob("*") if p.is_file() and p.suffix in (".py", ".html", ".txt")):
        h.update(pad.relative_to(map_).as_posix().encode())
        h.update(pad.read_bytes())
    return h.hexdigest()


CODEVERSIE = _codeversie()


def etag(berekening_id: str, doelgroep: str, formaat: str, bezwaartermijn_weken: int, stand: tuple) -> str:
    sleutel = repr((CODEVERSIE, berekening_id, doelgroep, formaat, bezwaartermijn_weken, stand))
    return '"' + hashlib.sha256(sleutel.encode()).hexdigest()[:32] + '"'


def past(if_none_match: str | None, huidige: str) -> bool:
    """Of ``If-None-Match`` de huidige ETag noemt (zwakke vergelijking, RFC 9110 §13.1.2; ``*`` past altijd)."""
    if not if_none_match:
        return False
    for deel in if_none_match.split(","):
        deel = deel.strip()
        if deel == "*" or deel.removeprefix("W/") == huidige:
            return True
    return False


class Uitlegcache:
    """Per worker: (gemeente, berekeningId, doelgroep, formaat) -> (ETag, pagina). Alleen in de event loop gebruikt."""

    def __init__(self, maximum: int = MAX_PAGINAS) -> None:
        self._paginas: dict[tuple, tuple[str, bytes]] = {}
        self._maximum = maximum

    def get(self, sleutel: tuple, huidige_etag: str) -> bytes | None:
        bewaard = self._paginas.get(sleutel)
        if bewaard is None or bewaard[0] != huidige_etag:
            return None
        return bewaard[1]

    def bekend(self, sleutel: tuple) -> bool:
        """Of dit record voor deze gemeente al eens is uitgelegd (het bestaat dan, en is van haar)."""
        return sleutel in self._paginas

    def zet(self, sleutel: tuple, huidige_etag: str, pagina: bytes) -> None:
        self._paginas.pop(sleutel, None)
        if len(self._paginas) >= self._maximum:
            del self._paginas[next(iter(self._paginas))]
        self._paginas[sleutel] = (huidige_etag, pagina)
