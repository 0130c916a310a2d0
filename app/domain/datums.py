"""Termijnen in jaren. Een 29 februari zonder tegenhanger wordt steeds zo gelegd dat de termijn de
belanghebbende niet benadeelt; de functies zeggen welke kant dat is."""

from __future__ import annotations

from datetime import date


def jaren_later(datum: date, jaren: int) -> date:
    """``datum`` plus ``jaren``; 29 februari wordt 28 februari (de termijn eindigt zo niet later)."""
    try:
        return datum.replace(year=datum.year + jaren)
    except ValueError:
        return date(datum.year + jaren, 2, 28)


def jaren_eerder(datum: date, jaren: int) -> date:
    """``datum`` min ``jaren``; 29 februari wordt 1 maart (een terugkijkperiode wordt zo niet langer)."""
    try:
        return datum.replace(year=datum.year - jaren)
    except ValueError:
        return date(datum.year - jaren, 3, 1)
