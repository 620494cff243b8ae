-- Coactiva schema 6: a user may be linked to an abogado (a Secretario-Abogado acts only on his
-- own procesos).

ALTER TABLE usuarios ADD COLUMN abogado TEXT;
