-- Roster uploads kept before blobs had rows of their own: registered so that the orphan sweeper
-- keeps them. Their size is not known here (0); such uploads are removed within a day anyway.
insert into stored_blob (id, school_id, size_bytes, created_at)
select blob_id, school_id, 0, created_at from roster_upload;
