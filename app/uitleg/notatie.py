"""Notatie voor de uitleg: bedragen, data, tijdstippen en wetsartikelen in Nederlandse schrijfwijze, en de
woorden voor de codes uit de resultaten. Pure functies, zonder FastAPI of database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup, escape

from app.domain.geld import euro
from app.domain.maatwerk import GRONDEN

try:
    AMSTERDAM: ZoneInfo | None = ZoneInfo("Europe/Amsterdam")
except ZoneInfoNotFoundError:  # pragma: no cover - zonder tijdzonedata blijft het tijdstip in UTC
    AMSTERDAM = None


@dataclass
class Sectie:
    """Een deel van de burgeruitleg: een kop, alinea's en een opsomming."""

    titel: str
    alineas: list[str] = field(default_factory=list)
    lijst: list[str] = field(default_factory=list)


MAANDEN = [
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
    "beslagvrijevoetberekening": "Beslagvrije voet",
    "betaalvoorstelbeoordeling": "Antwoord op een betaalvoorstel",
    "herberekening": "Herberekening",
    "maatwerkbesluit": "Maatwerkbesluit",
    "maatwerkbeoordeling": "Beoordeling van maatwerk",
}
BEGRENZING = {
    "PERCENTAGE": "het boetepercentage",
    "BOETEBESLUIT_2_LID_7": "het vaste bedrag van Boetebesluit art. 2 lid 7",
    "WETTELIJK_MAXIMUM": "het wettelijk maximum",
    "WETTELIJK_MINIMUM": "het wettelijk minimum van de Fraudewet",
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
UITKOMST = {
    "BOETE": "boete",
    "WAARSCHUWING": "waarschuwing",
    "AFGEZIEN": "afgezien van een boete",
    "GEEN_BOETE": "geen boete",
    "BEOORDELING_VEREIST": "de gemeente stelt de boete vast (lager dan een wettelijk bedrag)",
}


def geld(waarde) -> str:
    """ "840.84" → "€ 840,84"; "8000" → "€ 8.000,00"; None → "—"."""
    if waarde is None or waarde == "":
        return "—"
    try:
        return euro(Decimal(str(waarde)).quantize(Decimal("0.01")))
    except InvalidOperation:
        return str(waarde)


def is_nul(waarde) -> bool:
    """Is het bedrag nul (of afwezig)?"""
    try:
        return waarde is None or Decimal(str(waarde)) == 0
    except InvalidOperation:
        return False


def datum(waarde) -> str:
    """ "2026-02-02" → "2 februari 2026"."""
    if not waarde:
        return "—"
    d = waarde if isinstance(waarde, date) else date.fromisoformat(str(waarde)[:10])
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def tijdstip(waarde) -> str:
    """ "2026-03-02T09:15:00+00:00" → "2 maart 2026 om 10:15 (Nederlandse tijd)"; onleesbaar → zoals gegeven."""
    if not waarde:
        return "—"
    try:
        moment = waarde if isinstance(waarde, datetime) else datetime.fromisoformat(str(waarde))
    except ValueError:
        return str(waarde)
    if moment.tzinfo is None or AMSTERDAM is None:
        return f"{datum(moment.date())} om {moment:%H:%M}" + (" (UTC)" if moment.tzinfo else "")
    lokaal = moment.astimezone(AMSTERDAM)
    return f"{datum(lokaal.date())} om {lokaal:%H:%M} (Nederlandse tijd)"


def bron(b: dict) -> str:
    """{"wet": "Participatiewet", "artikel": "18a", "lid": "7"} → "Participatiewet art. 18a lid 7"."""
    if b.get("wet") == "Centrale Raad van Beroep":
        tekst = f"CRvB {b.get('artikel', '')}"
    else:
        tekst = f"{b.get('wet', '')} art. {b.get('artikel', '')}"
    if b.get("lid"):
        tekst += f" lid {b['lid']}"
    if b.get("onderdeel"):
        tekst += f" onder {b['onderdeel']}"
    return tekst


def bronnen(lijst) -> str:
    """Meerdere bronnen, gescheiden door een puntkomma."""
    return "; ".join(bron(b) for b in lijst or [])


def beleidsregel(c: dict) -> str:
    """Waarop een stap als beleid berust, los van wet en rechtspraak: de beleidsregel van de gemeente (titel, artikel,
    CVDR of URL), de landelijke standaard, of een keuze in het verzoek."""
    keuze = c.get("keuze", "")
    if c.get("herkomst") == "VERZOEK":
        return f"{keuze}: in dit verzoek gekozen, in afwijking van het beleid van de gemeente"
    if c.get("herkomst") == "GEMEENTE":
        tekst = f"{keuze}: {c.get('titel', '')}"
        if c.get("artikel"):
            tekst += f", {c['artikel']}"
        vindplaats = c.get("cvdr") or c.get("url")
        if vindplaats:
            tekst += f" ({vindplaats})"
        return tekst + f", gemeente {c.get('gemeente')}, geldig vanaf {datum(c.get('geldigVanaf'))}"
    return f"{keuze}: landelijke standaard (de gemeente heeft hier geen eigen beleidsregel vastgesteld)"


def beleidsregels(lijst) -> str:
    return "; ".join(beleidsregel(c) for c in lijst or [])


def vast(tekst) -> Markup:
    """HTML: het euroteken en het bedrag niet over twee regels (harde spatie); de tekst blijft ge-escaped."""
    return Markup(str(escape(tekst)).replace("€ ", "€\u00a0"))


def in_woorden(n: int) -> str:
    """Kleine getallen voluit, zoals in gewone taal: 6 → "zes"."""
    woorden = {1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 8: "acht", 10: "tien", 12: "twaalf"}
    return woorden.get(n, str(n))


def duur(maanden) -> str:
    """12 → "12 maanden"; 30 → "30 maanden (ruim 2 jaar)"; 1 → "1 maand"."""
    n = int(maanden)
    tekst = f"{n} {'maand' if n == 1 else 'maanden'}"
    if n >= 24:
        jaren, rest = divmod(n, 12)
        tekst += f" ({'ruim ' if rest else ''}{jaren} jaar)"
    return tekst


def grond(code, bron_lijst=None) -> str:
    """De grond van een maatwerkbesluit: "AWB_5_46" → "Algemene wet bestuursrecht art. 5:46 lid 2 (afstemming ...)"."""
    g = GRONDEN.get(code)
    artikelen = bronnen(bron_lijst) if bron_lijst else (bron(g.bron.als_dict()) if g else "")
    if g is None:
        return f"{code} ({artikelen})" if artikelen else str(code or "—")
    return f"{artikelen} ({g.omschrijving})"
