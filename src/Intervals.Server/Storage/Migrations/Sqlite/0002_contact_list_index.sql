-- A person's contact list is read from the index alone: the index carries every column the list returns, so
-- the query no longer looks each row up in the table. On a large file that halves the pages a list reads.
-- It replaces the narrower index on (personid, id), which is its prefix.
CREATE INDEX ix_personcontact_person_items
    ON personcontact (personid, id, contacttypeid, contactdescriptorid, value);
DROP INDEX ix_personcontact_person;
