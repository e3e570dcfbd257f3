create table school (
    id uuid primary key,
    name varchar(200) not null,
    school_number char(6) not null,
    school_type varchar(40) not null,
    mail_domain varchar(253) not null,
    status varchar(20) not null,
    teacher_files_quota_mb bigint not null,
    teacher_mail_quota_mb bigint not null,
    pupil_files_quota_mb bigint not null,
    pupil_mail_quota_mb bigint not null,
    created_at timestamp not null,
    constraint school_number_unique unique (school_number),
    constraint school_mail_domain_unique unique (mail_domain)
);
