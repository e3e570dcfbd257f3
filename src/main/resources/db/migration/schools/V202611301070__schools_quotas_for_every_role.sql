-- Quotas for every role the school has (staff and admins too), and the default for a group's file space.
alter table school add column staff_files_quota_mb bigint default 5120 not null;
alter table school add column staff_mail_quota_mb bigint default 1024 not null;
alter table school add column admin_files_quota_mb bigint default 5120 not null;
alter table school add column admin_mail_quota_mb bigint default 1024 not null;
alter table school add column group_files_quota_mb bigint default 10240 not null;
