-- The dated table of annual mora rates (ten-thousandths of a percentage point: 9,53 % = 95300).
-- A rate is never edited: a correction is a new row from the same date (the newest wins).
CREATE TABLE tasas (
    id             INTEGER PRIMARY KEY,
    desde          TEXT NOT NULL,
    anual          INTEGER NOT NULL CHECK (anual > 0 AND anual < 1000000),
    registrada_por TEXT NOT NULL,
    registrada_en  TEXT NOT NULL
);
CREATE INDEX tasas_desde ON tasas(desde, id);
CREATE TRIGGER tasas_no_se_editan BEFORE UPDATE ON tasas
BEGIN SELECT RAISE(ABORT, 'una tasa registrada no se modifica: registre otra desde la misma fecha'); END;
CREATE TRIGGER tasas_no_se_borran BEFORE DELETE ON tasas
BEGIN SELECT RAISE(ABORT, 'una tasa registrada no se borra: registre otra desde la misma fecha'); END;

INSERT INTO configuracion (clave, valor) VALUES ('interes_base_dias', '360');
INSERT INTO configuracion (clave, valor) VALUES ('imputacion', 'costas,honorarios,intereses,capital');
