-- Own quotas for the school-wide file space ("Schule") and the office's ("Verwaltung"), which counted as groups until now.
alter table school add column school_files_quota_mb bigint default 10240 not null;
alter table school add column office_files_quota_mb bigint default 10240 not null;
