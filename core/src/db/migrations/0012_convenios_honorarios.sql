-- Convenios de pago: the saldo frozen on the day of the agreement, an entrada and a table of
-- cuotas (French amortisation), each cuota's capital and interest stored as computed then. A
-- convenio is never edited: its end (incumplido, when too many cuotas are overdue) is a row of
-- its own in `convenios_fin`.
CREATE TABLE convenios (
    id             INTEGER PRIMARY KEY,
    proceso        TEXT NOT NULL REFERENCES procesos(numero),
    titulo         TEXT NOT NULL REFERENCES titulos(numero),
    desde          TEXT NOT NULL,
    saldo          INTEGER NOT NULL CHECK (saldo > 0),
    entrada        INTEGER NOT NULL CHECK (entrada >= 0 AND entrada < saldo),
    cuotas         INTEGER NOT NULL CHECK (cuotas BETWEEN 1 AND 120),
    tasa           INTEGER NOT NULL CHECK (tasa >= 0 AND tasa < 1000000),
    etapa_anterior TEXT NOT NULL,
    -- The newest payment of the título when the convenio was made: the cuotas are covered by
    -- the payments recorded after it.
    ultimo_pago    INTEGER NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE INDEX convenios_titulo ON convenios(titulo);
CREATE TABLE convenios_cuotas (
    convenio_id INTEGER NOT NULL REFERENCES convenios(id),
    numero      INTEGER NOT NULL CHECK (numero >= 0),
    vence       TEXT NOT NULL,
    capital     INTEGER NOT NULL CHECK (capital >= 0),
    interes     INTEGER NOT NULL CHECK (interes >= 0),
    PRIMARY KEY (convenio_id, numero)
);
CREATE INDEX convenios_cuotas_vence ON convenios_cuotas(vence);
CREATE TABLE convenios_fin (
    convenio_id INTEGER PRIMARY KEY REFERENCES convenios(id),
    estado      TEXT NOT NULL CHECK (estado IN ('incumplido')),
    fecha       TEXT NOT NULL,
    vencidas    INTEGER NOT NULL,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL
);
CREATE TRIGGER convenios_no_se_editan BEFORE UPDATE ON convenios
BEGIN SELECT RAISE(ABORT, 'un convenio registrado no se modifica'); END;
CREATE TRIGGER convenios_no_se_borran BEFORE DELETE ON convenios
BEGIN SELECT RAISE(ABORT, 'un convenio registrado no se borra'); END;
CREATE TRIGGER cuotas_no_se_editan BEFORE UPDATE ON convenios_cuotas
BEGIN SELECT RAISE(ABORT, 'la tabla de cuotas de un convenio no se modifica'); END;
CREATE TRIGGER cuotas_no_se_borran BEFORE DELETE ON convenios_cuotas
BEGIN SELECT RAISE(ABORT, 'la tabla de cuotas de un convenio no se borra'); END;
CREATE TRIGGER fin_no_se_edita BEFORE UPDATE ON convenios_fin
BEGIN SELECT RAISE(ABORT, 'el fin de un convenio no se modifica'); END;
CREATE TRIGGER fin_no_se_borra BEFORE DELETE ON convenios_fin
BEGIN SELECT RAISE(ABORT, 'el fin de un convenio no se borra'); END;

-- Honorarios of external Secretarios-Abogados: a request for a percentage of what was actually
-- recovered (capital and interest paid), reviewed by the Jefe; the decision is a record of its
-- own (approved, or rejected with its reason).
CREATE TABLE honorarios (
    id             INTEGER PRIMARY KEY,
    proceso        TEXT NOT NULL REFERENCES procesos(numero),
    abogado_id     INTEGER NOT NULL REFERENCES abogados(id),
    fecha          TEXT NOT NULL,
    recuperado     INTEGER NOT NULL CHECK (recuperado > 0),
    porcentaje     INTEGER NOT NULL CHECK (porcentaje > 0 AND porcentaje < 1000000),
    valor          INTEGER NOT NULL CHECK (valor > 0),
    solicitado_por TEXT NOT NULL,
    solicitado_en  TEXT NOT NULL
);
CREATE INDEX honorarios_proceso ON honorarios(proceso);
CREATE TABLE honorarios_decisiones (
    honorario_id INTEGER PRIMARY KEY REFERENCES honorarios(id),
    aprobada     INTEGER NOT NULL CHECK (aprobada IN (0, 1)),
    motivo       TEXT,
    decidida_por TEXT NOT NULL,
    decidida_en  TEXT NOT NULL,
    CHECK (aprobada = 1 OR motivo IS NOT NULL)
);
CREATE TRIGGER honorarios_no_se_editan BEFORE UPDATE ON honorarios
BEGIN SELECT RAISE(ABORT, 'una solicitud de honorarios no se modifica'); END;
CREATE TRIGGER honorarios_no_se_borran BEFORE DELETE ON honorarios
BEGIN SELECT RAISE(ABORT, 'una solicitud de honorarios no se borra'); END;
CREATE TRIGGER hdecisiones_no_se_editan BEFORE UPDATE ON honorarios_decisiones
BEGIN SELECT RAISE(ABORT, 'la decisión sobre unos honorarios no se modifica'); END;
CREATE TRIGGER hdecisiones_no_se_borran BEFORE DELETE ON honorarios_decisiones
BEGIN SELECT RAISE(ABORT, 'la decisión sobre unos honorarios no se borra'); END;

INSERT INTO configuracion (clave, valor) VALUES ('convenio_tasa', 'mora');
INSERT INTO configuracion (clave, valor) VALUES ('convenio_incumplimiento', '2');
INSERT INTO configuracion (clave, valor) VALUES ('honorarios_porcentaje', '10');
