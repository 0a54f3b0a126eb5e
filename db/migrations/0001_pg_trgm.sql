-- Trigram indexes (next migration) let the user table's substring search use an index instead of
-- reading every member. pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
