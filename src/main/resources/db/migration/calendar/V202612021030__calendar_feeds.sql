-- Secret read-only subscription addresses of calendars (webcal feeds), one per person and calendar.
-- Only a hash of the token is kept: the address is shown once. Whether the person still sees the
-- calendar is checked at every fetch (a pupil who left the class gets 404). No foreign key: group and
-- school calendars get their row only at their first change.
create table calendar_feed (
    id uuid primary key,
    school_id uuid not null,
    calendar_id uuid not null,
    account_id uuid not null,
    token_hash varchar(64) not null,
    created_at timestamp with time zone not null,
    last_used_at timestamp with time zone,
    constraint calendar_feed_token unique (token_hash),
    constraint calendar_feed_once unique (account_id, calendar_id)
);

-- An .ics file waiting for the person to confirm its import after the preview; removed after import
-- or after a day.
create table calendar_import (
    id uuid primary key,
    school_id uuid not null,
    account_id uuid not null,
    calendar_id uuid not null,
    file_name varchar(255),
    data varchar(5000000) not null,
    created_at timestamp with time zone not null
);
create index calendar_import_account on calendar_import (account_id);
