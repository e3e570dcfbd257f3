-- A group kept after its time (last year's class, a finished course): its members and history stay,
-- modules following the roster close what belongs to it (the chat room goes read-only, the calendar
-- stays for reading), and it is no longer offered for new members.
alter table school_group add column archived_at timestamp with time zone;
