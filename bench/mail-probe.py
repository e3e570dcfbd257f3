#!/usr/bin/python3
"""Small IMAP/SMTP probes for bench/mail.sh.

  mail-probe.py count HOST PORT USER PASSWORD          messages in INBOX (STATUS)
  mail-probe.py idle HOST IMAP USER PASSWORD SMTP RCPT RUNS
        median milliseconds from sending DATA to the IDLE session's EXISTS (delivery and wake-up: the
        server may send EXISTS before its 250 reaches the client, so the clock starts before DATA)
  mail-probe.py big HOST SMTP RCPT MB                 sends one message of MB megabytes, streamed
  mail-probe.py fetchbig HOST IMAP USER PASSWORD      fetches the newest message with subject "big" whole
        (BODY.PEEK[]) and prints its size and the seconds it took
"""
import imaplib
import smtplib
import socket
import statistics
import sys
import time


def login(host, port, user, password):
    imap = imaplib.IMAP4(host, int(port))
    imap.login(user, password)
    return imap


def count(host, port, user, password):
    imap = login(host, port, user, password)
    typ, data = imap.status("INBOX", "(MESSAGES)")
    imap.logout()
    print(data[0].decode().split("MESSAGES")[1].strip(" )"))


def idle(host, port, user, password, smtp_port, rcpt, runs):
    imap = login(host, port, user, password)
    imap.select("INBOX")
    sock = imap.socket()
    waits = []
    for n in range(int(runs)):
        tag = imap._new_tag().decode()
        imap.send(f"{tag} IDLE\r\n".encode())
        line = imap.readline()
        assert line.startswith(b"+"), line
        smtp = smtplib.SMTP(host, int(smtp_port))
        smtp.ehlo("bench")
        smtp.mail("idle@example.org")
        smtp.rcpt(rcpt)
        sent = time.monotonic()
        code, _ = smtp.data(f"Subject: idle {n}\r\nFrom: idle@example.org\r\n\r\nwake up\r\n".encode())
        assert code == 250, code
        sock.settimeout(10)
        while True:
            line = imap.readline()
            if b"EXISTS" in line:
                waits.append((time.monotonic() - sent) * 1000)
                break
            if not line:
                raise SystemExit("connection closed")
        smtp.quit()
        imap.send(b"DONE\r\n")
        while not imap.readline().startswith(tag.encode()):
            pass
        time.sleep(0.2)
    imap.logout()
    print(f"{statistics.median(waits):.1f}")


def big(host, smtp_port, rcpt, mb):
    size = int(mb) * 1024 * 1024
    with smtplib.SMTP(host, int(smtp_port)) as smtp:
        smtp.ehlo("bench")
        smtp.mail("big@example.org")
        smtp.rcpt(rcpt)
        smtp.putcmd("data")
        code, _ = smtp.getreply()
        assert code == 354, code
        s = smtp.sock
        s.sendall(b"Subject: big\r\nFrom: big@example.org\r\nContent-Type: application/octet-stream\r\n"
                  b"Content-Transfer-Encoding: base64\r\n\r\n")
        line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\r\n"
        chunk = line * 1000
        sent = 0
        while sent < size:
            s.sendall(chunk)
            sent += len(chunk)
        s.sendall(b".\r\n")
        code, msg = smtp.getreply()
        print(code, msg.decode(errors="replace"))


def fetchbig(host, port, user, password):
    imap = login(host, port, user, password)
    imap.select("INBOX", readonly=True)
    typ, data = imap.uid("SEARCH", None, "SUBJECT", "big")
    uids = data[0].split()
    assert uids, "no message with subject big"
    started = time.monotonic()
    typ, data = imap.uid("FETCH", uids[-1], "(BODY.PEEK[])")
    took = time.monotonic() - started
    size = sum(len(part[1]) for part in data if isinstance(part, tuple))
    imap.logout()
    print(f"{size} bytes in {took:.2f} s")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"count": count, "idle": idle, "big": big, "fetchbig": fetchbig}[cmd](*args)
