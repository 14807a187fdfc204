CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE contacttype (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE contactdescriptor (
    id INTEGER PRIMARY KEY,
    contacttypeid INTEGER NOT NULL REFERENCES contacttype (id),
    name TEXT NOT NULL
);
CREATE INDEX ix_contactdescriptor_type ON contactdescriptor (contacttypeid, id);

-- The *_fold columns hold lower-cased copies for substring filters, computed by the server so that
-- both engines fold Unicode alike.
CREATE TABLE person (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    firstname TEXT NOT NULL,
    lastname TEXT,
    title TEXT,
    username TEXT,
    email TEXT,
    groupid INTEGER NOT NULL REFERENCES groups (id),
    active INTEGER NOT NULL DEFAULT 1,
    private INTEGER NOT NULL DEFAULT 0,
    notes TEXT,
    firstname_fold TEXT NOT NULL DEFAULT '',
    lastname_fold TEXT NOT NULL DEFAULT '',
    username_fold TEXT NOT NULL DEFAULT '',
    email_fold TEXT NOT NULL DEFAULT ''
);

CREATE TABLE personcontact (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    personid INTEGER NOT NULL REFERENCES person (id),
    contacttypeid INTEGER NOT NULL REFERENCES contacttype (id),
    contactdescriptorid INTEGER NOT NULL REFERENCES contactdescriptor (id),
    value TEXT NOT NULL,
    value_fold TEXT NOT NULL
);
CREATE INDEX ix_personcontact_person ON personcontact (personid, id);

CREATE TABLE token (
    hash TEXT PRIMARY KEY,
    personid INTEGER NOT NULL UNIQUE REFERENCES person (id),
    issued TEXT NOT NULL
);

INSERT INTO groups (id, name) VALUES (2, 'Administrator'), (3, 'Manager'), (4, 'Resource'), (5, 'Executive');

INSERT INTO contacttype (id, name) VALUES (1, 'email'), (2, 'phone'), (3, 'address'), (4, 'website'), (5, 'chat');

INSERT INTO contactdescriptor (id, contacttypeid, name) VALUES
    (1, 1, 'Work'), (2, 1, 'Home'), (3, 1, 'Other'),
    (4, 2, 'Work'), (5, 2, 'Mobile'), (6, 2, 'Home'), (7, 2, 'Fax'), (8, 2, 'Other'),
    (9, 3, 'Work'), (10, 3, 'Home'), (11, 3, 'Other'),
    (12, 4, 'Work'), (13, 4, 'Personal'), (14, 4, 'Other'),
    (15, 5, 'Work'), (16, 5, 'Personal'), (17, 5, 'Other');
