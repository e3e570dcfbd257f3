-- The webmail counts unread messages per folder (folder list, the app's badge) on every page: an index
-- that holds folder and read state answers it without reading the messages' rows.
create index mail_message_folder_seen on mail_message (folder_id, seen);
