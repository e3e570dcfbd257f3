-- Spring Modulith's event publication registry: one row per event and listener, written in the
-- transaction that published the event, deleted once the listener has run (completion-mode delete),
-- so that events of a committed transaction reach their listeners even if the node dies right after.
-- Its own schema for PostgreSQL and H2, in one portable form (no index on the serialized event:
-- completed rows are deleted, so the table holds only what is outstanding).
create table event_publication (
    id uuid not null primary key,
    listener_id varchar(512) not null,
    event_type varchar(512) not null,
    serialized_event varchar(1000000) not null,
    publication_date timestamp with time zone not null,
    completion_date timestamp with time zone,
    status varchar(20),
    completion_attempts integer,
    last_resubmission_date timestamp with time zone
);
create index event_publication_by_completion_date on event_publication (completion_date);

-- ShedLock: a scheduled job (sweeps, purges, resubmission) runs on one node of the cluster at a time.
create table shedlock (
    name varchar(64) not null primary key,
    lock_until timestamp with time zone not null,
    locked_at timestamp with time zone not null,
    locked_by varchar(255) not null
);
