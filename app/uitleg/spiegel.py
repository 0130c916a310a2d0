"""Het teamoverzicht als HTML-pagina met grafieken in SVG, getekend door de server (issue #10 §3).

Geen JavaScript, geen bibliotheek, geen externe bron: elke grafiek is inline SVG met een titel en een tekstalternatief,
en naast elke grafiek staan de getallen in een tabel. Pure functie: geen FastAPI, geen database.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from app.domain import spiegel
from app.uitleg import _omgeving

KLEUR_UITKOMST = {
    "BOETE": "#154273",
    "WAARSCHUWING": "#e17000",
    "AFGEZIEN": "#39870c",
    "GEEN_BOETE": "#8fa9c4",
    "BEOORDELING_VEREIST": "#673272",
}
KLEUR_GRAAD = {
    "OPZET": "#a90061",
    "GROVE_SCHULD": "#e17000",
    "NORMAAL": "#154273",
    "VERMINDERD": "#39870c",
    "GEEN": "#9a9a9a",
}
NAAM_UITKOMST = {
    "BOETE": "boete",
    "WAARSCHUWING": "waarschuwing",
    "AFGEZIEN": "afgezien",
    "GEEN_BOETE": "geen boete",
    "BEOORDELING_VEREIST": "door het college vast te stellen",
}
NAAM_GRAAD = {
    "OPZET": "opzet",
    "GROVE_SCHULD": "grove schuld",
    "NORMAAL": "normaal",
    "VERMINDERD": "verminderd",
    "GEEN": "geen verwijtbaarheid",
}
NAAM_ROUTE = {
    "PW_18A_LID_13": "Pw 18a lid 13",
    "PW_58_LID_7": "Pw 58 lid 7",
    "PW_58_LID_8": "Pw 58 lid 8",
    "AWB_4_94A": "Awb 4:94a",
}

_BREEDTE = 860
_LABEL = 170
_BALK = 22
_RUIMTE = 12


def _legenda(kleuren: dict[str, str], namen: dict[str, str], y: int, x: int = _LABEL) -> str:
    delen = []
    for sleutel, kleur in kleuren.items():
        delen.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{kleur}"/>'
            f'<text x="{x + 17}" y="{y + 11}" font-size="13">{escape(namen[sleutel])}</text>'
        )
        x += 30 + 8 * len(namen[sleutel])
    return "".join(delen)


def gestapelde_balken(titel: str, rijen: list[tuple[str, dict[str, int]]], kleuren: dict, namen: dict) -> Markup:
    """Per rij een balk van 100%, verdeeld naar de aantallen; het aantal staat in elk stuk dat breed genoeg is."""
    hoogte = 30 + len(rijen) * (_BALK + _RUIMTE) + 10
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_BREEDTE} {hoogte}" width="100%" role="img" '
        f'aria-label="{escape(titel)}" class="grafiek"><title>{escape(titel)}</title>',
        _legenda(kleuren, namen, 4),
    ]
    ruimte = _BREEDTE - _LABEL - 10
    for i, (label, aantallen) in enumerate(rijen):
        y = 30 + i * (_BALK + _RUIMTE)
        delen.append(f'<text x="{_LABEL - 8}" y="{y + 16}" font-size="14" text-anchor="end">{escape(label)}</text>')
        totaal = sum(aantallen.values())
        x = float(_LABEL)
        for sleutel, kleur in kleuren.items():
            aantal = aantallen.get(sleutel, 0)
            if not totaal or not aantal:
                continue
            breedte = ruimte * aantal / totaal
            delen.append(
                f'<rect x="{x:.1f}" y="{y}" width="{breedte:.1f}" height="{_BALK}" fill="{kleur}">'
                f"<title>{escape(namen[sleutel])}: {aantal}</title></rect>"
            )
            if breedte >= 28:
                delen.append(
                    f'<text x="{x + breedte / 2:.1f}" y="{y + 16}" font-size="13" fill="#fff" '
                    f'text-anchor="middle">{aantal}</text>'
                )
            x += breedte
    delen.append("</svg>")
    return Markup("".join(delen))


def maandbalken(titel: str, maanden: list[dict]) -> Markup:
    """Per maand een staande balk met de uitkomsten; maanden met te weinig zaken als lege, gestippelde balk."""
    hoogte, onder, boven = 240, 200, 30
    hoogste = max((sum(m["uitkomsten"].values()) for m in maanden if m["getoond"]), default=0) or 1
    stap = (_BREEDTE - 60) / max(len(maanden), 1)
    breedte = min(40.0, stap * 0.7)
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_BREEDTE} {hoogte}" width="100%" role="img" '
        f'aria-label="{escape(titel)}" class="grafiek"><title>{escape(titel)}</title>',
        _legenda(KLEUR_UITKOMST, NAAM_UITKOMST, 4, 50),
        f'<line x1="50" y1="{onder}" x2="{_BREEDTE - 5}" y2="{onder}" stroke="#555"/>',
        f'<line x1="50" y1="{boven}" x2="{_BREEDTE - 5}" y2="{boven}" stroke="#ddd"/>',
        f'<text x="44" y="{boven + 4}" font-size="12" text-anchor="end">{hoogste}</text>',
        f'<text x="44" y="{onder + 4}" font-size="12" text-anchor="end">0</text>',
    ]
    for i, maand in enumerate(maanden):
        x = 55 + i * stap
        if i % max(1, len(maanden) // 12) == 0:
            delen.append(
                f'<text x="{x + breedte / 2:.1f}" y="{onder + 16}" font-size="12" text-anchor="middle">'
                f"{escape(maand['maand'])}</text>"
            )
        if not maand["getoond"]:
            delen.append(
                f'<rect x="{x:.1f}" y="{onder - 12}" width="{breedte:.1f}" height="12" fill="none" stroke="#9a9a9a" '
                f'stroke-dasharray="3 2"><title>{escape(maand["maand"])}: minder dan {spiegel.MINIMUM_GROEP} zaken'
                "</title></rect>"
            )
            continue
        y = float(onder)
        for uitkomst, kleur in KLEUR_UITKOMST.items():
            aantal = maand["uitkomsten"][uitkomst]
            if not aantal:
                continue
            h = (onder - boven) * aantal / hoogste
            y -= h
            delen.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{breedte:.1f}" height="{h:.1f}" fill="{kleur}">'
                f"<title>{escape(maand['maand'])}, {escape(NAAM_UITKOMST[uitkomst])}: {aantal}</title></rect>"
            )
    delen.append("</svg>")
    return Markup("".join(delen))


def _teamnaam(blok: dict) -> str:
    return blok.get("team") or "zonder team"


def render_teamoverzicht(overzicht: dict) -> str:
    getoond = [t for t in overzicht["teams"] if t["getoond"]]
    groepen = ([("Gemeente", overzicht["totaal"])] if overzicht["totaal"]["getoond"] else []) + [
        (_teamnaam(t), t) for t in getoond
    ]
    grafieken = {
        "uitkomsten": gestapelde_balken(
            "Uitkomsten per team", [(n, g["uitkomsten"]) for n, g in groepen], KLEUR_UITKOMST, NAAM_UITKOMST
        ),
        "graden": gestapelde_balken(
            "Verwijtbaarheid per team", [(n, g["verwijtbaarheid"]) for n, g in groepen], KLEUR_GRAAD, NAAM_GRAAD
        ),
        "maanden": maandbalken("Uitkomsten per maand", overzicht["perMaand"]),
    }
    sjabloon = _omgeving(True).get_template("teamoverzicht.html")
    return sjabloon.render(
        o=overzicht,
        groepen=groepen,
        teams=overzicht["teams"],
        grafieken=grafieken,
        GRADEN=spiegel.GRADEN,
        UITKOMSTEN=spiegel.UITKOMSTEN,
        ROUTES=spiegel.ROUTES,
        NAAM_GRAAD=NAAM_GRAAD,
        NAAM_UITKOMST=NAAM_UITKOMST,
        NAAM_ROUTE=NAAM_ROUTE,
        teamnaam=_teamnaam,
        minimum=overzicht["minimumGroep"],
    )
