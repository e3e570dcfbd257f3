-- A person's or group's own storage quota, set by the school admin; null: the school's default for the role or for groups.
alter table account add column files_quota_mb bigint;
alter table account add column mail_quota_mb bigint;
alter table school_group add column files_quota_mb bigint;
