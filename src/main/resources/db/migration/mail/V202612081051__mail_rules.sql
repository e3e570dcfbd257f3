-- A person's absence note (vacation auto-reply, RFC 3834), answered between its dates.
create table mail_absence (
    account_id uuid primary key,
    school_id uuid not null,
    enabled boolean not null,
    subject varchar(200) not null,
    body varchar(5000) not null,
    starts_on date,
    ends_on date,
    updated_at timestamp with time zone not null
);
create index mail_absence_school on mail_absence (school_id);

-- Whom an absence note answered and when: each sender once per 7 days.
create table mail_absence_reply (
    account_id uuid not null,
    sender varchar(320) not null,
    school_id uuid not null,
    replied_at timestamp with time zone not null,
    constraint mail_absence_reply_pk primary key (account_id, sender)
);
create index mail_absence_reply_school on mail_absence_reply (school_id);

-- A person's forwarding of everything that arrives, keeping a copy or not.
create table mail_forwarding (
    account_id uuid primary key,
    school_id uuid not null,
    address varchar(320) not null,
    keep_copy boolean not null,
    updated_at timestamp with time zone not null
);
create index mail_forwarding_school on mail_forwarding (school_id);

-- People told that their mailbox is over 90 % full; the row goes when a delivery finds it below again.
create table mail_quota_warning (
    account_id uuid primary key,
    school_id uuid not null,
    warned_at timestamp with time zone not null
);
create index mail_quota_warning_school on mail_quota_warning (school_id);
