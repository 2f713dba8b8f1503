-- The voting identity the city's sign-in provider vouches for (a PESEL claim), kept with
-- the account's link to the provider as the vote's keyed hash and the date of birth it
-- gives, never the PESEL itself. Refreshed at every sign-in through the provider.
alter table identities add column voter_hash text;
alter table identities add column voter_birth_date text;
