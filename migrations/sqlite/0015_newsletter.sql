-- The newsletter: residents subscribe by email to districts and topics, confirm by a
-- mailed link (double opt-in), and get at most one digest a week, only when something
-- is new. The confirmation token is stored as its SHA-256; the unsubscribe token is
-- kept as mailed, since every digest carries it. Unsubscribing deletes the row and
-- with it everything below.
create table newsletter_subscriptions (
    id integer primary key,
    email text not null,
    locale text not null,
    city_wide bigint not null default 0,
    confirm_token_hash text not null,
    confirm_sent_at bigint not null,
    unsubscribe_token text not null,
    created_at bigint not null,
    confirmed_at bigint,
    constraint newsletter_subscriptions_email_unique unique (email),
    constraint newsletter_subscriptions_confirm_unique unique (confirm_token_hash),
    constraint newsletter_subscriptions_unsubscribe_unique unique (unsubscribe_token),
    constraint newsletter_subscriptions_locale_check check (locale in ('pl', 'en', 'uk'))
);

create table newsletter_districts (
    subscription_id bigint not null references newsletter_subscriptions (id) on delete cascade,
    district bigint not null,
    primary key (subscription_id, district),
    constraint newsletter_districts_number_check check (district between 1 and 18)
);

-- No row: every topic.
create table newsletter_topics (
    subscription_id bigint not null references newsletter_subscriptions (id) on delete cascade,
    topic text not null,
    primary key (subscription_id, topic)
);

-- One row per subscription and ISO week, claimed before the mail goes: a second
-- sender (another instance, or this one after a restart) finds the row and skips.
-- `sending` left behind by a crash is never retried: a lost digest beats a double one.
create table newsletter_digests (
    subscription_id bigint not null references newsletter_subscriptions (id) on delete cascade,
    period text not null,
    status text not null,
    composed_at bigint not null,
    items bigint not null,
    primary key (subscription_id, period),
    constraint newsletter_digests_status_check check (status in ('sending', 'sent', 'empty'))
);

create index newsletter_digests_by_period on newsletter_digests (period, status);
