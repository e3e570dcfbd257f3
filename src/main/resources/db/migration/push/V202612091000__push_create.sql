-- Web Push. The server's VAPID key pair (RFC 8292): one row per installation, made at first use; the
-- private key sealed with the platform's SecretBox (its key is not in the database).
create table push_vapid_key (
    id integer primary key check (id = 1),
    public_key varchar(100) not null,
    private_key varchar(300) not null,
    created_at timestamp with time zone not null
);

-- The browsers and installed apps of a person that asked for notifications on that device: the push
-- service's endpoint (a secret address of that browser, unique: a browser that subscribes again for
-- another person moves to that person) and its keys for the payload's encryption (RFC 8291).
create table push_subscription (
    id uuid primary key,
    school_id uuid not null references school (id),
    account_id uuid not null references account (id) on delete cascade,
    endpoint varchar(1000) not null,
    p256dh varchar(100) not null,
    auth varchar(50) not null,
    created_at timestamp with time zone not null,
    constraint push_subscription_endpoint unique (endpoint)
);
create index push_subscription_school on push_subscription (school_id);
create index push_subscription_account on push_subscription (account_id);
