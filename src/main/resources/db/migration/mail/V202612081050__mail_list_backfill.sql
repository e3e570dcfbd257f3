-- Schools whose groups all got list addresses once: groups made before the mail module came (or while its
-- listener was behind) are given theirs by a job that looks only at schools not named here.
create table mail_list_synced (
    school_id uuid primary key,
    synced_at timestamp with time zone not null
);
