-- The roster as other modules may read it inside their own statements (GroupManagement.CURRENT_MEMBERSHIP): who is
-- in which group that is not archived, and whether they lead it. The chat's posting rule checks it within the write
-- of a message, which saves the database a round trip per post. The tables behind it stay this module's own; what
-- the view shows is its contract.
create view current_membership as
  select m.school_id, m.group_id, m.account_id, m.leader
  from group_membership m join school_group g on g.id = m.group_id and g.school_id = m.school_id
  where g.archived_at is null;
