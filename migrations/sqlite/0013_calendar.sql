-- One calendar of events (/events). A consultation's meetings keep their own table;
-- what they lacked is the three facts of access people ask for before they come.
alter table consultation_events add column step_free bigint not null default 0;
alter table consultation_events add column induction_loop bigint not null default 0;
alter table consultation_events add column sign_language bigint not null default 0;

-- Events DK-06's editors add on their own: debates, citizens' panels, voting points of
-- the civic budget, duty hours of the department. `district` is null for the whole
-- city.
create table city_events (
    id integer primary key,
    kind text not null,
    title text not null,
    description text not null default '',
    starts_at bigint not null,
    ends_at bigint not null,
    place text not null,
    accessibility text not null default '',
    step_free bigint not null default 0,
    induction_loop bigint not null default 0,
    sign_language bigint not null default 0,
    online_url text,
    district bigint,
    created_by bigint references users (id) on delete set null,
    created_at bigint not null,
    constraint city_events_kind_check check (kind in ('meeting', 'workshop', 'duty_hours', 'debate', 'citizens_panel', 'voting_point')),
    constraint city_events_order_check check (starts_at < ends_at),
    constraint city_events_district_check check (district between 1 and 18)
);

create index city_events_by_start on city_events (starts_at);

-- The easy-to-read version of a consultation ("tekst łatwy do czytania"), shown first
-- to those who ask for it; empty when there is none.
alter table consultations add column easy_read_md text not null default '';
