-- Accounts, sessions, roles, organisations and the audit log.
-- Instants are unix seconds in UTC; secrets (session ids, reset tokens) are stored only
-- as SHA-256 hashes, so a copy of the database signs nobody in.

-- A person with an account ('pending' until the address is confirmed). The email is
-- stored lower-cased; it, the name and the password hash are erased (set to null) when
-- the person deletes the account, and the row stays so that public contributions can
-- show "deleted user".
create table users (
    id integer primary key,
    email text,
    display_name text,
    password_hash text,
    district integer,
    status text not null default 'active',
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint,
    constraint users_email_key unique (email),
    constraint users_status_check check (status in ('pending', 'active', 'disabled', 'deleted')),
    constraint users_district_check check (district between 1 and 18)
);

-- Staff roles granted by an admin. Every account is a resident; organisation
-- membership lives in `memberships`.
create table user_roles (
    user_id bigint not null references users (id) on delete cascade,
    role text not null,
    granted_at bigint not null,
    granted_by bigint references users (id) on delete set null,
    primary key (user_id, role),
    constraint user_roles_role_check check (role in ('moderator', 'editor', 'admin'))
);

-- Accounts at an OpenID Connect provider, linked by the provider's subject.
create table identities (
    issuer text not null,
    subject text not null,
    user_id bigint not null references users (id) on delete cascade,
    created_at bigint not null,
    primary key (issuer, subject)
);

create index identities_by_user on identities (user_id);

-- Server-side sessions: the cookie holds a random id, the table its SHA-256.
create table sessions (
    id_hash text primary key,
    user_id bigint not null references users (id) on delete cascade,
    created_at bigint not null,
    last_seen_at bigint not null
);

create index sessions_by_user on sessions (user_id);

-- Links sent by mail (password reset, confirming a new account's address): single
-- use, short-lived, stored hashed.
create table password_resets (
    token_hash text primary key,
    user_id bigint not null references users (id) on delete cascade,
    purpose text not null default 'reset',
    created_at bigint not null,
    expires_at bigint not null,
    used_at bigint,
    constraint password_resets_purpose_check check (purpose in ('reset', 'confirm'))
);

create index password_resets_by_user on password_resets (user_id);

-- OpenID Connect sign-ins in flight: the state the provider must send back, with the
-- nonce and PKCE verifier that belong to it. Deleted when used or stale.
create table sign_in_flows (
    state_hash text primary key,
    nonce text not null,
    pkce_verifier text not null,
    next_path text not null,
    created_at bigint not null
);

-- NGOs (with a KRS number) and the 18 district councils.
create table organisations (
    id integer primary key,
    kind text not null,
    name text not null,
    krs text,
    regon text,
    nip text,
    district integer,
    created_at bigint not null,
    updated_at bigint not null,
    constraint organisations_kind_check check (kind in ('ngo', 'district_council')),
    constraint organisations_krs_key unique (krs),
    constraint organisations_district_key unique (district),
    constraint organisations_shape_check check (
        (kind = 'ngo' and krs is not null and district is null)
        or (kind = 'district_council' and krs is null and district between 1 and 18)
    )
);

create table memberships (
    organisation_id bigint not null references organisations (id) on delete cascade,
    user_id bigint not null references users (id) on delete cascade,
    is_admin integer not null default 0,
    added_at bigint not null,
    primary key (organisation_id, user_id),
    constraint memberships_is_admin_check check (is_admin in (0, 1))
);

create index memberships_by_user on memberships (user_id);

-- Append-only record of security and staff actions. Each row carries the SHA-256 of
-- the previous row's hash and its own fields, so an edited or deleted row breaks the
-- chain (`server verify-audit`). `seq` is unique: two writers cannot fork the chain.
create table audit_log (
    seq bigint primary key,
    at bigint not null,
    actor_id bigint,
    action text not null,
    object_type text not null,
    object_id text not null,
    before_json text,
    after_json text,
    prev_hash text not null,
    hash text not null
);

create index audit_log_by_action on audit_log (action, seq);

-- Mail the site would send, kept when no SMTP server is configured (demo and
-- development only; shown on /dev/outbox in demo mode).
create table outbox (
    id integer primary key,
    to_address text not null,
    subject text not null,
    body text not null,
    created_at bigint not null
);
