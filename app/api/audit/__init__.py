"""De audittrail: vastgelegde berekeningen inzien en uitleggen (``inzage.py``, met de cache van de uitleg in
``uitlegcache.py``), narekenen (``herberekening.py``), de keten en de checkpoints controleren (``integriteit.py``) en
vrije tekst na de bewaartermijn onleesbaar maken (``wissen.py``). Elke module houdt haar routes en haar modellen.

Het vastleggen zelf en het ophalen van een record van de eigen gemeente deelt elke feature: app/api/http/records.py.
"""

from app.api.audit.herberekening import regeldata_van
from app.api.audit.herberekening import router as herberekening_router
from app.api.audit.integriteit import checkpoints_bijhouden
from app.api.audit.integriteit import router as integriteit_router
from app.api.audit.inzage import router as inzage_router
from app.api.audit.uitlegcache import Uitlegcache
from app.api.audit.wissen import router as wissen_router

__all__ = [
    "Uitlegcache",
    "checkpoints_bijhouden",
    "herberekening_router",
    "integriteit_router",
    "inzage_router",
    "regeldata_van",
    "wissen_router",
]
