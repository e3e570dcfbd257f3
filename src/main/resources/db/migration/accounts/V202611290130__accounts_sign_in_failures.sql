-- Failed sign-ins per account, shared by all nodes: guessing one person's password is limited
-- cluster-wide, not once per node. Counted in a window that starts with its first failure.
alter table account add column failed_sign_ins integer default 0 not null;
alter table account add column failed_sign_ins_since timestamp;
