#!/usr/bin/env python3
"""Writes the calendar bench's events as .ics files: COUNT events over a school year (August 2026 to
July 2027), every tenth a weekly series of 20 lessons, the rest single appointments of 45 to 90 minutes,
each with the Europe/Berlin VTIMEZONE a client sends. Usage: calendar-data.py FOLDER COUNT"""
import os
import random
import sys

folder, count = sys.argv[1], int(sys.argv[2])
os.makedirs(folder, exist_ok=True)
random.seed(4711)
TZ = """BEGIN:VTIMEZONE\r
TZID:Europe/Berlin\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
"""
SUBJECTS = ["Mathematik", "Deutsch", "Englisch", "Biologie", "Elternsprechtag", "Fachkonferenz", "Klassenarbeit", "Ausflug", "Sport-AG"]
for n in range(1, count + 1):
    day = random.randrange(0, 330)
    year, month, dom = 2026, 8, 1
    # a day of the school year: days after 1 August 2026
    import datetime
    d = datetime.date(2026, 8, 1) + datetime.timedelta(days=day)
    hour = random.randrange(7, 17)
    minutes = random.choice([45, 60, 90])
    start = datetime.datetime(d.year, d.month, d.day, hour, random.choice([0, 15, 30]))
    end = start + datetime.timedelta(minutes=minutes)
    rrule = "RRULE:FREQ=WEEKLY;COUNT=20\r\n" if n % 10 == 0 else ""
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Schulhaus//bench//DE\r\n" + TZ
            + "BEGIN:VEVENT\r\nUID:bench-%05d@schulhaus\r\nDTSTAMP:20261130T120000Z\r\n" % n
            + "DTSTART;TZID=Europe/Berlin:%s\r\n" % start.strftime("%Y%m%dT%H%M%S")
            + "DTEND;TZID=Europe/Berlin:%s\r\n" % end.strftime("%Y%m%dT%H%M%S")
            + "SUMMARY:%s %d\r\nLOCATION:Raum %d\r\n" % (random.choice(SUBJECTS), n, random.randrange(100, 300))
            + "DESCRIPTION:Termin %d des Schuljahres\\, erzeugt für den Vergleich.\r\n" % n
            + rrule + "END:VEVENT\r\nEND:VCALENDAR\r\n")
    with open(os.path.join(folder, "e%05d.ics" % n), "w", newline="") as f:
        f.write(text)
