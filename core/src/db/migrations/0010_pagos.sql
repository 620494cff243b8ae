-- Payments and abonos on a título (before or during its proceso). Each payment's split over
-- costas, honorarios, intereses and capital is computed once, when recorded, and never
-- rewritten. An annulment is a new row pointing to the payment it annuls (`anula`), with its
-- reason; the annulled payment stays as it was.
CREATE TABLE pagos (
    id             INTEGER PRIMARY KEY,
    titulo         TEXT NOT NULL REFERENCES titulos(numero),
    fecha          TEXT NOT NULL,
    valor          INTEGER NOT NULL CHECK (valor > 0),
    forma          TEXT NOT NULL CHECK (forma IN ('deposito', 'transferencia', 'cheque', 'ventanilla')),
    referencia     TEXT NOT NULL,
    costas         INTEGER NOT NULL CHECK (costas >= 0),
    honorarios     INTEGER NOT NULL CHECK (honorarios >= 0),
    intereses      INTEGER NOT NULL CHECK (intereses >= 0),
    capital        INTEGER NOT NULL CHECK (capital >= 0),
    actuacion      INTEGER,
    anula          INTEGER UNIQUE REFERENCES pagos(id),
    motivo         TEXT,
    registrado_por TEXT NOT NULL,
    registrado_en  TEXT NOT NULL,
    CHECK (costas + honorarios + intereses + capital = valor)
);
CREATE INDEX pagos_titulo ON pagos(titulo, fecha);
CREATE TRIGGER pagos_no_se_editan BEFORE UPDATE ON pagos
BEGIN SELECT RAISE(ABORT, 'un pago registrado no se modifica: anúlelo con su motivo y registre el correcto'); END;
CREATE TRIGGER pagos_no_se_borran BEFORE DELETE ON pagos
BEGIN SELECT RAISE(ABORT, 'un pago registrado no se borra: anúlelo con su motivo'); END;
