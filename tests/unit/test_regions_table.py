"""One region list: modelarts/regions.py, the regions of Huawei's SDK, and the TypeScript generated from it."""

from jupyter_codelab.modelarts import regions
from jupyter_codelab.modelarts.credentials import DEFAULT_REGION
from tests.support.ts_tables import GENERATED as GENERATED_DIR
from tests.support.ts_tables import ROOT, load_generator

GENERATED = GENERATED_DIR / "regions.ts"


def test_the_regions_are_the_sdks_modelarts_regions():
    from huaweicloudsdkmodelarts.v1.region.modelarts_region import ModelArtsRegion

    assert sorted(regions.REGIONS) == sorted(ModelArtsRegion.static_fields)
    assert len(set(regions.REGIONS)) == len(regions.REGIONS)
    assert regions.REGIONS[0] == DEFAULT_REGION == "cn-north-4"


def test_a_configured_region_off_the_list_is_offered_first():
    assert regions.region_choices(None) == list(regions.REGIONS)
    assert regions.region_choices("cn-east-3") == list(regions.REGIONS)
    assert regions.region_choices(" eu-west-101 ")[:2] == ["eu-west-101", "cn-north-4"]


def test_the_committed_typescript_is_what_the_generator_writes_now():
    generator = load_generator()
    assert GENERATED.read_text("utf-8") == generator.expected_regions(), "run scripts/generate_ts_tables and commit the result"
    assert generator.main(["--check"]) == 0
    assert generator.render_regions({"regions": ["cn-north-4"], "default": "cn-north-4"}) != GENERATED.read_text("utf-8")


def test_the_sidebar_has_no_region_list_of_its_own():
    text = GENERATED.read_text("utf-8")
    assert all(f"  '{region}'" in text for region in regions.REGIONS)
    sources = [p for p in (ROOT / "labextension" / "src").rglob("*.ts") if "generated" not in p.parts]
    assert not [p.name for p in sources if "'cn-north-9'" in p.read_text("utf-8") or "'cn-north-4'" in p.read_text("utf-8")]
