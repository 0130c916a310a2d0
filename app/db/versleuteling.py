"""Crypto-shredding: vrije tekst in een auditrecord versleuteld met een gegevenssleutel per gemeente en periode.

- Elke vrije tekst in de opgeslagen ``invoer`` (de velden die ``vrije_paden`` aanwijst) en elke tekst in het
  ``resultaat`` die zo'n tekst bevat, wordt vervangen door ``versleuteld:v1:<sleutel-id>:<base64>`` (AES-256-GCM,
  nonce van 12 bytes, de sleutel-id als associated data). De hash van het record gaat over deze versleutelde tekst.
- De gegevenssleutel van een gemeente en een periode (kalenderjaar van vastleggen) staat ingepakt met de
  hoofdsleutel (``MAATSTAF_SLEUTEL``) in de tabel ``gegevenssleutel``. Is die sleutel vernietigd (na de
  bewaartermijn), dan is de tekst niet meer te lezen: de hash en de keten veranderen niet.
- Bedragen, datums, codes en de stappen zonder vrije tekst blijven leesbaar; zo blijft het record controleerbaar.

Pure functies: geen database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VOORVOEGSEL = "versleuteld:v1:"

#: Alleen in de expliciete ontwikkelmodus (MAATSTAF_ONTWIKKELING=1) en alleen zonder MAATSTAF_SLEUTEL.
ONTWIKKELSLEUTEL = b"maatstaf-ontwikkelsleutel-NIET!!"  # 32 bytes
_NONCE = 12

#: Een tekst in het resultaat die geen vrije tekst kan zijn: een code, getal, bedrag, datum, uuid of hash.
_STRUCTUREEL = re.compile(
    r"[A-Z0-9_]+|-?[0-9]+(?:\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9:.+\-]+)?|[0-9a-f\-]{36}|sha256:[0-9a-f]+"
)
#: Korter dan dit wordt een vrije tekst in het resultaat alleen als hele waarde herkend, niet als deel van een zin.
MIN_DEEL = 3


class Ontsleutelfout(Exception):
    """De tekst is niet te ontsleutelen met deze sleutel (gewijzigd, of een andere sleutel)."""


def nieuwe_sleutel() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def lees_hoofdsleutel(waarde: str) -> bytes:
    """``MAATSTAF_SLEUTEL``: base64 van precies 32 bytes."""
    try:
        sleutel = base64.b64decode(waarde.strip(), validate=True)
    except (ValueError, TypeError):
        raise ValueError("MAATSTAF_SLEUTEL is geen geldige base64.") from None
    if len(sleutel) != 32:
        raise ValueError("MAATSTAF_SLEUTEL moet base64 zijn van precies 32 bytes (256 bits).")
    return sleutel


def _versleutel(sleutel: bytes, data: bytes, aad: bytes) -> str:
    nonce = os.urandom(_NONCE)
    return base64.urlsafe_b64encode(nonce + AESGCM(sleutel).encrypt(nonce, data, aad)).decode("ascii")


def _ontsleutel(sleutel: bytes, tekst: str, aad: bytes) -> bytes:
    try:
        ruw = base64.urlsafe_b64decode(tekst.encode("ascii"))
        return AESGCM(sleutel).decrypt(ruw[:_NONCE], ruw[_NONCE:], aad)
    except (InvalidTag, ValueError, UnicodeEncodeError):
        raise Ontsleutelfout() from None


def inpakken(hoofdsleutel: bytes, sleutel: bytes, sleutel_id: str) -> str:
    """De gegevenssleutel versleuteld met de hoofdsleutel (zo staat hij in de database)."""
    return _versleutel(hoofdsleutel, sleutel, f"maatstaf-gegevenssleutel:{sleutel_id}".encode())


def uitpakken(hoofdsleutel: bytes, ingepakt: str, sleutel_id: str) -> bytes:
    return _ontsleutel(hoofdsleutel, ingepakt, f"maatstaf-gegevenssleutel:{sleutel_id}".encode())


def sleutel_id(gemeente: str, periode: int) -> str:
    return f"{gemeente}-{periode}"


def versleutel_tekst(sleutel: bytes, sid: str, tekst: str) -> str:
    return f"{VOORVOEGSEL}{sid}:{_versleutel(sleutel, tekst.encode('utf-8'), sid.encode())}"


def is_versleuteld(waarde: object) -> bool:
    return isinstance(waarde, str) and waarde.startswith(VOORVOEGSEL)


def sleutel_id_van(waarde: str) -> str:
    return waarde[len(VOORVOEGSEL) :].split(":", 1)[0]


def ontsleutel_tekst(sleutel: bytes, waarde: str) -> str:
    sid, _, inhoud = waarde[len(VOORVOEGSEL) :].partition(":")
    return _ontsleutel(sleutel, inhoud, sid.encode()).decode("utf-8")


#: De tekst van ``gewist_tekst`` (voor wie moet herkennen dat een tekst is gewist, bijv. een herberekening).
_GEWIST = re.compile(r"\[gewist op [^\]]*: bewaartermijn verstreken\]")


def is_gewist(waarde: object) -> bool:
    """Is dit de tekst die een lezer ziet van gewiste vrije tekst?"""
    return isinstance(waarde, str) and _GEWIST.fullmatch(waarde) is not None


def gewist_tekst(op: datetime | None) -> str:
    """Wat een lezer ziet van een tekst waarvan de sleutel is vernietigd."""
    from zoneinfo import ZoneInfo

    datum = op.astimezone(ZoneInfo("Europe/Amsterdam")).date().isoformat() if op else "onbekende datum"
    return f"[gewist op {datum}: bewaartermijn verstreken]"


# ---------------------------------------------------------------- JSON met exacte getallen


def lees_json(tekst: str) -> Any:
    return json.loads(tekst, parse_float=Decimal)


def schrijf_json(waarde: Any) -> str:
    """JSON met getallen precies zoals ingelezen (Decimal als tekst van het getal, geen float)."""
    if isinstance(waarde, dict):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{schrijf_json(v)}" for k, v in waarde.items()) + "}"
    if isinstance(waarde, list):
        return "[" + ",".join(schrijf_json(v) for v in waarde) + "]"
    if isinstance(waarde, Decimal):
        return str(waarde)
    return json.dumps(waarde, ensure_ascii=False)


# ---------------------------------------------------------------- vrije tekst opzoeken en vervangen

Pad = tuple  # velden, en ELK ("*") voor elk element van een lijst of elke sleutel van een object


def _loop(waarde: Any, pad: tuple, doe: Callable[[tuple, Any], Any]) -> Any:
    """Zelfde structuur; ``doe(pad, tekst)`` geeft de nieuwe waarde van elke tekst (pad met echte indexen)."""
    if isinstance(waarde, dict):
        return {k: _loop(v, (*pad, k), doe) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_loop(v, (*pad, i), doe) for i, v in enumerate(waarde)]
    if isinstance(waarde, str):
        return doe(pad, waarde)
    return waarde


#: In een pad: elk element van een lijst, of de waarde bij elke sleutel van een object (``dict[str, Tekst]``).
ELK = "*"
_EIND = object()


def _boom(paden: Iterable[Pad]) -> dict:
    """De paden als boom (trie): per stap de volgende stappen; ``_EIND`` markeert een volledig pad."""
    boom: dict = {}
    for pad in paden:
        knoop = boom
        for deel in pad:
            knoop = knoop.setdefault(deel, {})
        knoop[_EIND] = True
    return boom


def vervang_vrij(waarde: Any, paden: Iterable[Pad], doe: Callable[[str], str]) -> Any:
    """``waarde`` met elke tekst op een van de ``paden`` vervangen door ``doe(tekst)`` (witruimte alleen: ongemoeid).
    ``ELK`` in een pad past op elk element van een lijst en op elke sleutel van een object. Alleen de takken van de
    boom die een pad kunnen zijn, worden doorlopen."""
    boom = _boom_van(frozenset(paden))
    return _vervang_vrij(waarde, (boom,), doe) if boom else waarde


@lru_cache(maxsize=256)
def _boom_van(paden: frozenset) -> dict:
    """``_boom`` per verzameling paden één keer (de paden van een verzoekmodel zijn een frozenset die blijft)."""
    return _boom(paden)


def _vervang_vrij(waarde: Any, knopen: tuple, doe: Callable[[str], str]) -> Any:
    if isinstance(waarde, str):
        return doe(waarde) if waarde.strip() and any(_EIND in k for k in knopen) else waarde
    if isinstance(waarde, dict):
        uit = {}
        for sleutel, sub in waarde.items():
            volgende = tuple(k[s] for k in knopen for s in (sleutel, ELK) if s in k)
            uit[sleutel] = _vervang_vrij(sub, volgende, doe) if volgende else sub
        return uit
    if isinstance(waarde, list):
        volgende = tuple(k[ELK] for k in knopen if ELK in k)
        return [_vervang_vrij(sub, volgende, doe) for sub in waarde] if volgende else waarde
    return waarde


def versleutel_record(
    invoer: str,
    resultaat: dict | str,
    vrije_paden: Iterable[Pad],
    extra: Iterable[str],
    versleutel: Callable[[str], str],
) -> tuple[str, dict | str, bool]:
    """(invoer, resultaat, iets_versleuteld): vrije tekst vervangen door versleutelde tekst. ``resultaat`` mag de
    canonieke JSON-tekst zijn (``canonical_json``); dan is het teruggegeven resultaat ook canonieke tekst.

    ``vrije_paden``: waar in de invoer vrije tekst staat. ``extra``: nog meer vrije tekst die in het resultaat kan
    staan (bijv. van het record waarover een herberekening gaat). Elke tekst in het resultaat die een vrije tekst is
    of bevat, wordt in zijn geheel versleuteld (behalve codes, bedragen, datums, uuid's en hashes).
    """
    paden = set(vrije_paden)
    waarden: set[str] = {w for w in extra if w}
    nieuwe_invoer = invoer
    if paden:
        try:
            data = lees_json(invoer)
        except ValueError:
            data = None
        if data is not None:
            gevonden = False

            def vervang(tekst: str) -> str:
                nonlocal gevonden
                gevonden = True
                waarden.add(tekst)
                waarden.add(tekst.strip())
                return versleutel(tekst)

            nieuw = vervang_vrij(data, paden, vervang)
            if gevonden:
                nieuwe_invoer = schrijf_json(nieuw)
    if not waarden:  # geen vrije tekst: het resultaat hoeft niet eens te worden ingelezen
        return nieuwe_invoer, resultaat, nieuwe_invoer is not invoer
    lang = sorted((w for w in waarden if len(w) >= MIN_DEEL), key=len, reverse=True)
    # Eén reguliere expressie voor alle vrije teksten: per tekst in het (grote) resultaat één zoekactie in C.
    bevat = re.compile("|".join(map(re.escape, lang))).search if lang else None

    def vervang_uit(tekst: str) -> str:
        if tekst in waarden:
            return versleutel(tekst)
        if bevat is not None and bevat(tekst) and not _STRUCTUREEL.fullmatch(tekst):
            return versleutel(tekst)
        return tekst

    if isinstance(resultaat, str):
        return nieuwe_invoer, _vervang_in_canonieke_tekst(resultaat, waarden, vervang_uit), True
    return nieuwe_invoer, _vervang_tekst(resultaat, vervang_uit), True


#: Een tekst (sleutel of waarde) in JSON: van aanhalingsteken tot aanhalingsteken, met escapes.
_JSON_TEKST = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def _vervang_in_canonieke_tekst(tekst: str, waarden: set[str], doe: Callable[[str], str]) -> str:
    """Hetzelfde als ``canonical_json(_vervang_tekst(orjson.loads(tekst), doe))`` voor canonieke JSON (orjson,
    gesorteerde sleutels), zonder het hele resultaat in te lezen en weer te schrijven: alleen een tekst waarin een
    vrije tekst (in JSON-vorm) voorkomt, wordt gelezen en zo nodig vervangen. Sleutels (gevolgd door ``:``)
    blijven, net als bij ``_vervang_tekst``. ``tests/test_versleuteling.py`` vergelijkt beide."""
    deel = sorted({orjson.dumps(w).decode()[1:-1] for w in waarden if w}, key=len, reverse=True)
    if not deel:
        return tekst
    # In ``vlak`` is elk geëscapet backslashpaar weg (zelfde lengte): daar is \" altijd een aanhalingsteken ín een
    # tekst. NUL staat in JSON nooit onge-escapet, dus kan hier niets verwarren.
    vlak = tekst.replace("\\\\", "\x00\x00")
    delen: list[str] = []
    vorige = klaar_tot = 0
    for treffer in re.finditer("|".join(map(re.escape, deel)), tekst):
        p = treffer.start()
        if p < klaar_tot:
            continue  # deze tekst is al bekeken
        if (vlak.count('"', 0, p) - vlak.count('\\"', 0, p)) % 2 == 0:
            continue  # buiten een tekst (getal, true, ...)
        begin = vlak.rfind('"', 0, p)
        while vlak[begin - 1] == "\\":
            begin = vlak.rfind('"', 0, begin)
        token = _JSON_TEKST.match(tekst, begin)
        eind = klaar_tot = token.end()
        if eind < len(tekst) and tekst[eind] == ":":
            continue  # een sleutel
        waarde = orjson.loads(token.group())
        nieuw = doe(waarde)
        if nieuw != waarde:
            delen += (tekst[vorige:begin], orjson.dumps(nieuw).decode())
            vorige = eind
    if not delen:
        return tekst
    delen.append(tekst[vorige:])
    return "".join(delen)


def _vervang_tekst(waarde: Any, doe: Callable[[str], str]) -> Any:
    """Als ``_loop``, zonder paden bij te houden (het resultaat is groot; het pad doet hier niet ter zake)."""
    if isinstance(waarde, str):
        return doe(waarde)
    if isinstance(waarde, dict):
        return {k: _vervang_tekst(v, doe) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_vervang_tekst(v, doe) for v in waarde]
    return waarde


def ontsleutel_waarde(waarde: Any, ontsleutel: Callable[[str], tuple[str, bool]], prefix: str) -> tuple[Any, list[str]]:
    """(waarde, gewiste paden): elke versleutelde tekst ontsleuteld. ``ontsleutel`` geeft (tekst, gewist); bij een
    vernietigde sleutel is de tekst de gewist-tekst. De paden zijn met punten en beginnen met ``prefix``."""
    gewist: list[str] = []

    def doe(pad: tuple, tekst: str) -> str:
        if not is_versleuteld(tekst):
            return tekst
        uit, weg = ontsleutel(tekst)
        if weg:
            gewist.append(".".join([prefix, *map(str, pad)]))
        return uit

    return _loop(waarde, (), doe), gewist


def vrije_waarden(invoer: str, vrije_paden: Iterable[Pad]) -> tuple[str, ...]:
    """De vrije teksten in een (leesbare) invoer: om ze ook elders, bijv. in een herberekening, te versleutelen."""
    paden = set(vrije_paden)
    if not paden:
        return ()
    try:
        data = lees_json(invoer)
    except ValueError:
        return ()
    return vrije_waarden_van(data, paden)


def vrije_waarden_van(data: Any, vrije_paden: Iterable[Pad]) -> tuple[str, ...]:
    """De vrije teksten op ``vrije_paden`` in een ingelezen JSON-waarde (zonder witruimte eromheen, elk één keer)."""
    gevonden: list[str] = []

    def doe(tekst: str) -> str:
        gevonden.append(tekst.strip())
        return tekst

    vervang_vrij(data, vrije_paden, doe)
    return tuple(dict.fromkeys(gevonden))


def pseudoniem(hoofdsleutel: bytes, gemeente: str, sub: str) -> str:
    """Een pseudoniem voor een medewerker (issue #10 §3): HMAC-SHA256 met een sleutel per gemeente, afgeleid van de
    hoofdsleutel. Stabiel binnen een gemeente, tussen gemeenten niet te koppelen, zonder de hoofdsleutel niet terug
    te rekenen naar de sub. 16 hextekens (64 bits): genoeg om medewerkers van één gemeente te onderscheiden."""
    sleutel = hmac.new(hoofdsleutel, f"maatstaf-pseudoniem:{gemeente}".encode(), hashlib.sha256).digest()
    return hmac.new(sleutel, sub.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
