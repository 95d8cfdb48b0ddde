"""aiosmtpd handlers for airscript's SMTP tests (started by tests/support/smtpd.rs).

Run as `python -m aiosmtpd -n -l 127.0.0.1:PORT -c smtpd_handlers.CLASS DIR [ARGS]`
with this directory on PYTHONPATH. Every handler is a Maildir handler: an
accepted message is written to the Maildir DIR (aiosmtpd adds X-MailFrom,
X-RcptTo and X-Peer headers), and its bytes exactly as received (after
dot-unstuffing) to DIR/raw/NNNN.eml, numbered in the order of arrival.
"""

import os
import signal

from aiosmtpd.handlers import Mailbox


def message_id(content):
    """The Message-ID header of raw message bytes, or None."""
    head = content.split(b"\r\n\r\n", 1)[0]
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"message-id":
            return value.strip()
    return None


class Accept(Mailbox):
    """Accepts every message: `250 2.0.0 Ok: queued as N`."""

    def __init__(self, mail_dir, *args):
        super().__init__(mail_dir)
        self.raw_dir = os.path.join(mail_dir, "raw")
        os.makedirs(self.raw_dir, exist_ok=True)
        self.kept = 0
        self.setup(*args)

    def setup(self):
        pass

    @classmethod
    def from_cli(cls, parser, *args):
        if not args:
            parser.error(f"{cls.__name__} needs the Maildir directory")
        try:
            return cls(*args)
        except TypeError as e:
            parser.error(f"{cls.__name__}: {e}")

    def keep(self, session, envelope):
        """Writes the message to the Maildir and its raw bytes to raw/."""
        self.kept += 1
        name = os.path.join(self.raw_dir, f"{self.kept:04}.eml")
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(name + ".tmp", name)
        self.handle_message(self.prepare_message(session, envelope))
        return self.kept

    async def handle_DATA(self, server, session, envelope):
        n = self.keep(session, envelope)
        return f"250 2.0.0 Ok: queued as {n}"


class TempFailOnce(Accept):
    """The first delivery of each Message-ID gets a 450 after its data; the
    next one is accepted."""

    def setup(self):
        self.seen = set()

    async def handle_DATA(self, server, session, envelope):
        mid = message_id(envelope.original_content)
        if mid not in self.seen:
            self.seen.add(mid)
            return "450 4.2.0 Mailbox busy, try again later"
        return await super().handle_DATA(server, session, envelope)


class Reject(Accept):
    """Refuses every recipient: 550."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"


class Throttle(Accept):
    """Answers every message's data with 454 (a rate limit)."""

    async def handle_DATA(self, server, session, envelope):
        return "454 4.7.0 Too many messages, slow down"


class KillOnNth(Accept):
    """Accepts messages; on the N-th it writes the message to the Maildir,
    then sends SIGKILL to the process whose pid is in PID_FILE (the sender
    under test, or this server itself), then answers 250.

    Arguments: DIR N PID_FILE.
    """

    def setup(self, n, pid_file):
        self.n = int(n)
        self.pid_file = pid_file
        self.data = 0

    async def handle_DATA(self, server, session, envelope):
        self.data += 1
        n = self.keep(session, envelope)
        if self.data == self.n:
            with open(self.pid_file) as f:
                pid = int(f.read().strip())
            os.kill(pid, signal.SIGKILL)
        return f"250 2.0.0 Ok: queued as {n}"
