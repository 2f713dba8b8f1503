-- Uploaded pictures and documents. An upload belongs to its uploader until it is
-- attached to a consultation, a civic-budget project, a local-initiative application or
-- (a scan of the letter) a remark received on paper (parent_kind, parent_id); one never attached is removed after a day. Who may fetch
-- its files follows from its parent on every request (app::media::storage::access).
create table media (
    id text primary key,
    kind text not null,
    display_name text not null,
    bytes bigint not null,
    width bigint,
    height bigint,
    alt_pl text not null default '',
    alt_en text not null default '',
    alt_uk text not null default '',
    uploaded_by bigint references users (id) on delete set null,
    parent_kind text,
    parent_id bigint,
    created_at bigint not null,
    attached_at bigint,
    constraint media_kind_check check (kind in ('jpeg', 'png', 'webp', 'pdf')),
    constraint media_parent_check check (parent_kind in ('consultation', 'budget_project', 'initiative', 'remark'))
);
create index media_by_parent on media (parent_kind, parent_id);
create index media_unattached on media (created_at) where parent_kind is null;

-- What is stored for an upload: a picture's renditions (never the original, which may
-- carry its EXIF location), a document as uploaded. `key` names the bytes in the store
-- and is derived from them (SHA-256), so a name never changes its content and can be
-- cached for a year; the same bytes uploaded twice share one stored object.
create table media_files (
    media_id text not null references media (id) on delete cascade,
    key text not null,
    format text not null,
    width bigint,
    height bigint,
    bytes bigint not null,
    primary key (media_id, key)
);
create index media_files_by_key on media_files (key);
