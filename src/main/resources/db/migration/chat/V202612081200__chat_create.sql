-- Messenger: one room per roster group (class, course, staff group ...). Who reads a room is not
-- stored: it is the group's members at that moment. last_seq counts the room's messages; posting
-- raises it on the room's locked row, so seqs have no gaps and commit in order.
create table chat_room (
    id uuid primary key,
    school_id uuid not null,
    group_id uuid not null,
    name varchar(200) not null,
    archived boolean not null default false,
    last_seq bigint not null default 0,
    last_activity_at timestamp with time zone not null,
    created_at timestamp with time zone not null,
    constraint chat_room_group unique (school_id, group_id)
);

-- seq counts per room from 1; a client that saw up to n asks for seq > n.
create table chat_message (
    id uuid primary key,
    room_id uuid not null references chat_room (id) on delete cascade,
    school_id uuid not null,
    seq bigint not null,
    author_id uuid not null,
    body varchar(10000) not null,
    created_at timestamp with time zone not null,
    constraint chat_message_seq unique (room_id, seq)
);
create index chat_message_author on chat_message (school_id, author_id);

-- How far each person has read each room (unread = last_seq - last_read_seq).
create table chat_read (
    room_id uuid not null references chat_room (id) on delete cascade,
    school_id uuid not null,
    account_id uuid not null,
    last_read_seq bigint not null,
    constraint chat_read_pk primary key (room_id, account_id)
);
create index chat_read_account on chat_read (school_id, account_id);

-- Schools whose groups all got rooms once (like mail_list_synced): the backfill job skips them.
create table chat_room_synced (
    school_id uuid primary key,
    synced_at timestamp with time zone not null
);
