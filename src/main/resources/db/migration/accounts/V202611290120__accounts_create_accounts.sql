create table account (
    id uuid primary key,
    school_id uuid references school (id),
    login varchar(320) not null,
    first_name varchar(100) not null,
    last_name varchar(100) not null,
    role varchar(20) not null,
    status varchar(30) not null,
    password_hash varchar(200),
    must_change_password boolean not null default false,
    language varchar(5) not null default 'de',
    totp_secret varchar(64),
    totp_enabled boolean not null default false,
    source varchar(10) not null,
    source_id varchar(100),
    created_at timestamp not null,
    last_sign_in_at timestamp,
    constraint account_login_unique unique (login)
);
create index account_school on account (school_id, last_name, first_name);
create unique index account_source on account (school_id, source, source_id);

create table school_group (
    id uuid primary key,
    school_id uuid not null references school (id),
    name varchar(100) not null,
    kind varchar(20) not null,
    description varchar(300),
    source varchar(10) not null,
    source_id varchar(100),
    created_at timestamp not null
);
create index school_group_school on school_group (school_id, name);
create unique index school_group_source on school_group (school_id, source, source_id);

create table group_membership (
    group_id uuid not null references school_group (id) on delete cascade,
    account_id uuid not null references account (id) on delete cascade,
    school_id uuid not null,
    leader boolean not null default false,
    constraint group_membership_pk primary key (group_id, account_id)
);
create index group_membership_account on group_membership (account_id);

create table app_password (
    id uuid primary key,
    school_id uuid,
    account_id uuid not null references account (id) on delete cascade,
    label varchar(100) not null,
    secret_hash char(64) not null,
    created_at timestamp not null,
    last_used_at timestamp
);
create unique index app_password_hash on app_password (secret_hash);
create index app_password_account on app_password (account_id);

create table access_token (
    id uuid primary key,
    school_id uuid,
    account_id uuid not null references account (id) on delete cascade,
    label varchar(100) not null,
    token_hash char(64) not null,
    created_at timestamp not null,
    last_used_at timestamp
);
create unique index access_token_hash on access_token (token_hash);

create table recovery_code (
    account_id uuid not null references account (id) on delete cascade,
    code_hash char(64) not null,
    used_at timestamp,
    constraint recovery_code_pk primary key (account_id, code_hash)
);

create table sign_in_link (
    token_hash char(64) primary key,
    school_id uuid,
    account_id uuid not null references account (id) on delete cascade,
    expires_at timestamp not null,
    used_at timestamp
);
create index sign_in_link_account on sign_in_link (account_id);

-- An uploaded roster file waiting for the admin's confirmation; nothing else is written before.
create table roster_upload (
    id uuid primary key,
    school_id uuid not null references school (id),
    uploaded_by uuid not null,
    file_name varchar(255) not null,
    content_type varchar(100),
    blob_id uuid not null,
    zip_password varchar(200),
    column_mapping varchar(1000),
    created_at timestamp not null
);
