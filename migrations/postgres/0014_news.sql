-- News and announcements DK-06's editors write (/news). A post without `publish_at`
-- is a draft; one whose `publish_at` is ahead is scheduled and appears by itself.
-- A post may carry a site-wide banner until `banner_until` (a banner never runs
-- without an end). It may concern a consultation, a civic-budget edition, a district.
create table news_posts (
    id bigserial primary key,
    slug text not null,
    title text not null,
    lead text not null,
    body_md text not null,
    publish_at bigint,
    banner_text text not null default '',
    banner_until bigint,
    consultation_id bigint references consultations (id) on delete set null,
    budget_year bigint references budget_editions (year) on delete set null,
    district bigint,
    created_by bigint references users (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null,
    constraint news_posts_slug_unique unique (slug),
    constraint news_posts_banner_check check (banner_text = '' or banner_until is not null),
    constraint news_posts_district_check check (district between 1 and 18)
);

create index news_posts_by_publication on news_posts (publish_at);
