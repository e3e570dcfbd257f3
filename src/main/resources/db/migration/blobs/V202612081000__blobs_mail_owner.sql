-- Mail counts against a person's mail quota, apart from their files: owner kind 'mail' with the account's id.
alter table stored_blob drop constraint stored_blob_owner_kind;
alter table stored_blob add constraint stored_blob_owner_kind
  check ((owner_kind is null and owner_id is null) or (owner_kind in ('account', 'group', 'mail') and owner_id is not null));
