"""Gemeentebeleid als eigen laag (issue #10 §1): de keuzes die het college binnen de wet maakt, met hun grenzen.

De wet en de beleidsregels van de gemeente zijn verschillende lagen. De wet staat in de regeldata
(``app/regels/*.yaml``); de landelijke standaard van de keuzes in ``app/regels/beleid.yaml``. Een gemeente legt haar
eigen keuzes vast als gedateerde *beleidsversies* (``geldigVanaf``) met een verwijzing naar de gepubliceerde
beleidsregels (CVDR-id of URL, en het artikel per keuze of per versie). Een versie telt pas als een tweede
beleidsbeheerder haar heeft vastgesteld (zie ``app/api/beleid/``).

Welke keuzes, en waar hun grenzen vandaan komen (nooit een getal in de code, altijd uit de regeldata):

- ``waarschuwingIndienMogelijk``: volstaan met een waarschuwing waar de wet dat toestaat (Pw 18a lid 4, Boetebesluit
  art. 2aa lid 1: "kan"). De wet verplicht nergens tot een waarschuwing: ja en nee zijn allebei toegestaan; of een
  waarschuwing mogelijk is, toetst de berekening altijd zelf.
- ``afronding``: ``GEEN`` of ``NAAR_BOVEN_OP_TIENTALLEN``. Schrijft de regelgeving in de periode van de versie een
  afronding voor (``boete.afronding``, Boetebesluit art. 2 lid 2 tekst tot 2017), dan kan de gemeente niet anders
  kiezen.
- ``brutoTerugvordering``: Pw 58 lid 5 ("kan ... bruto terugvorderen"): ja en nee.
- ``vermogenTeltVoorDraagkracht``: CRvB ECLI:NL:CRVB:2016:9: ja en nee.
- ``draagkrachtMaanden``: per graad een kortere termijn dan de CRvB (``draagkracht.maanden.<graad>``); nooit langer.
- ``looptijdSchuldregelingMaanden``: de looptijd waaraan de gemeente een schuldregeling toetst; ten minste 1 maand en
  niet langer dan de termijn waarna het college van een vordering kan afzien (``afzien.fraudevordering.jaren``,
  Pw 58 lid 7).
- ``afzienNaJarenZonderBetalingOverig``: na hoeveel jaar zonder betaling de gemeente afziet van een vordering op grond
  van Pw 58 lid 2; ten hoogste de termijn waarna dat zelfs bij een vordering na schending van de inlichtingenplicht
  kan (Pw 58 lid 7 onder c, ``afzien.fraudevordering.jaren``).
- ``vierOgen``: welke uitkomsten een tweede persoon nodig hebben voordat ze als vastgesteld gelden: graden (OPZET,
  GROVE_SCHULD, ...), een boete boven een bedrag, en maatwerk (altijd: dat kan het beleid niet uitzetten).

Wat de wet zelf vastlegt (boetepercentages, het recidivepercentage, de grens voor een waarschuwing, de beslagvrije
voet) is geen keuze: zo'n veld wordt geweigerd met de wettelijke bron.

Welke versie geldt: de versie met de laatste ``geldigVanaf`` op of vóór de peildatum van de berekening (de
beschikkingsdatum, of de dag van de berekening als die ontbreekt). Zonder vastgestelde versie geldt de landelijke
standaard. Een berekening legt vast welke versie zij gebruikte; een herberekening gebruikt precies die versie.

Waar wat staat: de keuzes, hun grondslag en een beleidsversie in ``keuzes.py``; de toets van een versie aan de wet
(en het JSON Schema van haar waarden) in ``toetsing.py``; welk beleid een berekening gebruikt in ``laag.py``.

Puur: geen FastAPI, geen database.
"""

from app.domain.beleid.keuzes import (
    AFGEWEZEN,
    AFRONDINGEN,
    GEEN_AFRONDING,
    GEMEENTE,
    GRADEN_MET_BOETE,
    KEUZES,
    LANDELIJK,
    NAAR_BOVEN_OP_TIENTALLEN,
    NIET_KIESBAAR,
    VASTGESTELD,
    VERZOEK,
    VOOR_BELEIDSLAAG,
    VOORGESTELD,
    Beleidsbron,
    Beleidsversie,
    Keuze,
)
from app.domain.beleid.laag import (
    Beleidslaag,
    Beleidslijn,
    laag_van,
    landelijk,
    stap_als_dict,
    verschillen,
    vier_ogen,
    vier_ogen_stap,
)
from app.domain.beleid.toetsing import (
    BEDRAG,
    CVDR,
    WAARDEN_SCHEMA,
    toets,
    toets_bron,
)

__all__ = [
    "AFGEWEZEN",
    "AFRONDINGEN",
    "BEDRAG",
    "CVDR",
    "GEEN_AFRONDING",
    "GEMEENTE",
    "GRADEN_MET_BOETE",
    "KEUZES",
    "LANDELIJK",
    "NAAR_BOVEN_OP_TIENTALLEN",
    "NIET_KIESBAAR",
    "VASTGESTELD",
    "VERZOEK",
    "VOORGESTELD",
    "VOOR_BELEIDSLAAG",
    "WAARDEN_SCHEMA",
    "Beleidsbron",
    "Beleidslaag",
    "Beleidslijn",
    "Beleidsversie",
    "Keuze",
    "laag_van",
    "landelijk",
    "stap_als_dict",
    "toets",
    "toets_bron",
    "verschillen",
    "vier_ogen",
    "vier_ogen_stap",
]
