-- Every school-owned row names its school with a foreign key, and can be found by it (erasure of a
-- school, exports, tenant checks). Group names are unique per school and kind, as the roster needs.
alter table app_password add constraint app_password_school_fk foreign key (school_id) references school (id);
alter table access_token add constraint access_token_school_fk foreign key (school_id) references school (id);
alter table sign_in_link add constraint sign_in_link_school_fk foreign key (school_id) references school (id);
create index group_membership_school on group_membership (school_id);
create index app_password_school on app_password (school_id);
create index access_token_school on access_token (school_id);
create index access_token_account on access_token (account_id);
create index sign_in_link_school on sign_in_link (school_id);
create index roster_upload_school on roster_upload (school_id);
create index external_identity_school on external_identity (school_id);
create unique index school_group_name_per_kind on school_group (school_id, kind, name);
