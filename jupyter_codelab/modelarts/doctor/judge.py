"""What the probes' outcomes mean: IAM, the project's region, ModelArts, the clock, TLS; each a Check with its fix.

Huawei's API gateway refuses an AK/SK signature whose ``X-Sdk-Date`` is more than 15 minutes
from its own clock ("signature expired", APIG.0303: API Gateway FAQ, "Incorrect app authentication
information"; the signing guide asks for x-sdk-date within 15 minutes), and OBS a ``Date`` 15
minutes off (RequestTimeTooSkewed). We warn from 5 minutes: clocks that drift keep drifting.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from ...i18n import _
from ..credentials import PasswordCredentials
from ..errors import ModelArtsError, UpstreamTimeout, UpstreamUnavailable, error_from_response
from ..tls import SETTING as CA_BUNDLE_SETTING
from ..tls import TrustError
from .probes import Outcome, Probed
from .report import Check
from .setup import Situation, host_of, origin_words, provenance

GATEWAY_SKEW_LIMIT_S = 15 * 60
SKEW_WARNING_S = 5 * 60


def _timing(outcome: Outcome) -> dict:
    rid = outcome.header("X-Request-Id")
    return {"status": outcome.status, "latency_ms": round(outcome.seconds * 1000), "request_id": rid}


def _answered(service: str, host: str, outcome: Outcome) -> str:
    data = _timing(outcome)
    text = _("{service} at {host} answered in {ms} ms").format(service=service, host=host, ms=data["latency_ms"])
    if data["request_id"]:
        text += " [" + _("request id {request_id}").format(request_id=data["request_id"]) + "]"
    return text + "."


def _no_answer(service: str, host: str, error: ModelArtsError) -> tuple[str, str]:
    if isinstance(error, TrustError):
        detail = _("{service} at {host}: the TLS connection failed.").format(service=service, host=host)
        return detail, _("See the TLS line below.")
    if isinstance(error, UpstreamTimeout):
        detail = _("{service} at {host} did not answer in time.").format(service=service, host=host)
    else:
        reason = getattr(error, "reason", None) or type(error).__name__
        detail = _("Could not connect to {service} at {host} ({reason}).").format(service=service, host=host, reason=reason)
    return detail, _("Check the network, the proxy, and that {host} is the right host for this region.").format(host=host)


def _refused(service: str, host: str, outcome: Outcome) -> tuple[str, str, ModelArtsError]:
    response = outcome.response
    assert response is not None
    error = error_from_response(response.status, response.body, response.headers)
    said = ": ".join(p for p in (error.error_code, error.error_msg) if p)
    detail = _("{service} at {host} refused the call: HTTP {status}").format(service=service, host=host, status=response.status)
    return detail + (f" ({said})." if said else "."), error.sentence, error


def _facts(outcome: Outcome, error: ModelArtsError | None = None) -> dict:
    data = _timing(outcome)
    if error is not None:
        data.update(error_code=error.error_code, error_msg=error.error_msg, request_id=error.request_id or data["request_id"])
    return data


def iam_check(situation: Situation, probed: Probed) -> Check:
    settings = situation.settings
    assert settings is not None
    outcome, host = probed.iam, host_of(settings.iam_endpoint)
    if outcome.error is not None:
        detail, fix = _no_answer("IAM", host, outcome.error)
        return Check("iam", False, _("IAM"), detail, fix, {"host": host})
    status = outcome.status or 0
    if status < 300 or status == 403:  # 403: the signature was good; listing projects is not allowed (the project line says so)
        return Check("iam", True, _("IAM"), _answered("IAM", host, outcome), data=_facts(outcome))
    detail, fix, error = _refused("IAM", host, outcome)
    if status == 401 and isinstance(settings.credentials, PasswordCredentials):
        fix = _("IAM did not accept this user name and password: check iam_user, iam_password and iam_domain (the account name).")
    return Check("iam", False, _("IAM"), detail, fix, _facts(outcome, error))


def _project_region(outcome: Outcome, project_id: str, password: bool) -> tuple[bool, str | None]:
    """(IAM knows the project, its region). A sub-project is named ``{region}_{name}`` (KeystoneListProjects)."""
    try:
        data = outcome.response.json() if outcome.response is not None else None
    except ValueError:
        return False, None
    if password:
        project = ((data or {}).get("token") or {}).get("project") or {}
        projects = [project] if isinstance(project, dict) else []
    else:
        projects = [p for p in ((data or {}).get("projects") or []) if isinstance(p, dict)]
    found = next((p for p in projects if str(p.get("id") or "").lower() == project_id), None)
    if found is None:
        return False, None
    return True, str(found.get("name") or "").split("_", 1)[0] or None


def project_check(situation: Situation, probed: Probed) -> Check:
    settings = situation.settings
    assert settings is not None
    project_id, region = settings.project_id, settings.region
    how = origin_words("project_id", provenance(settings).project_id_from or ("simulator" if situation.simulated else None))
    head = _("{project_id} ({how})").format(project_id=project_id, how=how)
    data = {"project_id": project_id, "project_id_from": provenance(settings).project_id_from}
    outcome = probed.iam
    if outcome.status == 403:
        detail = _("{head}: not confirmed, these credentials may not list the account's projects in IAM.").format(head=head)
        return Check("project", None, _("Project"), detail, data=data)
    if outcome.status is None or outcome.status >= 300:
        detail = _("{head}: not confirmed, IAM gave no answer to check it against.").format(head=head)
        return Check("project", None, _("Project"), detail, data=data)
    known, in_region = _project_region(outcome, project_id, isinstance(settings.credentials, PasswordCredentials))
    data["iam_region"] = in_region
    if not known:
        detail = _("{head}: IAM lists no such project for these credentials.").format(head=head)
        fix = _(
            "Copy the project id of {region} from My Credentials > Projects in the Huawei Cloud console, or leave it out to look it up from the region."
        )
        return Check("project", False, _("Project"), detail, fix.format(region=region), data)
    if in_region and in_region != region:
        detail = _("{head}: IAM says it is a project of {other}, not of {region}.").format(
            head=head, other=in_region, region=region
        )
        fix = _("Set the region to {other} (HUAWEICLOUD_SDK_REGION or c.CodeLab.region), or use the project id of {region}.")
        return Check("project", False, _("Project"), detail, fix.format(other=in_region, region=region), data)
    detail = _("{head}: IAM says it belongs to {region}.").format(head=head, region=in_region or region)
    return Check("project", True, _("Project"), detail, data=data)


def modelarts_check(situation: Situation, probed: Probed) -> Check:
    settings = situation.settings
    assert settings is not None
    outcome, host = probed.modelarts, host_of(settings.endpoint)
    if outcome is None:
        return Check("modelarts", None, _("ModelArts"), _("Not called: IAM gave no token to call it with."), data={"host": host})
    if outcome.error is not None:
        detail, fix = _no_answer("ModelArts", host, outcome.error)
        return Check("modelarts", False, _("ModelArts"), detail, fix, {"host": host})
    if (outcome.status or 0) < 300:
        return Check("modelarts", True, _("ModelArts"), _answered("ModelArts", host, outcome), data=_facts(outcome))
    detail, fix, error = _refused("ModelArts", host, outcome)
    return Check("modelarts", False, _("ModelArts"), detail, fix, _facts(outcome, error))


def _duration(seconds: float) -> str:
    seconds = round(abs(seconds))
    if seconds < 120:
        return _("{seconds} s").format(seconds=seconds)
    return _("{minutes} min {seconds} s").format(minutes=seconds // 60, seconds=seconds % 60)


def clock_skew(outcome: Outcome) -> float | None:
    """How far the server's clock (its ``Date``) is ahead of ours (negative: behind), at the middle of the exchange."""
    date = outcome.header("Date")
    try:
        moment = parsedate_to_datetime(date).timestamp() if date else None
    except (TypeError, ValueError):
        return None
    # Date counts whole seconds: the server's time was somewhere in the second that follows it.
    return None if moment is None else moment + 0.5 - (outcome.sent_at + outcome.seconds / 2)


def clock_check(probed: Probed) -> Check:
    answers = ((probed.modelarts, "ModelArts"), (probed.iam, "IAM"))
    compared = [(o, name, skew) for o, name in answers if o is not None and (skew := clock_skew(o)) is not None]
    if not compared:
        return Check("clock", None, _("Clock"), _("Not compared: no answer carried a Date header."))
    outcome, service, skew = compared[0]
    data = {"skew_s": round(skew, 1), "compared_with": service, "limit_s": GATEWAY_SKEW_LIMIT_S}
    if abs(skew) <= SKEW_WARNING_S:
        detail = _("The clock here agrees with the clock of {service} (its Date header) within {duration}.").format(
            service=service, duration=_duration(max(1.0, abs(skew)))
        )
        return Check("clock", True, _("Clock"), detail, data=data)
    if skew > 0:
        detail = _("The clock here is {duration} behind the clock of {service} (its Date header said {date}).")
    else:
        detail = _("The clock here is {duration} ahead of the clock of {service} (its Date header said {date}).")
    detail = detail.format(duration=_duration(skew), service=service, date=outcome.header("Date"))
    detail += " " + _("Huawei's API gateway refuses AK/SK signatures more than 15 minutes off (APIG.0303, signature expired), "
                      "and OBS refuses requests 15 minutes off too.")  # fmt: skip
    fix = _("Set this machine's clock right (turn on time synchronisation, e.g. timedatectl set-ntp true), then check again.")
    return Check("clock", False, _("Clock"), detail, fix, data)


def tls_check(situation: Situation, probed: Probed) -> Check:
    settings = situation.settings
    assert settings is not None
    store = situation.ca_bundle or _("the system's CA certificates")
    data = {"ca_bundle": situation.ca_bundle}
    failed = next((o.error for o in probed.outcomes if isinstance(o.error, TrustError)), None)
    if failed is not None and failed.host is None:  # the ca_bundle itself cannot be read: nothing was sent
        detail = _("The ca_bundle {path} cannot be used ({reason}).").format(path=situation.ca_bundle, reason=failed.reason)
        fix = _("Set {setting} to a readable PEM file of CA certificates.")
        return Check("tls", False, _("TLS"), detail, fix.format(setting=CA_BUNDLE_SETTING), data)
    if failed is not None:
        detail = _("The TLS certificate of {host} did not verify against {store} ({reason}).")
        fix = _("If a company proxy or a private CA signs it, set {setting} to a PEM file with that CA.")
        detail = detail.format(host=failed.host, store=store, reason=failed.reason)
        return Check("tls", False, _("TLS"), detail, fix.format(setting=CA_BUNDLE_SETTING), data)
    urls = [settings.endpoint, settings.iam_endpoint]
    if not any(url.startswith("https:") for url in urls):
        detail = _("Plain HTTP to {host}: no certificate to check.").format(host=host_of(settings.endpoint))
        return Check("tls", True, _("TLS"), detail, data=data)
    if not any(o.response is not None for o in probed.outcomes):
        return Check("tls", None, _("TLS"), _("Not checked: no connection was made."), data=data)
    detail = _("The certificates of {hosts} verified against {store}.").format(
        hosts=", ".join(sorted({host_of(u) for u in urls if u.startswith("https:")})), store=store
    )
    return Check("tls", True, _("TLS"), detail, data=data)


def reached(probed: Probed) -> bool | None:
    """Whether ModelArts (else IAM) answered at all, for the proxy line; None when a certificate stopped it."""
    outcome = probed.modelarts or probed.iam
    if isinstance(outcome.error, TrustError):
        return None
    return not isinstance(outcome.error, UpstreamUnavailable)


def keys_refused(probed: Probed) -> bool:
    """IAM or ModelArts said 401: an OBS 403 then most likely means the same."""
    return any(outcome.status == 401 for outcome in probed.outcomes)
