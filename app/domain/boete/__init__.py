"""SPEC §3.3 — de bestuurlijke boete (Pw 18a; Boetebesluit art. 2, 2aa; Awb 5:41-5:46; CRvB draagkracht).

De stappen volgen de volgorde van de SPEC; elke stap komt in de uitleg met zijn artikel:
 1. geen verwijtbaarheid (Awb 5:41)           7. percentage, of vast bedrag (Boetebesluit 2 lid 7)
 2. verval (Awb 5:45, 5:53)                    8. wettelijk maximum (Pw 18a lid 1, 5)
 3. dringende redenen (Pw 18a lid 7)           9. draagkracht (CRvB 2016, 2020)
 4. waarschuwing (Pw 18a lid 4; BB 2aa)       10. matigingen (Boetebesluit 2 lid 8; Awb 5:46)
 5. geen benadeling: € 150 (BB 2 lid 11)      11. afronding (SPEC §1.2)
 6. grondslag en recidive (Pw 18a lid 5-6; BB 2 lid 6)
De percentages en maxima worden berekend onder de regels van de begindatum én van de beschikkingsdatum; de laagste
boete geldt (lex mitior, SPEC §1.1).
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
