"""Persoonsgegevens (AVG): geen BSN in vrije tekst.

Een BSN is een burgerservicenummer: negen cijfers die de elfproef halen (9·d1 + 8·d2 + … + 2·d8 − 1·d9 is deelbaar
door 11). Vrije tekst (een kenmerk, bewijs, een motivering, een toelichting, een reden, de claim ``sub``) wordt in
de audittrail bewaard; een BSN hoort daar niet in. De gemeente gebruikt haar eigen dossier- of zaaknummer.

Wat telt als BSN in een tekst, ergens in de tekst:

- negen cijfers aaneen (``123456782``, ook midden in een woord: ``BSN123456782``), of
- negen cijfers in drie of vier groepen van twee tot vier cijfers, gescheiden door één spatie, punt of
  koppelteken (``123.456.782``, ``1234 56 782``, ``123-45-6782``),

en die de elfproef halen (niet negen nullen). Wat niet telt: langere cijferreeksen (IBAN, telefoon), negen cijfers
die de elfproef niet halen, bedragen (met € of EUR ervoor, of met centen na een komma), datums (acht cijfers), en een kenmerk als ``TV-2025-0142`` of
``Z-2025-12345`` (groep van vijf cijfers). Zo blijft de kans op een vals alarm klein; negen willekeurige cijfers
halen de elfproef in ongeveer één op de elf gevallen, en zo'n getal geldt dan als BSN.
"""

from __future__ import annotations

import re
import unicodedata

#: Groepen cijfers, verbonden door telkens één scheidingsteken (spatie, punt, koppelteken).
_REEKS = re.compile(r"[0-9]+(?:[ .\-][0-9]+)*")
_GROEP = re.compile(r"[0-9]+")
#: Een bedrag: met een euroteken of "EUR" ervoor, of met decimalen na een komma erachter.
_VOOR_BEDRAG = re.compile(r"(?:€|EUR|eur)\s?$")
_NA_BEDRAG = re.compile(r"^,[0-9]{1,2}(?![0-9])")

MELDING = (
    "Vrije tekst mag geen BSN bevatten: hier staat een nummer van negen cijfers dat de elfproef haalt. De tekst "
    "wordt bewaard in de audittrail; gebruik het eigen dossier- of zaaknummer van de gemeente, niet het BSN."
)


def elfproef(cijfers: str) -> bool:
    """Haalt dit nummer van negen cijfers de elfproef voor een BSN? (Negen nullen niet.)"""
    if len(cijfers) != 9 or not cijfers.isascii() or not cijfers.isdigit() or cijfers == "0" * 9:
        return False
    som = sum((9 - i) * int(c) for i, c in enumerate(cijfers[:8])) - int(cijfers[8])
    return som % 11 == 0


def _kandidaten(groepen: list[str]):
    """Aaneengesloten reeksen groepen met samen negen cijfers die op een BSN kunnen lijken."""
    for begin in range(len(groepen)):
        totaal = 0
        for eind in range(begin, len(groepen)):
            totaal += len(groepen[eind])
            if totaal > 9:
                break
            if totaal == 9:
                deel = groepen[begin : eind + 1]
                if len(deel) == 1 or (len(deel) >= 3 and all(2 <= len(g) <= 4 for g in deel)):
                    yield "".join(deel)
                break


def bevat_bsn(tekst: str) -> bool:
    """Staat er ergens in de tekst een BSN (met of zonder scheidingstekens)?"""
    # NFKC: ook cijfers in een andere vorm (volle breedte) en een harde spatie tellen mee.
    tekst = unicodedata.normalize("NFKC", tekst)
    for reeks in _REEKS.finditer(tekst):
        if _VOOR_BEDRAG.search(tekst[max(0, reeks.start() - 4) : reeks.start()]) or _NA_BEDRAG.match(
            tekst[reeks.end() : reeks.end() + 4]
        ):
            continue  # een bedrag, geen nummer
        groepen = _GROEP.findall(reeks.group())
        if any(elfproef(k) for k in _kandidaten(groepen)):
            return True
    return False
