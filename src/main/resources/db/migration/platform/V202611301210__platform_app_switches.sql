-- The apps a school has switched off for a role (the school admin's page /verwaltung/apps). Only what
-- is off is stored: an app installed later is on until the school switches it off. In the platform,
-- beside the app tiles it applies to: platform may not depend on the schools module.
create table app_switched_off (
    school_id uuid not null references school (id),
    app_key varchar(60) not null,
    role varchar(20) not null,
    constraint app_switched_off_pk primary key (school_id, app_key, role)
);
