"""A minimal SMTP server (asyncio, stdlib only) that keeps the messages it receives."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message


@dataclass
class Received:
    mail_from: str
    rcpt_to: list[str]
    message: Message


@dataclass
class SmtpServer:
    host: str = "127.0.0.1"
    port: int = 0
    received: list[Received] = field(default_factory=list)
    _loop: asyncio.AbstractEventLoop | None = None
    _server: asyncio.Server | None = None
    _thread: threading.Thread | None = None

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def send(line: str) -> None:
            writer.write((line + "\r\n").encode())

        send("220 localhost test SMTP")
        mail_from, rcpt = "", []
        while True:
            raw = await reader.readline()
            if not raw:
                break
            command = raw.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                send("250-localhost" if verb == "EHLO" else "250 localhost")
                if verb == "EHLO":
                    send("250 8BITMIME")
            elif verb == "MAIL":
                mail_from, rcpt = command.split(":", 1)[1].strip(), []
                send("250 OK")
            elif verb == "RCPT":
                rcpt.append(command.split(":", 1)[1].strip().strip("<>"))
                send("250 OK")
            elif verb == "DATA":
                send("354 End data with <CR><LF>.<CR><LF>")
                await writer.drain()
                lines = []
                while True:
                    line = await reader.readline()
                    if line in (b".\r\n", b".\n", b""):
                        break
                    lines.append(line[1:] if line.startswith(b"..") else line)
                self.received.append(Received(mail_from, rcpt, message_from_bytes(b"".join(lines))))
                send("250 OK: queued")
            elif verb == "QUIT":
                send("221 Bye")
                await writer.drain()
                break
            elif verb in ("RSET", "NOOP"):
                send("250 OK")
            else:
                send("502 Command not implemented")
            await writer.drain()
        writer.close()

    def start(self) -> SmtpServer:
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            self._server = self._loop.run_until_complete(
                asyncio.start_server(self._session, self.host, self.port)
            )
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop is not None and self._server is not None:
            self._loop.call_soon_threadsafe(self._server.close)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(5)
