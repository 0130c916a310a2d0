"""De bronnen van de beslagvrije voet, op één plek: Rv 475c-475fa (en het oude art. 475d) en de artikelen van de
Participatiewet waarnaar zij verwijzen. Eigen constanten naast ``app/domain/bronnen.py`` (dat blijft ongemoeid); de
bronnen van de bedragen zelf (toeslagwetten, regelingen) staan bij de parameters in app/regels/beslagvrijevoet.yaml.
"""

from __future__ import annotations

from functools import cache

from app.domain.bronnen import PW, RV, Bron

RV_URL = "https://wetten.overheid.nl/BWBR0001827"
PW_URL = "https://wetten.overheid.nl/BWBR0015703"
#: De tekst van het oude art. 475d zoals die het laatst gold (tot en met 2020-12-31).
RV_OUD_URL = "https://wetten.overheid.nl/BWBR0001827/2020-10-01"


@cache  # een Bron is onveranderlijk; elke berekening vraagt dezelfde paar tientallen
def _rv(artikel: str, lid: str | None = None, onderdeel: str | None = None) -> Bron:
    return Bron(RV, artikel, lid, onderdeel, f"{RV_URL}#Artikel{artikel}")


# Rv vanaf 2021-01-01 (Wet vereenvoudiging beslagvrije voet)
RV_475D_LID_1 = _rv("475d", "1")
RV_475D_LID_2 = _rv("475d", "2")
RV_475D_LID_6 = _rv("475d", "6")
RV_475D_LID_7 = _rv("475d", "7")
RV_475DA_LID_1 = _rv("475da", "1")
RV_475DA_LID_3 = _rv("475da", "3")
RV_475DA_LID_4 = _rv("475da", "4")
RV_475DA_LID_5 = _rv("475da", "5")
RV_475DA_LID_6 = _rv("475da", "6")
RV_475DA_LID_7 = _rv("475da", "7")
RV_475DA_LID_8 = _rv("475da", "8")
RV_475DB_LID_1_A = _rv("475db", "1", "a")
RV_475DB_LID_1_B = _rv("475db", "1", "b")
RV_475DC_LID_1 = _rv("475dc", "1")
RV_475DC_LID_2 = _rv("475dc", "2")
RV_475E_LID_1 = _rv("475e", "1")
RV_475E_LID_2 = _rv("475e", "2")
RV_475FA = _rv("475fa")


def rv_475da_lid_1(onderdeel: str) -> Bron:
    """475da lid 1 onder a-d: het maximum van één leefsituatie."""
    return _rv("475da", "1", onderdeel)


def rv_475da_lid_2(onderdeel: str | None = None) -> Bron:
    """475da lid 2 (onder a-d: de formule van één leefsituatie)."""
    return _rv("475da", "2", onderdeel)


# Het oude art. 475d (tot en met 2020-12-31) en de regels eromheen, met de url van de laatst geldende tekst
RV_OUD_475D_LID_1 = Bron(RV, "475d (oud)", "1", url=f"{RV_OUD_URL}#Artikel475d")
RV_OUD_475D_LID_2 = Bron(RV, "475d (oud)", "2", url=f"{RV_OUD_URL}#Artikel475d")
RV_OUD_475D_LID_3 = Bron(RV, "475d (oud)", "3", url=f"{RV_OUD_URL}#Artikel475d")
RV_OUD_475D_LID_4 = Bron(RV, "475d (oud)", "4", url=f"{RV_OUD_URL}#Artikel475d")
RV_OUD_475D_LID_5 = Bron(RV, "475d (oud)", "5", url=f"{RV_OUD_URL}#Artikel475d")
RV_OUD_475E = Bron(RV, "475e (oud)", url=f"{RV_OUD_URL}#Artikel475e")
RV_OUD_475G_LID_2 = Bron(RV, "475g (oud)", "2", url=f"{RV_OUD_URL}#Artikel475g")

# Participatiewet
PW_21_A = Bron(PW, "21", onderdeel="a", url=f"{PW_URL}#Artikel21")
PW_21_B = Bron(PW, "21", onderdeel="b", url=f"{PW_URL}#Artikel21")
PW_23_LID_1 = Bron(PW, "23", "1", url=f"{PW_URL}#Artikel23")
PW_23_LID_2 = Bron(PW, "23", "2", url=f"{PW_URL}#Artikel23")
PW_32 = Bron(PW, "32", url=f"{PW_URL}#Artikel32")


@cache
def uniek(*bronnen: Bron) -> tuple[Bron, ...]:
    """De bronnen zonder herhaling (zelfde wet, artikel, lid en onderdeel; de eerste wint), in volgorde."""
    gezien: dict[str, Bron] = {}
    for bron in bronnen:
        gezien.setdefault(bron.kort(), bron)
    return tuple(gezien.values())
