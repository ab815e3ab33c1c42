"""A TCP listener on loopback that records every connection and what was sent on it.

The attacker's port in the "nothing from the environment trusted unchecked" tests: it must
receive nothing. Given an ``answer``, it also plays a host that answers every request with it.
"""

from __future__ import annotations

import socket
import threading


class Listener:
    def __init__(self, answer: bytes | None = None):
        self.answer = answer
        self.received: list[bytes] = []
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="listener", daemon=True)

    def __enter__(self) -> Listener:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)
        self._socket.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(2)
                try:
                    data = connection.recv(65536)
                except OSError:
                    data = b""
                self.received.append(data)
                if self.answer is not None:
                    connection.sendall(self.answer)
