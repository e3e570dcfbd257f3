"""GNOME's calendar and contacts stack against Schulhaus: evolution-data-server (the backend of GNOME
Calendar, GNOME Contacts and Evolution) driven through its own client libraries, as those programs do.

Run inside a D-Bus session of its own (dbus-run-session), with HOME and the XDG folders in a scratch
directory: the script adds a CalDAV calendar and a CardDAV address book to the source registry, answers
the backends' request for a password as GNOME's password prompt would (nothing stored in a keyring), and then works
through the steps below. After each step it prints "STEP <name>" and waits for a line on stdin, so the
test can look at the server between steps (and change it). Exits non-zero on the first surprise.

    eds_session.py BASE_URL LOGIN APP_PASSWORD SERVER_EVENT_UID SERVER_CONTACT_UID
"""
import signal
import sys
import time

import gi

gi.require_version("EDataServer", "1.2")
gi.require_version("ECal", "2.0")
gi.require_version("EBook", "1.2")
gi.require_version("EBookContacts", "1.2")
gi.require_version("ICalGLib", "3.0")
from gi.repository import EBook, EBookContacts, ECal, EDataServer, GLib, ICalGLib  # noqa: E402

base, login, password, server_event_uid, server_contact_uid = sys.argv[1:6]

# a hanging backend must not hang the build
signal.signal(signal.SIGALRM, lambda *_: sys.exit("timed out"))
signal.alarm(150)


def step(name):
    print("STEP", name, flush=True)
    if sys.stdin.readline() == "":
        sys.exit("the test went away")


def wait_for(what, probe, refresh, seconds=30):
    """Polls the backend's local cache until probe() answers, asking for a refresh from the server now and then."""
    deadline = time.monotonic() + seconds
    context = GLib.MainContext.default()
    next_refresh = 0
    while time.monotonic() < deadline:
        if time.monotonic() >= next_refresh:
            refresh()
            next_refresh = time.monotonic() + 3
        while context.pending():
            context.iteration(False)
        if refused:
            sys.exit(refused[0] + ": the password was refused")
        found = probe()
        if found is not None:
            return found
        time.sleep(0.2)
    sys.exit("waited in vain for " + what)


registry = EDataServer.SourceRegistry.new_sync(None)
refused = []
# connect_sync opens the backend and returns; the password is asked for and answered while wait_for() runs the main loop
DONT_WAIT = 0xFFFFFFFF


def add_source(display_name, parent, kind, backend, path):
    """A source as Evolution's "New Calendar" and "New Address Book" dialogs write one for CalDAV and CardDAV."""
    source = EDataServer.Source.new(None, None)
    source.set_parent(parent)
    source.set_display_name(display_name)
    source.get_extension(kind).set_backend_name(backend)
    uri = GLib.Uri.parse(base + path, GLib.UriFlags.NONE)
    authentication = source.get_extension(EDataServer.SOURCE_EXTENSION_AUTHENTICATION)
    authentication.set_host(uri.get_host())
    authentication.set_port(uri.get_port())
    authentication.set_user(login)
    authentication.set_method("plain/password")
    source.get_extension(EDataServer.SOURCE_EXTENSION_WEBDAV_BACKEND).set_uri(uri)
    source.get_extension(EDataServer.SOURCE_EXTENSION_SECURITY).set_secure(False)
    source.get_extension(EDataServer.SOURCE_EXTENSION_OFFLINE).set_stay_synchronized(True)
    registry.commit_source_sync(source, None)
    committed = registry.ref_source(source.get_uid())
    asked = []

    def credentials_required(src, reason, certificate_pem, certificate_errors, error):
        # GNOME's credentials prompter would ask the person; we answer with the app password, once
        asked.append(reason)
        print("%s: asks for a password (%s)" % (display_name, error.message if error else reason.value_nick), flush=True)
        if len(asked) > 1:
            refused.append(display_name)  # exceptions do not leave a signal handler: wait_for() stops
            return
        credentials = EDataServer.NamedParameters.new()
        credentials.set(EDataServer.SOURCE_CREDENTIAL_USERNAME, login)
        credentials.set(EDataServer.SOURCE_CREDENTIAL_PASSWORD, password)
        src.invoke_authenticate(credentials, None, lambda s, result: s.invoke_authenticate_finish(result))

    committed.connect("credentials-required", credentials_required)
    return committed


def connected(source, client):
    """The connection state and the server's write permission reach the client as D-Bus properties, a moment after connecting."""
    if source.get_connection_status() == EDataServer.SourceConnectionStatus.CONNECTED and not client.is_readonly():
        return True
    return None


def cached_event(client, uid):
    """The event as the backend's local cache holds it, as iCalendar text; None if it has none."""
    try:
        return client.get_object_sync(uid, None, None)[1].as_ical_string()
    except GLib.Error:
        return None


# ---- calendar: GNOME Calendar's view of the person's own calendar ----
calendar_source = add_source("Schulhaus", "caldav-stub", EDataServer.SOURCE_EXTENSION_CALENDAR, "caldav",
                             "/caldav/" + login + "/persoenlich/")
calendar = ECal.Client.connect_sync(calendar_source, ECal.ClientSourceType.EVENTS, DONT_WAIT, None)
assert calendar.is_online(), "calendar backend is offline"
wait_for("the calendar to connect and be writable", lambda: connected(calendar_source, calendar), lambda: None)
print("calendar: connected, writable", flush=True)
step("calendar-connected")

# a weekly event in Berlin time, made the way GNOME Calendar makes one: an ECalComponent with a builtin zone
berlin = ICalGLib.Timezone.get_builtin_timezone("Europe/Berlin")
assert berlin is not None, "libical has no Europe/Berlin"


def berlin_time(text):
    value = ICalGLib.Time.new_from_string(text)
    value.set_timezone(berlin)
    return ECal.ComponentDateTime.new(value, berlin.get_tzid())


event = ECal.Component.new()
event.set_new_vtype(ECal.ComponentVType.EVENT)
event.set_uid("eds-chor@schulhaus")
event.set_summary(ECal.ComponentText.new("Chor-Probe", None))
event.set_location("Musikraum")
event.set_dtstart(berlin_time("20261207T150000"))
event.set_dtend(berlin_time("20261207T163000"))
event.set_rrules([ICalGLib.Recurrence.new_from_string("FREQ=WEEKLY;BYDAY=MO;COUNT=10")])
event.set_dtstamp(ICalGLib.Time.new_current_with_zone(ICalGLib.Timezone.get_utc_timezone()))
calendar.add_timezone_sync(berlin, None)
ok, uid = calendar.create_object_sync(event.get_icalcomponent(), ECal.OperationFlags.NONE, None)
assert ok and uid == "eds-chor@schulhaus", uid
print("calendar: created", uid, flush=True)
step("event-created")

# an event the test put on the server meanwhile reaches the client
found = wait_for("the server's event", lambda: cached_event(calendar, server_event_uid), lambda: calendar.refresh_sync(None))
summary = [line for line in found.splitlines() if line.startswith("SUMMARY")]
print("calendar: read from the server:", summary[0].split(":", 1)[1], flush=True)
step("event-read")

# the server's event edited: new title and place, written back by the backend
ok, component = calendar.get_object_sync(server_event_uid, None, None)
edited = ECal.Component.new_from_icalcomponent(component.clone())
edited.set_summary(ECal.ComponentText.new(edited.get_summary().get_value() + " (verlegt)", None))
edited.set_location("Aula")
edited.commit_sequence()
calendar.modify_object_sync(edited.get_icalcomponent(), ECal.ObjModType.ALL, ECal.OperationFlags.NONE, None)
print("calendar: modified", server_event_uid, flush=True)
step("event-modified")

# one Monday of the series cancelled ("only this event"): the backend writes an EXDATE
calendar.remove_object_sync("eds-chor@schulhaus", "20261221T150000", ECal.ObjModType.THIS, ECal.OperationFlags.NONE, None)
print("calendar: cancelled the rehearsal of 21 December", flush=True)
step("occurrence-removed")

# the server's event deleted
calendar.remove_object_sync(server_event_uid, None, ECal.ObjModType.ALL, ECal.OperationFlags.NONE, None)
assert cached_event(calendar, server_event_uid) is None
print("calendar: deleted", server_event_uid, flush=True)
step("event-deleted")

# ---- contacts: GNOME Contacts' view of the personal address book ----
book_source = add_source("Schulhaus-Kontakte", "carddav-stub", EDataServer.SOURCE_EXTENSION_ADDRESS_BOOK, "carddav",
                         "/carddav/" + login + "/kontakte/")
book = EBook.BookClient.connect_sync(book_source, DONT_WAIT, None)
assert book.is_online(), "address book backend is offline"
wait_for("the address book to connect and be writable", lambda: connected(book_source, book), lambda: None)
print("contacts: connected, writable", flush=True)

contact = EBookContacts.Contact.new_from_vcard("\r\n".join([
    "BEGIN:VCARD", "VERSION:3.0", "UID:eds-kontakt@schulhaus", "FN:Erika Elternrat", "N:Elternrat;Erika;;;",
    "EMAIL;TYPE=HOME:erika@example.org", "TEL;TYPE=CELL:+49 170 1234567", "END:VCARD"]))
ok, uid = book.add_contact_sync(contact, EBookContacts.BookOperationFlags.NONE, None)
assert ok and uid == "eds-kontakt@schulhaus", uid
print("contacts: created", uid, flush=True)
step("contact-created")


def fetch_contact(uid):
    try:
        return book.get_contact_sync(uid, None)[1]
    except GLib.Error:
        return None


server_contact = wait_for("the server's contact", lambda: fetch_contact(server_contact_uid), lambda: book.refresh_sync(None))
print("contacts: read from the server:", server_contact.get_attribute("FN").get_value(), flush=True)
step("contact-read")

email = server_contact.get_attribute("EMAIL")
email.remove_values()
email.add_value("neu@example.org")
book.modify_contact_sync(server_contact, EBookContacts.BookOperationFlags.NONE, None)
print("contacts: modified", server_contact_uid, flush=True)
step("contact-modified")

book.remove_contact_by_uid_sync(server_contact_uid, EBookContacts.BookOperationFlags.NONE, None)
assert fetch_contact(server_contact_uid) is None
print("contacts: deleted", server_contact_uid, flush=True)
print("OK", flush=True)
