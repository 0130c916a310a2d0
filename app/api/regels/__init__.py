"""GET /regels: de regeldata op een peildatum, met bron en status (``routes.py``; het antwoordmodel in
``modellen.py``)."""

from app.api.regels.routes import router

__all__ = ["router"]
