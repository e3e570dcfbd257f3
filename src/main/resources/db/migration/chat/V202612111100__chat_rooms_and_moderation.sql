-- Rooms beside the roster's: direct chats (one per pair, direct_key = the two account ids in order),
-- group chats with a name and the school's announcement room. Their members are stored (chat_member);
-- a roster group's room still reads its members from the roster. A group room whose group is gone
-- stays as an archived room (group_gone) for the people it had (chat_member, role 'former').
alter table chat_room alter column group_id drop not null;
alter table chat_room add column kind varchar(20) not null default 'GROUP';
alter table chat_room add column direct_key varchar(80);
alter table chat_room add column created_by uuid;
alter table chat_room add column locked boolean not null default false;
alter table chat_room add column closed boolean not null default false;
alter table chat_room add column group_gone boolean not null default false;
alter table chat_room add constraint chat_room_direct unique (school_id, direct_key);
create index chat_room_kind on chat_room (school_id, kind);

-- role: 'starter' (made a group chat, leads it), 'member', 'poster' (may post in the announcement
-- room), 'former' (was in the deleted group of an archived class room)
create table chat_member (
    room_id uuid not null references chat_room (id) on delete cascade,
    school_id uuid not null,
    account_id uuid not null,
    role varchar(20) not null,
    added_at timestamp with time zone not null,
    constraint chat_member_pk primary key (room_id, account_id)
);
create index chat_member_account on chat_member (school_id, account_id);

-- A member a leader silenced in a room; until null = until a leader lifts it.
create table chat_mute (
    room_id uuid not null references chat_room (id) on delete cascade,
    school_id uuid not null,
    account_id uuid not null,
    until_at timestamp with time zone,
    muted_by uuid not null,
    muted_at timestamp with time zone not null,
    constraint chat_mute_pk primary key (room_id, account_id)
);

create table chat_pin (
    room_id uuid not null references chat_room (id) on delete cascade,
    message_id uuid not null references chat_message (id) on delete cascade,
    school_id uuid not null,
    pinned_by uuid not null,
    pinned_at timestamp with time zone not null,
    constraint chat_pin_pk primary key (room_id, message_id)
);

create table chat_report (
    id uuid primary key,
    room_id uuid not null references chat_room (id) on delete cascade,
    message_id uuid not null references chat_message (id) on delete cascade,
    school_id uuid not null,
    reporter_id uuid not null,
    reason varchar(500),
    created_at timestamp with time zone not null,
    resolved_at timestamp with time zone,
    resolved_by uuid,
    constraint chat_report_once unique (message_id, reporter_id)
);
create index chat_report_open on chat_report (school_id, room_id, resolved_at);

-- A person's own "Stummschalten" of a room: no Web Push for it.
create table chat_silenced (
    room_id uuid not null references chat_room (id) on delete cascade,
    school_id uuid not null,
    account_id uuid not null,
    constraint chat_silenced_pk primary key (room_id, account_id)
);

-- The school's rules; no row = the defaults (pupils write to teachers only, no quiet hours, keep all).
create table chat_rules (
    school_id uuid primary key,
    pupils_direct boolean not null default false,
    quiet_from_minute int,
    quiet_to_minute int,
    retention_days int not null default 0,
    updated_at timestamp with time zone not null
);

-- existing schools get their announcement room from the backfill job, which runs again for all of them
delete from chat_room_synced;
