//! `coactiva respaldo crear|listar|restaurar`: backups of the unit, encrypted with its key and
//! checked after they are written; restoring one keeps the current file aside.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Subcommand;
use coactiva::{respaldo, Actor, Store};

use crate::salida;
use crate::{Fallo, Res};

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenRespaldo {
    /// Hace un respaldo ahora en la carpeta de respaldos de la unidad y, si se indica, también en
    /// otra (un disco USB, una carpeta de la red); lo comprueba y rota los anteriores
    Crear {
        /// Otra carpeta donde dejar una copia del respaldo
        #[arg(long, value_name = "CARPETA")]
        destino: Option<PathBuf>,
    },
    /// Lista los respaldos, del más nuevo al más antiguo
    Listar {
        /// Carpeta de respaldos (por defecto, la de la unidad)
        #[arg(long, value_name = "CARPETA")]
        carpeta: Option<PathBuf>,
    },
    /// Reemplaza la base por un respaldo (comprobado antes); la base actual queda aparte
    Restaurar {
        archivo: PathBuf,
        /// Confirma sin preguntar (para programas)
        #[arg(long)]
        si: bool,
    },
}

pub(crate) fn ejecutar(store: Store, actor: &Actor, o: OrdenRespaldo, como_json: bool) -> Res<u8> {
    match o {
        OrdenRespaldo::Crear { destino } => {
            let hechos = respaldo::crear(&store, actor, destino.as_deref())?;
            if como_json {
                salida::json(&hechos);
            } else {
                for r in &hechos {
                    out!(
                        "Respaldo del {} guardado y comprobado en {} ({} MB, {} cambios).",
                        r.fecha,
                        r.ruta,
                        r.bytes / 1_000_000,
                        coactiva::texto::miles(r.cambios)
                    );
                }
            }
            Ok(0)
        }
        OrdenRespaldo::Listar { carpeta } => {
            let carpeta = carpeta.unwrap_or_else(|| respaldo::carpeta_local(store.ruta()));
            let v = respaldo::listar(&carpeta)?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay respaldos en {}.", carpeta.display());
            } else {
                salida::tabla(
                    &["Fecha", "Tamaño (MB)", "Archivo"],
                    v.iter().map(|r| {
                        vec![
                            r.fecha.clone(),
                            coactiva::texto::miles((r.bytes / 1_000_000) as i64),
                            r.ruta.clone(),
                        ]
                    }),
                );
            }
            Ok(0)
        }
        OrdenRespaldo::Restaurar { archivo, si } => {
            actor.exigir(coactiva::usuarios::Accion::Configurar)?;
            if !si {
                if !std::io::stdin().is_terminal() {
                    return Err(Fallo {
                        codigo: 2,
                        mensaje: "restaurar reemplaza la base por el respaldo: confírmelo con --si"
                            .into(),
                    });
                }
                eprint!(
                    "La base se reemplazará por el respaldo {} (la actual queda aparte). Escriba SI para continuar: ",
                    archivo.display()
                );
                let mut linea = String::new();
                let _ = std::io::stdin().read_line(&mut linea);
                if linea.trim() != "SI" {
                    out!("No se restauró nada.");
                    return Ok(1);
                }
            }
            let base = store.ruta().to_path_buf();
            let clave = store.clave_datos().cloned();
            let reloj = store.clock_compartido();
            drop(store);
            let aparte = respaldo::restaurar(&base, &archivo, clave.as_ref(), reloj.clone())?;
            // Then what the centre holds newer than the backup comes back (never undoing the
            // restore: a centre that cannot be reached is said, not an error).
            let al_dia = respaldo::despues_de_restaurar(
                &base,
                clave.as_ref(),
                reloj,
                actor,
                &coactiva_red::Http,
            );
            if como_json {
                salida::json(
                    &serde_json::json!({ "restaurado": archivo, "anterior": aparte, "al_dia": al_dia }),
                );
            } else {
                out!(
                    "Restaurado el respaldo {}. La base anterior quedó en {}.",
                    archivo.display(),
                    aparte.display()
                );
                out!("{}", al_dia.mensaje);
                for c in &al_dia.cambios_perdidos {
                    out!(
                        "Cambio que solo tenía el respaldo y NO quedó (vuelva a registrarlo): {c}"
                    );
                }
                for d in &al_dia.documentos_faltantes {
                    out!("Documento que falta (tráigalo de nuevo): {d}");
                }
            }
            Ok(0)
        }
    }
}
