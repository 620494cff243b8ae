-- Coactiva schema 1: the unit, users, abogados, títulos and the change log.
-- A shipped migration is never edited: later changes go in a new numbered file.

CREATE TABLE unidad (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    provincia       TEXT NOT NULL,
    oficina         TEXT NOT NULL,
    codigo          TEXT NOT NULL,
    nombre          TEXT NOT NULL,
    nivel           TEXT NOT NULL CHECK (nivel IN ('unidad', 'grupo')),
    ciudad          TEXT NOT NULL,
    jefe_nombres    TEXT NOT NULL,
    formato_importe TEXT NOT NULL DEFAULT 'ecuador' CHECK (formato_importe IN ('ecuador', 'anglo')),
    creada_en       TEXT NOT NULL
);

CREATE TABLE usuarios (
    id                INTEGER PRIMARY KEY,
    usuario           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    nombres           TEXT NOT NULL,
    rol               TEXT NOT NULL CHECK (rol IN ('jefe', 'abogado', 'secretario', 'citador', 'consulta')),
    clave_hash        TEXT NOT NULL,
    intentos_fallidos INTEGER NOT NULL DEFAULT 0,
    bloqueado_hasta   TEXT,
    activo            INTEGER NOT NULL DEFAULT 1,
    creado_en         TEXT NOT NULL
);

CREATE TABLE abogados (
    id                   INTEGER PRIMARY KEY,
    identificacion       TEXT NOT NULL UNIQUE,
    nombres              TEXT NOT NULL,
    externo              INTEGER NOT NULL CHECK (externo IN (0, 1)),
    registro_profesional TEXT,
    email                TEXT,
    telefono             TEXT,
    peso_milesimas       INTEGER NOT NULL CHECK (peso_milesimas > 0),
    estado               TEXT NOT NULL CHECK (estado IN ('activo', 'inactivo', 'licencia')),
    licencia_desde       TEXT,
    licencia_hasta       TEXT,
    creado_en            TEXT NOT NULL
);

CREATE TABLE impedimentos (
    abogado_id     INTEGER NOT NULL REFERENCES abogados(id),
    identificacion TEXT NOT NULL,
    motivo         TEXT,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL,
    PRIMARY KEY (abogado_id, identificacion)
) WITHOUT ROWID;

CREATE TABLE importaciones (
    id      INTEGER PRIMARY KEY,
    archivo TEXT NOT NULL,
    sha256  TEXT NOT NULL,
    filas   INTEGER NOT NULL,
    usuario TEXT NOT NULL,
    fecha   TEXT NOT NULL
);

CREATE TABLE titulos (
    id                  INTEGER PRIMARY KEY,
    numero              TEXT NOT NULL UNIQUE,
    fecha_emision       TEXT NOT NULL,
    identificacion      TEXT NOT NULL,
    tipo_identificacion TEXT NOT NULL,
    obligado            TEXT NOT NULL,
    concepto            TEXT NOT NULL,
    capital             INTEGER NOT NULL CHECK (capital > 0),
    intereses           INTEGER NOT NULL CHECK (intereses >= 0),
    total               INTEGER NOT NULL CHECK (total = capital + intereses),
    direccion           TEXT,
    fecha_exigibilidad  TEXT,
    numero_patronal     TEXT,
    periodo             TEXT,
    estado              TEXT NOT NULL,
    importacion_id      INTEGER NOT NULL REFERENCES importaciones(id)
);
CREATE INDEX titulos_estado ON titulos(estado);
CREATE INDEX titulos_identificacion ON titulos(identificacion);

-- The change log: who changed what and when, in the same transaction as the change.
-- Gapless `seq`, each row chained to the previous by SHA-256; never updated or deleted.
-- The sync outbox reads it in `seq` order.
CREATE TABLE cambios (
    seq     INTEGER PRIMARY KEY,
    fecha   TEXT NOT NULL,
    usuario TEXT NOT NULL,
    entidad TEXT NOT NULL,
    clave   TEXT NOT NULL,
    accion  TEXT NOT NULL,
    datos   TEXT NOT NULL,
    hash    BLOB NOT NULL
);
CREATE TRIGGER cambios_no_se_editan BEFORE UPDATE ON cambios
BEGIN SELECT RAISE(ABORT, 'el registro de cambios es de solo agregado: no se modifica'); END;
CREATE TRIGGER cambios_no_se_borran BEFORE DELETE ON cambios
BEGIN SELECT RAISE(ABORT, 'el registro de cambios es de solo agregado: no se borra'); END;
