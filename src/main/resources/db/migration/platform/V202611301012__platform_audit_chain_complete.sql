-- Every entry is chained now (Java migration 202611301011 chained the older ones).
alter table audit_event alter column seq set not null;
alter table audit_event alter column prev_hash set not null;
alter table audit_event alter column hash set not null;
