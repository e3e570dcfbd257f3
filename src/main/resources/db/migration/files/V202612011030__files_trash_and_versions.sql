-- The trash: a deleted file or folder keeps its rows and content; its top node leaves the tree
-- (no parent) and remembers where it was, so that it can go back there. Its members stay below it.
alter table file_node add column trashed_at timestamp with time zone;
alter table file_node add column trashed_from uuid;
alter table file_node add column trashed_by uuid;
-- who wrote the current content, for the file's details and the space's activity
alter table file_node add column modified_by uuid;
create index file_node_trash on file_node (school_id, owner_id, trashed_at);

-- Earlier contents of a file: every overwrite keeps the content it replaced, counted against the space's quota.
create table file_version (
    id uuid primary key,
    school_id uuid not null,
    node_id uuid not null references file_node (id) on delete cascade,
    blob_id uuid not null,
    size_bytes bigint not null,
    content_type varchar(255),
    -- when that content was written, and by whom
    modified_at timestamp with time zone not null,
    modified_by uuid,
    replaced_at timestamp with time zone not null
);
create index file_version_node on file_version (school_id, node_id, modified_at);
create index file_version_replaced on file_version (replaced_at);
