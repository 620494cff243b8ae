-- What Cartera records about the título it issues (all optional columns of the import):
-- the issuing office and place, who signed it and as what, the date interest runs from, and
-- the orden de cobro it comes with. Documents print only what is recorded.
ALTER TABLE titulos ADD COLUMN emisor TEXT;
ALTER TABLE titulos ADD COLUMN lugar_emision TEXT;
ALTER TABLE titulos ADD COLUMN firmante TEXT;
ALTER TABLE titulos ADD COLUMN cargo_firmante TEXT;
ALTER TABLE titulos ADD COLUMN fecha_intereses TEXT;
ALTER TABLE titulos ADD COLUMN orden_cobro TEXT;
ALTER TABLE titulos ADD COLUMN fecha_orden_cobro TEXT;

-- The grammatical gender of each person who signs, so a title («Funcionaria Ejecutora»,
-- «Secretaria-Abogada») agrees with its holder. NULL: not recorded (the generic form prints).
ALTER TABLE abogados ADD COLUMN genero TEXT CHECK (genero IN ('femenino', 'masculino'));
ALTER TABLE usuarios ADD COLUMN genero TEXT CHECK (genero IN ('femenino', 'masculino'));
ALTER TABLE unidad ADD COLUMN jefe_genero TEXT CHECK (jefe_genero IN ('femenino', 'masculino'));
