# Python's caldav library as an organiser: finds the scheduling inbox and outbox, saves an event with an
# invitation (the server delivers it), and asks the outbox for the invitee's free/busy.
# Usage: caldav_scheduling.py <url> <login> <app password> <invitee's address>
import datetime
import sys
import uuid

import caldav
import icalendar
from caldav.objects import FreeBusy

url, login, secret, invitee = sys.argv[1:5]
client = caldav.DAVClient(url, username=login, password=secret)
principal = client.principal()
print("inbox:", principal.schedule_inbox().url)
outbox = principal.schedule_outbox()
print("outbox:", outbox.url)

personal = [c for c in principal.calendars() if c.name == "Persönlich"][0]
personal.save_with_invites("""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//python-caldav test//EN
BEGIN:VEVENT
UID:py-invite-1
DTSTAMP:20261130T120000Z
DTSTART:20261203T100000Z
DTEND:20261203T110000Z
SUMMARY:Fachkonferenz
END:VEVENT
END:VCALENDAR
""", attendees=[principal, invitee])
print("invited")

# the library's freebusy_request() builds this request; its answer is read raw here (0.11 expects a multistatus)
request = icalendar.Calendar()
request.add("prodid", "-//python-caldav test//EN")
request.add("version", "2.0")
request.add("method", "REQUEST")
freebusy = icalendar.FreeBusy()
freebusy.add("uid", str(uuid.uuid1()))
freebusy.add("dtstamp", datetime.datetime.now(datetime.timezone.utc))
freebusy.add("dtstart", datetime.datetime(2026, 12, 3, tzinfo=datetime.timezone.utc))
freebusy.add("dtend", datetime.datetime(2026, 12, 4, tzinfo=datetime.timezone.utc))
request.add_component(freebusy)
message = FreeBusy(data=request, parent=outbox)
message.add_organizer()
message.add_attendee(invitee, no_default_parameters=True)
response = client.post(str(outbox.url), message.data, headers={"Content-Type": "text/calendar; charset=utf-8"})
print("status:", response.status)
print(response.raw)
print("OK")
