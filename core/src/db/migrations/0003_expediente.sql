-- Coactiva schema 3: settings, holidays, procesos with their parties, stages and citaciones,
-- and the foliated expediente (actuaciones over content-addressed documents).

CREATE TABLE configuracion (
    clave TEXT PRIMARY KEY,
    valor TEXT NOT NULL
);
INSERT INTO configuracion (clave, valor) VALUES
    ('patron_numero', '{PP}{CCC}-{AAAA}-{NNNNN}'),
    ('termino_requerimiento', '10'),
    ('termino_orden_pago', '3'),
    ('plazo_abogado', '180'),
    ('prorroga_abogado', '90');

-- Additions to (or, with quitar = 1, removals from) the computed national holidays.
CREATE TABLE feriados (
    id             INTEGER PRIMARY KEY,
    fecha          TEXT NOT NULL,
    nombre         TEXT NOT NULL,
    provincia      TEXT,
    quitar         INTEGER NOT NULL DEFAULT 0,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);

-- Gapless sequence of proceso numbers per year; a number is never reused.
CREATE TABLE secuencias (
    anio   INTEGER PRIMARY KEY,
    ultimo INTEGER NOT NULL
);

CREATE TABLE procesos (
    id             INTEGER PRIMARY KEY,
    numero         TEXT NOT NULL UNIQUE,
    anio           INTEGER NOT NULL,
    secuencia      INTEGER NOT NULL,
    titulo         TEXT NOT NULL UNIQUE REFERENCES titulos(numero),
    abogado        TEXT NOT NULL,
    etapa          TEXT NOT NULL,
    etapa_desde    TEXT NOT NULL,
    etapa_anterior TEXT,
    abierto_en     TEXT NOT NULL,
    abierto_por    TEXT NOT NULL,
    UNIQUE (anio, secuencia)
);
CREATE INDEX procesos_etapa ON procesos(etapa);
CREATE INDEX procesos_abogado ON procesos(abogado);

CREATE TABLE partes (
    proceso_id     INTEGER NOT NULL REFERENCES procesos(id),
    identificacion TEXT NOT NULL,
    nombres        TEXT NOT NULL,
    rol            TEXT NOT NULL CHECK (rol IN ('obligado', 'garante', 'codeudor')),
    direccion      TEXT,
    PRIMARY KEY (proceso_id, identificacion)
) WITHOUT ROWID;
CREATE INDEX partes_identificacion ON partes(identificacion);

-- Stage history: the current stage is the last row; procesos.etapa mirrors it.
CREATE TABLE etapas (
    id            INTEGER PRIMARY KEY,
    proceso_id    INTEGER NOT NULL REFERENCES procesos(id),
    etapa         TEXT NOT NULL,
    desde         TEXT NOT NULL,
    motivo        TEXT,
    usuario       TEXT NOT NULL,
    registrado_en TEXT NOT NULL
);
CREATE INDEX etapas_proceso ON etapas(proceso_id, id);

CREATE TABLE citaciones (
    id            INTEGER PRIMARY KEY,
    proceso_id    INTEGER NOT NULL REFERENCES procesos(id),
    parte         TEXT NOT NULL,
    tipo          TEXT NOT NULL CHECK (tipo IN ('personal', 'boleta1', 'boleta2', 'prensa', 'electronica')),
    fecha         TEXT NOT NULL,
    detalle       TEXT,
    usuario       TEXT NOT NULL,
    registrado_en TEXT NOT NULL
);
CREATE INDEX citaciones_proceso ON citaciones(proceso_id);

-- Documents by their SHA-256: the same bytes are stored once.
CREATE TABLE documentos (
    id      INTEGER PRIMARY KEY,
    sha256  TEXT NOT NULL UNIQUE,
    paginas INTEGER NOT NULL CHECK (paginas > 0),
    tamano  INTEGER NOT NULL,
    -- 1 when Coactiva generated it with its foja stamps already printed.
    sellado INTEGER NOT NULL DEFAULT 0,
    bytes   BLOB NOT NULL
);

-- The expediente: each actuación takes the next fojas; chained by hash within its proceso.
CREATE TABLE actuaciones (
    proceso_id    INTEGER NOT NULL REFERENCES procesos(id),
    orden         INTEGER NOT NULL,
    desde         INTEGER NOT NULL,
    hasta         INTEGER NOT NULL,
    fecha         TEXT NOT NULL,
    tipo          TEXT NOT NULL,
    descripcion   TEXT NOT NULL,
    autor         TEXT NOT NULL,
    documento     TEXT NOT NULL REFERENCES documentos(sha256),
    corrige       INTEGER,
    hash_anterior TEXT NOT NULL,
    hash          TEXT NOT NULL,
    PRIMARY KEY (proceso_id, orden),
    UNIQUE (proceso_id, desde),
    CHECK (hasta >= desde)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE procesos_fts USING fts5(
    numero, titulo, obligado, identificacion, abogado,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER actuaciones_no_se_editan BEFORE UPDATE ON actuaciones
BEGIN SELECT RAISE(ABORT, 'una foja es permanente: no se modifica (agregue una razón que la corrija)'); END;
CREATE TRIGGER actuaciones_no_se_borran BEFORE DELETE ON actuaciones
BEGIN SELECT RAISE(ABORT, 'una foja es permanente: no se borra'); END;
CREATE TRIGGER documentos_no_se_editan BEFORE UPDATE ON documentos
BEGIN SELECT RAISE(ABORT, 'un documento foliado no se modifica'); END;
CREATE TRIGGER documentos_no_se_borran BEFORE DELETE ON documentos
BEGIN SELECT RAISE(ABORT, 'un documento foliado no se borra'); END;
CREATE TRIGGER etapas_no_se_editan BEFORE UPDATE ON etapas
BEGIN SELECT RAISE(ABORT, 'el historial de etapas no se modifica'); END;
CREATE TRIGGER etapas_no_se_borran BEFORE DELETE ON etapas
BEGIN SELECT RAISE(ABORT, 'el historial de etapas no se borra'); END;
CREATE TRIGGER citaciones_no_se_editan BEFORE UPDATE ON citaciones
BEGIN SELECT RAISE(ABORT, 'una citación registrada no se modifica'); END;
CREATE TRIGGER citaciones_no_se_borran BEFORE DELETE ON citaciones
BEGIN SELECT RAISE(ABORT, 'una citación registrada no se borra'); END;
