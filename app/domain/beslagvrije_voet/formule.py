"""De formule van Rv 475da lid 2 (met lid 3), exact: de delen zonder afronding, per versie van de wet.

- 2021-01-01 t/m 2025-12-31 (KWADRATISCH): woondeel (a x C² + b x C) - J, met de factoren a en b van de
  normhuurformule (WHT 19 lid 2) voor een eenpersoonshuishouden (F, G: de alleenstaande) of een meerpersoonshuishouden
  (H, I: de andere drie), J de normhuur bij het minimum-inkomensijkpunt (WHT 17 lid 2).
- vanaf 2026-01-01 (LINEAIR): woondeel I x (F / 12), of H - J als dat minder is; I = C min het minimum-inkomensijkpunt,
  F of G het afbouwpercentage (de alleenstaande ouder krijgt G, zoals de tekst zegt), H het bedrag van WHT 13 lid 1
  onder a, J de basishuur.
- Zorgdeel ((C - D) / 12) x E, D = het drempelinkomen of C als dat lager is, ten hoogste (lid 3) de standaardpremie per
  maand min het bedrag van Pw 23 lid 2; voor gehuwden tweemaal de standaardpremie (rule data, zie de verificatie).
- Kgb-deel (alleenstaande ouder) ((C - D) / 12) x K; gehuwden met kinderen ((C - (D + L)) / 12) x K.

Waar de tekst geen ondergrens heeft, is een negatief woondeel (inkomen onder het minimum-inkomensijkpunt) of kgb-deel
(C onder D + L) nul: WHT 19 lid 1 laat de normhuur onder het ijkpunt ook niet dalen, en het kindgebonden budget wordt
niet hoger dan het maximum. De aanroeper (``berekening``) zet dat in de uitleg.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.domain.geld import HONDERD, NUL
from app.domain.regels import RegelsOp

from .model import ALLEENSTAANDE, ALLEENSTAANDE_OUDER, GEHUWD, GEHUWDEN_MET_KINDEREN, KWADRATISCH, LINEAIR

TWAALF = Decimal(12)
NORM = {True: "norm.gehuwden", False: "norm.alleenstaande"}


@dataclass(frozen=True, slots=True)
class Formuleparameters:
    """Alles wat de formule op de peildatum voor één leefsituatie nodig heeft. Woondeel: ``factor_a``/``factor_b``
    (KWADRATISCH) of ``ijkpunt``/``afbouwpercentage`` (LINEAIR); ``huurgrens`` is H, ``j`` is J."""

    regime: str
    leefsituatie: str
    percentage_norm: Decimal
    norm: Decimal
    drempelinkomen: Decimal
    zorgpercentage: Decimal
    standaardpremie: Decimal
    premiefactor: Decimal
    pw23_lid2: Decimal
    huurgrens: Decimal
    j: Decimal
    factor_a: Decimal | None = None
    factor_b: Decimal | None = None
    ijkpunt: Decimal | None = None
    afbouwpercentage: Decimal | None = None
    kgb_percentage: Decimal | None = None
    kgb_verhoging: Decimal | None = None

    @property
    def eenpersoons(self) -> bool:
        return self.leefsituatie == ALLEENSTAANDE

    @property
    def zorgplafond(self) -> Decimal:
        """Lid 3: de standaardpremie (voor gehuwden tweemaal) per maand min het bedrag van Pw 23 lid 2."""
        return self.standaardpremie * self.premiefactor / TWAALF - self.pw23_lid2


def formuleparameters(leefsituatie: str, regels: RegelsOp) -> Formuleparameters:
    """De parameters van de datum (``regels``); elke gebruikte waarde telt mee voor de signalen over 'onzeker'."""
    regime = regels.tekst("bvv.regime")
    gehuwd = leefsituatie in GEHUWD
    huishouden = "eenpersoons" if leefsituatie == ALLEENSTAANDE else "meerpersoons"
    w = regels.waarde
    woon: dict[str, Decimal] = {}
    if regime == KWADRATISCH:
        woon = {
            "factor_a": w(f"bvv.huurtoeslag.factorA.{huishouden}"),
            "factor_b": w(f"bvv.huurtoeslag.factorB.{huishouden}"),
            "j": w("bvv.huurtoeslag.normhuurMinimum"),
        }
    elif regime == LINEAIR:
        woon = {
            "ijkpunt": w(f"bvv.huurtoeslag.minimumInkomensijkpunt.{huishouden}"),
            "afbouwpercentage": w(f"bvv.huurtoeslag.afbouwpercentage.{huishouden}"),
            "j": w(f"bvv.huurtoeslag.basishuur.{huishouden}"),
        }
    else:
        raise ValueError(f"geen formule van 475da lid 2 voor regime {regime}")
    kgb: dict[str, Decimal] = {}
    if leefsituatie in (ALLEENSTAANDE_OUDER, GEHUWDEN_MET_KINDEREN):
        kgb["kgb_percentage"] = w("bvv.kgb.percentage")
    if leefsituatie == GEHUWDEN_MET_KINDEREN:
        kgb["kgb_verhoging"] = w("bvv.kgb.verhogingDrempelPartner")
    return Formuleparameters(
        regime=regime,
        leefsituatie=leefsituatie,
        percentage_norm=w("bvv.percentageNorm"),
        norm=w(NORM[gehuwd]),
        drempelinkomen=w("bvv.zorgdeel.drempelinkomen"),
        zorgpercentage=w("bvv.zorgdeel.percentage"),
        standaardpremie=w("bvv.zorgdeel.standaardpremie"),
        premiefactor=w("bvv.zorgdeel.factorGehuwden") if gehuwd else Decimal(1),
        pw23_lid2=w("bvv.pw23lid2.gehuwden" if gehuwd else "bvv.pw23lid2.alleenstaande"),
        huurgrens=w("bvv.huurtoeslag.huurgrens"),
        **woon,
        **kgb,
    )


@dataclass(frozen=True, slots=True)
class ExacteDelen:
    """De delen van lid 2 per maand, exact (niet afgerond). ``woon_ruw`` en ``kgb_ruw`` vóór de ondergrens nul."""

    basis: Decimal
    drempel: Decimal
    zorg_ruw: Decimal
    zorgplafond: Decimal
    woon_ruw: Decimal
    kgb_ruw: Decimal

    @property
    def zorg(self) -> Decimal:
        return min(self.zorg_ruw, self.zorgplafond)

    @property
    def woon(self) -> Decimal:
        return max(NUL, self.woon_ruw)

    @property
    def kgb(self) -> Decimal:
        return max(NUL, self.kgb_ruw)

    @property
    def som(self) -> Decimal:
        return self.basis + self.zorg + self.woon + self.kgb


def woondeel(c: Decimal, p: Formuleparameters) -> Decimal:
    """Het woondeel van lid 2 per maand, exact en zonder ondergrens."""
    if p.regime == KWADRATISCH:
        assert p.factor_a is not None and p.factor_b is not None, "KWADRATISCH: factor_a en factor_b"
        return p.factor_a * c * c + p.factor_b * c - p.j
    assert p.ijkpunt is not None and p.afbouwpercentage is not None, "LINEAIR: ijkpunt en afbouwpercentage"
    i = c - p.ijkpunt
    return min(i * p.afbouwpercentage / HONDERD / TWAALF, p.huurgrens - p.j)


def exacte_delen(c: Decimal, p: Formuleparameters) -> ExacteDelen:
    """Lid 2 onder a-d en lid 3 voor het jaarinkomen ``c`` (C), per maand, zonder afronding."""
    drempel = min(p.drempelinkomen, c)  # "of voor C, indien C lager is dan dit drempelbedrag"
    zorg = (c - drempel) / TWAALF * p.zorgpercentage / HONDERD
    kgb = NUL
    if p.kgb_percentage is not None:
        boven = c - (drempel + (p.kgb_verhoging or NUL))
        kgb = boven / TWAALF * p.kgb_percentage / HONDERD
    return ExacteDelen(
        basis=p.percentage_norm / HONDERD * p.norm,
        drempel=drempel,
        zorg_ruw=zorg,
        zorgplafond=p.zorgplafond,
        woon_ruw=woondeel(c, p),
        kgb_ruw=kgb,
    )


def inkomen_op_maximum(p: Formuleparameters) -> Decimal:
    """Lid 8: het jaarinkomen C* waarbij (F x C² + G x C) resp. I x (F / 12) gelijk is aan het bedrag van WHT 13 lid 1
    onder a; bij dat inkomen zijn de bedragen van lid 1 vastgesteld. Exact (een wortel bij de kwadratische formule)."""
    if p.regime == KWADRATISCH:
        a, b = p.factor_a, p.factor_b
        assert a is not None and b is not None, "KWADRATISCH: factor_a en factor_b"
        return (-b + (b * b + 4 * a * p.huurgrens).sqrt()) / (2 * a)
    assert p.ijkpunt is not None and p.afbouwpercentage is not None, "LINEAIR: ijkpunt en afbouwpercentage"
    return p.ijkpunt + p.huurgrens * TWAALF * HONDERD / p.afbouwpercentage
