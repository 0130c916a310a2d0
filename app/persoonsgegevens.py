"""Persoonsgegevens (AVG): geen BSN in vrije tekst.

Een BSN is een burgerservicenummer: negen cijfers die de elfproef halen (9·d1 + 8·d2 + … + 2·d8 − 1·d9 is deelbaar
door 11). Vrije tekst (een kenmerk, bewijs, een motivering, een toelichting, een reden, de claim ``sub``, een
``X-Request-ID``) wordt in de audittrail of het log bewaard; een BSN hoort daar niet in. De gemeente gebruikt haar
eigen dossier- of zaaknummer.

Eerst wordt de tekst genormaliseerd, zodat een andere schrijfwijze van dezelfde cijfers niet langs de controle komt:
NFKC (cijfers van volle breedte, een harde spatie), onzichtbare tekens weg (Unicode-categorie Cf, zoals een
spatie of verbinding van nul breedte, een zacht afbreekstreepje; en losse combinatietekens), en elk decimaal cijfer
uit een ander schrift (Arabisch-Indisch ``٨``, Devanagari, …) als ASCII-cijfer.

Wat daarna telt als BSN, ergens in de tekst:

- negen cijfers aaneen (``123456782``, ook midden in een woord: ``BSN123456782``), of
- negen cijfers in drie of vier groepen van twee tot vier cijfers (``123.456.782``, ``1234 56 782``,
  ``123-45-6782``), of negen losse cijfers (``1 2 3 4 5 6 7 8 2``), telkens gescheiden door één tot drie tekens
  die geen letter, cijfer of valutateken zijn: spatie, tab, nieuwe regel, punt, komma, koppelteken, ``/``, ``_``, …

en die de elfproef halen (niet negen nullen). Wat niet telt: langere cijferreeksen (IBAN, telefoon), negen cijfers
die de elfproef niet halen, bedragen (met € of EUR ervoor, of met twee cijfers centen na een komma:
``111.222.333,00``), datums
(``2025-03-01``, ``01-03-2025``, ``1/3/2025``) en een kenmerk als ``TV-2025-0142`` of ``Z-2025-12345`` (groep van
vijf cijfers). Zo blijft de kans op een vals alarm klein; negen willekeurige cijfers halen de elfproef in ongeveer één
op de elf gevallen, en zo'n getal geldt dan als BSN. Wie een BSN echt wil verstoppen (in woorden, met letters ertussen)
houdt deze controle niet tegen: zij vangt vergissingen en kopieerwerk, geen opzet.
"""

from __future__ import annotations

import re
import unicodedata

MELDING = (
    "Vrije tekst mag geen BSN bevatten: hier staat een nummer van negen cijfers dat de elfproef haalt. De tekst "
    "wordt bewaard in de audittrail; gebruik het eigen dossier- of zaaknummer van de gemeente, niet het BSN."
)

#: Tekens die voor de controle niet bestaan: opmaak (Cf: nul-breedte-tekens, zacht afbreekstreepje, richting) en
#: losse combinatietekens (Mn, Me) die na NFKC nog over zijn.
_ONZICHTBAAR = ("Cf", "Mn", "Me")


class _Normaal(dict):
    """Tabel voor ``str.translate``: onzichtbare tekens weg (of, met ``scheiding``, een spatie), elk decimaal cijfer
    als ASCII-cijfer, de rest gelijk. Per teken één keer uitgerekend en onthouden (``__missing__``); daarna vertaalt
    ``str.translate`` in C."""

    def __init__(self, onzichtbaar: str | None) -> None:
        super().__init__()
        self.onzichtbaar = onzichtbaar

    def __missing__(self, code: int) -> str | None:
        teken = chr(code)
        categorie = unicodedata.category(teken)
        if categorie in _ONZICHTBAAR:
            uit = self.onzichtbaar
        elif categorie == "Nd":
            uit = str(unicodedata.decimal(teken))
        else:
            uit = teken
        self[code] = uit
        return uit


class _Skelet(dict):
    """Tabel voor ``str.translate`` op genormaliseerde tekst: een ASCII-cijfer blijft, een letter of ander teken met
    een betekenis (ook een valutateken) wordt ``a`` (een reeks breekt daar), al het andere (spatie, leesteken,
    besturingsteken) wordt een spatie: een scheidingsteken."""

    def __missing__(self, code: int) -> str:
        teken = chr(code)
        if "0" <= teken <= "9":
            uit = teken
        elif teken.isalnum() or unicodedata.category(teken) == "Sc":
            uit = "a"
        else:
            uit = " "
        self[code] = uit
        return uit


#: Een onzichtbaar teken kan een cijfer verbergen tussen twee groepen (``1\u200b23456782``: weglaten) of zelf de
#: scheiding zijn (``111\t222\u200b333``: een spatie); de controle leest de tekst op beide manieren.
_NORMAAL = _Normaal(None)
_NORMAAL_GESCHEIDEN = _Normaal(" ")
_SKELET = _Skelet()

#: Groepen cijfers, verbonden door telkens één tot drie scheidingstekens (in het skelet: spaties).
_REEKS = re.compile(r"[0-9]+(?: {1,3}[0-9]+)*")
_GROEP = re.compile(r"[0-9]+")
_CIJFER = re.compile(r"[0-9]")

#: Een getal als bedrag: met punten of spaties per duizend, of aaneen; eventueel met centen.
_GETAL = r"(?:[0-9]{1,3}(?:[. ][0-9]{3})+|[0-9]+)(?:[,.][0-9]{2})?(?![0-9])"
#: Een bedrag: met een euroteken of "EUR"/"euro" ervoor, of met twee cijfers centen na een komma, dat niet midden in
#: een reeks cijfers staat (``1234,56,782`` en ``0,0,0,0,0,0,0,1,2`` zijn geen bedragen).
_BEDRAG = re.compile(
    rf"(?:€|\b(?:EUR|eur|euro)\b)\s?{_GETAL}"
    r"|(?<![0-9])(?<![0-9][.,/_-])(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+),[0-9]{2}(?![0-9]|[ ]?[.,/_-][0-9])"
)
#: Een datum: jaar-maand-dag of dag-maand-jaar, met -, / of . ertussen (gecontroleerd in ``_is_datum``).
_DATUM = re.compile(
    r"(?<![0-9])(?:(?P<j1>[0-9]{4})(?P<s1>[-/.])(?P<m1>[0-9]{1,2})(?P=s1)(?P<d1>[0-9]{1,2})"
    r"|(?P<d2>[0-9]{1,2})(?P<s2>[-/.])(?P<m2>[0-9]{1,2})(?P=s2)(?P<j2>[0-9]{4}))(?![0-9])"
)


def elfproef(cijfers: str) -> bool:
    """Haalt dit nummer van negen cijfers de elfproef voor een BSN? (Negen nullen niet.)"""
    if len(cijfers) != 9 or not cijfers.isascii() or not cijfers.isdigit() or cijfers == "0" * 9:
        return False
    som = sum((9 - i) * int(c) for i, c in enumerate(cijfers[:8])) - int(cijfers[8])
    return som % 11 == 0


def normaliseer(tekst: str) -> tuple[str, ...]:
    """De tekst zoals de controle haar leest: NFKC, met alleen ASCII-cijfers, en onzichtbare tekens weggelaten (en,
    als er zulke tekens zijn, ook als scheidingsteken gelezen: dan twee lezingen)."""
    if tekst.isascii():
        return (tekst,)
    nfkc = unicodedata.normalize("NFKC", tekst)
    zonder = nfkc.translate(_NORMAAL)
    if len(zonder) == len(nfkc):  # niets weggelaten: geen tweede lezing nodig
        return (zonder,)
    return zonder, nfkc.translate(_NORMAAL_GESCHEIDEN)


def _is_datum(treffer: re.Match) -> bool:
    jaar = int(treffer["j1"] or treffer["j2"])
    maand = int(treffer["m1"] or treffer["m2"])
    dag = int(treffer["d1"] or treffer["d2"])
    return 1800 <= jaar <= 2299 and 1 <= maand <= 12 and 1 <= dag <= 31


def _maskeer(treffer: re.Match) -> str:
    """De cijfers van een bedrag of datum worden letters: daar begint of eindigt geen BSN."""
    return re.sub(r"[0-9]", "x", treffer.group())


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
                if (
                    len(deel) == 1
                    or (len(deel) >= 3 and all(2 <= len(g) <= 4 for g in deel))
                    or len(deel) == 9  # negen losse cijfers
                ):
                    yield "".join(deel)
                break


def bevat_bsn(tekst: str) -> bool:
    """Staat er ergens in de tekst een BSN (met of zonder scheidingstekens, in welk schrift ook)?"""
    return any(_bevat_bsn(lezing) for lezing in normaliseer(tekst))


def _bevat_bsn(tekst: str) -> bool:
    if not _CIJFER.search(tekst):
        return False
    # Eerst zonder bedragen en datums te maskeren: die beslaan altijd hele groepen, dus maskeren kan een kandidaat
    # alleen wegnemen, nooit toevoegen. Meestal haalt geen enkele kandidaat de elfproef en is het hier klaar.
    if not _heeft_bsn(tekst.translate(_SKELET)):
        return False
    tekst = _BEDRAG.sub(_maskeer, tekst)
    tekst = _DATUM.sub(lambda t: _maskeer(t) if _is_datum(t) else t.group(), tekst)
    return _heeft_bsn(tekst.translate(_SKELET))


def _heeft_bsn(skelet: str) -> bool:
    for reeks in _REEKS.finditer(skelet):
        groepen = _GROEP.findall(reeks.group())
        if any(elfproef(k) for k in _kandidaten(groepen)):
            return True
    return False
