-- Whose quota a blob counts against: always its school (school_id, null for the platform's own
-- content) and, where it lives in a personal or group space, that account or group. Rows from
-- before (no owner kind) count against their school alone. Quotas and usage are sums over this
-- table, never walks over folders or buckets.
alter table stored_blob add column owner_kind varchar(16);
alter table stored_blob add column owner_id uuid;
alter table stored_blob add constraint stored_blob_owner_kind
  check ((owner_kind is null and owner_id is null) or (owner_kind in ('account', 'group') and owner_id is not null));
-- serves the sum per school (its leading column) as well as per account or group space
drop index stored_blob_school;
create index stored_blob_owner on stored_blob (school_id, owner_kind, owner_id);
