"""schemathesis against the app's own OpenAPI schema: no 5xx, and answers match the schema.

The operations are driven with hypothesis directly (schemathesis' pytest plugin does not run
under this pytest), one property per operation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tradestats.web import create_app


@pytest.fixture(scope="module")
def operations(store_dir: Path) -> list:  # type: ignore[type-arg]
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(store_dir))
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_conforms_to_its_schema(operations: list) -> None:  # type: ignore[type-arg]
    assert len(operations) >= 8  # query, indicators (2), classifications (2), periods, batches ...
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def conforms(case: schemathesis.Case) -> None:
            # The default checks (no server error; status codes, content types and bodies as
            # the schema documents them; invalid input rejected) except one: a request the
            # schema allows may still ask about something that does not exist (an unknown
            # group, a period the store lacks), and that is a documented 400/404.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        conforms()
