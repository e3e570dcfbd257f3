"""A scripted CalDAV session with Python's caldav library (Debian python3-caldav), as the CalDAV tests run it:
discover the person's calendars, make one, write an event with a recurrence rule, search a time range,
update and delete. Prints one line per step; exits non-zero on the first surprise."""
import sys
from datetime import datetime

import caldav

url, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
client = caldav.DAVClient(url=url, username=user, password=password)
principal = client.principal()
calendars = principal.calendars()
names = sorted(c.name or "" for c in calendars)
print("calendars:", ", ".join(names))

personal = [c for c in calendars if str(c.url).rstrip("/").endswith("/persoenlich")]
assert personal, "no personal calendar among %s" % [str(c.url) for c in calendars]
personal = personal[0]

made = principal.make_calendar(name="Python-Kalender", cal_id="python")
print("made:", made.url)

weekly = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//python-caldav test//DE
BEGIN:VEVENT
UID:python-weekly@schulhaus
DTSTAMP:20261130T120000Z
DTSTART:20261102T130000Z
DTEND:20261102T140000Z
SUMMARY:Chor-Probe
RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10
END:VEVENT
END:VCALENDAR
"""
event = made.save_event(weekly)
print("saved:", event.url)

found = made.date_search(start=datetime(2026, 12, 14), end=datetime(2026, 12, 15), expand=False)
print("found in week 51:", len(found))
assert len(found) == 1, found
none = made.date_search(start=datetime(2027, 3, 1), end=datetime(2027, 3, 31), expand=False)
print("found in March 2027:", len(none))
assert len(none) == 0, none

event.load()
event.data = event.data.replace("SUMMARY:Chor-Probe", "SUMMARY:Chor-Probe (Aula)")
event.save()
again = made.event_by_uid("python-weekly@schulhaus")
assert "Chor-Probe (Aula)" in again.data, again.data
print("updated:", again.url)

once = personal.save_event("""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//python-caldav test//DE
BEGIN:VEVENT
UID:python-once@schulhaus
DTSTAMP:20261130T120000Z
DTSTART:20261204T080000Z
DTEND:20261204T090000Z
SUMMARY:Elternsprechtag
END:VEVENT
END:VCALENDAR
""")
print("saved in personal:", once.url)

again.delete()
assert len(made.events()) == 0
print("deleted; events left in Python-Kalender: 0")
print("events in personal:", len(personal.events()))
print("OK")
