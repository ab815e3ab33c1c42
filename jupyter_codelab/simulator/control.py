"""The ``/_simulator/`` control API (tests and ``jupyter codelab simulate`` only; not ModelArts)."""

from __future__ import annotations

from .errors import ApiError
from .handler_base import SimulatorHandler
from .host import Host


def _bad_input(message: str) -> ApiError:
    return ApiError(400, "SIMULATOR.0400", message)


class ControlHandler(SimulatorHandler):
    def check_number(self, body: dict, name: str) -> float:
        value = body.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _bad_input(f"{name} must be a number of seconds, got {value!r}.")
        return value

    def known(self, notebook_id: str) -> str:
        """A notebook id the simulator has (any user's), else 404: the control API is not ModelArts."""
        instance = self.sim.store.instances.get(notebook_id)
        if instance is None or self.sim.store.settle(instance).phase == "DELETED":
            raise ApiError(404, "SIMULATOR.0404", f"No instance {notebook_id} in the simulator (see GET /_simulator/state).")
        return notebook_id


class StateHandler(ControlHandler):
    def get(self) -> None:
        self.reply(self.sim.state())


class FaultsHandler(ControlHandler):
    def get(self) -> None:
        self.reply({"faults": self.sim.faults.to_json()})

    def post(self) -> None:
        body = self.json_body()
        options = {k: v for k, v in body.items() if k not in ("kind", "route", "times")}
        try:
            fault = self.sim.faults.add(body.get("kind"), body.get("route"), body.get("times", 1), **options)
        except ValueError as error:
            raise _bad_input(str(error)) from None
        self.reply(fault.to_json(), 201)

    def delete(self) -> None:
        """Clear queued faults; FROZEN instances thaw (the arrears are paid)."""
        thawed = self.sim.clear_faults()
        self.reply({"faults": [], "thawed": thawed})


class ConfigHandler(ControlHandler):
    def get(self) -> None:
        self.reply(self.sim.config.to_json())

    def post(self) -> None:
        try:
            self.sim.configure(**self.json_body())
        except (ValueError, TypeError) as error:
            raise _bad_input(str(error)) from None
        self.reply(self.sim.config.to_json())


class ExpireHandler(ControlHandler):
    def post(self, notebook_id: str) -> None:
        in_seconds = self.check_number(self.json_body(), "in_seconds")
        instance = self.sim.store.expire(self.known(notebook_id), in_seconds)
        self.reply(self.sim.store.render(instance))


class ActivityHandler(ControlHandler):
    """Activity inside the instance (a kernel ran code): an IDLE lease counts its duration from the last one."""

    def post(self, notebook_id: str) -> None:
        self.reply(self.sim.store.render(self.sim.store.touch(self.known(notebook_id))))


class ClockHandler(ControlHandler):
    """Move the simulated time forward (leases, steps and IAM token expiry follow it)."""

    def post(self) -> None:
        seconds = self.check_number(self.json_body(), "advance_seconds")
        if seconds < 0:
            raise _bad_input(f"advance_seconds must be >= 0 (time only moves forward), got {seconds!r}.")
        self.sim.clock.advance(seconds)
        self.reply({"offset_seconds": self.sim.clock.offset_seconds, "now_ms": self.sim.clock.now_ms()})


class ResetHandler(ControlHandler):
    def post(self) -> None:
        self.sim.reset()
        self.reply(self.sim.state())


def control_routes(sim: Host) -> list:
    args = {"sim": sim}
    return [
        (r"/_simulator/state/?", StateHandler, args),
        (r"/_simulator/faults/?", FaultsHandler, args),
        (r"/_simulator/config/?", ConfigHandler, args),
        (r"/_simulator/clock/?", ClockHandler, args),
        (r"/_simulator/notebooks/(?P<notebook_id>[^/]+)/expire/?", ExpireHandler, args),
        (r"/_simulator/notebooks/(?P<notebook_id>[^/]+)/activity/?", ActivityHandler, args),
        (r"/_simulator/reset/?", ResetHandler, args),
    ]
