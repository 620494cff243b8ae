//! `coactiva central …`: the central office (its own database, no unit user).

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::sync::central::{self as central_sync, Recepcion};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenCentral {
    /// Recibe paquetes por HTTP
    Servir {
        #[arg(long, default_value_t = 8750)]
        puerto: u16,
        /// Dirección en la que escucha (solo esta máquina por defecto)
        #[arg(long, default_value = "127.0.0.1")]
        direccion: String,
    },
    /// Ingresa los paquetes de una carpeta (memoria USB o carpeta compartida) y deja los acuses
    Recibir { carpeta: PathBuf },
    /// Unidades autorizadas a enviar paquetes
    #[command(subcommand)]
    Unidades(OrdenUnidadesCentral),
    /// Resumen nacional por unidad y provincia
    Resumen,
    /// Imprime la clave pública de la central, que cada unidad registra (ajuste clave_central)
    ClavePublica,
    /// Devuelve a una unidad restaurada de una copia anterior sus paquetes, para «coactiva recuperar»
    Devolver {
        #[arg(long)]
        unidad: String,
        #[arg(long)]
        carpeta: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenUnidadesCentral {
    /// Registra la clave pública de una unidad
    Agregar {
        #[arg(long)]
        unidad: String,
        #[arg(long)]
        clave: String,
    },
}

pub(crate) fn ejecutar(ruta: &std::path::Path, o: OrdenCentral, como_json: bool) -> Res<u8> {
    // A SQLite file, or a PostgreSQL server (`postgres://…`).
    let db = ruta.to_string_lossy();
    let mut almacen = coactiva_central::abrir(&db, coactiva::fechas::reloj())?;
    let almacen = &mut *almacen;
    match o {
        OrdenCentral::Devolver { unidad, carpeta } => {
            let n = coactiva::sync::recuperar::devolver(almacen, &unidad, &carpeta)?;
            if como_json {
                salida::json(&serde_json::json!({ "unidad": unidad, "paquetes": n }));
            } else {
                out!(
                    "{} de la unidad {unidad} en {}: llévelos a la unidad para «coactiva recuperar».",
                    coactiva::texto::cuantos(n as i64, "paquete", "paquetes"),
                    carpeta.display()
                );
            }
        }
        OrdenCentral::ClavePublica => {
            let clave = central_sync::clave_publica(almacen)?;
            if como_json {
                // `destinatario`: the same key as an age recipient, what the units seal to.
                let destinatario = coactiva::sync::sobre::destinatario(&clave)?.to_string();
                salida::json(
                    &serde_json::json!({ "clave_publica": clave, "destinatario": destinatario }),
                );
            } else {
                out!("{clave}");
            }
        }
        OrdenCentral::Unidades(OrdenUnidadesCentral::Agregar { unidad, clave }) => {
            almacen.registrar_unidad(&unidad, &clave)?;
            out!(
                "Unidad {unidad} registrada: sus paquetes firmados con esa clave serán aceptados."
            );
        }
        OrdenCentral::Servir { puerto, direccion } => {
            out!("Central escuchando en http://{direccion}:{puerto}/ (Ctrl+C para detener).");
            coactiva_red::servir(almacen, &format!("{direccion}:{puerto}"), &|| false)?;
        }
        OrdenCentral::Recibir { carpeta } => {
            let r = central_sync::recibir_carpeta(almacen, &carpeta)?;
            let mut rechazados = 0;
            for (archivo, res) in &r {
                match res {
                    Ok(Recepcion::Aplicado) => out!("{archivo}: ingresado."),
                    Ok(Recepcion::YaRecibido) => {
                        out!("{archivo}: ya se había recibido; nada cambia.")
                    }
                    Ok(Recepcion::EnEspera { falta }) => {
                        out!("{archivo}: guardado; espera el paquete {falta}, que aún no llega.")
                    }
                    Err(e) => {
                        rechazados += 1;
                        eprintln!("{archivo}: RECHAZADO — {e}");
                    }
                }
            }
            if r.is_empty() {
                out!("No hay paquetes en {}.", carpeta.display());
            }
            return Ok(if rechazados > 0 { 2 } else { 0 });
        }
        OrdenCentral::Resumen => {
            let v = almacen.resumen()?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &[
                        "Unidad",
                        "Provincia",
                        "Títulos",
                        "Procesos",
                        "Paquetes",
                        "Última entrega",
                        "Falta",
                    ],
                    v.iter().map(|u| {
                        vec![
                            u.unidad.clone(),
                            u.provincia.clone(),
                            u.titulos.to_string(),
                            u.procesos.to_string(),
                            u.paquetes.to_string(),
                            u.ultima_entrega.clone().unwrap_or_else(|| "nunca".into()),
                            u.falta_paquete
                                .map(|n| format!("paquete {n}"))
                                .unwrap_or_default(),
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
