-- WebDAV locks (RFC 4918 class 2), in the database so that every node sees them: a client may lock
-- on one node and write through another. A tree (say one person's files) is named by "space";
-- expired rows are ignored by every query and removed when the space's locks are next written.
create table dav_lock (
    token varchar(80) primary key,
    school_id uuid not null,
    space varchar(200) not null,
    path varchar(4000) not null,
    deep boolean not null,
    exclusive boolean not null,
    owner_xml varchar(4000),
    expires_at timestamp with time zone not null,
    created_at timestamp with time zone not null
);
create index dav_lock_space on dav_lock (school_id, space);
