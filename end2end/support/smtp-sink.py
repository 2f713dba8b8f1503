"""A real SMTP server for the tests: accepts every message on 127.0.0.1 and writes it
to a folder as JSON ({"to", "subject", "body", "list_unsubscribe",
"list_unsubscribe_post"}, with the body decoded), one file per
message, so tests in Rust and in the browser can read what the site sent.

Usage: smtp-sink.py PORT FOLDER   (runs until it is terminated)
"""

import email
import email.policy
import json
import os
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Folder:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain",))
        body = part.get_content() if part is not None else ""
        record = {
            "to": envelope.rcpt_tos,
            "subject": str(message["subject"] or ""),
            "body": body,
            "list_unsubscribe": str(message["list-unsubscribe"] or ""),
            "list_unsubscribe_post": str(message["list-unsubscribe-post"] or ""),
        }
        with self.lock:
            self.count += 1
            name = "%d-%06d.json" % (time.time_ns(), self.count)
        path = os.path.join(self.folder, name)
        # Written whole, then renamed: a reader never sees half a message.
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Folder(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("smtp sink listening on 127.0.0.1:%d, writing to %s" % (port, folder), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
