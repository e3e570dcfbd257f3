-- Who was invited to an event by the server's scheduling (RFC 6638), and where their copy is: the
-- organiser's event (its calendar and object name) and the invitee's copy in their personal calendar
-- (the calendar whose id is the invitee's account id). The invitee's answer (PARTSTAT) is kept here too,
-- so that a later change by the organiser keeps it.
create table calendar_invitation (
    id uuid primary key,
    school_id uuid not null,
    event_calendar_id uuid not null references calendar (id) on delete cascade,
    event_name varchar(255) not null,
    uid varchar(255) not null,
    organizer_id uuid not null,
    attendee_id uuid not null,
    copy_name varchar(255) not null,
    partstat varchar(20) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint calendar_invitation_one unique (event_calendar_id, event_name, attendee_id)
);
create index calendar_invitation_copy on calendar_invitation (school_id, attendee_id, copy_name);
