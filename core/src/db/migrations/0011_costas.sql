-- Costas and gastos of a proceso (publications, peritos, bodegaje, movilización…), each with
-- its receipt foliated. They count in the liquidación only once the Jefe approves them; the
-- decision is a record of its own (approved, or rejected with its reason), never an edit.
CREATE TABLE costas (
    id             INTEGER PRIMARY KEY,
    titulo         TEXT NOT NULL REFERENCES titulos(numero),
    fecha          TEXT NOT NULL,
    concepto       TEXT NOT NULL CHECK (concepto IN ('publicacion', 'perito', 'bodegaje', 'movilizacion', 'otro')),
    descripcion    TEXT NOT NULL,
    valor          INTEGER NOT NULL CHECK (valor > 0),
    actuacion      INTEGER NOT NULL,
    registrada_por TEXT NOT NULL,
    registrada_en  TEXT NOT NULL
);
CREATE INDEX costas_titulo ON costas(titulo);
CREATE TABLE costas_decisiones (
    costa_id    INTEGER PRIMARY KEY REFERENCES costas(id),
    aprobada    INTEGER NOT NULL CHECK (aprobada IN (0, 1)),
    motivo      TEXT,
    decidida_por TEXT NOT NULL,
    decidida_en  TEXT NOT NULL,
    CHECK (aprobada = 1 OR motivo IS NOT NULL)
);
CREATE TRIGGER costas_no_se_editan BEFORE UPDATE ON costas
BEGIN SELECT RAISE(ABORT, 'una costa registrada no se modifica'); END;
CREATE TRIGGER costas_no_se_borran BEFORE DELETE ON costas
BEGIN SELECT RAISE(ABORT, 'una costa registrada no se borra'); END;
CREATE TRIGGER decisiones_no_se_editan BEFORE UPDATE ON costas_decisiones
BEGIN SELECT RAISE(ABORT, 'la decisión sobre una costa no se modifica'); END;
CREATE TRIGGER decisiones_no_se_borran BEFORE DELETE ON costas_decisiones
BEGIN SELECT RAISE(ABORT, 'la decisión sobre una costa no se borra'); END;
