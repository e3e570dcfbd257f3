-- Mailboxes: a person's own (account_id) or a function's such as sekretariat@ (local_part), shared by
-- the people in mail_mailbox_member. A person's mailbox appears at its first use, so a school of
-- thousands stores nothing for people who never get mail.
create table mail_mailbox (
    id uuid primary key,
    school_id uuid not null,
    account_id uuid,
    local_part varchar(64),
    display_name varchar(200) not null,
    created_at timestamp with time zone not null,
    constraint mail_mailbox_owner check ((account_id is null) <> (local_part is null)),
    constraint mail_mailbox_account unique (account_id),
    constraint mail_mailbox_local_part unique (school_id, local_part)
);

create table mail_mailbox_member (
    mailbox_id uuid not null references mail_mailbox (id) on delete cascade,
    school_id uuid not null,
    account_id uuid not null,
    constraint mail_mailbox_member_pk primary key (mailbox_id, account_id)
);
create index mail_mailbox_member_account on mail_mailbox_member (school_id, account_id);

-- Further addresses of a mailbox (aliases), in lower case.
create table mail_alias (
    address varchar(320) primary key,
    school_id uuid not null,
    mailbox_id uuid not null references mail_mailbox (id) on delete cascade,
    created_at timestamp with time zone not null
);
create index mail_alias_mailbox on mail_alias (mailbox_id);

-- A group's list address (5a@, kollegium@): members are the group's at delivery time; policy says
-- who may write to it (members, anyone of the school, anyone).
create table mail_list (
    group_id uuid primary key,
    school_id uuid not null,
    local_part varchar(64) not null,
    policy varchar(8) not null,
    created_at timestamp with time zone not null,
    constraint mail_list_policy check (policy in ('members', 'school', 'anyone')),
    constraint mail_list_local_part unique (school_id, local_part)
);

-- Folders of a mailbox, named by their full path with '/' between levels. UIDs are given from
-- uid_next and never again; modseq counts every change (CONDSTORE, and the web's live view).
create table mail_folder (
    id uuid primary key,
    school_id uuid not null,
    mailbox_id uuid not null references mail_mailbox (id) on delete cascade,
    name varchar(500) not null,
    special_use varchar(8),
    uid_validity bigint not null,
    uid_next bigint not null,
    highest_modseq bigint not null,
    subscribed boolean not null,
    created_at timestamp with time zone not null,
    constraint mail_folder_name unique (mailbox_id, name),
    constraint mail_folder_special_use check (special_use in ('inbox', 'sent', 'drafts', 'trash', 'archive', 'junk'))
);

-- A message in a folder: the raw message is a blob (as received, never changed); what lists, threads
-- and searches need is read from it once, at delivery. Flags are columns, keywords a space-separated list.
create table mail_message (
    id uuid primary key,
    school_id uuid not null,
    mailbox_id uuid not null,
    folder_id uuid not null references mail_folder (id) on delete cascade,
    uid bigint not null,
    modseq bigint not null,
    blob_id uuid not null,
    size_bytes bigint not null,
    header_bytes bigint not null,
    received_at timestamp with time zone not null,
    seen boolean not null,
    answered boolean not null,
    flagged boolean not null,
    deleted boolean not null,
    draft boolean not null,
    keywords varchar(1000),
    sent_at timestamp with time zone,
    subject varchar(1000),
    from_address varchar(320),
    from_name varchar(200),
    to_text varchar(2000),
    cc_text varchar(2000),
    message_id varchar(998),
    in_reply_to varchar(998),
    thread_id uuid not null,
    has_attachments boolean not null,
    preview varchar(300),
    search_text varchar(65536),
    constraint mail_message_uid unique (folder_id, uid)
);
create index mail_message_folder_modseq on mail_message (folder_id, modseq);
create index mail_message_folder_received on mail_message (folder_id, received_at);
create index mail_message_mailbox_message_id on mail_message (mailbox_id, message_id);
create index mail_message_thread on mail_message (mailbox_id, thread_id);
create index mail_message_school on mail_message (school_id);
create index mail_message_blob on mail_message (blob_id);

-- UIDs expunged from a folder with the modseq of their removal, so a client that was away learns which
-- of its messages are gone (CONDSTORE/QRESYNC, the web's live view). Swept after 30 days.
create table mail_expunged (
    folder_id uuid not null references mail_folder (id) on delete cascade,
    uid bigint not null,
    modseq bigint not null,
    expunged_at timestamp with time zone not null,
    constraint mail_expunged_pk primary key (folder_id, uid)
);
create index mail_expunged_modseq on mail_expunged (folder_id, modseq);
