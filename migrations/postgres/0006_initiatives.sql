-- Local initiatives (art. 19b–19h of the public-benefit act). An application is a
-- draft its owner edits between visits (what was typed, as JSON); submitting freezes a
-- version and registers it under IL/{year}/{seq}, the sequence of its year counted in
-- `initiative_counters` inside the submitting transaction, so a number is never
-- skipped or given twice. DK-04's formal checklist, the summons and every decision are
-- recorded; `initiative_events` is the public timeline.
create table initiative_years (
    year bigint primary key,
    pool_grosze bigint not null,
    purpose_max bigint not null default 45,
    contribution_max bigint not null default 45,
    council_bonus bigint not null default 10,
    pass_mark bigint not null default 60,
    constraint initiative_years_pool_check check (pool_grosze >= 0)
);

create table initiative_counters (
    year bigint primary key,
    last_seq bigint not null
);

create table initiatives (
    id bigserial primary key,
    owner_id bigint not null references users (id),
    organisation_id bigint references organisations (id),
    applicant_kind text not null,
    status text not null default 'draft',
    draft text not null,
    title text not null default '',
    district bigint,
    scope text,
    cost_grosze bigint,
    city_cost_grosze bigint,
    task_year bigint,
    year bigint,
    seq bigint,
    version bigint not null default 0,
    signatures bigint,
    remedy_deadline bigint,
    created_at bigint not null,
    updated_at bigint not null,
    submitted_at bigint,
    constraint initiatives_number_key unique (year, seq),
    constraint initiatives_kind_check check (applicant_kind in ('residents', 'ngo', 'district_council')),
    constraint initiatives_status_check check (status in ('draft', 'submitted', 'remedy', 'unprocessed',
        'formally_correct', 'rejected', 'opinions', 'evaluated', 'accepted', 'declined', 'contract',
        'completed', 'withdrawn')),
    constraint initiatives_number_check check ((seq is null) = (version = 0)),
    constraint initiatives_signatures_check check (signatures is null or signatures >= 0)
);
create index initiatives_by_owner on initiatives (owner_id);
create index initiatives_by_status on initiatives (status, year, seq);

create table initiative_versions (
    initiative_id bigint not null references initiatives (id) on delete cascade,
    version bigint not null,
    application text not null,
    submitted_by bigint references users (id),
    submitted_at bigint not null,
    primary key (initiative_id, version)
);

create table initiative_checks (
    initiative_id bigint not null references initiatives (id) on delete cascade,
    item text not null,
    passed bigint,
    note text not null default '',
    checked_by bigint references users (id),
    checked_at bigint not null,
    primary key (initiative_id, item),
    constraint initiative_checks_passed_check check (passed is null or passed in (0, 1))
);

create table initiative_events (
    id bigserial primary key,
    initiative_id bigint not null references initiatives (id) on delete cascade,
    at bigint not null,
    actor_id bigint references users (id) on delete set null,
    kind text not null,
    status text not null,
    note text not null default '',
    deadline bigint
);
create index initiative_events_by_initiative on initiative_events (initiative_id, at);
