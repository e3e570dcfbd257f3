-- What happened in a space, for its activity list ("Anna hat 3 Dateien in Mathe 7b hochgeladen"):
-- one row per change, grouped when shown. Kept 90 days.
create table file_activity (
    id uuid primary key,
    school_id uuid not null,
    space_id uuid not null,
    actor_id uuid,
    action varchar(20) not null,
    name varchar(1000) not null,
    at timestamp with time zone not null
);
create index file_activity_space on file_activity (school_id, space_id, at);
create index file_activity_at on file_activity (at);
