"""GET config serves the one region list (the connect forms' choices)."""

from jupyter_codelab.modelarts.regions import REGIONS

from .helpers import call


async def test_config_serves_the_regions(jp_fetch):
    status, config = await call(jp_fetch, "config")
    assert status == 200
    assert config["regions"] == list(REGIONS) and config["regions"][0] == "cn-north-4"
