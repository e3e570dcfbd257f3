-- Spaces other than a person's own: one per group (class, course, staff group), one school-wide
-- space and one office space ("Verwaltung") per school. A group's space has the group's id, the
-- school space the school's id, so that finding them costs no lookup; the office space's id is
-- derived from the school's. file_node.owner_id holds the space's id (the account's for "Meine Dateien").
-- A row exists once somebody changed a setting; without one the defaults apply.
create table file_space (
    id uuid primary key,
    school_id uuid not null,
    kind varchar(8) not null,
    -- group spaces: whether pupils of the group may change files, set by the group's teachers
    pupils_write boolean not null,
    -- the school space: whether teachers and staff may change files (school admins always may)
    teachers_write boolean not null,
    updated_at timestamp with time zone not null,
    constraint file_space_kind check (kind in ('group', 'school', 'office'))
);
create index file_space_school on file_space (school_id);
