-- The audit log becomes a hash chain (AuditEntry says what the hash covers): each entry gets its
-- number in the chain (seq), the hash of the entry before it and its own hash. The client's address
-- is covered through a salted commitment, so that removing address and salt after the retention
-- period leaves the chain intact. Java migration 202611301011 chains the existing entries.

-- a moment, not a wall-clock reading: existing values are read in the migrating session's time
-- zone, which both JDBC drivers take from the JVM, the zone they were written in
alter table audit_event alter column occurred_at set data type timestamp with time zone;
alter table audit_event add column seq bigint;
alter table audit_event add column prev_hash varchar(64);
alter table audit_event add column hash varchar(64);
alter table audit_event add column ip_salt varchar(32);
alter table audit_event add column ip_commitment varchar(64);
create unique index audit_event_seq on audit_event (seq);

-- One row: appends lock it (select ... for update) to take the next number. start_* is where the
-- kept chain begins once retention has deleted its oldest entries.
create table audit_chain_head (
    id int primary key check (id = 1),
    last_seq bigint not null,
    last_hash varchar(64) not null,
    start_seq bigint not null,
    start_prev_hash varchar(64) not null
);
insert into audit_chain_head (id, last_seq, last_hash, start_seq, start_prev_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 1, '0000000000000000000000000000000000000000000000000000000000000000');
