-- The mail digest of unread mentions (mail.digest through chat.MentionDigests). A mention now keeps the
-- moment it was made (an edit that adds a mention makes a new one; an edit that keeps it keeps its time),
-- and what the digest decided about it, once: MAILED, READ (read in time) or SKIPPED (deleted, room no
-- longer readable, switched off, no mailbox). Mentions from before this version have no time and are
-- never mailed, so an update does not send everybody their old mentions at once.
alter table chat_mention add column mentioned_at timestamp with time zone;
alter table chat_mention add column digest_state varchar(10);
alter table chat_mention add column digest_at timestamp with time zone;
create index chat_mention_digest on chat_mention (digest_state, mentioned_at);

-- People who switched the mail off on "Mein Konto" (default on: no row).
create table chat_digest_off (
    school_id uuid not null,
    account_id uuid not null,
    switched_at timestamp with time zone not null,
    constraint chat_digest_off_pk primary key (school_id, account_id)
);
