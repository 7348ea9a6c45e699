from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimwatch.demo import start_demo_site


@pytest.fixture
def demo_site() -> Iterator[str]:
    """The bundled demo news site on a free loopback port."""
    server, base = start_demo_site(0)
    yield base
    server.shutdown()
    server.server_close()
