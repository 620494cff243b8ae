-- Coactiva schema 16: what follows the embargo. The depositario's periodic reports, the
-- storage contracts (bodegaje) whose cost is a costa of the proceso, the avalúo by a perito,
-- and the remate: its call, publications, posturas, the acta (rematado or desierto) and the
-- adjudicación whose price is a payment. Append-only: a correction is a new record.
CREATE TABLE depositarios_informes (
    id             INTEGER PRIMARY KEY,
    proceso        TEXT NOT NULL REFERENCES procesos(numero),
    depositario    TEXT NOT NULL REFERENCES depositarios(identificacion),
    fecha          TEXT NOT NULL,
    detalle        TEXT NOT NULL,
    -- What went wrong, if anything (a bien damaged, missing, moved).
    incidente      TEXT,
    actuacion      INTEGER NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX depositarios_informes_dep ON depositarios_informes(depositario, proceso, fecha);
CREATE TABLE bodegajes (
    id             INTEGER PRIMARY KEY,
    proceso        TEXT NOT NULL REFERENCES procesos(numero),
    proveedor      TEXT NOT NULL,
    identificacion TEXT NOT NULL,
    -- The goods covered, their numbers separated by commas in ascending order.
    bienes         TEXT NOT NULL,
    desde          TEXT NOT NULL,
    hasta          TEXT NOT NULL,
    costo          INTEGER NOT NULL CHECK (costo > 0),
    costa          INTEGER NOT NULL REFERENCES costas(id),
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX bodegajes_proceso ON bodegajes(proceso);
CREATE TABLE avaluos (
    id             INTEGER PRIMARY KEY,
    bien_id        INTEGER NOT NULL REFERENCES bienes(id),
    perito         TEXT NOT NULL,
    perito_nombres TEXT NOT NULL,
    fecha          TEXT NOT NULL,
    valor          INTEGER NOT NULL CHECK (valor > 0),
    actuacion      INTEGER NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX avaluos_bien ON avaluos(bien_id, id);
CREATE TABLE remates (
    id             INTEGER PRIMARY KEY,
    proceso        TEXT NOT NULL REFERENCES procesos(numero),
    -- 1 for the first call, 2 after a remate declared desierto, …
    convocatoria   INTEGER NOT NULL CHECK (convocatoria >= 1),
    bienes         TEXT NOT NULL,
    avaluo         INTEGER NOT NULL CHECK (avaluo > 0),
    -- The share of the avalúo that is the base, in ten-thousandths of a point (666700 = 66,67 %).
    porcentaje     INTEGER NOT NULL CHECK (porcentaje > 0 AND porcentaje <= 1000000),
    base           INTEGER NOT NULL CHECK (base > 0),
    fecha          TEXT NOT NULL,
    hora           TEXT NOT NULL,
    lugar          TEXT NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX remates_proceso ON remates(proceso);
CREATE TABLE remates_publicaciones (
    id             INTEGER PRIMARY KEY,
    remate_id      INTEGER NOT NULL REFERENCES remates(id),
    fecha          TEXT NOT NULL,
    medio          TEXT NOT NULL,
    detalle        TEXT,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE TABLE remates_posturas (
    id             INTEGER PRIMARY KEY,
    remate_id      INTEGER NOT NULL REFERENCES remates(id),
    postor         TEXT NOT NULL,
    identificacion TEXT NOT NULL,
    valor          INTEGER NOT NULL CHECK (valor > 0),
    deposito       INTEGER NOT NULL CHECK (deposito > 0),
    fecha          TEXT NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE TABLE remates_cierres (
    remate_id      INTEGER PRIMARY KEY REFERENCES remates(id),
    fecha          TEXT NOT NULL,
    resultado      TEXT NOT NULL CHECK (resultado IN ('rematado', 'desierto')),
    postura        INTEGER REFERENCES remates_posturas(id),
    actuacion      INTEGER NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE TABLE remates_adjudicaciones (
    remate_id      INTEGER PRIMARY KEY REFERENCES remates(id),
    fecha          TEXT NOT NULL,
    referencia     TEXT NOT NULL,
    -- The payment the price became (none if nothing was owed any more), what it covered and
    -- what is left for the coactivado.
    pago           INTEGER REFERENCES pagos(id),
    aplicado       INTEGER NOT NULL CHECK (aplicado >= 0),
    sobrante       INTEGER NOT NULL CHECK (sobrante >= 0),
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
INSERT INTO configuracion (clave, valor) VALUES
    ('dias_informe_depositario', '30'),
    ('remate_base_porcentaje', '66,67'),
    ('remate_dias_aviso', '20'),
    ('remate_deposito_porcentaje', '10');
CREATE TRIGGER depositarios_informes_no_se_editan BEFORE UPDATE ON depositarios_informes
BEGIN SELECT RAISE(ABORT, 'un informe de depositario no se modifica'); END;
CREATE TRIGGER depositarios_informes_no_se_borran BEFORE DELETE ON depositarios_informes
BEGIN SELECT RAISE(ABORT, 'un informe de depositario no se borra'); END;
CREATE TRIGGER bodegajes_no_se_editan BEFORE UPDATE ON bodegajes
BEGIN SELECT RAISE(ABORT, 'un contrato de bodegaje no se modifica'); END;
CREATE TRIGGER bodegajes_no_se_borran BEFORE DELETE ON bodegajes
BEGIN SELECT RAISE(ABORT, 'un contrato de bodegaje no se borra'); END;
CREATE TRIGGER avaluos_no_se_editan BEFORE UPDATE ON avaluos
BEGIN SELECT RAISE(ABORT, 'un avalúo no se modifica'); END;
CREATE TRIGGER avaluos_no_se_borran BEFORE DELETE ON avaluos
BEGIN SELECT RAISE(ABORT, 'un avalúo no se borra'); END;
CREATE TRIGGER remates_no_se_editan BEFORE UPDATE ON remates
BEGIN SELECT RAISE(ABORT, 'una convocatoria a remate no se modifica'); END;
CREATE TRIGGER remates_no_se_borran BEFORE DELETE ON remates
BEGIN SELECT RAISE(ABORT, 'una convocatoria a remate no se borra'); END;
CREATE TRIGGER remates_publicaciones_no_se_editan BEFORE UPDATE ON remates_publicaciones
BEGIN SELECT RAISE(ABORT, 'una publicación del remate no se modifica'); END;
CREATE TRIGGER remates_publicaciones_no_se_borran BEFORE DELETE ON remates_publicaciones
BEGIN SELECT RAISE(ABORT, 'una publicación del remate no se borra'); END;
CREATE TRIGGER remates_posturas_no_se_editan BEFORE UPDATE ON remates_posturas
BEGIN SELECT RAISE(ABORT, 'una postura no se modifica'); END;
CREATE TRIGGER remates_posturas_no_se_borran BEFORE DELETE ON remates_posturas
BEGIN SELECT RAISE(ABORT, 'una postura no se borra'); END;
CREATE TRIGGER remates_cierres_no_se_editan BEFORE UPDATE ON remates_cierres
BEGIN SELECT RAISE(ABORT, 'un acta de remate no se modifica'); END;
CREATE TRIGGER remates_cierres_no_se_borran BEFORE DELETE ON remates_cierres
BEGIN SELECT RAISE(ABORT, 'un acta de remate no se borra'); END;
CREATE TRIGGER remates_adjudicaciones_no_se_editan BEFORE UPDATE ON remates_adjudicaciones
BEGIN SELECT RAISE(ABORT, 'una adjudicación no se modifica'); END;
CREATE TRIGGER remates_adjudicaciones_no_se_borran BEFORE DELETE ON remates_adjudicaciones
BEGIN SELECT RAISE(ABORT, 'una adjudicación no se borra'); END;
