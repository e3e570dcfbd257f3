-- Resumable uploads (tus) while their bytes arrive: whose space they are for, how long they will be,
-- how much of them is durably written (never more than the staging file holds after an fsync), the
-- caller's metadata (where the content goes once complete), whether its content was attached (kept
-- until it expires, so a client asking after a lost answer learns it is complete) and when it is swept.
create table blob_upload (
    id uuid primary key,
    school_id uuid not null,
    owner_kind varchar(16) not null,
    owner_id uuid not null,
    length_bytes bigint not null,
    offset_bytes bigint not null,
    metadata varchar(4000) not null,
    attached boolean default false not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    constraint blob_upload_offset check (offset_bytes >= 0 and offset_bytes <= length_bytes)
);
create index blob_upload_owner on blob_upload (school_id, owner_kind, owner_id);
create index blob_upload_expires on blob_upload (expires_at);
