-- The search's copy of the messages' text, written in batches at night (chat.internal.SearchIndexing) instead of with
-- each post: on PostgreSQL its trigram index (migration 202612121410) is then no cost on the posting path. A message
-- changed since its room's indexed_seq is searched in chat_message itself, so nothing is missed in between. Editing or
-- deleting a message removes its copy at once; deleting the message or its room removes it with them.
create table chat_search_entry (
    message_id uuid primary key references chat_message (id) on delete cascade,
    school_id uuid not null,
    room_id uuid not null,
    body varchar(10000) not null,
    -- the message's, so that the hits can be put newest first without reading the messages
    created_at timestamp with time zone not null,
    seq bigint not null
);
create index chat_search_entry_room on chat_search_entry (room_id);

-- Per room: every message whose latest change has a changed_seq up to indexed_seq has its copy (a deleted one: none).
create table chat_search_room (
    room_id uuid primary key references chat_room (id) on delete cascade,
    school_id uuid not null,
    indexed_seq bigint not null
);
