"""Het antwoord van de gemeente op een betaalvoorstel van een schuldhulpverlener (Schuldenknooppunt, module
Schuldregeling): per vordering akkoord, niet akkoord of beoordeling vereist, met reden en artikel (Pw 60c, Pw 18a lid 13
en 14, Pw 58 lid 7 en 8, Awb 4:94a), de voorrang van Pw 60 lid 7 en een saldo-opgave."""

from app.domain.betaalvoorstel.beoordeling import beoordeel_betaalvoorstel, is_preferent, werkdagen_later
from app.domain.betaalvoorstel.model import (
    AKKOORD,
    BEOORDELING_VEREIST,
    NIET_AKKOORD,
    SANERINGSKREDIET,
    SCHULDBEMIDDELING,
    SCHULDTYPEN,
    TYPEN,
    ZONDER_AFLOSCAPACITEIT,
    Antwoordregel,
    Betaalvoorstel,
    BetaalvoorstelAntwoord,
    Looptijd,
    Saldo,
    VoorstelVordering,
)

__all__ = [
    "AKKOORD",
    "BEOORDELING_VEREIST",
    "NIET_AKKOORD",
    "SANERINGSKREDIET",
    "SCHULDBEMIDDELING",
    "SCHULDTYPEN",
    "TYPEN",
    "ZONDER_AFLOSCAPACITEIT",
    "Antwoordregel",
    "Betaalvoorstel",
    "BetaalvoorstelAntwoord",
    "Looptijd",
    "Saldo",
    "VoorstelVordering",
    "beoordeel_betaalvoorstel",
    "is_preferent",
    "werkdagen_later",
]
