-- The next alarm (VALARM, ACTION DISPLAY or AUDIO) of each calendar object that has one, kept when the
-- object is stored: the reminder job takes the due ones and notifies. One row per object, gone with it.
create table calendar_alarm (
    calendar_id uuid not null,
    name varchar(255) not null,
    school_id uuid not null,
    -- when the alarm rings, and the instance it is for
    next_at timestamp with time zone not null,
    starts_at timestamp with time zone not null,
    all_day boolean not null,
    -- the instance's RECURRENCE-ID in a series (the link opens that instance); null for a single event
    recurrence_id timestamp with time zone,
    summary varchar(200),
    primary key (calendar_id, name),
    constraint calendar_alarm_object foreign key (calendar_id, name) references calendar_object (calendar_id, name) on delete cascade
);
create index calendar_alarm_due on calendar_alarm (next_at);
