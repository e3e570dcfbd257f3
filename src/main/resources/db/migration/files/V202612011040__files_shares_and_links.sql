-- A file or folder shared with a person or a group of the same school, to read or to change.
create table file_share (
    id uuid primary key,
    school_id uuid not null,
    space_id uuid not null,
    node_id uuid not null references file_node (id) on delete cascade,
    grantee_kind varchar(8) not null,
    grantee_id uuid not null,
    may_write boolean not null,
    created_by uuid,
    created_at timestamp with time zone not null,
    constraint file_share_grantee_kind check (grantee_kind in ('person', 'group')),
    constraint file_share_once unique (node_id, grantee_kind, grantee_id)
);
create index file_share_grantee on file_share (school_id, grantee_kind, grantee_id);

-- A link for people without an account: to download a file or folder, or (upload_only) to drop files
-- into a folder without seeing what is in it. The token is the link's secret; the password, if any, argon2id.
create table file_link (
    id uuid primary key,
    school_id uuid not null,
    space_id uuid not null,
    node_id uuid not null references file_node (id) on delete cascade,
    token varchar(64) not null,
    upload_only boolean not null,
    password_hash varchar(255),
    expires_at timestamp with time zone,
    max_downloads integer,
    downloads integer not null,
    created_by uuid,
    created_at timestamp with time zone not null,
    constraint file_link_token unique (token)
);
create index file_link_node on file_link (school_id, node_id);

-- whether pupils (and people from outside) may make links, set by the school admins on the school space's row
alter table file_space add column pupil_links boolean default true not null;
