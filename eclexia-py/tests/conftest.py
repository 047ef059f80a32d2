import pytest

import eclexia


@pytest.fixture
def engine() -> eclexia.Engine:
    return eclexia.Engine()
