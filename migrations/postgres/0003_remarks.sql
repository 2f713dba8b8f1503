-- Consultations run from the back office, their events, remarks and their moderation,
-- and people following consultations or districts.
-- Instants are unix seconds in UTC. Nothing a resident wrote is deleted: a remark is
-- withdrawn or hidden (a state), and every staff action is in the audit log.

-- A consultation is public once published (`published_at` set) and its information
-- period has begun; without `published_at` it is a draft only staff see. Consultations
-- that existed before the back office were public, so they count as published.
alter table consultations add column published_at bigint;
update consultations set published_at = created_at;
-- Remarks appear only after a moderator approves them.
alter table consultations add column premoderation integer not null default 0;
-- The forms besides events: remarks here, and remarks on paper/by email/ePUAP.
alter table consultations add column online_remarks integer not null default 1;
alter table consultations add column written_remarks integer not null default 1;
-- Why the statutory minimums were set aside, when they were (also in the audit log).
alter table consultations add column override_reason text;

-- The city units that run consultations (DK-04 coordinates them). Edited by staff;
-- a consultation keeps the unit's name as it was when chosen.
create table city_units (
    id bigserial primary key,
    name text not null,
    active integer not null default 1,
    constraint city_units_name_key unique (name)
);

insert into city_units (name) values
    ('Wydział Dialogu, Konsultacji i Kontaktu Obywatelskiego'),
    ('Wydział Planowania Przestrzennego'),
    ('Wydział Architektury i Urbanistyki'),
    ('Wydział Kultury i Dziedzictwa Narodowego'),
    ('Wydział Edukacji'),
    ('Wydział Polityki Społecznej i Zdrowia'),
    ('Wydział Kształtowania Środowiska'),
    ('Wydział Sportu'),
    ('Zarząd Zieleni Miejskiej'),
    ('Zarząd Transportu Publicznego'),
    ('Zarząd Dróg Miasta Krakowa'),
    ('Zarząd Budynków Komunalnych'),
    ('Miejski Ośrodek Pomocy Społecznej'),
    ('Biuro Miejskiego Konserwatora Zabytków');

-- Meetings, workshops and expert duty hours of a consultation (exported as .ics).
create table consultation_events (
    id bigserial primary key,
    consultation_id bigint not null references consultations (id) on delete cascade,
    kind text not null,
    starts_at bigint not null,
    ends_at bigint not null,
    place text not null,
    accessibility text not null default '',
    online_url text,
    created_at bigint not null,
    constraint consultation_events_kind_check check (kind in ('meeting', 'workshop', 'duty_hours')),
    constraint consultation_events_order_check check (starts_at < ends_at)
);

create index consultation_events_by_consultation on consultation_events (consultation_id, starts_at);

-- Somebody may be blocked from writing remarks until a moment (a moderator's decision).
alter table users add column blocked_until bigint;

-- A remark on a consultation, or on one unit of its draft act (`unit_anchor`), or a
-- reply to another remark (one level: a reply's parent has no parent). Online remarks
-- have an author account; remarks from other channels carry the author as given and
-- the staff member who entered them. `submission_key` makes a double-clicked submit
-- store one remark. The counters are kept in the same transaction as the rows they
-- count, so a page needs no count query per remark.
create table remarks (
    id bigserial primary key,
    consultation_id bigint not null references consultations (id) on delete cascade,
    unit_anchor text,
    parent_id bigint references remarks (id),
    author_id bigint references users (id),
    organisation_id bigint references organisations (id),
    author_as_given text,
    channel text not null default 'online',
    received_at bigint not null,
    attachment_ref text,
    entered_by bigint references users (id),
    body text not null,
    state text not null default 'visible',
    moderation_reason text,
    submission_key text,
    support_count bigint not null default 0,
    reply_count bigint not null default 0,
    open_flags bigint not null default 0,
    created_at bigint not null,
    edited_at bigint,
    constraint remarks_channel_check check (channel in ('online', 'email', 'post', 'epuap', 'meeting', 'phone')),
    constraint remarks_state_check check (state in ('visible', 'pending', 'hidden', 'withdrawn')),
    constraint remarks_author_check check (
        (channel = 'online' and author_id is not null)
        or (channel <> 'online' and author_as_given is not null and entered_by is not null)
    ),
    constraint remarks_submission_key unique (author_id, submission_key)
);

-- The same for a remark staff enter from a letter (it has no author account).
create unique index remarks_entry_key on remarks (entered_by, submission_key);

-- A thread page: top-level remarks of a consultation (or unit) newest, oldest or most
-- supported first; replies under their parents.
create index remarks_thread_by_time on remarks (consultation_id, parent_id, created_at, id);
create index remarks_thread_by_support on remarks (consultation_id, parent_id, support_count, id);
create index remarks_by_unit on remarks (consultation_id, unit_anchor, created_at, id);
create index remarks_by_unit_support on remarks (consultation_id, unit_anchor, support_count, id);
-- Counts per unit and in all, read from the index alone (no row is visited).
create index remarks_counts on remarks (consultation_id, parent_id, unit_anchor, state, author_id);
create index remarks_replies on remarks (parent_id, created_at, id);
create index remarks_by_author on remarks (author_id);
-- The moderators' queue: flagged, waiting or hidden remarks.
create index remarks_queue on remarks (open_flags, id) where open_flags > 0 or state in ('pending', 'hidden');

-- "I support this": once per person and remark.
create table remark_supports (
    remark_id bigint not null references remarks (id) on delete cascade,
    user_id bigint not null references users (id) on delete cascade,
    created_at bigint not null,
    primary key (remark_id, user_id)
);

-- A flag raised by a signed-in person; once per person and remark. A moderator's
-- decision resolves the remark's open flags.
create table remark_flags (
    remark_id bigint not null references remarks (id) on delete cascade,
    user_id bigint not null references users (id) on delete cascade,
    reason text not null,
    note text,
    created_at bigint not null,
    resolved_at bigint,
    primary key (remark_id, user_id),
    constraint remark_flags_reason_check check (reason in ('spam', 'offensive', 'off_topic', 'personal_data', 'other'))
);

-- Following a consultation or a district: mail when a consultation opens, closes or
-- its report is published. Every mail carries the follow's unsubscribe token; it is
-- kept in clear (the only thing it can do is end this follow) so that the link in an
-- older mail keeps working.
create table follows (
    id bigserial primary key,
    user_id bigint not null references users (id) on delete cascade,
    consultation_id bigint references consultations (id) on delete cascade,
    district bigint,
    unsubscribe_token text not null,
    created_at bigint not null,
    constraint follows_target_check check (
        (consultation_id is not null and district is null)
        or (consultation_id is null and district between 1 and 18)
    ),
    constraint follows_consultation_key unique (user_id, consultation_id),
    constraint follows_district_key unique (user_id, district),
    constraint follows_token_key unique (unsubscribe_token)
);

create index follows_by_consultation on follows (consultation_id);
create index follows_by_district on follows (district);

-- Which notices have gone out, so each is sent once even with several app instances
-- (the primary key is the lock).
create table consultation_notices (
    consultation_id bigint not null references consultations (id) on delete cascade,
    event text not null,
    sent_at bigint not null,
    primary key (consultation_id, event),
    constraint consultation_notices_event_check check (event in ('open', 'close', 'report'))
);
