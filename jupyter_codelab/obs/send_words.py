"""The send flow's sentences, written once: the server puts them in its answers (a preview's
``lines``, a job's ``message``) in the request's language, and every face shows them as they are
(the sidebar's dialog and notification, the CLI's and the magics' lines)."""

from __future__ import annotations

from ..i18n import N_, _
from .gateway import ObsRequestError
from .notebook_file import MB


def size_text(size: int) -> str:
    return _("{mb} MB").format(mb=f"{size / MB:.2f}") if size >= MB / 10 else _("{count} bytes").format(count=f"{size:,}")


def preview_lines(preview: dict, simulated: bool = False) -> list[list[str]]:
    """The confirmation's rows, label then value: name, size, bucket, private or public, upload.
    ``simulated``: the bucket is the simulator's, on this machine, so "public" reaches nobody else."""
    bucket = preview["bucket"]
    if preview["create_bucket_needed"]:
        bucket = _("{bucket} (does not exist yet: it will be created, private, in {region})").format(
            bucket=bucket, region=preview["region"]
        )
    if preview["visibility"] == "public" and simulated:
        access = _("Public in the simulated OBS only: nothing leaves this machine (a demo)")
    elif preview["visibility"] == "public":
        access = _("Public: anyone with the link can read it, for good")
    else:
        minutes = round((preview["expires_in_s"] or 0) / 60)
        access = _("Private: CodeLab gets a signed link that works for {minutes} min").format(minutes=minutes)
    size = size_text(preview["size"])
    if preview["stripped"]:
        size = _("{size} (outputs stripped)").format(size=size)
    upload = _("Already in OBS: nothing is uploaded again") if preview["already_uploaded"] else _("Uploaded when you confirm")
    return [
        [_("Notebook"), preview["name"]],
        [_("Size"), size],
        [_("OBS bucket"), bucket],
        [_("Access"), access],
        [_("Upload"), upload],
    ]


def job_message(job: dict) -> str:
    """Where a send is, in a sentence (a failed one: its error's sentence)."""
    name, state = job["name"], job["state"]
    if state == "uploading":
        return _("Uploading {name}: {percent}% ({sent} of {total})").format(
            name=name, percent=job["progress"], sent=size_text(job["sent_bytes"]), total=size_text(job["total_bytes"])
        )
    if state == "done":
        minutes = job["expires_in_s"] // 60
        if job["open"]:
            sentence = (
                _("Sent {name} (uploaded): CodeLab is starting.")
                if job["uploaded"]
                else _("Sent {name} (already in OBS, nothing uploaded): CodeLab is starting.")
            )
        else:
            sentence = (
                _("Sent {name} (uploaded): the link works for {minutes} min.")
                if job["uploaded"]
                else _("Sent {name} (already in OBS, nothing uploaded): the link works for {minutes} min.")
            )
        sentence = sentence.format(name=name, minutes=minutes)
        if job.get("files"):
            sentence += " " + _("With {count} files: {uploaded} uploaded, the others already in OBS.").format(
                count=len(job["files"]), uploaded=job.get("files_uploaded") or 0
            )
        return sentence
    if state == "failed":
        return (job["error"] or {}).get("message") or _("Could not send {name}.").format(name=name)
    words = {
        "checking": _("Checking OBS for {name}…"),
        "signing": _("Signing a link to {name}…"),
        "opening": _("Opening CodeLab with {name}…"),
    }
    return words.get(state, "{name}").format(name=name)


def confirm_sentence(name: str, bucket: str, key: str, simulated: bool) -> str:
    """What a publish without ``confirm: true`` answers: what it would do, and how to go ahead."""
    if simulated:
        text = _("Publishing makes {name} public in the simulated OBS only: nothing leaves this machine (object "
                 "{bucket}/{key}). Send confirm: true to go ahead.")  # fmt: skip
    else:
        text = _(
            "Publishing makes {name} readable by anyone, for good (OBS object {bucket}/{key}). Send confirm: true to go ahead."
        )
    return text.format(name=name, bucket=bucket, key=key)


def obs_sentence(error: ObsRequestError, bucket: str) -> str:
    """What to do about an OBS failure, then OBS's own words."""
    advice = {
        "NoSuchBucket": N_(
            "The OBS bucket {bucket} does not exist: create it in the OBS console, or set c.CodeLab.obs_bucket to one that does."
        ),
        "AccessDenied": N_("OBS denied access to bucket {bucket} with these credentials: check the IAM user's OBS permissions."),
        "InvalidAccessKeyId": N_("OBS does not know this access key: check HUAWEICLOUD_SDK_AK (temporary keys expire)."),
        "SignatureDoesNotMatch": N_("OBS rejected the signature: check HUAWEICLOUD_SDK_SK."),
        "InvalidSecurity": N_("These temporary credentials need their security token: set HUAWEICLOUD_SDK_SECURITY_TOKEN."),
    }.get(error.code or "")
    if error.status is None:
        advice = N_("Cannot reach OBS at this region's endpoint ({code}): check the network, or try again.")
    advice = _(advice).format(bucket=bucket, code=error.code) if advice else None
    return f"{advice} {error.sentence()}" if advice else error.sentence()
