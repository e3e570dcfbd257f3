-- The school's directory is made from the roster at each request; for sync-collection (RFC 6578) to answer
-- with what changed, it keeps what a viewer's directory held at each sync token it gave out. A token is the
-- hash of the cards one sees, so everyone who sees the same directory (all staff, say) shares one snapshot.
create table contact_directory_snapshot (
    token varchar(100) primary key,
    school_id uuid not null,
    -- one line per card: "<id> <etag>"
    cards varchar(1000000) not null,
    created_at timestamp with time zone not null
);
create index contact_directory_snapshot_school on contact_directory_snapshot (school_id);

-- Which viewer was given which token, the newest few each: a token counts only for whom it was given,
-- so nobody learns from another's token which cards left a directory they do not see.
create table contact_directory_token (
    account_id uuid not null,
    token varchar(100) not null,
    school_id uuid not null,
    issued_at timestamp with time zone not null,
    primary key (account_id, token)
);
create index contact_directory_token_token on contact_directory_token (token);
