-- Coactiva schema 5: the centre's public key, which every receipt (`entregas.acuse`, now the
-- centre's signed receipt) is checked against; the anchor of the change log outside the file.

INSERT INTO configuracion (clave, valor) VALUES ('clave_central', '');

-- Which actuaciones use a document (a generated document's stamps belong to the first one).
CREATE INDEX actuaciones_documento ON actuaciones(documento);
