-- Calendars: one personal calendar per person (more made by clients with MKCALENDAR), one per group
-- (its id is the group's), one per school (its id is the school's). Rows of group and school
-- calendars are made when somebody first writes to them; until then they are empty and need none.
create table calendar (
    id uuid primary key,
    school_id uuid not null,
    -- 'person', 'group' or 'school': who the calendar belongs to, and so who reads and writes it
    owner_kind varchar(8) not null,
    owner_id uuid not null,
    -- the calendar's segment in CalDAV paths, unique per owner (a client's choice for MKCALENDAR)
    slug varchar(255) not null,
    name varchar(200) not null,
    color varchar(16),
    description varchar(2000),
    -- the component types the calendar takes: 'VEVENT', 'VTODO' or both, comma-separated
    components varchar(40) not null,
    -- counts every change of its objects: the CTag and the sync-token (RFC 6578) of the calendar
    revision bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint calendar_owner_kind check (owner_kind in ('person', 'group', 'school')),
    constraint calendar_slug unique (owner_id, slug)
);
create index calendar_school on calendar (school_id, owner_kind);

-- One calendar object resource (RFC 4791 4.1): an event or a task with its recurrences, as the
-- client sent it. starts_at/ends_at bound every instance for time-range queries (ends_at null: no end).
create table calendar_object (
    id uuid primary key,
    school_id uuid not null,
    calendar_id uuid not null references calendar (id) on delete cascade,
    name varchar(255) not null,
    uid varchar(255) not null,
    component varchar(10) not null,
    starts_at timestamp with time zone,
    ends_at timestamp with time zone,
    recurring boolean not null,
    summary varchar(200),
    data varchar(1000000) not null,
    size_bytes integer not null,
    etag varchar(64) not null,
    revision bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint calendar_object_name unique (calendar_id, name),
    constraint calendar_object_uid unique (calendar_id, uid)
);
create index calendar_object_span on calendar_object (calendar_id, starts_at);

-- What changed in a calendar at which revision: sync-collection answers from it. A name appears
-- once, at its latest change.
create table calendar_change (
    calendar_id uuid not null references calendar (id) on delete cascade,
    name varchar(255) not null,
    revision bigint not null,
    deleted boolean not null,
    primary key (calendar_id, name)
);
create index calendar_change_revision on calendar_change (calendar_id, revision);

-- Properties clients set on a calendar that the calendar has no column for (RFC 4918 dead properties).
create table calendar_property (
    calendar_id uuid not null references calendar (id) on delete cascade,
    namespace varchar(255) not null,
    local_name varchar(255) not null,
    value_xml varchar(100000) not null,
    primary key (calendar_id, namespace, local_name)
);
