"""The doctor's answer: one line per check, each ✓ (fine), ✗ (broken, with the fix) or – (not checked, and why).

Faces render it as text (``Report.text``) or keep its JSON (``--json``, support tickets); the
sidebar draws the JSON itself. Nothing here holds a secret: the checks are built from what
the probes saw (statuses, headers, timings), never from a key or a token.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...i18n import _, ngettext

MARKS = {True: "✓", False: "✗", None: "–"}


@dataclass(frozen=True)
class Check:
    id: str  # mode, credentials, region, project, iam, modelarts, clock, tls, proxy, obs, server
    ok: bool | None  # None: not checked (``detail`` says why); only False counts as a problem
    title: str
    detail: str
    fix: str | None = None
    data: dict = field(default_factory=dict)  # machine-readable facts: latency_ms, request_id, status, error_code, skew_s...

    @property
    def mark(self) -> str:
        return MARKS[self.ok]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "ok": self.ok,
            "title": self.title,
            "detail": self.detail,
            "fix": self.fix,
            "data": dict(self.data),
        }

    @classmethod
    def from_json(cls, data: dict) -> Check:
        ok = data.get("ok")
        return cls(
            id=str(data.get("id") or ""), ok=ok if isinstance(ok, bool) else None, title=str(data.get("title") or ""),
            detail=str(data.get("detail") or ""), fix=data.get("fix") or None, data=dict(data.get("data") or {}),
        )  # fmt: skip


@dataclass(frozen=True)
class Report:
    checks: tuple[Check, ...]
    simulated: bool
    checked_by: str  # "server": the Jupyter server ran the checks (it holds the credentials); "direct": this process

    @property
    def ok(self) -> bool:
        """All is well: no check failed (a check that could not run is not a failure by itself)."""
        return all(check.ok is not False for check in self.checks)

    @property
    def problems(self) -> list[Check]:
        return [check for check in self.checks if check.ok is False]

    def with_checks(self, *first: Check) -> Report:
        return Report((*first, *self.checks), self.simulated, self.checked_by)

    @property
    def summary(self) -> str:
        count = len(self.problems)
        found = ngettext(
            "{count} problem found: fix it, then check again.", "{count} problems found: fix them from the top.", count
        )
        return found.format(count=count) if count else _("All is well.")

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "simulated": self.simulated,
            "checked_by": self.checked_by,
            "summary": self.summary,
            "checks": [check.to_json() for check in self.checks],
        }

    @classmethod
    def from_json(cls, data: dict) -> Report:
        checks = tuple(Check.from_json(c) for c in data.get("checks") or [] if isinstance(c, dict))
        return cls(checks, bool(data.get("simulated")), str(data.get("checked_by") or "server"))

    def text(self, where: str) -> str:
        """One screen: a heading, then ``✓ Title: detail`` lines with ``Fix:`` under each problem."""
        if not any(check.id == "mode" for check in self.checks):
            heading = _("CodeLab doctor, checked by {where}:")
        elif self.simulated:
            heading = _("CodeLab doctor (simulated), checked by {where}:")
        else:
            heading = _("CodeLab doctor (Huawei Cloud), checked by {where}:")
        lines = [heading.format(where=where)]
        for check in self.checks:
            lines.append(f"{check.mark} " + _("{title}: {detail}").format(title=check.title, detail=check.detail))
            if check.fix and check.ok is not True:
                lines.append("    " + _("Fix: {fix}").format(fix=check.fix))
        lines.append(self.summary)
        return "\n".join(lines)
