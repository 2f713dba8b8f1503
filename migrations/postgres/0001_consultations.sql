-- Consultations announced by the city. Their phase (announced, open, closed, report
-- published) is derived from these instants, never stored, so it cannot go stale.
-- Instants are unix seconds in UTC (docs/adr/0003): the same integer on both backends.
-- Integers are bigint so that sqlx's Any driver reads them as i64, as it does on SQLite.
create table consultations (
    id bigserial primary key,
    slug text not null,
    title text not null,
    summary text not null,
    body_md text not null,
    kind text not null,
    city_wide bigint not null default 0,
    topic text not null,
    organising_unit text not null,
    information_starts_at bigint not null,
    starts_at bigint not null,
    ends_at bigint not null,
    report_published_at bigint,
    created_at bigint not null,
    updated_at bigint not null,
    constraint consultations_slug_key unique (slug),
    constraint consultations_kind_check check (kind in ('general', 'draft_act')),
    constraint consultations_city_wide_check check (city_wide in (0, 1)),
    constraint consultations_schedule_order check (information_starts_at <= starts_at and starts_at < ends_at)
);

-- The public list is ordered by start, newest first.
create index consultations_by_start on consultations (starts_at desc, id desc);

-- Which districts a consultation concerns (none when it is city-wide).
create table consultation_districts (
    consultation_id bigint not null references consultations (id) on delete cascade,
    district bigint not null,
    primary key (consultation_id, district),
    constraint consultation_districts_number_check check (district between 1 and 18)
);

-- The district filter looks consultations up by district.
create index consultation_districts_by_district on consultation_districts (district, consultation_id);
