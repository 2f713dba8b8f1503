-- After the formal check: the opinions of the district council (its members answer on
-- the platform) and of the City Council's Civic Dialogue Committee (recorded by
-- DK-04), and the merit sheet's points, kept with the application.
create table initiative_opinions (
    initiative_id bigint not null references initiatives (id) on delete cascade,
    body text not null,
    organisation_id bigint references organisations (id),
    requested_at bigint not null,
    requested_by bigint references users (id),
    positive bigint,
    opinion text not null default '',
    answered_at bigint,
    answered_by bigint references users (id),
    primary key (initiative_id, body),
    constraint initiative_opinions_body_check check (body in ('district_council', 'dialogue_committee')),
    constraint initiative_opinions_positive_check check (positive is null or positive in (0, 1))
);
create index initiative_opinions_by_organisation on initiative_opinions (organisation_id, answered_at);

alter table initiatives add column score_purpose bigint;
alter table initiatives add column score_contribution bigint;
alter table initiatives add column score_bonus bigint;
alter table initiatives add column score_total bigint;
