-- Bookable rooms and equipment of a school (the computer room, a laptop cart, the hall).
create table calendar_resource (
    id uuid primary key,
    school_id uuid not null,
    name varchar(120) not null,
    -- 'room' or 'equipment'
    kind varchar(12) not null,
    capacity integer,
    description varchar(1000),
    created_at timestamp with time zone not null,
    constraint calendar_resource_kind check (kind in ('room', 'equipment')),
    constraint calendar_resource_name unique (school_id, name)
);

-- One booked span of a resource: an event (or one instance of a recurring one) that names the resource
-- as an attendee. A booking is written in the transaction that stores its event, after the resource's
-- row is locked, so two bookings of one resource are checked one after the other and never overlap.
create table calendar_booking (
    id uuid primary key,
    school_id uuid not null,
    resource_id uuid not null references calendar_resource (id) on delete cascade,
    calendar_id uuid not null references calendar (id) on delete cascade,
    object_name varchar(255) not null,
    starts_at timestamp with time zone not null,
    ends_at timestamp with time zone not null,
    title varchar(200),
    booked_by uuid,
    created_at timestamp with time zone not null
);
create index calendar_booking_span on calendar_booking (resource_id, starts_at);
create index calendar_booking_object on calendar_booking (calendar_id, object_name);
