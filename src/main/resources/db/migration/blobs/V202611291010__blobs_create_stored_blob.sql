-- One row per blob in the store, written in the same transaction as whatever refers to the
-- blob. A file without a row is an orphan (its transaction rolled back or the node crashed
-- before the commit), which the sweeper removes; the size per school is what quotas count.
create table stored_blob (
  id uuid primary key,
  school_id uuid,
  size_bytes bigint not null,
  created_at timestamp not null
);
create index stored_blob_school on stored_blob (school_id);
