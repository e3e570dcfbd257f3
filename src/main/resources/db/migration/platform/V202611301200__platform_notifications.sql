-- Notifications: one row per person and thing a module told them (a group's notification is a row
-- per member, written in one batch). The title is a message key with its arguments, resolved in the
-- reader's language; the arguments are joined by the unit separator (U+001F), which they never contain.
-- Times are moments (with time zone), written as UTC.
create table notification (
    id uuid primary key,
    school_id uuid not null references school (id),
    account_id uuid not null references account (id) on delete cascade,
    kind varchar(60) not null,
    title_key varchar(200) not null,
    title_args varchar(2000),
    link varchar(1000) not null,
    created_at timestamp with time zone not null,
    read_at timestamp with time zone
);
create index notification_school on notification (school_id);
-- the bell: one person's unread count on every page
create index notification_unread on notification (account_id, read_at);
-- the list, newest first
create index notification_account_time on notification (account_id, created_at);
