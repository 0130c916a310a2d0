"""Alle wettelijke bronnen die de uitleg noemt, op één plek. Zoek op artikelnummer (bijv. ``18A_LID_13``)."""

from __future__ import annotations

from dataclasses import dataclass

PW = "Participatiewet"
BB = "Boetebesluit socialezekerheidswetten"
AWB = "Algemene wet bestuursrecht"
RV = "Wetboek van Burgerlijke Rechtsvordering"
SR = "Wetboek van Strafrecht"
CRVB = "Centrale Raad van Beroep"
FW = "Faillissementswet"
WWB = "Wet werk en bijstand"  # de citeertitel van BWBR0015703 tot 2015-01-01 (parameter citeertitel.Participatiewet)


@dataclass(frozen=True, slots=True)
class Bron:
    wet: str
    artikel: str
    lid: str | None = None
    onderdeel: str | None = None
    url: str | None = None

    def als_dict(self) -> dict[str, str]:
        d = {"wet": self.wet, "artikel": self.artikel}
        if self.lid is not None:
            d["lid"] = self.lid
        if self.onderdeel is not None:
            d["onderdeel"] = self.onderdeel
        if self.url is not None:
            d["url"] = self.url
        return d

    def kort(self) -> str:
        """Zoals een jurist het schrijft: "Pw 18a lid 7", "Awb 5:46 lid 2"."""
        afkorting = {PW: "Pw", WWB: "WWB", AWB: "Awb", BB: "Boetebesluit", RV: "Rv", SR: "Sr"}.get(self.wet, self.wet)
        tekst = f"{afkorting} {self.artikel}"
        if self.lid:
            tekst += f" lid {self.lid}"
        if self.onderdeel:
            tekst += f" onder {self.onderdeel}"
        return tekst


# Participatiewet
PW_17_LID_1 = Bron(PW, "17", "1")
PW_18A_LID_1 = Bron(PW, "18a", "1")
PW_18A_LID_2 = Bron(PW, "18a", "2")
PW_18A_LID_3 = Bron(PW, "18a", "3")
PW_18A_LID_4 = Bron(PW, "18a", "4")
PW_18A_LID_5 = Bron(PW, "18a", "5")
PW_18A_LID_6 = Bron(PW, "18a", "6")
PW_18A_LID_7 = Bron(PW, "18a", "7")
PW_18A_LID_13 = Bron(PW, "18a", "13")
PW_18A_LID_14 = Bron(PW, "18a", "14")
PW_19_LID_3 = Bron(PW, "19", "3")
PW_21 = Bron(PW, "21")
PW_34 = Bron(PW, "34")
PW_58_LID_1 = Bron(PW, "58", "1")
PW_58_LID_2 = Bron(PW, "58", "2")
PW_58_LID_5 = Bron(PW, "58", "5")
PW_58_LID_7 = Bron(PW, "58", "7")
PW_58_LID_7_D = Bron(PW, "58", "7", "d")  # afzien bij aflossing ineens van ten minste de helft
PW_58_LID_8 = Bron(PW, "58", "8")
PW_60_LID_4 = Bron(PW, "60", "4")
PW_60_LID_7 = Bron(PW, "60", "7")  # terugvordering van bijstand is bevoorrecht
PW_60C = Bron(PW, "60c")

# Boetebesluit socialezekerheidswetten
BB_2_LID_2 = Bron(BB, "2", "2")
BB_2_LID_3 = Bron(BB, "2", "3")
BB_2_LID_4 = Bron(BB, "2", "4")
BB_2_LID_5 = Bron(BB, "2", "5")
BB_2_LID_6 = Bron(BB, "2", "6")
BB_2_LID_7 = Bron(BB, "2", "7")
BB_2_LID_8 = Bron(BB, "2", "8")
BB_2_LID_9 = Bron(BB, "2", "9")
BB_2_LID_11 = Bron(BB, "2", "11")
BB_2A_LID_2 = Bron(BB, "2a", "2")
BB_2A_LID_3 = Bron(BB, "2a", "3")
BB_2A_LID_4 = Bron(BB, "2a", "4")
BB_2AA_LID_1 = Bron(BB, "2aa", "1")
BB_2AA_LID_2 = Bron(BB, "2aa", "2")

# Algemene wet bestuursrecht
AWB_4_81_LID_1 = Bron(AWB, "4:81", "1")  # beleidsregels bij een eigen bevoegdheid
AWB_4_93_LID_4 = Bron(AWB, "4:93", "4")
AWB_4_94A = Bron(AWB, "4:94a")
FW_287A_LID_5 = Bron(FW, "287a", "5")  # dwangakkoord: een weigering moet redelijk zijn
AWB_5_41 = Bron(AWB, "5:41")
AWB_5_45_LID_1 = Bron(AWB, "5:45", "1")
AWB_5_45_LID_2 = Bron(AWB, "5:45", "2")
AWB_5_45_LID_3 = Bron(AWB, "5:45", "3")
AWB_5_46_LID_2 = Bron(AWB, "5:46", "2")
AWB_5_46_LID_3 = Bron(AWB, "5:46", "3")
AWB_5_53_LID_1 = Bron(AWB, "5:53", "1")

# Overig
RV_475DC_LID_2 = Bron(RV, "475dc", "2")
SR_23_LID_4 = Bron(SR, "23", "4")
CRVB_2016_9 = Bron(CRVB, "ECLI:NL:CRVB:2016:9")
CRVB_2016_10 = Bron(CRVB, "ECLI:NL:CRVB:2016:10")
CRVB_2016_12 = Bron(CRVB, "ECLI:NL:CRVB:2016:12")
CRVB_2017_2436 = Bron(CRVB, "ECLI:NL:CRVB:2017:2436")
CRVB_2020_BVV = Bron(CRVB, "uitspraak 4 augustus 2020 (beslagvrije voet 95%)")
CRVB_2014_3754 = Bron(CRVB, "ECLI:NL:CRVB:2014:3754")
CRVB_2015_1807 = Bron(CRVB, "ECLI:NL:CRVB:2015:1807")
CRVB_2016_8 = Bron(CRVB, "ECLI:NL:CRVB:2016:8")
CRVB_2016_11 = Bron(CRVB, "ECLI:NL:CRVB:2016:11")
CRVB_2017_1116 = Bron(CRVB, "ECLI:NL:CRVB:2017:1116")
CRVB_2023_860 = Bron(
    CRVB, "ECLI:NL:CRVB:2023:860", url="https://uitspraken.rechtspraak.nl/inziendocument?id=ECLI:NL:CRVB:2023:860"
)
EVRM_6 = Bron("Europees Verdrag voor de Rechten van de Mens", "6", "1")

# Teksten die niet meer gelden: het boeteregime van de Fraudewet (2013-01-01 tot en met 2016-12-31). De url wijst
# naar de geconsolideerde tekst van die datum, zodat een lezer de toen geldende tekst vindt.
_BB_2013 = "https://wetten.overheid.nl/BWBR0011708/2013-01-01#Artikel2"
_BB_2013_2A = "https://wetten.overheid.nl/BWBR0011708/2013-01-01#Artikel2a"
_PW_2016 = "https://wetten.overheid.nl/BWBR0015703/2016-12-08#Artikel18a"
_PW_2016_60B = "https://wetten.overheid.nl/BWBR0015703/2016-12-08#Artikel60b"
_WWB_2014 = "https://wetten.overheid.nl/BWBR0015703/2014-07-01"
BB_OUD_2_LID_1 = Bron(BB, "2", "1", url=_BB_2013)
BB_OUD_2_LID_2 = Bron(BB, "2", "2", url=_BB_2013)
BB_OUD_2_LID_3 = Bron(BB, "2", "3", url=_BB_2013)
PW_OUD_18A_LID_1 = Bron(PW, "18a", "1", url=_PW_2016)
PW_OUD_18A_LID_4 = Bron(PW, "18a", "4", url=_PW_2016)
PW_OUD_18A_LID_7_A = Bron(PW, "18a", "7", "a", url=_PW_2016)  # verlagen bij verminderde verwijtbaarheid (tot 2017)
PW_OUD_18A_LID_7_B = Bron(PW, "18a", "7", "b", url=_PW_2016)  # afzien wegens dringende redenen (tot 2017)
PW_OUD_60B = Bron(PW, "60b", "1", url=_PW_2016_60B)  # recidiveboete verrekenen zonder beslagvrije voet (tot 2017)
BB_OUD_2A_LID_2 = Bron(BB, "2a", "2", url=_BB_2013_2A)  # alleen onderdelen a-c (tot 2017)
WWB_25_LID_2 = Bron(WWB, "25", "2", url=f"{_WWB_2014}#Artikel25")  # maximale gemeentelijke toeslag
WWB_30_LID_2_A = Bron(WWB, "30", "2", "a", url=f"{_WWB_2014}#Artikel30")  # toeslag op het maximum als niemand meewoont

# Commentaar (geen wet): genoemd waar Maatstaf een omstreden punt aan de professional laat.
SCHULINCK_4_94A = Bron(
    "Schulinck (opinie)",
    "Een nieuwe kwijtscheldingsbevoegdheid in de Awb",
    url="https://www.schulinck.nl/opinie/een-nieuwe-kwijtscheldingsbevoegdheid-in-de-awb",
)

# Afspraken (geen wet): waarbinnen de gemeente een betaalvoorstel beantwoordt.
SCHULDENKNOOPPUNT_TERMIJN = Bron(
    "Afsprakenstelsel Schuldenknooppunt",
    "SR Procesafspraken SE, 2.3",
    url="https://schuldenknooppunt.nl/infoportaal/afsprakenstelsel/sr-procesafspraken-se/",
)
