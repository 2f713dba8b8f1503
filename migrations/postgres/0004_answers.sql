-- The city's answers to remarks, for the final report (Resolution CXI/2904/18: every
-- remark accepted or not, with a justification). One answer may cover several remarks
-- on the same point, so answers and the remarks they answer are two tables; a remark
-- has at most one answer. Answers stay drafts until a report is published; the report
-- keeps its own copy, so a later correction never changes what was published.
create table answers (
    id bigserial primary key,
    consultation_id bigint not null references consultations (id) on delete cascade,
    decision text not null,
    justification text not null,
    answered_by bigint references users (id),
    answered_at bigint not null,
    constraint answers_decision_check
        check (decision in ('accepted', 'partly_accepted', 'not_accepted', 'out_of_scope')),
    constraint answers_justification_check check (decision = 'accepted' or justification <> '')
);
create index answers_by_consultation on answers (consultation_id);

create table remark_answers (
    remark_id bigint primary key references remarks (id) on delete cascade,
    answer_id bigint not null references answers (id) on delete cascade
);
create index remark_answers_by_answer on remark_answers (answer_id);
