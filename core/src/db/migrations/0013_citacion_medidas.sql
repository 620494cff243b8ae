-- Coactiva schema 13: the diligencia de citación in full; citadores assigned to procesos;
-- medidas cautelares with numbered oficios, the entities' answers and their lifting;
-- excepciones and impugnaciones; deprecatorios sent and received. Every table is append-only:
-- a correction or a later step is a row of its own.

-- A diligencia: the act served, the hour, where, who received it, GPS, the citador who
-- practised it and its outcome. Rows of older versions have these empty (their outcome is
-- «citado»: only successful citaciones could be recorded then).
ALTER TABLE citaciones ADD COLUMN acto TEXT;
ALTER TABLE citaciones ADD COLUMN hora TEXT;
ALTER TABLE citaciones ADD COLUMN direccion TEXT;
ALTER TABLE citaciones ADD COLUMN receptor TEXT;
ALTER TABLE citaciones ADD COLUMN receptor_identificacion TEXT;
ALTER TABLE citaciones ADD COLUMN relacion TEXT;
ALTER TABLE citaciones ADD COLUMN latitud TEXT;
ALTER TABLE citaciones ADD COLUMN longitud TEXT;
ALTER TABLE citaciones ADD COLUMN citador TEXT;
ALTER TABLE citaciones ADD COLUMN resultado TEXT;
-- The actuaciones (orden in the expediente) of the diligencia's photographs: «5,6».
ALTER TABLE citaciones ADD COLUMN fotos TEXT;
CREATE INDEX citaciones_citador ON citaciones(citador, fecha);

-- Which citador-notificador has a proceso: the latest row wins.
CREATE TABLE citadores_asignaciones (
    id             INTEGER PRIMARY KEY,
    proceso        TEXT NOT NULL REFERENCES procesos(numero),
    citador        TEXT NOT NULL,
    por_turno      INTEGER NOT NULL CHECK (por_turno IN (0, 1)),
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX citadores_asignaciones_proceso ON citadores_asignaciones(proceso, id);
CREATE INDEX citadores_asignaciones_citador ON citadores_asignaciones(citador);

-- The kinds of medida cautelar the unit orders: the entity an oficio goes to and the template
-- it is printed from. Three come with Coactiva; the unit adds others.
CREATE TABLE medidas_tipos (
    codigo         TEXT PRIMARY KEY,
    nombre         TEXT NOT NULL,
    entidad        TEXT NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
INSERT INTO medidas_tipos (codigo, nombre, entidad, registrado_por, registrado_en) VALUES
    ('retencion', 'retención de fondos', 'Superintendencia de Bancos', 'coactiva', '2026-01-01T00:00:00-05:00'),
    ('prohibicion_vehiculos', 'prohibición de enajenar vehículos', 'Agencia Nacional de Tránsito', 'coactiva', '2026-01-01T00:00:00-05:00'),
    ('prohibicion_inmuebles', 'prohibición de enajenar inmuebles', 'Registro de la Propiedad', 'coactiva', '2026-01-01T00:00:00-05:00');

-- Gapless sequence of oficio numbers per year, as proceso numbers are.
CREATE TABLE oficios_secuencias (
    anio   INTEGER PRIMARY KEY,
    ultimo INTEGER NOT NULL
);

CREATE TABLE medidas (
    id                INTEGER PRIMARY KEY,
    proceso           TEXT NOT NULL REFERENCES procesos(numero),
    tipo              TEXT NOT NULL REFERENCES medidas_tipos(codigo),
    entidad           TEXT NOT NULL,
    detalle           TEXT,
    -- Up to how much (cents): a retención's ceiling.
    monto             INTEGER NOT NULL CHECK (monto >= 0),
    -- The providencia that ordered it and its date.
    providencia       TEXT NOT NULL,
    providencia_fecha TEXT NOT NULL,
    fecha             TEXT NOT NULL,
    oficio            TEXT NOT NULL UNIQUE,
    oficio_anio       INTEGER NOT NULL,
    oficio_secuencia  INTEGER NOT NULL,
    actuacion         INTEGER NOT NULL,
    registrado_por    TEXT NOT NULL,
    registrado_en     TEXT NOT NULL
);
CREATE INDEX medidas_proceso ON medidas(proceso);

CREATE TABLE medidas_respuestas (
    id             INTEGER PRIMARY KEY,
    medida_id      INTEGER NOT NULL REFERENCES medidas(id),
    fecha          TEXT NOT NULL,
    texto          TEXT NOT NULL,
    banco          TEXT,
    cuenta         TEXT,
    retenido       INTEGER NOT NULL CHECK (retenido >= 0),
    actuacion      INTEGER,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX medidas_respuestas_medida ON medidas_respuestas(medida_id);

CREATE TABLE medidas_levantamientos (
    medida_id        INTEGER PRIMARY KEY REFERENCES medidas(id),
    motivo           TEXT NOT NULL CHECK (motivo IN ('pago', 'convenio', 'orden')),
    detalle          TEXT,
    fecha            TEXT NOT NULL,
    oficio           TEXT NOT NULL UNIQUE,
    oficio_anio      INTEGER NOT NULL,
    oficio_secuencia INTEGER NOT NULL,
    actuacion        INTEGER NOT NULL,
    registrado_por   TEXT NOT NULL,
    registrado_en    TEXT NOT NULL
);

-- Excepciones (before the contencioso-administrativo court) and administrative impugnaciones.
CREATE TABLE excepciones (
    id             INTEGER PRIMARY KEY,
    proceso        TEXT NOT NULL REFERENCES procesos(numero),
    clase          TEXT NOT NULL CHECK (clase IN ('excepcion', 'impugnacion')),
    fecha          TEXT NOT NULL,
    fundamento     TEXT NOT NULL,
    organo         TEXT NOT NULL,
    causa          TEXT,
    suspende       INTEGER NOT NULL CHECK (suspende IN (0, 1)),
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX excepciones_proceso ON excepciones(proceso);
CREATE TABLE excepciones_resoluciones (
    excepcion_id   INTEGER PRIMARY KEY REFERENCES excepciones(id),
    fecha          TEXT NOT NULL,
    resultado      TEXT NOT NULL CHECK (resultado IN ('aceptada', 'rechazada', 'desistida')),
    detalle        TEXT,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);

-- Deprecatorios: commissions this unit sends to another (from one of its procesos) or
-- receives from another (about the other unit's proceso), and what happened to each.
CREATE TABLE deprecatorios (
    id             INTEGER PRIMARY KEY,
    sentido        TEXT NOT NULL CHECK (sentido IN ('enviado', 'recibido')),
    proceso        TEXT REFERENCES procesos(numero),
    unidad         TEXT NOT NULL,
    referencia     TEXT,
    pedido         TEXT NOT NULL CHECK (pedido IN ('citacion', 'embargo', 'otro')),
    detalle        TEXT NOT NULL,
    fecha          TEXT NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL,
    CHECK ((sentido = 'enviado') = (proceso IS NOT NULL))
);
CREATE TABLE deprecatorios_novedades (
    id             INTEGER PRIMARY KEY,
    deprecatorio_id INTEGER NOT NULL REFERENCES deprecatorios(id),
    estado         TEXT NOT NULL CHECK (estado IN ('en_tramite', 'diligenciado', 'devuelto')),
    fecha          TEXT NOT NULL,
    detalle        TEXT,
    documento      TEXT,
    actuacion      INTEGER,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX deprecatorios_novedades_de ON deprecatorios_novedades(deprecatorio_id);

INSERT INTO configuracion (clave, valor) VALUES ('dias_respuesta_oficio', '15');

CREATE TRIGGER citadores_asignaciones_no_se_editan BEFORE UPDATE ON citadores_asignaciones
BEGIN SELECT RAISE(ABORT, 'una asignación de citador no se modifica: asigne de nuevo'); END;
CREATE TRIGGER citadores_asignaciones_no_se_borran BEFORE DELETE ON citadores_asignaciones
BEGIN SELECT RAISE(ABORT, 'una asignación de citador no se borra'); END;
CREATE TRIGGER medidas_tipos_no_se_editan BEFORE UPDATE ON medidas_tipos
BEGIN SELECT RAISE(ABORT, 'un tipo de medida no se modifica'); END;
CREATE TRIGGER medidas_tipos_no_se_borran BEFORE DELETE ON medidas_tipos
BEGIN SELECT RAISE(ABORT, 'un tipo de medida no se borra'); END;
CREATE TRIGGER oficios_secuencias_no_retroceden BEFORE UPDATE ON oficios_secuencias
WHEN NEW.ultimo <> OLD.ultimo + 1 OR NEW.anio <> OLD.anio
BEGIN SELECT RAISE(ABORT, 'la numeración de oficios solo avanza de uno en uno'); END;
CREATE TRIGGER oficios_secuencias_no_se_borran BEFORE DELETE ON oficios_secuencias
BEGIN SELECT RAISE(ABORT, 'la numeración de oficios no se borra'); END;
CREATE TRIGGER medidas_no_se_editan BEFORE UPDATE ON medidas
BEGIN SELECT RAISE(ABORT, 'una medida cautelar ordenada no se modifica'); END;
CREATE TRIGGER medidas_no_se_borran BEFORE DELETE ON medidas
BEGIN SELECT RAISE(ABORT, 'una medida cautelar ordenada no se borra'); END;
CREATE TRIGGER medidas_respuestas_no_se_editan BEFORE UPDATE ON medidas_respuestas
BEGIN SELECT RAISE(ABORT, 'la respuesta a un oficio no se modifica'); END;
CREATE TRIGGER medidas_respuestas_no_se_borran BEFORE DELETE ON medidas_respuestas
BEGIN SELECT RAISE(ABORT, 'la respuesta a un oficio no se borra'); END;
CREATE TRIGGER medidas_levantamientos_no_se_editan BEFORE UPDATE ON medidas_levantamientos
BEGIN SELECT RAISE(ABORT, 'el levantamiento de una medida no se modifica'); END;
CREATE TRIGGER medidas_levantamientos_no_se_borran BEFORE DELETE ON medidas_levantamientos
BEGIN SELECT RAISE(ABORT, 'el levantamiento de una medida no se borra'); END;
CREATE TRIGGER excepciones_no_se_editan BEFORE UPDATE ON excepciones
BEGIN SELECT RAISE(ABORT, 'una excepción registrada no se modifica'); END;
CREATE TRIGGER excepciones_no_se_borran BEFORE DELETE ON excepciones
BEGIN SELECT RAISE(ABORT, 'una excepción registrada no se borra'); END;
CREATE TRIGGER excepciones_resoluciones_no_se_editan BEFORE UPDATE ON excepciones_resoluciones
BEGIN SELECT RAISE(ABORT, 'la resolución de una excepción no se modifica'); END;
CREATE TRIGGER excepciones_resoluciones_no_se_borran BEFORE DELETE ON excepciones_resoluciones
BEGIN SELECT RAISE(ABORT, 'la resolución de una excepción no se borra'); END;
CREATE TRIGGER deprecatorios_no_se_editan BEFORE UPDATE ON deprecatorios
BEGIN SELECT RAISE(ABORT, 'un deprecatorio registrado no se modifica'); END;
CREATE TRIGGER deprecatorios_no_se_borran BEFORE DELETE ON deprecatorios
BEGIN SELECT RAISE(ABORT, 'un deprecatorio registrado no se borra'); END;
CREATE TRIGGER deprecatorios_novedades_no_se_editan BEFORE UPDATE ON deprecatorios_novedades
BEGIN SELECT RAISE(ABORT, 'la novedad de un deprecatorio no se modifica'); END;
CREATE TRIGGER deprecatorios_novedades_no_se_borran BEFORE DELETE ON deprecatorios_novedades
BEGIN SELECT RAISE(ABORT, 'la novedad de un deprecatorio no se borra'); END;
