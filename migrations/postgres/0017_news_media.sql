-- A news post may carry pictures (its cover is the first) and documents.
alter table media drop constraint media_parent_check;
alter table media add constraint media_parent_check
    check (parent_kind in ('consultation', 'budget_project', 'initiative', 'remark', 'news'));
