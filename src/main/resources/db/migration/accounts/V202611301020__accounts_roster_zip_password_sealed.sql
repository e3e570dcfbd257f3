-- The ZIP password of a waiting roster upload is now stored sealed by SecretBox ("v1:" and Base64,
-- at most 363 characters for the 80 characters allowed), never in plain text. Everything the column
-- holds before this migration is plain text: it is cleared. Such uploads expire within a day anyway;
-- an admin who confirms one is told that the password is missing and uploads the file again.
alter table roster_upload alter column zip_password set data type varchar(400);
update roster_upload set zip_password = null where zip_password is not null;
