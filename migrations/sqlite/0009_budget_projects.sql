-- Civic budget projects before the vote. A project is a draft its owner edits between
-- visits (what was typed, as JSON); submitting registers it under BO/{year}/{seq}, the
-- sequence counted in `budget_counters` inside the submitting transaction. DK-04
-- assigns it to a verifying city unit, whose verifiers (`budget_unit_verifiers`, a role
-- scoped to one unit) accept or reject it with a published reason; a rejected project
-- may be protested within the edition's window. `budget_project_events` is the public
-- timeline. The columns beside `draft` are the submitted project's facts, kept for the
-- catalogue's filters and its full-text search.
create table budget_units (
    id integer primary key,
    name text not null,
    active bigint not null default 1,
    constraint budget_units_name_key unique (name),
    constraint budget_units_active_check check (active in (0, 1))
);

create table budget_unit_verifiers (
    unit_id bigint not null references budget_units (id) on delete cascade,
    user_id bigint not null references users (id) on delete cascade,
    primary key (unit_id, user_id)
);
create index budget_unit_verifiers_by_user on budget_unit_verifiers (user_id);

create table budget_counters (
    year bigint primary key,
    last_seq bigint not null
);

create table budget_projects (
    id integer primary key,
    year bigint not null references budget_editions (year),
    seq bigint,
    owner_id bigint not null references users (id),
    organisation_id bigint references organisations (id),
    applicant_kind text not null,
    status text not null default 'draft',
    draft text not null,
    title text not null default '',
    summary text not null default '',
    description text not null default '',
    district bigint,
    topic text,
    cost_grosze bigint,
    verified_cost_grosze bigint,
    unit_id bigint references budget_units (id),
    signatures bigint,
    support_deadline bigint,
    decision_note text not null default '',
    rejected_at bigint,
    protest text not null default '',
    hearing_at bigint,
    merger_with bigint references budget_projects (id),
    -- A proposed merger: this project's applicant agreed; this project is the one
    -- merged into the other (which goes on).
    merger_agreed bigint not null default 0,
    merger_absorbed bigint not null default 0,
    created_at bigint not null,
    updated_at bigint not null,
    submitted_at bigint,
    constraint budget_projects_number_key unique (year, seq),
    constraint budget_projects_kind_check check (applicant_kind in ('residents', 'ngo', 'district_council')),
    constraint budget_projects_status_check check (status in ('draft', 'submitted', 'support_missing',
        'in_verification', 'merger_proposed', 'merged', 'accepted', 'rejected', 'protested',
        'rejected_final', 'on_ballot', 'withdrawn')),
    constraint budget_projects_number_check check (seq is not null or status in ('draft', 'withdrawn')),
    constraint budget_projects_district_check check (district is null or district between 1 and 18),
    constraint budget_projects_cost_check check (cost_grosze is null or cost_grosze >= 0),
    constraint budget_projects_verified_cost_check check (verified_cost_grosze is null or verified_cost_grosze >= 0),
    constraint budget_projects_signatures_check check (signatures is null or signatures >= 0)
);
create index budget_projects_by_owner on budget_projects (owner_id);
create index budget_projects_by_year on budget_projects (year, status, district);

create table budget_project_events (
    id integer primary key,
    project_id bigint not null references budget_projects (id) on delete cascade,
    at bigint not null,
    actor_id bigint references users (id) on delete set null,
    kind text not null,
    status text not null,
    note text not null default '',
    deadline bigint
);
create index budget_project_events_by_project on budget_project_events (project_id, at);

-- Full-text search of submitted projects (title, summary, description); the rowid is
-- the project's id. Diacritics are folded, so "zielen" finds "zieleń".
create virtual table budget_projects_fts using fts5 (
    title, summary, description,
    tokenize = 'unicode61 remove_diacritics 2'
);
