"""Geld: exacte Decimal-bedragen, afgerond zoals SPEC §1.2 voorschrijft (bedragen ten laste van de burger naar beneden)."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

CENT = Decimal("0.01")
NUL = Decimal("0.00")
TIEN = Decimal("10")
HONDERD = Decimal("100")


def naar_beneden(bedrag: Decimal) -> Decimal:
    """Rond naar beneden af op hele centen (in het voordeel van de belanghebbende)."""
    return bedrag.quantize(CENT, rounding=ROUND_FLOOR)


def percentage_van(bedrag: Decimal, percentage: Decimal) -> Decimal:
    """``percentage`` procent van ``bedrag``, naar beneden afgerond op centen."""
    return naar_beneden(bedrag * percentage / HONDERD)


def breuk_van(bedrag: Decimal, teller: int, noemer: int) -> Decimal:
    """``teller/noemer`` (zoals 50/75) maal ``bedrag``, naar beneden afgerond op centen."""
    return naar_beneden(bedrag * teller / Decimal(noemer))


def groter_dan_breuk_van(bedrag: Decimal, teller: int, noemer: int, basis: Decimal) -> bool:
    """Is ``bedrag`` > ``teller/noemer`` x ``basis``? Exact, zonder tussentijdse afronding."""
    return bedrag * noemer > basis * teller


def naar_boven_op_tientallen(bedrag: Decimal) -> Decimal:
    return ((bedrag / TIEN).to_integral_value(rounding=ROUND_CEILING) * TIEN).quantize(CENT)


def naar_beneden_op_tientallen(bedrag: Decimal) -> Decimal:
    return ((bedrag / TIEN).to_integral_value(rounding=ROUND_FLOOR) * TIEN).quantize(CENT)


def maanden_nodig(bedrag: Decimal, per_maand: Decimal) -> int | None:
    """Aantal maanden om ``bedrag`` af te lossen bij ``per_maand``, naar boven afgerond; None zonder aflosruimte."""
    if bedrag <= 0:
        return 0
    if per_maand <= 0:
        return None
    return int((bedrag / per_maand).to_integral_value(rounding=ROUND_CEILING))


def bedrag(waarde: Decimal) -> str:
    """Bedrag zoals het contract het toont: ``"840.84"``."""
    return f"{waarde:.2f}"


_NL = str.maketrans(",.", ".,")


def euro(waarde: Decimal) -> str:
    """Bedrag in Nederlandse notatie voor de uitleg: ``€ 8.000,00``."""
    return "€ " + format(waarde, ",.2f").translate(_NL)
