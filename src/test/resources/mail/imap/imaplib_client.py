"""Drives Schulhaus IMAP with Python's imaplib: implicit TLS, STARTTLS, APPEND, GETQUOTAROOT, IDLE woken by a delivery, UID MOVE.

Arguments: port tls_port certificate_file login password. Prints IDLING when the JUnit test should deliver,
then a line per check; exits non-zero at the first failure.
"""
import imaplib
import re
import ssl
import sys
import time

port, tls_port, certificate, login, password = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
context = ssl.create_default_context(cafile=certificate)


def check(condition, what):
    if not condition:
        print("FAILED " + what, flush=True)
        sys.exit(1)
    print("ok " + what, flush=True)


implicit = imaplib.IMAP4_SSL("localhost", int(tls_port), ssl_context=context)
typ, _ = implicit.login(login, password)
check(typ == "OK", "login over implicit TLS")
implicit.logout()

client = imaplib.IMAP4("localhost", int(port))
check("STARTTLS" in client.capabilities, "STARTTLS offered")
client.starttls(ssl_context=context)
typ, _ = client.login(login, password)
check(typ == "OK", "login after STARTTLS")

draft = b"From: anna@example.org\r\nSubject: Entwurf aus Python\r\n\r\nNoch nicht fertig.\r\n"
typ, data = client.append("Entw&APw-rfe", "(\\Draft)", None, draft)
check(typ == "OK" and b"APPENDUID" in data[0], "APPEND answers APPENDUID")

typ, data = client.getquotaroot("INBOX")
storage = re.match(rb'"" \(STORAGE (\d+) (\d+)\)', data[1][0]) if typ == "OK" and data[1] else None
check(data[0] == [b'"INBOX" ""'] and storage is not None and int(storage.group(1)) >= 1 and int(storage.group(2)) > 0,
      "GETQUOTAROOT INBOX shows the mail quota with the draft counted: %r" % (data,))

typ, data = client.select("INBOX")
check(typ == "OK", "SELECT INBOX")
exists = int(data[0])

tag = client._new_tag()
client.send(tag + b" IDLE\r\n")
check(client.readline().startswith(b"+"), "IDLE accepted")
print("IDLING", flush=True)
started = time.monotonic()
line = client.readline()
waited = time.monotonic() - started
check(re.match(rb"\* (\d+) EXISTS", line) is not None and int(line.split()[1]) == exists + 1, "IDLE woken by the delivery")
print("woken after %.1f ms" % (waited * 1000), flush=True)
client.send(b"DONE\r\n")
while True:
    line = client.readline()
    if line.startswith(tag):
        check(b"OK" in line, "IDLE ends with DONE")
        break

typ, data = client.uid("SEARCH", None, "SUBJECT", "Lieferung")
uids = data[0].split()
check(typ == "OK" and len(uids) == 1, "the delivered message is found")
typ, data = client.uid("MOVE", uids[0], "Archiv")
check(typ == "OK", "UID MOVE to Archiv")
typ, data = client.uid("SEARCH", None, "SUBJECT", "Lieferung")
check(data[0] == b"", "the moved message left the inbox")
typ, data = client.status("Archiv", "(MESSAGES)")
check(b"MESSAGES 1" in data[0], "the archive has it")
client.logout()
print("DONE", flush=True)
