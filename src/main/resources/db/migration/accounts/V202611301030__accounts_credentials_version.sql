-- Counts changes that must end every cached protocol sign-in of the account on all nodes: a new
-- password, a revoked app password or token, a second factor switched on or off, a new role or
-- status, a suspended school. Nodes compare it on each cached use (one primary-key read).
alter table account add column credentials_version bigint default 0 not null;
