-- Coactiva schema 14: guarantees given to the IESS (hipoteca, prenda, garantía bancaria,
-- póliza, fianza) for a proceso or one of its convenios, and their execution. Append-only.
CREATE TABLE garantias (
    id             INTEGER PRIMARY KEY,
    proceso        TEXT NOT NULL REFERENCES procesos(numero),
    convenio       INTEGER REFERENCES convenios(id),
    tipo           TEXT NOT NULL CHECK (tipo IN ('hipoteca', 'prenda', 'bancaria', 'poliza', 'fianza')),
    garante        TEXT NOT NULL,
    identificacion TEXT NOT NULL,
    monto          INTEGER NOT NULL CHECK (monto > 0),
    emisor         TEXT,
    documento      TEXT,
    fecha          TEXT NOT NULL,
    vence          TEXT,
    detalle        TEXT,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX garantias_proceso ON garantias(proceso);
CREATE INDEX garantias_vence ON garantias(vence);
CREATE TABLE garantias_ejecuciones (
    garantia_id    INTEGER PRIMARY KEY REFERENCES garantias(id),
    fecha          TEXT NOT NULL,
    resultado      TEXT NOT NULL CHECK (resultado IN ('cobrada', 'parcial', 'rechazada')),
    valor          INTEGER NOT NULL CHECK (valor >= 0),
    detalle        TEXT,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
INSERT INTO configuracion (clave, valor) VALUES ('dias_aviso_garantia', '30');
CREATE TRIGGER garantias_no_se_editan BEFORE UPDATE ON garantias
BEGIN SELECT RAISE(ABORT, 'una garantía registrada no se modifica'); END;
CREATE TRIGGER garantias_no_se_borran BEFORE DELETE ON garantias
BEGIN SELECT RAISE(ABORT, 'una garantía registrada no se borra'); END;
CREATE TRIGGER garantias_ejecuciones_no_se_editan BEFORE UPDATE ON garantias_ejecuciones
BEGIN SELECT RAISE(ABORT, 'la ejecución de una garantía no se modifica'); END;
CREATE TRIGGER garantias_ejecuciones_no_se_borran BEFORE DELETE ON garantias_ejecuciones
BEGIN SELECT RAISE(ABORT, 'la ejecución de una garantía no se borra'); END;
