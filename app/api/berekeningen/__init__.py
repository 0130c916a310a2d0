"""De berekeningen (de vijf van SPEC §4, de beslagvrije voet en het antwoord op een betaalvoorstel): verzoek lezen,
naar het domein vertalen, rekenen, vastleggen, antwoorden.

| module | wat |
|---|---|
| ``routes.py`` | de POST-endpoints (``router``) |
| ``beslagvrije_voet.py`` | de beslagvrije voet (Rv 475c-475fa): verzoek, antwoord, vertaling |
| ``betaalvoorstel.py`` | het antwoord op een betaalvoorstel: verzoek, antwoord, vorderingen uit vastgelegde berekeningen |
| ``vastleggen.py`` | berekenen en vastleggen: eerst het auditrecord, dan het antwoord |
| ``rekenen.py`` | de tabel ``SOORTEN``: per soort het verzoekmodel en de rekenfunctie (ook voor batch en herberekening) |
| ``vertaling.py`` | van verzoekmodel naar domeinobject en van domeinuitkomst naar de JSON van het antwoord |
| ``verzoeken.py``, ``resultaten.py`` | de verzoek- en antwoordmodellen (contract) |
| ``gebruikt_beleid.py`` | het beleid van de gemeente dat een berekening toepast |
| ``batch.py`` | POST /batchberekeningen (``batch_router``) |

Andere features gebruiken alleen wat hieronder staat (``from app.api.berekeningen import ...``); de modules zelf zijn
van dit pakket (zie de importcontracten in pyproject.toml).
"""

from app.api.berekeningen.batch import router as batch_router
from app.api.berekeningen.gebruikt_beleid import (
    Beleidsbron,
    beleidslijn,
    beleidsteksten,
    precies_beleid,
    vergeet_beleid,
    versie_uit,
)
from app.api.berekeningen.rekenen import NIET_HERBEREKEND, SOORTEN, reken, reken_gelezen, reken_opnieuw, verschillen
from app.api.berekeningen.routes import router
from app.api.berekeningen.vertaling import boete_invoer
from app.api.berekeningen.verzoeken import Boeteverzoek

__all__ = [
    "NIET_HERBEREKEND",
    "SOORTEN",
    "Beleidsbron",
    "Boeteverzoek",
    "batch_router",
    "beleidslijn",
    "beleidsteksten",
    "boete_invoer",
    "precies_beleid",
    "reken",
    "reken_gelezen",
    "reken_opnieuw",
    "router",
    "verschillen",
    "vergeet_beleid",
    "versie_uit",
]
