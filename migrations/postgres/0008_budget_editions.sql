-- Civic budget editions: the calendar of phases, the city-wide pool and the 18
-- district pools, and the rules later phases read. Rules that decide the vote are
-- refused once voting opens (checked by the storage against the calendar).
create table budget_editions (
    year bigint primary key,
    submission_starts bigint not null,
    verification_starts bigint not null,
    protests_start bigint not null,
    final_list_starts bigint not null,
    voting_starts bigint not null,
    results_start bigint not null,
    city_pool_grosze bigint not null,
    support_signatures bigint not null default 15,
    support_remedy_days bigint not null default 14,
    protest_days bigint not null default 10,
    withdrawal_deadline bigint,
    min_voter_age bigint,
    updated_at bigint not null,
    updated_by bigint references users (id),
    constraint budget_editions_pool_check check (city_pool_grosze >= 0),
    constraint budget_editions_order_check check (submission_starts < verification_starts
        and verification_starts < protests_start and protests_start < final_list_starts
        and final_list_starts < voting_starts and voting_starts < results_start)
);

create table budget_district_pools (
    year bigint not null references budget_editions (year) on delete cascade,
    district bigint not null,
    pool_grosze bigint not null,
    primary key (year, district),
    constraint budget_district_pools_district_check check (district between 1 and 18),
    constraint budget_district_pools_pool_check check (pool_grosze >= 0)
);
