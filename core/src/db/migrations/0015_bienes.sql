-- Coactiva schema 15: depositarios judiciales, the goods of a proceso (offered by the
-- coactivado or seized) with their state over time, and the diligencia de embargo that seizes
-- them and names their depositario. Append-only: a state is a new row.
CREATE TABLE depositarios (
    identificacion TEXT PRIMARY KEY,
    nombres        TEXT NOT NULL,
    telefono       TEXT,
    direccion      TEXT,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE TABLE embargos (
    id             INTEGER PRIMARY KEY,
    proceso        TEXT NOT NULL REFERENCES procesos(numero),
    fecha          TEXT NOT NULL,
    hora           TEXT NOT NULL,
    direccion      TEXT NOT NULL,
    depositario    TEXT NOT NULL REFERENCES depositarios(identificacion),
    lugar          TEXT NOT NULL,
    comparecientes TEXT,
    actuacion      INTEGER NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX embargos_proceso ON embargos(proceso);
CREATE TABLE bienes (
    id             INTEGER PRIMARY KEY,
    proceso        TEXT NOT NULL REFERENCES procesos(numero),
    clase          TEXT NOT NULL CHECK (clase IN ('inmueble', 'vehiculo', 'cuenta', 'mueble', 'semoviente', 'otro')),
    origen         TEXT NOT NULL CHECK (origen IN ('dimision', 'embargo')),
    descripcion    TEXT NOT NULL,
    ubicacion      TEXT,
    -- What the kind needs (placa, chasis… for a vehículo; ficha registral, cantón… for an
    -- inmueble), as a JSON object with its keys in order.
    datos          TEXT NOT NULL,
    fecha          TEXT NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX bienes_proceso ON bienes(proceso);
CREATE TABLE bienes_estados (
    id             INTEGER PRIMARY KEY,
    bien_id        INTEGER NOT NULL REFERENCES bienes(id),
    estado         TEXT NOT NULL CHECK (estado IN ('embargado', 'en_deposito', 'avaluado', 'en_remate', 'rematado', 'adjudicado', 'levantado')),
    fecha          TEXT NOT NULL,
    embargo        INTEGER REFERENCES embargos(id),
    depositario    TEXT REFERENCES depositarios(identificacion),
    lugar          TEXT,
    detalle        TEXT,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX bienes_estados_bien ON bienes_estados(bien_id, id);
CREATE TRIGGER depositarios_no_se_editan BEFORE UPDATE ON depositarios
BEGIN SELECT RAISE(ABORT, 'un depositario registrado no se modifica'); END;
CREATE TRIGGER depositarios_no_se_borran BEFORE DELETE ON depositarios
BEGIN SELECT RAISE(ABORT, 'un depositario registrado no se borra'); END;
CREATE TRIGGER embargos_no_se_editan BEFORE UPDATE ON embargos
BEGIN SELECT RAISE(ABORT, 'una diligencia de embargo no se modifica'); END;
CREATE TRIGGER embargos_no_se_borran BEFORE DELETE ON embargos
BEGIN SELECT RAISE(ABORT, 'una diligencia de embargo no se borra'); END;
CREATE TRIGGER bienes_no_se_editan BEFORE UPDATE ON bienes
BEGIN SELECT RAISE(ABORT, 'un bien registrado no se modifica: registre su nuevo estado'); END;
CREATE TRIGGER bienes_no_se_borran BEFORE DELETE ON bienes
BEGIN SELECT RAISE(ABORT, 'un bien registrado no se borra'); END;
CREATE TRIGGER bienes_estados_no_se_editan BEFORE UPDATE ON bienes_estados
BEGIN SELECT RAISE(ABORT, 'el estado de un bien no se modifica: registre uno nuevo'); END;
CREATE TRIGGER bienes_estados_no_se_borran BEFORE DELETE ON bienes_estados
BEGIN SELECT RAISE(ABORT, 'el estado de un bien no se borra'); END;
