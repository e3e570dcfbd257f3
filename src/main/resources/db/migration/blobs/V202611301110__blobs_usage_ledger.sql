-- What each personal or group space holds, kept exact in the transactions that attach and delete
-- its blobs: a quota check reads one row, and a conditional update of that row adds an upload only
-- if it still fits, so two uploads racing for the last megabytes never both get in.
create table storage_usage (
    school_id uuid not null,
    owner_kind varchar(16) not null,
    owner_id uuid not null,
    bytes bigint not null,
    constraint storage_usage_pk primary key (school_id, owner_kind, owner_id)
);
insert into storage_usage (school_id, owner_kind, owner_id, bytes)
select school_id, owner_kind, owner_id, sum(size_bytes) from stored_blob
where owner_kind is not null group by school_id, owner_kind, owner_id;
