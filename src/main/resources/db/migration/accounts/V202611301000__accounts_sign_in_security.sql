-- Second factor that cannot be guessed around: TOTP secrets sealed with a key outside the database
-- (longer values), the last accepted time step (a code works once), failed codes counted on their
-- own in a window, as failed passwords are.
alter table account alter column totp_secret set data type varchar(200);
alter table account add column totp_last_step bigint;
alter table account add column failed_codes integer default 0 not null;
alter table account add column failed_codes_since timestamp;

-- Recovery codes are now 80-bit secrets stored as argon2id hashes; the old 40-bit SHA-256 ones go.
delete from recovery_code;
alter table recovery_code alter column code_hash set data type varchar(200);

-- App passwords and tokens: what they may be used for, until when, and where they were last used.
alter table app_password add column scopes varchar(100) default 'files,calendar,mail' not null;
alter table app_password add column expires_at timestamp;
alter table app_password add column last_used_protocol varchar(20);
alter table app_password add column last_used_address varchar(64);
alter table access_token add column expires_at timestamp;
alter table access_token add column last_used_protocol varchar(20);
alter table access_token add column last_used_address varchar(64);

-- An identity at an external OpenID Connect provider, linked once by its owner after a full local
-- sign-in. Sign-in through the provider finds the account by (issuer, subject), never by e-mail.
create table external_identity (
    id uuid primary key,
    school_id uuid references school (id),
    account_id uuid not null references account (id) on delete cascade,
    registration_id varchar(100) not null,
    issuer varchar(500) not null,
    subject varchar(255) not null,
    created_at timestamp not null,
    constraint external_identity_unique unique (issuer, subject)
);
create index external_identity_account on external_identity (account_id);

-- A membership belongs to the school of its group and its person.
alter table group_membership add constraint group_membership_school_fk foreign key (school_id) references school (id);
