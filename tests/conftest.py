"""Shared test setup: pytest-jupyter's fixtures (it also runs `async def` tests on its loop)."""

pytest_plugins = ["pytest_jupyter.jupyter_server"]
