-- A message's attachments: files the poster uploaded, stored in the poster's own cloud files
-- ("Meine Dateien/Chat-Anhänge", files.CloudFiles) and read by the room's members through the chat,
-- which checks membership at each request. name, type and size are what was posted, so a list of
-- messages needs no look-up in the files; the file itself is found again by its id in its owner's
-- files, and a file its owner deleted is gone from the chat too.
create table chat_attachment (
    id uuid not null primary key,
    message_id uuid not null references chat_message (id) on delete cascade,
    school_id uuid not null,
    room_id uuid not null,
    owner_id uuid not null,
    file_id uuid not null,
    name varchar(255) not null,
    content_type varchar(255) not null,
    size_bytes bigint not null,
    created_at timestamp with time zone not null
);
create index chat_attachment_message on chat_attachment (school_id, message_id);
create index chat_attachment_owner on chat_attachment (school_id, owner_id);
