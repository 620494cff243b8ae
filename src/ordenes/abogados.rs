//! `coactiva abogados …`: the Secretarios-Abogados, their state and impedimentos.

use clap::Subcommand;
use coactiva::abogados::{self, NuevoAbogado, Peso};
use coactiva::cargos::{self, Cargo, Genero, Persona};
use coactiva::{Actor, Store};

use super::fecha_opcional;
use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenAbogados {
    /// Registra un Secretario-Abogado
    Agregar {
        #[arg(long)]
        identificacion: String,
        #[arg(long)]
        nombres: String,
        /// Abogado externo (cobra honorarios)
        #[arg(long)]
        externo: bool,
        /// Peso de carga: 1 = carga completa, 0,5 = media carga
        #[arg(long)]
        peso: Option<String>,
        /// Número de matrícula profesional
        #[arg(long)]
        registro: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        telefono: Option<String>,
        /// Género de su cargo en los documentos (Secretaria-Abogada): femenino o masculino
        #[arg(long)]
        genero: Option<String>,
    },
    /// Registra el género de su cargo en los documentos: femenino o masculino
    Genero {
        identificacion: String,
        genero: String,
    },
    /// Cambia el estado: activo, inactivo o licencia (con --desde, --hasta y --motivo, p. ej. vacaciones)
    Estado {
        identificacion: String,
        estado: String,
        #[arg(long, value_name = "FECHA")]
        desde: Option<String>,
        #[arg(long, value_name = "FECHA")]
        hasta: Option<String>,
        /// Por qué la licencia: vacaciones, enfermedad…
        #[arg(long)]
        motivo: Option<String>,
    },
    /// Corrige los nombres, los datos de contacto o el peso de un abogado
    Editar {
        identificacion: String,
        #[arg(long)]
        nombres: Option<String>,
        /// Peso de carga: 1 = carga completa, 0,5 = media carga (cuenta desde el próximo sorteo)
        #[arg(long)]
        peso: Option<String>,
        #[arg(long)]
        registro: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        telefono: Option<String>,
    },
    /// Registra que el abogado nunca debe recibir títulos de ese obligado
    Impedimento {
        identificacion: String,
        identificacion_del_obligado: String,
        #[arg(long)]
        motivo: Option<String>,
    },
    /// Lista los abogados
    Listar,
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenAbogados,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenAbogados::Agregar {
            identificacion,
            nombres,
            externo,
            peso,
            registro,
            email,
            telefono,
            genero,
        } => {
            let peso = peso.as_deref().map(Peso::parse).transpose()?;
            let genero = genero.as_deref().map(Genero::parse).transpose()?;
            let a = abogados::agregar(
                store,
                actor,
                &NuevoAbogado {
                    identificacion,
                    nombres,
                    externo,
                    registro_profesional: registro,
                    email,
                    telefono,
                    peso,
                    genero,
                },
            )?;
            if como_json {
                salida::json(&a);
            } else {
                out!(
                    "Abogado {} ({}) registrado, activo, peso {}.",
                    a.nombres,
                    a.identificacion,
                    a.peso.texto()
                );
            }
        }
        OrdenAbogados::Genero {
            identificacion,
            genero,
        } => {
            let g = Genero::parse(&genero)?;
            cargos::registrar_genero(store, actor, Persona::Abogado(&identificacion), g)?;
            out!(
                "Desde ahora {identificacion} firma como {}.",
                Cargo::SecretarioAbogado.forma(Some(g))
            );
        }
        OrdenAbogados::Editar {
            identificacion,
            nombres,
            peso,
            registro,
            email,
            telefono,
        } => {
            let a = abogados::buscar(store, identificacion.trim())?.ok_or_else(|| {
                coactiva::Error::NoEncontrado(format!(
                    "no existe un abogado con la identificación {identificacion}"
                ))
            })?;
            let peso = match peso {
                Some(p) => Peso::parse(&p)?,
                None => a.peso,
            };
            let a = abogados::editar(
                store,
                actor,
                &a.identificacion,
                &abogados::CambioAbogado {
                    nombres: nombres.unwrap_or(a.nombres),
                    peso,
                    registro_profesional: registro.or(a.registro_profesional),
                    email: email.or(a.email),
                    telefono: telefono.or(a.telefono),
                },
            )?;
            if como_json {
                salida::json(&a);
            } else {
                out!(
                    "Abogado {} ({}) corregido, peso {}.",
                    a.nombres,
                    a.identificacion,
                    a.peso.texto()
                );
            }
        }
        OrdenAbogados::Estado {
            identificacion,
            estado,
            desde,
            hasta,
            motivo,
        } => {
            let estado = abogados::Estado::parse(&estado)?;
            let a = abogados::cambiar_estado(
                store,
                actor,
                &identificacion,
                estado,
                fecha_opcional(&desde)?,
                fecha_opcional(&hasta)?,
                motivo.as_deref(),
            )?;
            out!(
                "{} queda en estado {}.",
                a.nombres,
                salida::estado_abogado(&a)
            );
        }
        OrdenAbogados::Impedimento {
            identificacion,
            identificacion_del_obligado,
            motivo,
        } => {
            abogados::agregar_impedimento(
                store,
                actor,
                &identificacion,
                &identificacion_del_obligado,
                motivo.as_deref(),
            )?;
            out!("Impedimento registrado: {identificacion} no recibirá títulos de {identificacion_del_obligado}.");
        }
        OrdenAbogados::Listar => {
            let v = abogados::listar(store)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &[
                        "Identificación",
                        "Nombres",
                        "Tipo",
                        "Peso",
                        "Estado",
                        "Impedimentos",
                    ],
                    v.iter().map(|a| {
                        vec![
                            a.identificacion.clone(),
                            a.nombres.clone(),
                            if a.externo { "externo" } else { "interno" }.into(),
                            a.peso.texto(),
                            salida::estado_abogado(a),
                            a.impedimentos.len().to_string(),
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
