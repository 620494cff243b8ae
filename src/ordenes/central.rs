//! `coactiva central …`: the central office (its own database, no unit user).

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::sync::central::{self as central_sync, Recepcion};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenCentral {
    /// Recibe paquetes por HTTPS (y devuelve a cada unidad los suyos)
    Servir {
        #[arg(long, default_value_t = 8750)]
        puerto: u16,
        /// Dirección en la que escucha (solo esta máquina por defecto; 0.0.0.0 para la red)
        #[arg(long, default_value = "127.0.0.1")]
        direccion: String,
        /// Certificado TLS de la central (PEM, con la cadena de la autoridad si la hay)
        #[arg(
            long,
            value_name = "C.pem",
            requires = "clave_privada",
            conflicts_with = "sin_tls"
        )]
        certificado: Option<PathBuf>,
        /// Clave privada del certificado (PEM, sin contraseña)
        #[arg(long, value_name = "K.pem", requires = "certificado")]
        clave_privada: Option<PathBuf>,
        /// HTTP sin cifrar, solo en esta máquina (127.0.0.1), para pruebas
        #[arg(long)]
        sin_tls: bool,
    },
    /// Ingresa los paquetes de una carpeta (memoria USB o carpeta compartida) y deja los acuses
    Recibir { carpeta: PathBuf },
    /// Unidades autorizadas a enviar paquetes
    #[command(subcommand)]
    Unidades(OrdenUnidadesCentral),
    /// Resumen nacional por unidad y provincia
    Resumen,
    /// La vista de la página nacional: por provincia y etapa, antigüedad, recuperación
    Nacional {
        /// Guarda también el libro XLSX en este archivo
        #[arg(long, value_name = "ARCHIVO.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// Usuarios de la página nacional
    #[command(subcommand)]
    Usuarios(OrdenUsuariosCentralPagina),
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
pub(crate) enum OrdenUsuariosCentralPagina {
    /// Agrega un usuario (o le da una clave nueva); la clave se pide o va en COACTIVA_CLAVE_NUEVA
    Agregar {
        usuario: String,
        #[arg(long)]
        nombres: String,
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
    let mut caja = coactiva_central::abrir(&db, coactiva::fechas::reloj())?;
    if let OrdenCentral::Servir {
        puerto,
        direccion,
        certificado,
        clave_privada,
        sin_tls,
    } = o
    {
        return servir(
            caja,
            puerto,
            &direccion,
            certificado.zip(clave_privada),
            sin_tls,
        );
    }
    let almacen = &mut *caja;
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
        OrdenCentral::Servir { .. } => unreachable!("atendido arriba"),
        OrdenCentral::Usuarios(OrdenUsuariosCentralPagina::Agregar { usuario, nombres }) => {
            let clave = crate::clave("COACTIVA_CLAVE_NUEVA", "Clave nueva: ")?;
            almacen.agregar_usuario(&usuario, &nombres, &clave)?;
            out!("Usuario {} de la página nacional listo.", usuario.trim());
        }
        OrdenCentral::Nacional { xlsx } => {
            let hoy = coactiva::fechas::hoy(almacen.reloj());
            let n = almacen.nacional(hoy)?;
            if let Some(r) = &xlsx {
                crate::salida::escribir(r, &central_sync::nacional_xlsx(&n)?)?;
            }
            if como_json {
                salida::json(&n);
            } else {
                let procesos: i64 = n.por_etapa.iter().map(|f| f.procesos).sum();
                out!(
                    "Resumen nacional al {}: {} procesos en {} unidades.",
                    coactiva::fechas::larga(hoy),
                    coactiva::texto::miles(procesos),
                    n.unidades.len()
                );
                for t in &n.antiguedad {
                    out!(
                        "  {}: {} procesos",
                        central_sync::nombre_tramo(&t.tramo),
                        coactiva::texto::miles(t.procesos)
                    );
                }
                if let Some(r) = &xlsx {
                    out!("Libro guardado en {}.", r.display());
                }
            }
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

fn servir(
    almacen: Box<dyn coactiva::sync::central::AlmacenCentral + Send>,
    puerto: u16,
    direccion: &str,
    tls: Option<(PathBuf, PathBuf)>,
    sin_tls: bool,
) -> Res<u8> {
    use coactiva_central::servidor;
    if tls.is_none() && !sin_tls {
        return Err(crate::Fallo {
            codigo: 2,
            mensaje: "indique el certificado de la central (--certificado C.pem --clave-privada K.pem), o --sin-tls para probar en esta máquina".into(),
        });
    }
    let ip: std::net::IpAddr = match direccion {
        "localhost" => std::net::Ipv4Addr::LOCALHOST.into(),
        d => d.parse().map_err(|_| crate::Fallo {
            codigo: 2,
            mensaje: format!("«{d}» no es una dirección IP (por ejemplo 127.0.0.1 o 0.0.0.0)"),
        })?,
    };
    let esquema = if tls.is_some() { "https" } else { "http" };
    let o = servidor::Opciones {
        direccion: std::net::SocketAddr::new(ip, puerto),
        tls,
        limites: servidor::Limites::default(),
    };
    servidor::servir(almacen, o, |a| {
        out!("Central escuchando en {esquema}://{a}/ (Ctrl+C para detener).");
    })?;
    Ok(0)
}
