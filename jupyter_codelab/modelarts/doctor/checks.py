"""The doctor's checks in the order a person reads them: setup first, then the calls and what they say."""

from __future__ import annotations

from .judge import clock_check, iam_check, modelarts_check, project_check, reached, tls_check
from .probes import Probed
from .report import Check
from .setup import Situation, credentials_check, mode_check, proxy_check, region_check


def before_probing(situation: Situation) -> list[Check]:
    """The lines that need no call: the mode, the credentials and the region (without credentials, that alone)."""
    if situation.settings is None:
        return [credentials_check(situation)]
    return [mode_check(situation), credentials_check(situation), region_check(situation)]


def after_probing(situation: Situation, probed: Probed) -> list[Check]:
    settings = situation.settings
    assert settings is not None
    return [
        project_check(situation, probed),
        iam_check(situation, probed),
        modelarts_check(situation, probed),
        clock_check(probed),
        tls_check(situation, probed),
        proxy_check(situation, settings.endpoint, reached(probed)),
    ]
