-- Who besides the school admins writes the school's calendar: teachers and office staff chosen by the
-- school admin, one by one or as a group (then its teachers and staff, never its pupils).
create table calendar_school_writer (
    school_id uuid not null,
    -- an account's or a group's id
    member_id uuid not null,
    member_kind varchar(8) not null,
    created_at timestamp with time zone not null,
    primary key (school_id, member_id),
    constraint calendar_school_writer_kind check (member_kind in ('account', 'group'))
);
