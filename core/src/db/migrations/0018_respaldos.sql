-- #19: the folder (a USB disk, a network share) where the automatic backups are copied too,
-- besides the unit's own folder. Empty: only the unit's own folder.
INSERT INTO configuracion (clave, valor) VALUES ('carpeta_respaldos', '');
