-- What a school allows per role; a role without a row has the defaults (pupils mail only inside the
-- school, everybody else also outside; 25 MB; no forwarding outside).
create table mail_policy (
    school_id uuid not null,
    role varchar(16) not null,
    outside_allowed boolean not null,
    max_message_mb integer not null,
    forwarding_allowed boolean not null,
    constraint mail_policy_pk primary key (school_id, role)
);

-- Mail for addresses outside the platform, queued in the transaction that accepted it and sent
-- through the smarthost by a job; one row per recipient, so each is retried and bounced on its own.
-- The raw message is a blob of the school, removed with the last recipient's row.
create table mail_outbound_message (
    id uuid primary key,
    school_id uuid not null,
    account_id uuid,
    envelope_from varchar(320) not null,
    blob_id uuid not null,
    size_bytes bigint not null,
    message_id varchar(998),
    subject varchar(1000),
    created_at timestamp with time zone not null
);
create index mail_outbound_message_school on mail_outbound_message (school_id);

create table mail_outbound_recipient (
    message_id uuid not null references mail_outbound_message (id) on delete cascade,
    address varchar(320) not null,
    school_id uuid not null,
    attempts integer not null,
    next_attempt_at timestamp with time zone not null,
    last_error varchar(1000),
    constraint mail_outbound_recipient_pk primary key (message_id, address)
);
create index mail_outbound_recipient_due on mail_outbound_recipient (next_attempt_at);
