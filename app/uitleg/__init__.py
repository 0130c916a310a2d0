"""Uitleg die mensen kunnen lezen: een HTML-pagina of platte tekst bij een auditrecord (issue #4 §2).

Twee doelgroepen:
- ``burger``: gewone taal (B1), korte zinnen, "u": wat er is gebeurd, het bedrag in Nederlandse notatie, hoe het
  is berekend in woorden, en wat u kunt doen (bezwaar binnen zes weken, betalingsregeling, kwijtschelding, contact).
  Alleen maatwerk dat is VASTGESTELD verandert voor de burger de uitkomst; aanvragen in behandeling en afgewezen
  aanvragen zijn interne stappen en staan alleen in de professionele uitleg.
- ``professional``: de volledige motivering: elke stap met regel-id en artikel, de bepalende begrenzing, signalen
  (open normen, onzekere regelwaarden), de alternatieven, maatwerk met status, en de gegevens van het auditrecord.

Deterministische Jinja2-sjablonen; geen gegenereerde tekst. Pure functie: geen FastAPI, geen database.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from app.domain.geld import euro

DOELGROEPEN = ("burger", "professional")
FORMATEN = ("html", "text")

_MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

GRAAD = {
    "OPZET": "opzet",
    "GROVE_SCHULD": "grove schuld",
    "NORMAAL": "normale verwijtbaarheid",
    "VERMINDERD": "verminderde verwijtbaarheid",
    "GEEN": "geen verwijtbaarheid",
}
SOORT = {
    "benadelingsbedrag": "Benadelingsbedrag en terugvordering",
    "verwijtbaarheidsbeoordeling": "Beoordeling van de verwijtbaarheid",
    "boeteberekening": "Bestuurlijke boete",
    "kwijtscheldingsbeoordeling": "Kwijtschelding of afzien van terugvordering",
    "schuldregelingstoets": "Toets voor een schuldregeling",
    "herberekening": "Herberekening",
    "maatwerkbesluit": "Maatwerkbesluit",
    "maatwerkbeoordeling": "Beoordeling van maatwerk",
}
BEGRENZING = {
    "PERCENTAGE": "het boetepercentage",
    "BOETEBESLUIT_2_LID_7": "het vaste bedrag van Boetebesluit art. 2 lid 7",
    "WETTELIJK_MAXIMUM": "het wettelijk maximum",
    "DRAAGKRACHT": "de draagkracht",
    "MATIGING": "de matiging",
}
ROUTE = {
    "PW_18A_LID_13": "Kwijtschelding van de boete bij een schuldregeling (Participatiewet art. 18a lid 13)",
    "PW_58_LID_7": "Afzien van terugvordering na jaren van (niet) betalen of bij betaling ineens (Participatiewet art. 58 lid 7)",
    "PW_58_LID_8": "Afzien van terugvordering om dringende redenen (Participatiewet art. 58 lid 8)",
    "AWB_4_94A": "Kwijtschelding omdat invorderen onevenredig is (Awb art. 4:94a)",
}
ROUTE_UITKOMST = {
    "MOGELIJK": "mogelijk",
    "NIET_MOGELIJK": "niet mogelijk",
    "BEOORDELING_VEREIST": "de gemeente moet dit beoordelen",
}
TOETS = {
    "KWIJTSCHELDING_MOGELIJK": "kan (deels) worden kwijtgescholden",
    "ALLEEN_VOLLEDIGE_BETALING": "moet helemaal worden betaald",
    "OP_VERZOEK": "kan op verzoek worden kwijtgescholden",
}
_AFKORTING = {"Algemene wet bestuursrecht": "Awb", "Boetebesluit socialezekerheidswetten": "Boetebesluit"}


def geld(waarde) -> str:
    """ "840.84" → "€ 840,84"; None → "—"."""
    if waarde is None or waarde == "":
        return "—"
    try:
        return euro(Decimal(str(waarde)))
    except InvalidOperation:
        return str(waarde)


def datum(waarde) -> str:
    """ "2026-02-02" → "2 februari 2026"."""
    if not waarde:
        return "—"
    d = waarde if isinstance(waarde, date) else date.fromisoformat(str(waarde)[:10])
    return f"{d.day} {_MAANDEN[d.month - 1]} {d.year}"


def bron(b: dict) -> str:
    """{"wet": "Participatiewet", "artikel": "18a", "lid": "7"} → "Participatiewet art. 18a lid 7"."""
    tekst = f"{b.get('wet', '')} art. {b.get('artikel', '')}"
    if b.get("wet") == "Centrale Raad van Beroep":
        tekst = f"CRvB {b.get('artikel', '')}"
    if b.get("lid"):
        tekst += f" lid {b['lid']}"
    if b.get("onderdeel"):
        tekst += f" onder {b['onderdeel']}"
    return tekst


def vast(tekst) -> Markup:
    """HTML: het euroteken en het bedrag niet over twee regels (harde spatie); de tekst blijft ge-escaped."""
    return Markup(str(escape(tekst)).replace("€ ", "€\u00a0"))


def bronnen(lijst) -> str:
    return "; ".join(bron(b) for b in lijst or [])


_MAP = Path(__file__).resolve().parent / "sjablonen"


def _omgeving(html: bool) -> Environment:
    omgeving = Environment(
        loader=FileSystemLoader(_MAP),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=html, default=html),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    omgeving.filters.update(geld=geld, datum=datum, bron=bron, bronnen=bronnen, vast=vast)
    omgeving.globals.update(
        GRAAD=GRAAD, SOORT=SOORT, BEGRENZING=BEGRENZING, ROUTE=ROUTE, ROUTE_UITKOMST=ROUTE_UITKOMST, TOETS=TOETS
    )
    return omgeving


_HTML = _omgeving(html=True)
_TEKST = _omgeving(html=False)


def render_uitleg(
    record: dict, doelgroep: str, formaat: str, maatwerk: list[dict] | None = None, *, bezwaartermijn_weken: int
) -> str:
    """De uitleg bij een auditrecord zoals GET /berekeningen/{id} het geeft.

    ``bezwaartermijn_weken`` komt uit de regeldata (``bezwaar.termijnWeken``, Awb 6:7).
    """
    if doelgroep not in DOELGROEPEN:
        raise ValueError(f"doelgroep moet een van {DOELGROEPEN} zijn")
    if formaat not in FORMATEN:
        raise ValueError(f"formaat moet een van {FORMATEN} zijn")
    maatwerk = list(maatwerk or [])
    vastgesteld = [m for m in maatwerk if m.get("status") == "VASTGESTELD"]
    from app.uitleg import burger

    laatste = vastgesteld[-1] if vastgesteld else None
    omgeving = _HTML if formaat == "html" else _TEKST
    sjabloon = omgeving.get_template(f"{doelgroep}.{'html' if formaat == 'html' else 'txt'}")
    return sjabloon.render(
        r=record,
        res=record.get("resultaat") or {},
        soort=record.get("soort"),
        maatwerk=maatwerk,
        vastgesteld=laatste,
        kop=burger.kop(record, laatste),
        secties=burger.secties(record, laatste, bezwaartermijn_weken) if doelgroep == "burger" else [],
    )
