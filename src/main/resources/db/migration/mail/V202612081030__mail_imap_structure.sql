-- BODYSTRUCTURE and BODY of a raw message as IMAP answers them, written at the first FETCH that needs
-- them (one streaming pass over the blob) so later ones read a row. Keyed by the blob, which never
-- changes and which copies of a message share; rows of blobs no message uses any more are swept daily.
create table mail_imap_structure (
    blob_id uuid primary key,
    school_id uuid not null,
    body_structure varchar(60000) not null,
    body varchar(60000) not null
);
create index mail_imap_structure_school on mail_imap_structure (school_id);
