-- Resumable uploads on the S3 store are S3 multipart uploads: the upload's S3 id, and a lease that
-- lets one request of any node append at a time (a request that dies lets go when the lease ends).
alter table blob_upload add column s3_upload_id varchar(1024);
alter table blob_upload add column busy_until timestamp with time zone;
-- The parts S3 has acknowledged, in order: what CompleteMultipartUpload names. The upload's offset
-- is their sum plus the tail (fewer bytes than a part) kept as an object of its own until it grows
-- into a part. Rows go with their upload.
create table blob_upload_part (
    upload_id uuid not null,
    school_id uuid not null,
    part_number integer not null,
    etag varchar(1024) not null,
    size_bytes bigint not null,
    constraint blob_upload_part_pk primary key (upload_id, part_number),
    constraint blob_upload_part_upload foreign key (upload_id) references blob_upload (id) on delete cascade,
    constraint blob_upload_part_number check (part_number between 1 and 10000 and size_bytes > 0)
);
