-- A class's or course's exam plan ("Klausurplan") is a calendar of its own: kind 'exams', owner the group.
alter table calendar drop constraint calendar_owner_kind;
alter table calendar add constraint calendar_owner_kind check (owner_kind in ('person', 'group', 'school', 'exams'));

-- A school's calendar rules: how many exams a class may have in one week (null: no limit).
create table calendar_school_setting (
    school_id uuid primary key,
    max_exams_per_week integer,
    updated_at timestamp with time zone not null
);
