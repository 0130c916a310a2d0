"""De beslagvrije voet (Rv 475c-475fa): wat een schuldenaar per maand houdt bij beslag op periodiek inkomen.

Ingang: ``bereken_beslagvrije_voet(invoer, regels, uitleg)``. De modules, in de volgorde van de wet:
- ``model``: invoer, uitkomst en de controle van de invoer;
- ``formule``: 475da lid 2 en 3 exact (kwadratisch woondeel 2021-2025, lineair vanaf 2026), en lid 8 (het inkomen
  waarop het maximum van lid 1 wordt bereikt);
- ``lid2``: die formule stap voor stap, op centen, met inachtneming van lid 1;
- ``bijzonder``: 475da lid 4 (geen woonadres, woonlandfactor), lid 5 en 7 (verhogingen op verzoek), 475e (inzicht,
  inrichting);
- ``vermindering``: 475db (inkomen van de echtgenoot, eigen inkomen) en 475dc (95% van het inkomen; lid 2 bijstand);
- ``oud``: het oude art. 475d (vóór 2021): alleen de basis van 90%;
- ``afronding``: de centregel (de wet heeft er geen) en de geldigheidsduur (475d lid 2);
- ``berekening``: de volgorde en de uitkomst.

Keuzes waar de wet zwijgt (elk ook in de uitleg van een berekening):
- Afronding: elk maandbedrag op centen in het voordeel van de geëxecuteerde: wat de voet verhoogt naar boven, wat hem
  verlaagt naar beneden; de voet komt niet boven het maximum van lid 1 (regeldata ``bvv.afronding``, status onzeker).
- Ondergrens nul: een negatief woondeel (inkomen onder het minimum-inkomensijkpunt) en een negatief kgb-deel (C onder
  D + L) tellen als nul.
- Gehuwden: het zorgplafond van lid 3 met tweemaal de standaardpremie (``bvv.zorgdeel.factorGehuwden``, onzeker): zo
  telt de Wet op de zorgtoeslag een verzekerde met partner, en alleen zo volgen de officiële maxima.
- Het drempelinkomen D is dat van januari van het jaar (de wettekst), ook in het tweede halfjaar.
- Lid 1 begrenst de formule van lid 2 (en lid 4); de verhogingen op verzoek (lid 5) komen erbovenop, zoals de tekst
  tot 2023 veronderstelt (alleen bij een voet gelijk aan het maximum). 475db en 475dc volgen op 475da, dus ook op die
  verhogingen. Bij verblijf in een inrichting (475e lid 2) gelden lid 1, lid 4-7 en 475dc niet; 475db vanaf 2023 wel.
- 475dc vóór 2022: het inkomen zonder vakantiebijslag als de invoer die apart noemt, anders het hele netto inkomen
  (in het voordeel van de geëxecuteerde, met een signaal).
- 475dc lid 2: de AMvB die de uitkeringen aanwijst, is niet gevonden; lid 2 geldt als de invoer ``bijstand`` noemt
  (de aanroeper verklaart dat het een aangewezen uitkering is), met een signaal; dan geldt 475d lid 2 niet (lid 7).
- Niet gevonden, dus BEOORDELING_VEREIST met het artikel en nooit een schatting: de woonlandfactor (lid 4 tweede zin),
  het bedrag van lid 7, de norm van Pw 23 lid 1 (inrichting; tenzij de invoer hem noemt), en bij gehuwden de
  woonkostenverhoging als de echtgenoot niet beslagen inkomen heeft (lid 5 tweede zin, een open norm).
- De geldigheid van twaalf maanden loopt tot en met de dag vóór dezelfde dag een jaar later (vanaf 29 februari: tot en
  met 28 februari).
"""

from .berekening import bereken_beslagvrije_voet
from .model import (
    ALLEENSTAANDE,
    ALLEENSTAANDE_OUDER,
    BEOORDELING_VEREIST,
    BEREKEND,
    EIGEN_WONING,
    GEEN_WOONADRES,
    GEHUWDEN_MET_KINDEREN,
    GEHUWDEN_ZONDER_KINDEREN,
    HUURWONING_NIET_WHT_11,
    INRICHTING,
    KWADRATISCH,
    LEEFSITUATIES,
    LINEAIR,
    OUD_475D,
    Beoordeling,
    BeslagvrijeVoetInvoer,
    BeslagvrijeVoetUitkomst,
    Bijstand,
    Deel,
    Inrichting,
)

__all__ = [
    "ALLEENSTAANDE",
    "ALLEENSTAANDE_OUDER",
    "BEOORDELING_VEREIST",
    "BEREKEND",
    "EIGEN_WONING",
    "GEEN_WOONADRES",
    "GEHUWDEN_MET_KINDEREN",
    "GEHUWDEN_ZONDER_KINDEREN",
    "HUURWONING_NIET_WHT_11",
    "INRICHTING",
    "KWADRATISCH",
    "LEEFSITUATIES",
    "LINEAIR",
    "OUD_475D",
    "Beoordeling",
    "BeslagvrijeVoetInvoer",
    "BeslagvrijeVoetUitkomst",
    "Bijstand",
    "Deel",
    "Inrichting",
    "bereken_beslagvrije_voet",
]
