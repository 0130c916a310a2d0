"""Uitleg die mensen kunnen lezen: een HTML-pagina of platte tekst bij een auditrecord (issue #4 §2).

Twee doelgroepen:
- ``burger``: gewone taal (B1), korte zinnen, "u": wat er is gebeurd, het bedrag in Nederlandse notatie, hoe het
  is berekend in woorden, wat het per maand betekent en hoe lang, wie beslist, en wat u kunt doen (bezwaar binnen
  de termijn, betalingsregeling, kwijtschelding of afzien, schuldhulp, contact). Zie ``burger.py``.
  Alleen maatwerk dat is VASTGESTELD verandert voor de burger de uitkomst; aanvragen in behandeling en afgewezen
  aanvragen zijn interne stappen en staan alleen in de professionele uitleg.
- ``professional``: de volledige motivering: elke stap met regel-id, omschrijving en artikel, de bepalende
  begrenzing, signalen (open normen, onzekere regelwaarden), de alternatieven, al het maatwerk met status en
  beoordeling, en de gegevens van het auditrecord (berekeningId, regelversie, hash en vorige hash).

Twee formaten: ``html`` (een volledige, toegankelijke en afdrukbare pagina: lang="nl", koppen, tabellen met
kopcellen, CSS in de pagina, geen scripts of externe bronnen; alles ge-escaped) en ``text`` (dezelfde inhoud als
platte tekst). Deterministische Jinja2-sjablonen in ``sjablonen/``; geen gegenereerde tekst. Pure functie: geen
FastAPI, geen database.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.uitleg import burger
from app.uitleg.gewist import gewiste_velden
from app.uitleg.notatie import (
    BEGRENZING,
    GRAAD,
    ROUTE,
    ROUTE_UITKOMST,
    SOORT,
    TOETS,
    UITKOMST,
    beleidsregels,
    bron,
    bronnen,
    datum,
    geld,
    grond,
    tijdstip,
    vast,
)

__all__ = [
    "CSP_HTML",
    "DOELGROEPEN",
    "FORMATEN",
    "bron",
    "datum",
    "geld",
    "maatwerk_regel",
    "render_uitleg",
    "tijdstip",
]

DOELGROEPEN = ("burger", "professional")
FORMATEN = ("html", "text")

_MAP = Path(__file__).resolve().parent / "sjablonen"


def _stijlhashes() -> tuple[str, ...]:
    """De SHA-256 van elk ``<style>``-blok in de sjablonen, voor de Content-Security-Policy (CSP Level 2): alleen
    precies deze stijlen worden toegepast. Een blok mag daarom geen Jinja-expressie bevatten."""
    hashes = []
    for sjabloon in sorted(_MAP.glob("*.html")):
        for blok in re.findall(r"<style>(.*?)</style>", sjabloon.read_text(encoding="utf-8"), re.DOTALL):
            if "{{" in blok or "{%" in blok:
                raise RuntimeError(f"{sjabloon.name}: een <style>-blok met Jinja krijgt geen vaste hash (CSP)")
            hashes.append(f"'sha256-{base64.b64encode(hashlib.sha256(blok.encode()).digest()).decode()}'")
    return tuple(dict.fromkeys(hashes))


#: De Content-Security-Policy van de HTML-pagina's (uitleg en teamoverzicht): geen scripts en geen bronnen van
#: buiten (ook niet van de service zelf), alleen de eigen stijlblokken, niet in een frame van een andere site.
CSP_HTML = (
    f"default-src 'none'; style-src {' '.join(_stijlhashes())}; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
)


def _omgeving(html: bool) -> Environment:
    omgeving = Environment(
        loader=FileSystemLoader(_MAP),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=html, default=html),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    omgeving.filters.update(
        geld=geld,
        datum=datum,
        tijdstip=tijdstip,
        bron=bron,
        bronnen=bronnen,
        vast=vast,
        grond=grond,
        beleidsregels=beleidsregels,
    )
    omgeving.globals.update(
        GRAAD=GRAAD,
        SOORT=SOORT,
        BEGRENZING=BEGRENZING,
        ROUTE=ROUTE,
        ROUTE_UITKOMST=ROUTE_UITKOMST,
        TOETS=TOETS,
        UITKOMST=UITKOMST,
    )
    return omgeving


_HTML = _omgeving(html=True)
_TEKST = _omgeving(html=False)


def _afwijking(uitkomst, boete, terugvordering) -> str:
    """ "boete € 420,00", "waarschuwing", "terugvordering € 250,00"."""
    if terugvordering is not None:
        return f"terugvordering {geld(terugvordering)}"
    if uitkomst == "BOETE" or (uitkomst is None and boete is not None):
        return f"boete {geld(boete)}"
    return UITKOMST.get(uitkomst, str(uitkomst or "—"))


def maatwerk_regel(m: dict) -> dict:
    """Een maatwerkbesluit in één vorm voor de sjablonen.

    Neemt zowel de vorm van ``GET /maatwerkbesluiten/{id}`` (beoordeling genest: ``beoordeling.beoordeeldDoor``,
    ``beoordeling.reden``) als een platte vorm (``beoordeeldDoor``, ``reden`` op het hoogste niveau).
    """
    beoordeling = m.get("beoordeling") or {}
    oorspronkelijk = m.get("oorspronkelijk") or {}
    return {
        "id": m.get("maatwerkbesluitId") or m.get("id"),
        "status": m.get("status") or "TER_BEOORDELING",
        "grond": grond(m.get("grond"), m.get("bron")),
        "nieuw": _afwijking(m.get("uitkomst"), m.get("boete"), m.get("terugvordering")),
        "was": _afwijking(
            oorspronkelijk.get("uitkomst"), oorspronkelijk.get("boete"), oorspronkelijk.get("terugvordering")
        )
        if oorspronkelijk
        else None,
        "motivering": m.get("motivering"),
        "aangevraagdDoor": m.get("aangevraagdDoor"),
        "beoordeeldDoor": beoordeling.get("beoordeeldDoor") or m.get("beoordeeldDoor"),
        "besluit": beoordeling.get("besluit"),
        "reden": beoordeling.get("reden") or m.get("reden"),
        "tijdstip": beoordeling.get("tijdstip"),
    }


def kop_professional(record: dict) -> str:
    """De titel voor de professional: soort en uitkomst, zonder "u"."""
    res = record.get("resultaat") or {}
    soort = record.get("soort")
    naam = SOORT.get(soort, str(soort))
    if soort == "boeteberekening":
        if res.get("uitkomst") == "BOETE":
            return f"{naam}: {geld(res.get('boete'))}"
        return f"{naam}: {UITKOMST.get(res.get('uitkomst'), res.get('uitkomst'))}"
    if soort == "benadelingsbedrag":
        return f"{naam}: {geld(res.get('benadelingsbedrag'))}"
    if soort == "verwijtbaarheidsbeoordeling":
        return f"{naam}: {GRAAD.get(res.get('graad'), res.get('graad'))}"
    if soort == "schuldregelingstoets":
        return f"{naam}: {geld(res.get('totaalKwijtscheldbaar'))} kwijtscheldbaar"
    if soort == "beslagvrijevoetberekening":
        return f"{naam}: {geld(res.get('beslagvrijeVoet'))} per maand"
    if soort == "betaalvoorstelbeoordeling":
        antwoorden = [v.get("antwoord") for v in res.get("vorderingen") or []]
        telling = ", ".join(f"{antwoorden.count(a)} × {a}" for a in dict.fromkeys(antwoorden))
        return f"{naam}: {telling}" if res.get("bericht") != "GEEN_MEDEWERKING" else f"{naam}: geen medewerking"
    return naam


def render_uitleg(
    record: dict, doelgroep: str, formaat: str, maatwerk: list[dict] | None = None, *, bezwaartermijn_weken: int
) -> str:
    """De uitleg bij een auditrecord zoals ``GET /berekeningen/{id}`` het geeft (berekeningId, soort, tijdstip,
    invoer, resultaat, regelversie, hash; sub, gemeente en vorigeHash als ze er zijn).

    ``doelgroep``: ``burger`` of ``professional``; ``formaat``: ``html`` of ``text``. ``maatwerk``: de
    maatwerkbesluiten bij deze berekening (met ``status``); zonder maatwerk wordt ``record["maatwerkbesluiten"]``
    gebruikt als die er is. ``bezwaartermijn_weken`` komt uit de regeldata (``bezwaar.termijnWeken``, Awb 6:7).
    Onbekende doelgroep of formaat: ValueError.
    """
    if doelgroep not in DOELGROEPEN:
        raise ValueError(f"doelgroep moet een van {DOELGROEPEN} zijn")
    if formaat not in FORMATEN:
        raise ValueError(f"formaat moet een van {FORMATEN} zijn")
    if maatwerk is None:
        maatwerk = record.get("maatwerkbesluiten")
    maatwerk = [m for m in maatwerk or [] if isinstance(m, dict)]
    vastgesteld = [m for m in maatwerk if m.get("status") == "VASTGESTELD"]
    laatste = vastgesteld[-1] if vastgesteld else None
    omgeving = _HTML if formaat == "html" else _TEKST
    sjabloon = omgeving.get_template(f"{doelgroep}.{'html' if formaat == 'html' else 'txt'}")
    gewist = gewiste_velden(record)
    secties = burger.secties(record, laatste, bezwaartermijn_weken) if doelgroep == "burger" else []
    if gewist and doelgroep == "burger":
        secties.insert(
            max(len(secties) - 2, 0),  # vóór "Wie beslist?" en "Wat kunt u doen?"
            burger.Sectie(
                "Een deel van de tekst is gewist",
                [
                    f"Op {gewist['op']} is tekst bij deze berekening gewist, omdat de bewaartermijn voorbij is. "
                    "De bedragen, de datums en de uitkomst zijn niet veranderd.",
                    "Gewist is:",
                ],
                gewist["soorten"],
            ),
        )
    return sjabloon.render(
        gewist=gewist,
        r=record,
        res=record.get("resultaat") or {},
        soort=record.get("soort"),
        maatwerk=[maatwerk_regel(m) for m in maatwerk],
        kop=burger.kop(record, laatste) if doelgroep == "burger" else kop_professional(record),
        secties=secties,
    )
