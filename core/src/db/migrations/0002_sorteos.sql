-- Coactiva schema 2: sorteos and their assignments. Both are append-only: a sorteo is never
-- redone or edited; a re-assignment is a new sorteo of kind 'resorteo'.

CREATE TABLE sorteos (
    numero          INTEGER PRIMARY KEY,
    tipo            TEXT NOT NULL CHECK (tipo IN ('sorteo', 'resorteo')),
    fecha           TEXT NOT NULL,
    usuario         TEXT NOT NULL,
    motivo          TEXT,
    algoritmo       TEXT NOT NULL,
    semilla         TEXT NOT NULL,
    entradas        TEXT NOT NULL,
    resultado       TEXT NOT NULL,
    digest_anterior TEXT NOT NULL,
    digest          TEXT NOT NULL
);

CREATE TABLE asignaciones (
    sorteo  INTEGER NOT NULL REFERENCES sorteos(numero),
    titulo  TEXT NOT NULL,
    abogado TEXT NOT NULL,
    PRIMARY KEY (sorteo, titulo)
) WITHOUT ROWID;
CREATE INDEX asignaciones_titulo ON asignaciones(titulo, sorteo);
CREATE INDEX asignaciones_abogado ON asignaciones(abogado);

CREATE TRIGGER sorteos_no_se_editan BEFORE UPDATE ON sorteos
BEGIN SELECT RAISE(ABORT, 'un sorteo es definitivo: no se modifica (use un resorteo)'); END;
CREATE TRIGGER sorteos_no_se_borran BEFORE DELETE ON sorteos
BEGIN SELECT RAISE(ABORT, 'un sorteo es definitivo: no se borra'); END;
CREATE TRIGGER asignaciones_no_se_editan BEFORE UPDATE ON asignaciones
BEGIN SELECT RAISE(ABORT, 'una asignación sorteada no se modifica (use un resorteo)'); END;
CREATE TRIGGER asignaciones_no_se_borran BEFORE DELETE ON asignaciones
BEGIN SELECT RAISE(ABORT, 'una asignación sorteada no se borra'); END;
