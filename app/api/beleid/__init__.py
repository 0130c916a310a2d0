"""Het beleid van de gemeente als gepubliceerde, gedateerde laag met vier ogen: beleidsversies voorstellen,
beoordelen en tonen, en het beleid op een peildatum (``routes.py``); de vaststelling van een berekening die volgens
dat beleid vier ogen vraagt (``vaststelling.py``); de modellen in ``modellen.py``.

Welke versie een berekening toepast, bepaalt app/api/berekeningen/gebruikt_beleid.py."""

from app.api.beleid.routes import router
from app.api.beleid.vaststelling import router as vaststelling_router

__all__ = ["router", "vaststelling_router"]
