-- Personal address books: one default book per person (its id is the account's, its row made at the
-- first write), more made by clients with an extended MKCOL. The school's directory is no table: it
-- is made from the roster at each request.
create table contact_book (
    id uuid primary key,
    school_id uuid not null,
    owner_id uuid not null,
    -- the book's segment in CardDAV paths, unique per owner
    slug varchar(255) not null,
    name varchar(200) not null,
    description varchar(2000),
    -- counts every change of its cards: the CTag and the sync-token (RFC 6578) of the book
    revision bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint contact_book_slug unique (owner_id, slug)
);
create index contact_book_school on contact_book (school_id, owner_id);

-- One address object resource (RFC 6352 5.1): a vCard as the client sent it.
create table contact_card (
    id uuid primary key,
    school_id uuid not null,
    book_id uuid not null references contact_book (id) on delete cascade,
    name varchar(255) not null,
    uid varchar(255) not null,
    formatted_name varchar(255) not null,
    data varchar(1000000) not null,
    size_bytes integer not null,
    etag varchar(64) not null,
    revision bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint contact_card_name unique (book_id, name),
    constraint contact_card_uid unique (book_id, uid)
);

-- What changed in a book at which revision: sync-collection answers from it. A name appears once,
-- at its latest change.
create table contact_change (
    book_id uuid not null references contact_book (id) on delete cascade,
    name varchar(255) not null,
    revision bigint not null,
    deleted boolean not null,
    primary key (book_id, name)
);
create index contact_change_revision on contact_change (book_id, revision);

-- Properties clients set on a book that it has no column for (RFC 4918 dead properties).
create table contact_book_property (
    book_id uuid not null references contact_book (id) on delete cascade,
    namespace varchar(255) not null,
    local_name varchar(255) not null,
    value_xml varchar(100000) not null,
    primary key (book_id, namespace, local_name)
);

-- What pupils and external people see of the school in the directory, as the school's admins decided
-- ('staff': the school's staff; 'groups': also the people of their own groups; 'everyone').
-- No row: 'groups'.
create table contact_directory_policy (
    school_id uuid primary key,
    pupils_see varchar(8) not null,
    updated_at timestamp with time zone not null,
    constraint contact_directory_policy_value check (pupils_see in ('staff', 'groups', 'everyone'))
);
