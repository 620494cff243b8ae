-- Coactiva schema 7: the unit's own versions of the document templates, kept in the database
-- (and in the change log), so a template cannot be changed behind the Jefe's back.

CREATE TABLE plantillas (
    nombre       TEXT PRIMARY KEY,
    texto        TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    guardada_por TEXT NOT NULL,
    guardada_en  TEXT NOT NULL
);
