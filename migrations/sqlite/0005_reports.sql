-- Final consultation reports. DK-04 writes a narrative (kept as a draft until it is
-- published) and enters how many people came to each meeting; publishing freezes a
-- version: its narrative, the generated sections (how the consultation ran, the
-- statistics, the draft act) as a JSON document, and one row per remark with its answer
-- as it stood. A correction publishes the next version with a change note; no version
-- is ever updated, so what was published stays readable as it was.
alter table consultation_events add column attendance bigint;

create table report_drafts (
    consultation_id bigint primary key references consultations (id) on delete cascade,
    narrative_md text not null,
    updated_by bigint references users (id),
    updated_at bigint not null
);

create table report_versions (
    id integer primary key,
    consultation_id bigint not null references consultations (id) on delete cascade,
    version bigint not null,
    narrative_md text not null,
    change_note text not null,
    override_reason text,
    document text not null,
    published_by bigint references users (id),
    published_at bigint not null,
    constraint report_versions_key unique (consultation_id, version),
    constraint report_versions_note_check check (version = 1 or change_note <> '')
);
create index report_versions_by_time on report_versions (published_at);

create table report_rows (
    report_id bigint not null references report_versions (id) on delete cascade,
    position bigint not null,
    remark_id bigint not null,
    parent_id bigint,
    received_at bigint not null,
    channel text not null,
    author text not null,
    unit_anchor text,
    body_md text,
    body_html text,
    hidden_reason text,
    decision text,
    justification text not null,
    primary key (report_id, position)
);

-- The act as the council adopted it, uploaded by staff after the consultation, for the
-- report's draft-versus-final comparison.
create table adopted_acts (
    consultation_id bigint primary key references consultations (id) on delete cascade,
    title text not null,
    body_md text not null,
    uploaded_by bigint references users (id),
    uploaded_at bigint not null
);
