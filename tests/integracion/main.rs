//! Integration tests of the `coactiva` crate: the library through its public API, and the
//! `coactiva` command as a clerk would run it (exit codes, Spanish messages, JSON).

mod comun;

mod administracion;
mod bienes;
mod carreras;
mod cifrado;
mod citaciones;
mod cli;
mod convenios;
mod documentos;
mod excepciones;
mod expediente;
mod garantias;
mod importar;
mod lotes;
mod manipulacion;
mod medidas;
mod pagos;
mod permisos;
mod remates;
mod reportes;
mod respaldo;
mod sorteo;
mod store;
mod sync;
mod usuarios;
