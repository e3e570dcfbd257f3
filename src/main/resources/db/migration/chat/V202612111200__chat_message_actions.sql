-- What a message can do after it is posted: be edited, deleted, answered, reacted to, mention people.
-- Every change takes the room's next seq like a new message (chat_room.last_seq), and changed_seq is the
-- seq of the message's latest change (its own seq until the first one). A client that has seen up to n
-- gets each message with changed_seq > n once, in its current state: no change is missed or sent twice.
alter table chat_message add column changed_seq bigint;
update chat_message set changed_seq = seq;
alter table chat_message alter column changed_seq set not null;
create unique index chat_message_changed on chat_message (room_id, changed_seq);

-- edited: when the text was last changed; deleted: the text is gone ('' in body), the row stays in its place
alter table chat_message add column edited_at timestamp with time zone;
alter table chat_message add column deleted_at timestamp with time zone;
-- the earlier message of the same room this one answers (it may be deleted since)
alter table chat_message add column reply_to uuid;

-- One row per person, message and emoji (a small fixed set, chat.internal.Reactions).
create table chat_reaction (
    message_id uuid not null references chat_message (id) on delete cascade,
    school_id uuid not null,
    account_id uuid not null,
    emoji varchar(16) not null,
    reacted_at timestamp with time zone not null,
    constraint chat_reaction_pk primary key (message_id, account_id, emoji)
);
create index chat_reaction_account on chat_reaction (school_id, account_id);

-- The people a message mentions (@Vorname Nachname), by account.
create table chat_mention (
    message_id uuid not null references chat_message (id) on delete cascade,
    school_id uuid not null,
    account_id uuid not null,
    constraint chat_mention_pk primary key (message_id, account_id)
);
create index chat_mention_account on chat_mention (school_id, account_id);
