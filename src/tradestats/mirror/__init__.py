"""Mirror flows: what a reporter says it exported to each partner beside what each partner says
it imported from the reporter (and the reverse), with their ratio and gap.

``MIRROR_PARAMS`` defines the question once for ``tradestats mirror`` and ``GET /api/v1/mirror``;
``build_mirror`` checks the values and ``MirrorQuestion.answer(engine)`` computes the table
(``compute.mirror_table``). See docs/indicators.md, "Mirror flows".
"""

from tradestats.mirror.compute import mirror_table
from tradestats.mirror.question import MIRROR_NAMES, MIRROR_PARAMS, MirrorQuestion, build_mirror

__all__ = ["MIRROR_NAMES", "MIRROR_PARAMS", "MirrorQuestion", "build_mirror", "mirror_table"]
