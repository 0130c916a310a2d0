"""De spiegel: het teamoverzicht voor de beleidsmedewerker, als JSON, CSV of HTML (``routes.py``; het antwoordmodel
in ``modellen.py``)."""

from app.api.spiegel.routes import router

__all__ = ["router"]
