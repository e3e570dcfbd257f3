-- A person's own files ("Meine Dateien"): one row per folder or file, the content in the blob store.
-- The root folder of a space has the account's id and no parent; names are unique within a folder.
create table file_node (
    id uuid primary key,
    school_id uuid not null,
    owner_id uuid not null,
    parent_id uuid references file_node (id),
    name varchar(1000) not null,
    kind varchar(8) not null,
    blob_id uuid,
    size_bytes bigint not null,
    content_type varchar(255),
    etag varchar(64) not null,
    created_at timestamp with time zone not null,
    modified_at timestamp with time zone not null,
    constraint file_node_kind check (kind in ('folder', 'file')),
    constraint file_node_content check ((kind = 'file') = (blob_id is not null)),
    constraint file_node_name unique (parent_id, name)
);
create index file_node_owner on file_node (school_id, owner_id);
create index file_node_parent on file_node (school_id, parent_id);

-- Properties a WebDAV client stored on a node (PROPPATCH): namespace, name, value as an XML fragment.
create table file_property (
    node_id uuid not null references file_node (id) on delete cascade,
    school_id uuid not null,
    namespace varchar(1000) not null,
    local_name varchar(255) not null,
    value_xml varchar(100000) not null,
    constraint file_property_pk primary key (node_id, namespace, local_name)
);
create index file_property_school on file_property (school_id);
