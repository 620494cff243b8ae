-- Coactiva schema 17: the Jefe's administration. Why an abogado is on licencia (vacaciones,
-- enfermedad…), next to its dates. The unit's data, users and abogados are corrected in place
-- (they are registries, not legal records); each correction is an event with the whole new
-- state, so `verificar` rebuilds them from the change log.
ALTER TABLE abogados ADD COLUMN licencia_motivo TEXT;
