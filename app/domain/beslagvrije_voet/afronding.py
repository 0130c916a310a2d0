"""Afronding op centen en de geldigheidsduur: de wet kent geen centregel (de keuze staat als tekst in de regeldata,
``bvv.afronding``, met status en redenering); een maand later zonder 31 februari."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from app.domain.geld import CENT, naar_beneden
from app.domain.regels import RegelsOp
from app.domain.uitleg import Uitleg

from . import bronnen as bv


def omhoog(bedrag: Decimal) -> Decimal:
    """Een deel dat de voet verhoogt: naar boven op centen (in het voordeel van de geëxecuteerde)."""
    return bedrag.quantize(CENT, rounding=ROUND_CEILING)


def omlaag(bedrag: Decimal) -> Decimal:
    """Een deel dat de voet verlaagt: naar beneden op centen (in het voordeel van de geëxecuteerde)."""
    return naar_beneden(bedrag)


def maanden_later(datum: date, maanden: int) -> date:
    """``datum`` plus ``maanden``; bestaat die dag in de doelmaand niet (31 maart + 1 maand), dan de eerste van de
    maand erna: een termijn die op 29 februari begint, loopt zo tot en met 28 februari van het volgende jaar."""
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    jaar, maand = datum.year + jaar, maand + 1
    try:
        return date(jaar, maand, datum.day)
    except ValueError:
        return date(jaar + maand // 12, maand % 12 + 1, 1)


def geldig_tot(peildatum: date, maanden: int) -> date:
    """De laatste dag van een vaststelling die ``maanden`` geldt vanaf ``peildatum`` (475d lid 2)."""
    return maanden_later(peildatum, maanden) - timedelta(days=1)


def afrondingsstap(regels: RegelsOp, uitleg: Uitleg) -> None:
    """De stap die de afrondingsregel noemt (Maatstaf's keuze; de wet zwijgt)."""
    if not uitleg.actief:
        regels.versie("bvv.afronding")
        return
    uitleg.stap(
        "bvv.afronding",
        "De wet kent geen regel voor het afronden op centen (475d lid 6: de voet wordt vastgesteld op basis van "
        f"maandbedragen). Maatstaf rondt zo af: {regels.tekst('bvv.afronding')}.",
        bv.uniek(bv.RV_475D_LID_6, *regels.bronnen("bvv.afronding")),
        {"regel": "bvv.afronding"},
        {"afronding": "DEELBEDRAGEN_OP_CENTEN_IN_HET_VOORDEEL_VAN_DE_GEEXECUTEERDE"},
    )
