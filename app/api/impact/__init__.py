"""Impactanalyse: wat een kandidaat-regelmap of kandidaat-beleidsversie zou veranderen aan de vastgelegde
boeteberekeningen (``routes.py``; het rekenen per blok in een rekenproces in ``blok.py``; het verzoekmodel in
``modellen.py``)."""

from app.api.impact.routes import router

__all__ = ["router"]
