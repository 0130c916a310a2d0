"""SPEC §3.5 — wat de gemeente in een (minnelijke) schuldregeling mag kwijtschelden (Pw 60c, Pw 18a lid 13).

Per vordering:
- KWIJTSCHELDING_MOGELIJK: het college mag meewerken aan een regeling die tot kwijtschelding leidt;
- ALLEEN_VOLLEDIGE_BETALING: Pw 60c (opzet of grove schuld, en een boete of aangifte) of, voor een boete, Pw 18a
  lid 13 (opzet of grove schuld) staat kwijtschelding niet toe: de regeling moet deze vordering volledig betalen;
- OP_VERZOEK: een boete zonder opzet of grove schuld kan op verzoek worden kwijtgescholden (Pw 18a lid 13), mits
  binnen een jaar na de oplegging niet opnieuw eenzelfde overtreding is begaan.

Keuzes waar SPEC zwijgt: OP_VERZOEK telt mee in ``totaalKwijtscheldbaar`` (de schuldhulpverlener kan het verzoek
doen) en staat apart in ``totaalOpVerzoek``. Het aflostempo is de verrekenruimte van SPEC §3.3: norm min 95% van de
norm op bijstandsniveau, anders inkomen min beslagvrije voet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain import bronnen as b
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.geld import HONDERD, NUL, euro, maanden_nodig
from app.domain.huishouden import (
    Huishouden,
    controleer_huishouden,
    met_beslagvrije_voet,
    toepasselijke_norm,
    verrekenruimte,
)
from app.domain.kwijtschelding import (
    BOETE,
    PW_18A_LID_13,
    PW_60C_ABSOLUUT,
    PW_60C_OPZET_OF_GROVE_SCHULD,
    TERUGVORDERING_FRAUDE,
    Vordering,
    bestaat,
    bestond_niet,
    controleer_vordering,
    pw_60c_blokkeert,
    pw_60c_tekst,
    verwijtbaarheid_nodig,
    zwaar_verwijtbaar,
)
from app.domain.regels import RegelsOp, bevestigd_stap
from app.domain.uitleg import Stap, Uitleg

KWIJTSCHELDING_MOGELIJK = "KWIJTSCHELDING_MOGELIJK"
ALLEEN_VOLLEDIGE_BETALING = "ALLEEN_VOLLEDIGE_BETALING"
OP_VERZOEK = "OP_VERZOEK"


@dataclass(frozen=True, slots=True)
class GenoemdeVordering:
    id: str
    vordering: Vordering


@dataclass(frozen=True, slots=True)
class Toets:
    id: str
    status: str
    bedrag: Decimal
    redenen: tuple[str, ...]
    bron: tuple[b.Bron, ...]


@dataclass(frozen=True, slots=True)
class Schuldregelingsuitkomst:
    vorderingen: tuple[Toets, ...]
    totaal_kwijtscheldbaar: Decimal
    totaal_op_verzoek: Decimal
    totaal_blijft_staan: Decimal
    per_maand: Decimal | None
    maanden_nodig: int | None
    looptijd_maanden: int
    stappen: list[Stap]
    signalen: list[str]


def toets_vordering(g: GenoemdeVordering, regels: RegelsOp) -> Toets:
    """De status van één vordering: een boete (Pw 18a lid 13), een vordering onder het verbod van Pw 60c, of een
    terugvordering die in de regeling kan worden kwijtgescholden."""
    v = g.vordering
    graad = {"OPZET": "opzet", "GROVE_SCHULD": "grove schuld"}.get(v.verwijtbaarheid or "", "")
    if v.soort == BOETE:
        return _toets_boete(g, graad, regels)
    if pw_60c_blokkeert(v, regels):
        return _verbod_pw_60c(g, graad, regels)
    return _toets_terugvordering(g, graad, regels)


def _toets_boete(g: GenoemdeVordering, graad: str, regels: RegelsOp) -> Toets:
    """Een boete: kwijtschelding op verzoek, behalve bij opzet of grove schuld (Pw 18a lid 13, sinds 2017; lid 14)."""
    v = g.vordering
    if not bestaat(PW_18A_LID_13, regels):
        return Toets(
            g.id,
            ALLEEN_VOLLEDIGE_BETALING,
            v.openstaand,
            (
                bestond_niet(PW_18A_LID_13, regels)
                + " Er was toen geen wettelijke grond om een boete kwijt te schelden.",
            ),
            (b.PW_18A_LID_13,),
        )
    if zwaar_verwijtbaar(v.verwijtbaarheid):
        return Toets(
            g.id,
            ALLEEN_VOLLEDIGE_BETALING,
            v.openstaand,
            (f"Een boete voor een overtreding met {graad} kan niet worden kwijtgescholden (Pw 18a lid 13).",),
            (b.PW_18A_LID_13,),
        )
    return Toets(
        g.id,
        OP_VERZOEK,
        v.openstaand,
        (
            "Zonder opzet of grove schuld kan het college de boete bij een schuldregeling op verzoek geheel of "
            f"gedeeltelijk kwijtschelden (Pw 18a lid 13), als binnen "
            f"{regels.geheel('kwijtschelding.boete.geenHerhalingJaren')} jaar na de oplegging niet opnieuw "
            "eenzelfde overtreding is begaan.",
            f"Wordt binnen {regels.geheel('kwijtschelding.boete.intrekkingJaren')} jaar na het kwijtscheldingsbesluit opnieuw eenzelfde overtreding begaan, dan wordt "
            "de kwijtschelding ingetrokken (Pw 18a lid 14).",
        ),
        (b.PW_18A_LID_13, b.PW_18A_LID_14),
    )


def _verbod_pw_60c(g: GenoemdeVordering, graad: str, regels: RegelsOp) -> Toets:
    """Pw 60c: geen medewerking aan een regeling die een vordering na een boete of aangifte kwijtscheldt (de tekst
    op de datum bepaalt of dat opzet of grove schuld vraagt en of ook volledige betaling verboden was)."""
    v = g.vordering
    grond = "is een boete opgelegd" if v.boete_opgelegd else "is aangifte gedaan"
    tekst = pw_60c_tekst(regels)
    if tekst == PW_60C_OPZET_OF_GROVE_SCHULD:
        oorzaak = f"De vordering is ontstaan door {graad} en daarvoor {grond}"
    else:
        oorzaak = (
            f"De vordering is ontstaan door schending van de inlichtingenplicht en daarvoor {grond}; de tekst "
            f"van Pw 60c op {regels.datum.isoformat()} vroeg geen opzet of grove schuld"
        )
    redenen = [
        f"{oorzaak}: de gemeente mag niet meewerken aan een schuldregeling die tot (gedeeltelijke) "
        "kwijtschelding ervan leidt (Pw 60c).",
    ]
    if tekst == PW_60C_ABSOLUUT:
        tot = regels.versie("pw60c.tekst").geldig_tot
        assert tot is not None, "de tekst ABSOLUUT heeft een einddatum (pw60c.tekst, t/m 2015-12-31)"
        redenen.append(
            f"De tekst van Pw 60c tot en met {tot.isoformat()} verbood zelfs elke medewerking aan een "
            "schuldregeling met zo'n vordering, ook als die volledig werd betaald."
        )
    else:
        redenen.append("Een regeling die deze vordering volledig betaalt, is wel toegestaan.")
    return Toets(g.id, ALLEEN_VOLLEDIGE_BETALING, v.openstaand, tuple(redenen), (b.PW_60C,))


def _toets_terugvordering(g: GenoemdeVordering, graad: str, regels: RegelsOp) -> Toets:
    """Een terugvordering die Pw 60c niet blokkeert: kwijtschelding mogelijk (Pw 58 lid 1 of lid 2)."""
    v = g.vordering
    if v.soort == TERUGVORDERING_FRAUDE and pw_60c_tekst(regels) is None:
        return Toets(
            g.id,
            KWIJTSCHELDING_MOGELIJK,
            v.openstaand,
            (f"Pw 60c bestond op {regels.datum.isoformat()} nog niet: er gold geen verbod op kwijtschelding.",),
            (b.PW_60C, b.PW_58_LID_1),
        )
    if v.soort == TERUGVORDERING_FRAUDE:
        reden = (
            "Er is geen boete opgelegd en geen aangifte gedaan: Pw 60c staat kwijtschelding niet in de weg."
            if pw_60c_tekst(regels) != PW_60C_OPZET_OF_GROVE_SCHULD
            else "Geen opzet of grove schuld: Pw 60c staat medewerking aan een schuldregeling met kwijtschelding niet in de weg."
            if not zwaar_verwijtbaar(v.verwijtbaarheid)
            else f"Er was {graad}, maar geen boete en geen aangifte: Pw 60c staat kwijtschelding niet in de weg."
        )
        return Toets(g.id, KWIJTSCHELDING_MOGELIJK, v.openstaand, (reden,), (b.PW_60C, b.PW_58_LID_1))
    return Toets(
        g.id,
        KWIJTSCHELDING_MOGELIJK,
        v.openstaand,
        ("Een terugvordering op grond van Pw 58 lid 2 valt niet onder het verbod van Pw 60c.",),
        (b.PW_60C, b.PW_58_LID_2),
    )


def toets_schuldregeling(
    vorderingen: tuple[GenoemdeVordering, ...],
    huishouden: Huishouden | None,
    looptijd_maanden: int,
    beschikkingsdatum: date,
    regels: RegelsOp,
    aangeboden_percentage: Decimal | None = None,
    looptijd_herkomst: str | None = None,
) -> Schuldregelingsuitkomst:
    """Toetst elke vordering aan Pw 60c en Pw 18a lid 13 en berekent hoe lang aflossen van wat blijft staan duurt.

    ``looptijd_herkomst``: None als de looptijd uit het beleid van de gemeente komt, "VERZOEK" als het verzoek hem
    noemde (de uitleg zegt welke van de twee).

    Zonder ``huishouden`` wordt het aflostempo niet berekend (``per_maand`` en ``maanden_nodig`` zijn dan None).
    """
    _controleer(vorderingen, huishouden, beschikkingsdatum, regels)
    uitleg = Uitleg()
    uitleg.citeer_volgens(regels.citeertitels())
    toetsen = tuple(toets_vordering(g, regels) for g in vorderingen)
    for t in toetsen:
        uitleg.stap(
            f"schuldregeling.{t.status.lower()}",
            f"Vordering {t.id} ({euro(t.bedrag)} openstaand): " + " ".join(t.redenen),
            t.bron,
            {"id": t.id, "bedrag": f"{t.bedrag:.2f}"},
            {"status": t.status},
        )
    kwijt, op_verzoek, blijft = _totalen(toetsen, uitleg)
    if aangeboden_percentage is not None and aangeboden_percentage < HONDERD and blijft > 0:
        uitleg.signaal(
            f"De voorgestelde regeling biedt {aangeboden_percentage.normalize():f}%, maar {euro(blijft)} moet volledig (100%) "
            "worden betaald (Pw 60c, Pw 18a lid 13): de gemeente kan alleen meewerken als de regeling dat deel "
            "volledig voldoet."
        )
    if huishouden is None:
        uitleg.signaal(
            "Er is geen huishouden opgegeven: het aflostempo (verrekenruimte) en de benodigde maanden zijn niet "
            "berekend."
        )
        return Schuldregelingsuitkomst(
            toetsen, kwijt, op_verzoek, blijft, None, None, looptijd_maanden, uitleg.stappen, uitleg.signalen
        )
    per_maand, maanden = _aflostempo(huishouden, blijft, looptijd_maanden, looptijd_herkomst, regels, uitleg)
    bevestigd_stap(uitleg, regels)
    return Schuldregelingsuitkomst(
        toetsen, kwijt, op_verzoek, blijft, per_maand, maanden, looptijd_maanden, uitleg.stappen, uitleg.signalen
    )


def _controleer(
    vorderingen: tuple[GenoemdeVordering, ...], huishouden: Huishouden | None, beschikkingsdatum: date, regels: RegelsOp
) -> None:
    """Elke vordering geldig en met een eigen id, samen in één Invoerfout (SPEC §1.1a); daarna het huishouden."""
    problemen: list[Invoerprobleem] = []
    gezien: dict[str, int] = {}
    for i, g in enumerate(vorderingen):
        nodig = verwijtbaarheid_nodig(g.vordering.soort, True, regels)
        problemen += controleer_vordering(g.vordering, beschikkingsdatum, f"vorderingen.{i}", nodig)
        if g.id in gezien:
            problemen.append(
                Invoerprobleem(f"vorderingen.{i}.id", "dubbel", f"Dit id komt al voor bij vordering {gezien[g.id]}.")
            )
        gezien.setdefault(g.id, i)
    if problemen:
        raise Invoerfout(*problemen)
    if huishouden is not None:
        controleer_huishouden(huishouden)


def _totalen(toetsen: tuple[Toets, ...], uitleg: Uitleg) -> tuple[Decimal, Decimal, Decimal]:
    """(kwijt te schelden, waarvan op verzoek, volledig te betalen) over alle vorderingen."""
    kwijt = sum((t.bedrag for t in toetsen if t.status != ALLEEN_VOLLEDIGE_BETALING), NUL)
    op_verzoek = sum((t.bedrag for t in toetsen if t.status == OP_VERZOEK), NUL)
    blijft = sum((t.bedrag for t in toetsen if t.status == ALLEEN_VOLLEDIGE_BETALING), NUL)
    uitleg.stap(
        "schuldregeling.totalen",
        f"In de regeling kan {euro(kwijt)} worden kwijtgescholden (waarvan {euro(op_verzoek)} op verzoek); "
        f"{euro(blijft)} moet volledig worden betaald.",
        (b.PW_60C, b.PW_18A_LID_13),
        {"aantalVorderingen": len(toetsen)},
        {
            "totaalKwijtscheldbaar": f"{kwijt:.2f}",
            "totaalOpVerzoek": f"{op_verzoek:.2f}",
            "totaalBlijftStaan": f"{blijft:.2f}",
        },
    )
    return kwijt, op_verzoek, blijft


def _aflostempo(
    huishouden: Huishouden,
    blijft: Decimal,
    looptijd_maanden: int,
    looptijd_herkomst: str | None,
    regels: RegelsOp,
    uitleg: Uitleg,
) -> tuple[Decimal, int | None]:
    """(per maand, maanden nodig): hoe lang aflossen van wat volledig betaald moet worden duurt, in het tempo van de
    verrekenruimte (Awb 4:93 lid 4; Rv 475dc), naast de looptijd en de termijn van Pw 58 lid 7."""
    huishouden = met_beslagvrije_voet(huishouden, regels, uitleg)  # boven bijstandsniveau: opgegeven of berekend
    norm = toepasselijke_norm(huishouden, regels, uitleg) if huishouden.op_bijstandsniveau else None
    per_maand = verrekenruimte(huishouden, norm, regels, uitleg)
    maanden = maanden_nodig(blijft, per_maand)
    tien_jaar = regels.geheel("afzien.fraudevordering.jaren") * 12
    if maanden is None:
        zin = f"Er is geen aflosruimte: {euro(blijft)} kan in dit tempo niet worden betaald."
        uitleg.signaal(
            f"Er is geen aflosruimte boven de beslagvrije voet, terwijl {euro(blijft)} volledig betaald moet worden. "
            "Bespreek uitstel van betaling (Awb 4:94) of een dwangakkoord of de Wsnp."
        )
    else:
        zin = f"In een tempo van {euro(per_maand)} per maand is {euro(blijft)} in {maanden} maanden betaald."
        if maanden > looptijd_maanden:
            uitleg.signaal(
                f"Wat volledig betaald moet worden ({euro(blijft)}) vraagt {maanden} maanden, langer dan de looptijd "
                f"van de regeling ({looptijd_maanden} maanden)."
            )
        if maanden > tien_jaar:
            uitleg.signaal(
                f"Aflossen duurt {maanden} maanden, meer dan {tien_jaar // 12} jaar; daarna kan het college op grond van "
                "Pw 58 lid 7 van verdere terugvordering afzien."
            )
    uitleg.stap(
        "schuldregeling.aflostempo",
        zin,
        (b.AWB_4_93_LID_4, b.RV_475DC_LID_2),
        {"perMaand": f"{per_maand:.2f}", "totaalBlijftStaan": f"{blijft:.2f}", "looptijdMaanden": looptijd_maanden},
        {"maandenNodig": maanden},
        (("looptijdSchuldregelingMaanden", looptijd_herkomst),),
    )
    return per_maand, maanden
