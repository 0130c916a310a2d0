"""SPEC §3.3 — de bestuurlijke boete (Pw 18a; Boetebesluit art. 2, 2aa; Awb 5:41-5:46; CRvB draagkracht).

``bereken_boete`` (berekening.py) zet de stappen in de volgorde van de SPEC; elke stap komt in de uitleg met zijn
artikel, en staat in de module van dat artikel:

  stap                                        artikel                                     module
  de invoer en haar controle                  SPEC §1.1a                                  invoer.py
   1. geen verwijtbaarheid                    Awb 5:41                                    berekening.py
   2. verval                                  Awb 5:45, 5:53                              verval.py
   3. dringende redenen                       Pw 18a lid 7                                berekening.py
   4. waarschuwing mogelijk                   Pw 18a lid 4; Boetebesluit 2aa              waarschuwing.py
   5. geen benadeling: € 150                  Boetebesluit 2 lid 11 (tot 2017 lid 3)      hoogte.py
   6. recidive en grondslag                   Pw 18a lid 5-6; Boetebesluit 2 lid 6        recidive.py, hoogte.py
   7. percentage, of vast bedrag              Boetebesluit 2 lid 2-5, lid 7               hoogte.py
   8. wettelijk maximum (Fraudewet: minimum)  Pw 18a lid 1, 5                             hoogte.py
   9. draagkracht                             CRvB 2016:9, :10, :12; 2017:1116            draagkracht.py
  10. matigingen                              Boetebesluit 2 lid 8; Awb 5:46              matiging.py
  11. afronding                               Boetebesluit 2 lid 2 (tot 2017); SPEC §1.2  afronding.py
      boete of waarschuwing                   Pw 18a lid 1, 4                             berekening.py
      verrekening                             Pw 60 lid 4; Awb 4:93 lid 4; Pw 60b         verrekening.py

De percentages en maxima worden berekend onder de regels van de begindatum én van de beschikkingsdatum; de laagste
boete geldt (lex mitior, SPEC §1.1; hoogte.py). Welk boeteregime op een datum gold (de Fraudewet tot 2017 of de wet
van 2017): regime.py. Wat een berekening oplevert: uitkomst.py.

Dit pakket voert dezelfde namen uit als de module ``app/domain/boete.py`` die het verving; wie ze gebruikt, importeert
ze hier (``from app.domain.boete import bereken_boete``).
"""

from app.domain.boete.afronding import afronding_van
from app.domain.boete.berekening import bereken_boete
from app.domain.boete.invoer import (
    GEEN_AFRONDING,
    NAAR_BOVEN_OP_TIENTALLEN,
    SANCTIE_BOETE,
    SANCTIE_WAARSCHUWING,
    STRAFRECHTELIJKE_SANCTIE,
    BezwaarOfBeroep,
    BoeteInvoer,
    Matiging,
    Sanctie,
    Zelfcorrectie,
)
from app.domain.boete.matiging import MATIGINGSGRONDEN
from app.domain.boete.uitkomst import (
    AFGEZIEN,
    BEOORDELING_VEREIST,
    BOETE,
    BOETEBESLUIT_2_LID_7,
    DRAAGKRACHT,
    GEEN_BOETE,
    MATIGING,
    PERCENTAGE,
    WAARSCHUWING,
    WETTELIJK_MAXIMUM,
    WETTELIJK_MINIMUM,
    BeoordelingVereist,
    BoeteUitkomst,
    Verrekening,
    ZonderVoet,
)

__all__ = [
    "AFGEZIEN",
    "BEOORDELING_VEREIST",
    "BOETE",
    "BOETEBESLUIT_2_LID_7",
    "DRAAGKRACHT",
    "GEEN_AFRONDING",
    "GEEN_BOETE",
    "MATIGING",
    "MATIGINGSGRONDEN",
    "NAAR_BOVEN_OP_TIENTALLEN",
    "PERCENTAGE",
    "SANCTIE_BOETE",
    "SANCTIE_WAARSCHUWING",
    "STRAFRECHTELIJKE_SANCTIE",
    "WAARSCHUWING",
    "WETTELIJK_MAXIMUM",
    "WETTELIJK_MINIMUM",
    "BeoordelingVereist",
    "BezwaarOfBeroep",
    "BoeteInvoer",
    "BoeteUitkomst",
    "Matiging",
    "Sanctie",
    "Verrekening",
    "Zelfcorrectie",
    "ZonderVoet",
    "afronding_van",
    "bereken_boete",
]
