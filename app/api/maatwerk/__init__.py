"""Maatwerk met vier ogen: aanvragen, tonen en beoordelen van een afwijking in het voordeel van de belanghebbende
(``routes.py``; de modellen in ``modellen.py``). De inzage van een berekening (app/api/audit/) toont haar maatwerk met
``maatwerk_van`` en het model ``Maatwerkbesluit``."""

from app.api.maatwerk.modellen import Grondcode, Maatwerkbesluit
from app.api.maatwerk.routes import maatwerk_van, router

__all__ = ["Grondcode", "Maatwerkbesluit", "maatwerk_van", "router"]
