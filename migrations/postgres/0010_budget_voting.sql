-- The civic-budget vote. `budget_ballot_rules` is the ballot of an edition (locked when
-- voting opens). A vote is two rows that share nothing a reader of the database can
-- join on:
-- * `budget_participations`: who voted (a keyed hash of their identifier, never the
--   identifier), how, in which district, the minute; unique per edition and identity,
--   so a second vote is refused by the database itself. `ballot_seal` is a keyed hash
--   of the ballot's id: only the running server (holding the key) can find the ballot
--   of a participation, for an audited annulment.
-- * `budget_ballots`: what was chosen, under a random id, with the day only and the
--   hash of the voter's receipt code. Without rowid, so storage order is the random id
--   and not the order of casting. (PostgreSQL's heap keeps insertion order until the
--   table is rewritten: sealing the set clusters it by id, see ADR 0012.)
-- Paper cards wait in batches until a second poll officer approves them; a card whose
-- identity already voted goes to the conflict queue instead of the count.
-- `budget_tallies` holds the sealed ballot set's digest and the published results.
create table budget_ballot_rules (
    year bigint primary key references budget_editions (year) on delete cascade,
    scheme text not null default 'ranked',
    points text not null default '3,2,1',
    district_choices bigint not null default 3,
    city_choices bigint not null default 3,
    funding text not null default 'skip',
    conflict_rule text not null default 'earlier',
    draw_seed text not null,
    updated_at bigint not null,
    updated_by bigint references users (id) on delete set null,
    constraint budget_ballot_rules_scheme_check check (scheme in ('ranked', 'approval', 'knapsack')),
    constraint budget_ballot_rules_funding_check check (funding in ('skip', 'stop')),
    constraint budget_ballot_rules_conflict_check check (conflict_rule in ('earlier', 'online', 'paper'))
);

create table budget_poll_officers (
    year bigint not null references budget_editions (year) on delete cascade,
    user_id bigint not null references users (id) on delete cascade,
    primary key (year, user_id)
);

create table budget_participations (
    id bigserial primary key,
    year bigint not null references budget_editions (year),
    identity_hash text not null,
    channel text not null,
    district bigint,
    birth_year bigint,
    user_id bigint references users (id) on delete set null,
    ip_hash text,
    device_hash text,
    cast_minute bigint not null,
    ballot_seal text not null,
    annulled_at bigint,
    annulled_by bigint references users (id) on delete set null,
    annul_reason text,
    constraint budget_participations_once unique (year, identity_hash),
    constraint budget_participations_channel_check check (channel in ('online', 'paper'))
);
create index budget_participations_by_minute on budget_participations (year, cast_minute);
-- One online vote per account too (a stolen identifier cannot be cast from one account
-- again and again).
create unique index budget_participations_account on budget_participations (year, user_id)
    where user_id is not null;

create table budget_ballots (
    id text primary key,
    year bigint not null references budget_editions (year),
    channel text not null,
    district bigint,
    district_choices text not null default '',
    city_choices text not null default '',
    receipt text not null,
    cast_day bigint not null,
    counted bigint not null default 1,
    constraint budget_ballots_receipt_key unique (year, receipt),
    constraint budget_ballots_channel_check check (channel in ('online', 'paper', 'imported')),
    constraint budget_ballots_counted_check check (counted in (0, 1))
);
create index budget_ballots_by_year on budget_ballots (year, counted);

create table budget_paper_batches (
    id bigserial primary key,
    year bigint not null references budget_editions (year),
    voting_point text not null,
    cast_day bigint not null,
    entered_by bigint not null references users (id),
    created_at bigint not null,
    approved_by bigint references users (id),
    approved_at bigint
);

create table budget_paper_cards (
    id bigserial primary key,
    batch_id bigint not null references budget_paper_batches (id) on delete cascade,
    identity_hash text not null,
    district bigint,
    birth_year bigint,
    district_choices text not null default '',
    city_choices text not null default '',
    status text not null,
    reason text not null default '',
    resolved_by bigint references users (id),
    resolved_at bigint,
    constraint budget_paper_cards_status_check check (status in ('entered', 'invalid', 'counted', 'conflict',
        'superseded', 'replaced_online'))
);
create index budget_paper_cards_by_batch on budget_paper_cards (batch_id);

create table budget_tallies (
    year bigint primary key references budget_editions (year) on delete cascade,
    sealed_at bigint not null,
    sealed_by bigint references users (id) on delete set null,
    digest text not null,
    ballots bigint not null,
    results text,
    published_at bigint,
    published_by bigint references users (id) on delete set null
);

-- An optional register of residents (keyed hashes of their identifiers, as
-- `budget_participations` keeps them): when it holds any row, only those listed vote.
create table budget_resident_register (
    identity_hash text primary key
);

-- A project imported from Pabulib keeps its id there (`BO.D16.6/24`).
alter table budget_projects add column external_id text;
