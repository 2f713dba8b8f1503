-- A news post may carry pictures (its cover is the first) and documents. SQLite cannot
-- change a CHECK constraint in place, so `media` is rebuilt. Migrations run in a
-- transaction, where foreign keys cannot be switched off, and dropping `media` would
-- cascade to `media_files`: its rows are kept aside and the table is rebuilt too.
create table media_files_kept as select * from media_files;
drop table media_files;

create table media_new (
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
    constraint media_parent_check check (parent_kind in ('consultation', 'budget_project', 'initiative', 'remark', 'news'))
);
insert into media_new (id, kind, display_name, bytes, width, height, alt_pl, alt_en, alt_uk, uploaded_by,
    parent_kind, parent_id, created_at, attached_at)
select id, kind, display_name, bytes, width, height, alt_pl, alt_en, alt_uk, uploaded_by,
    parent_kind, parent_id, created_at, attached_at from media;
drop table media;
alter table media_new rename to media;
create index media_by_parent on media (parent_kind, parent_id);
create index media_unattached on media (created_at) where parent_kind is null;

create table media_files (
    media_id text not null references media (id) on delete cascade,
    key text not null,
    format text not null,
    width bigint,
    height bigint,
    bytes bigint not null,
    primary key (media_id, key)
);
insert into media_files (media_id, key, format, width, height, bytes)
select media_id, key, format, width, height, bytes from media_files_kept;
drop table media_files_kept;
create index media_files_by_key on media_files (key);
