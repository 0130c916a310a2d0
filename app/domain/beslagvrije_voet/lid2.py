"""De voet volgens Rv 475da lid 2 en 3 met inachtneming van lid 1, stap voor stap: de delen op centen (naar boven,
``afronding``), hun som en het maximum. De rekenkunde zelf staat in ``formule``."""

from __future__ import annotations

from decimal import Decimal

from app.domain.geld import NUL, euro
from app.domain.regels import RegelsOp
from app.domain.uitleg import Uitleg

from . import bronnen as bv
from .afronding import omhoog
from .formule import ExacteDelen, Formuleparameters, exacte_delen, formuleparameters, inkomen_op_maximum
from .model import GEHUWD, KWADRATISCH, ONDERDEEL, TEKST, BeslagvrijeVoetInvoer, Verloop, getal


def _c(inv: BeslagvrijeVoetInvoer) -> str:
    return euro(inv.belastbaar_jaarinkomen)


def _normstap(p: Formuleparameters, basis: Decimal, uitleg: Uitleg, regels: RegelsOp) -> None:
    gehuwd = p.leefsituatie in GEHUWD
    letter, pw = ("B", bv.PW_21_B) if gehuwd else ("A", bv.PW_21_A)
    uitleg.stap(
        "bvv.normdeel",
        f"{getal(p.percentage_norm)}% x {letter}: {letter} is de norm van Pw 21 onder {'b' if gehuwd else 'a'} "
        f"({euro(p.norm)} per maand, inclusief vakantietoeslag): {euro(basis)}.",
        bv.uniek(bv.rv_475da_lid_2(ONDERDEEL[p.leefsituatie]), pw, *regels.bronnen("bvv.percentageNorm")),
        {letter: f"{p.norm:.2f}", "percentage": f"{p.percentage_norm:f}"},
        {"normdeel": f"{basis:.2f}"},
    )


def _zorgstap(inv: BeslagvrijeVoetInvoer, p: Formuleparameters, d: ExacteDelen, zorg: Decimal, uitleg: Uitleg) -> None:
    gehuwd = p.leefsituatie in GEHUWD
    premie = (
        f"{getal(p.premiefactor)} x de standaardpremie van {euro(p.standaardpremie)}"
        if gehuwd
        else f"de standaardpremie van {euro(p.standaardpremie)}"
    )
    zin = (
        f"Zorgdeel ((C - D) / 12) x E: C = {_c(inv)}, D = {euro(d.drempel)} (het drempelinkomen"
        f"{', of C omdat dat lager is' if d.drempel < p.drempelinkomen else ''}), E = {getal(p.zorgpercentage)}%: "
        f"{euro(omhoog(d.zorg_ruw))}. Lid 3: ten hoogste {premie} per maand min het bedrag van Pw 23 lid 2 "
        f"({euro(p.pw23_lid2)}) = {euro(omhoog(d.zorgplafond))}. Zorgdeel: {euro(zorg)}."
    )
    if gehuwd:
        zin += (
            " Voor gehuwden telt Maatstaf tweemaal de standaardpremie: lid 3 zegt 'de standaardpremie', maar zo telt "
            "de Wet op de zorgtoeslag (art. 2 lid 1) een verzekerde met partner, en alleen zo volgen de officiële "
            "maxima van lid 1 voor gehuwden (bvv.zorgdeel.factorGehuwden, status onzeker)."
        )
    uitleg.stap(
        "bvv.zorgdeel",
        zin,
        (bv.rv_475da_lid_2(ONDERDEEL[p.leefsituatie]), bv.RV_475DA_LID_3, bv.PW_23_LID_2),
        {
            "C": f"{inv.belastbaar_jaarinkomen:.2f}",
            "D": f"{d.drempel:f}",
            "E": f"{p.zorgpercentage:f}",
            "standaardpremie": f"{p.standaardpremie:f}",
            "premiefactor": f"{p.premiefactor:f}",
            "pw23Lid2": f"{p.pw23_lid2:.2f}",
        },
        {
            "zorgdeel": f"{zorg:.2f}",
            "plafondLid3": f"{omhoog(d.zorgplafond):.2f}",
            "begrensd": d.zorg_ruw > d.zorgplafond,
        },
    )


def _woonstap(inv: BeslagvrijeVoetInvoer, p: Formuleparameters, d: ExacteDelen, woon: Decimal, uitleg: Uitleg) -> None:
    huishouden = "eenpersoons" if p.eenpersoons else "meerpersoons"
    if p.regime == KWADRATISCH:
        assert p.factor_a is not None and p.factor_b is not None, "KWADRATISCH: factor_a en factor_b"
        letters = "(F x C² + G x C) - J" if p.eenpersoons else "(H x C² + I x C) - J"
        zin = (
            f"Woondeel {letters}: de factoren {getal(p.factor_a)} en {getal(p.factor_b)} van de normhuurformule (WHT 19 lid 2, "
            f"{huishouden}huishouden), C = {_c(inv)}, J = {euro(p.j)} (de normhuur bij het minimum-inkomensijkpunt, "
            "WHT 17 lid 2)"
        )
        invoer = {"a": f"{p.factor_a:f}", "b": f"{p.factor_b:f}", "J": f"{p.j:.2f}"}
    else:
        assert p.ijkpunt is not None and p.afbouwpercentage is not None, "LINEAIR: ijkpunt en afbouwpercentage"
        letter = "F" if p.eenpersoons else "G"
        zin = (
            f"Woondeel I x ({letter} / 12), of H - J als dat minder is: I = C - het minimum-inkomensijkpunt "
            f"= {_c(inv)} - {euro(p.ijkpunt)}, {letter} = {getal(p.afbouwpercentage)}% (afbouwpercentage {huishouden}), "
            f"H = {euro(p.huurgrens)} (WHT 13 lid 1 onder a), J = {euro(p.j)} (basishuur)"
        )
        invoer = {"I": f"{inv.belastbaar_jaarinkomen - p.ijkpunt:.2f}", letter: f"{p.afbouwpercentage:f}"}
        invoer |= {"H": f"{p.huurgrens:.2f}", "J": f"{p.j:.2f}"}
    zin += f": {euro(woon)}."
    if d.woon_ruw < 0:
        zin += (
            " De formule geeft hier een negatief bedrag (het inkomen ligt onder het minimum-inkomensijkpunt). De wet "
            "noemt geen ondergrens; Maatstaf rekent met nul, zoals de normhuur onder het ijkpunt ook niet daalt "
            "(WHT 19 lid 1)."
        )
    uitleg.stap(
        "bvv.woondeel",
        zin,
        (bv.rv_475da_lid_2(ONDERDEEL[p.leefsituatie]),),
        {"C": f"{inv.belastbaar_jaarinkomen:.2f}", "formule": p.regime, **invoer},
        {"woondeel": f"{woon:.2f}", "ondergrensNul": d.woon_ruw < 0},
    )


def _kgbstap(inv: BeslagvrijeVoetInvoer, p: Formuleparameters, d: ExacteDelen, kgb: Decimal, uitleg: Uitleg) -> None:
    assert p.kgb_percentage is not None, "alleen bij een leefsituatie met kinderen"
    if p.kgb_verhoging is None:
        zin = f"Kgb-deel ((C - D) / 12) x K: C = {_c(inv)}, D = {euro(d.drempel)}, K = {getal(p.kgb_percentage)}%"
    else:
        zin = (
            f"Kgb-deel ((C - (D + L)) / 12) x K: C = {_c(inv)}, D = {euro(d.drempel)}, L = "
            f"{euro(p.kgb_verhoging)} (verhoging van het drempelinkomen voor partners, Wkgb 2 lid 8), K = "
            f"{getal(p.kgb_percentage)}%"
        )
    zin += f": {euro(kgb)}."
    if d.kgb_ruw < 0:
        zin += (
            " C ligt onder D + L: de formule geeft een negatief bedrag. De wet noemt geen ondergrens; Maatstaf rekent "
            "met nul (een kgb-deel verlaagt de voet niet)."
        )
    uitleg.stap(
        "bvv.kgbDeel",
        zin,
        (bv.rv_475da_lid_2(ONDERDEEL[p.leefsituatie]),),
        {"C": f"{inv.belastbaar_jaarinkomen:.2f}", "K": f"{p.kgb_percentage:f}", "L": f"{p.kgb_verhoging or NUL:f}"},
        {"kgbDeel": f"{kgb:.2f}", "ondergrensNul": d.kgb_ruw < 0},
    )


def voet_lid_2(
    inv: BeslagvrijeVoetInvoer, maximum: Decimal, regels: RegelsOp, uitleg: Uitleg, verloop: Verloop
) -> Decimal:
    """De voet van 475da lid 2 en 3, ten hoogste het bedrag van lid 1; elk deel naar boven op centen."""
    p = formuleparameters(inv.leefsituatie, regels)
    regels.tekst("bvv.legenda")  # de betekenis van de letters: telt mee voor het signaal als zij onzeker is
    d = exacte_delen(inv.belastbaar_jaarinkomen, p)
    onderdeel = bv.rv_475da_lid_2(ONDERDEEL[inv.leefsituatie])
    basis, zorg, woon, kgb = omhoog(d.basis), omhoog(d.zorg), omhoog(d.woon), omhoog(d.kgb)
    verloop.deel("normdeel", basis, onderdeel)
    verloop.deel("zorgdeel", zorg, bv.RV_475DA_LID_3)
    verloop.deel("woondeel", woon, onderdeel)
    if p.kgb_percentage is not None:
        verloop.deel("kgbDeel", kgb, onderdeel)
    som = basis + zorg + woon + kgb
    voet = min(som, maximum)
    if voet < som:
        verloop.deel("maximumLid1", voet - som, bv.rv_475da_lid_1(ONDERDEEL[inv.leefsituatie]))
    if uitleg.actief:
        _normstap(p, basis, uitleg, regels)
        _zorgstap(inv, p, d, zorg, uitleg)
        _woonstap(inv, p, d, woon, uitleg)
        if p.kgb_percentage is not None:
            _kgbstap(inv, p, d, kgb, uitleg)
        c_ster = inkomen_op_maximum(p)
        uitleg.stap(
            "bvv.formule",
            f"De formule van lid 2 onder {ONDERDEEL[inv.leefsituatie]} voor {TEKST[inv.leefsituatie]} geeft "
            f"{euro(som)}; met inachtneming van lid 1 (ten hoogste {euro(maximum)}) is de voet {euro(voet)}. "
            f"Volgens lid 8 horen de bedragen van lid 1 bij het inkomen waarbij "
            f"{'(a x C² + b x C)' if p.regime == KWADRATISCH else 'I x (F / 12)'} het bedrag van WHT 13 lid 1 onder a "
            f"bereikt: ongeveer {euro(c_ster)} per jaar.",
            (onderdeel, bv.rv_475da_lid_1(ONDERDEEL[inv.leefsituatie]), bv.RV_475DA_LID_8),
            {"C": f"{inv.belastbaar_jaarinkomen:.2f}", "maximum": f"{maximum:.2f}"},
            {"som": f"{som:.2f}", "voet": f"{voet:.2f}", "maximumBereikt": som >= maximum, "formule": p.regime},
        )
    return voet
