-- Own quotas for the school-wide file space ("Schule") and the office's ("Verwaltung"), which counted as groups until now.
alter table school add column school_files_quota_mb bigint default 10240 not null;
alter table school add column office_files_quota_mb bigint default 10240 not null;
-- what they could hold until now stays what they hold
update school set school_files_quota_mb = group_files_quota_mb, office_files_quota_mb = group_files_quota_mb;
