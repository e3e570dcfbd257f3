-- RFC 6638 3.2.10: the Schedule-Tag of a scheduling object resource (an event with an ORGANIZER).
-- It changes with the organiser's or the invitee's own changes, not when the server merges an
-- invitee's answer into the organiser's event; null for objects that schedule nothing.
alter table calendar_object add column schedule_tag varchar(40);
