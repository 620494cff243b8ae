-- Coactiva schema 4: the unit's signing key and the sync bundles cut from the change log.
-- Bundles and their deliveries are bookkeeping of the outbox: they are not themselves changes.

CREATE TABLE clave_unidad (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    secreta   BLOB NOT NULL,
    publica   TEXT NOT NULL,
    creada_en TEXT NOT NULL
);

CREATE TABLE paquetes (
    numero     INTEGER PRIMARY KEY,
    desde      INTEGER NOT NULL,
    hasta      INTEGER NOT NULL,
    manifiesto TEXT NOT NULL,
    firma      TEXT NOT NULL,
    hash       TEXT NOT NULL,
    creado_en  TEXT NOT NULL
);

-- A bundle acknowledged by a destination (the centre's receipt).
CREATE TABLE entregas (
    paquete INTEGER NOT NULL REFERENCES paquetes(numero),
    destino TEXT NOT NULL,
    acuse   TEXT NOT NULL,
    fecha   TEXT NOT NULL,
    PRIMARY KEY (paquete, destino)
);

CREATE TRIGGER paquetes_no_se_editan BEFORE UPDATE ON paquetes
BEGIN SELECT RAISE(ABORT, 'un paquete enviado no se modifica'); END;
CREATE TRIGGER paquetes_no_se_borran BEFORE DELETE ON paquetes
BEGIN SELECT RAISE(ABORT, 'un paquete enviado no se borra'); END;

INSERT INTO configuracion (clave, valor) VALUES ('destino_sync', '');
