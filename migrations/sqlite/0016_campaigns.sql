-- DK-06's information campaigns: a title, a span of days, milestones, and what they
-- group (consultations, news posts, calendar events), and the reach of those pages.
-- Dates are Warsaw calendar days (`YYYY-MM-DD`), compared as text.
create table campaigns (
    id integer primary key,
    slug text not null,
    title text not null,
    summary text not null,
    starts_on text not null,
    ends_on text not null,
    created_by bigint references users (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null,
    constraint campaigns_slug_unique unique (slug),
    constraint campaigns_order_check check (starts_on <= ends_on)
);

create table campaign_milestones (
    campaign_id bigint not null references campaigns (id) on delete cascade,
    on_date text not null,
    label text not null,
    primary key (campaign_id, on_date, label)
);

-- `item` is a consultation's or a post's slug, or a calendar event's id.
create table campaign_items (
    campaign_id bigint not null references campaigns (id) on delete cascade,
    kind text not null,
    item text not null,
    primary key (campaign_id, kind, item),
    constraint campaign_items_kind_check check (kind in ('consultation', 'news', 'event'))
);

-- Page views counted on the server, per path and Warsaw day: no cookie, no address,
-- nothing about the reader. Written in batches by the counter.
create table page_views (
    path text not null,
    day text not null,
    views bigint not null,
    primary key (path, day)
);
