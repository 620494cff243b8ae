//! `coactiva procesos …`: opening procesos, the expediente, stages, citaciones, términos.

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::procesos::{self, expediente, Etapa};
use coactiva::{fechas, Actor, Error, Store};

use super::fecha_opcional;
use crate::salida;
use crate::{Fallo, Res};

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenProcesos {
    /// Abre el proceso de un título ya sorteado, o los de todos los títulos de un sorteo
    Abrir {
        #[arg(required_unless_present = "sorteo")]
        titulo: Option<String>,
        /// Abre los procesos de todos los títulos de ese sorteo que aún no lo tienen
        #[arg(long, value_name = "N", conflicts_with = "titulo")]
        sorteo: Option<i64>,
    },
    /// Lista los procesos
    Listar {
        #[arg(long)]
        etapa: Option<String>,
    },
    /// Busca por número de proceso o de título, obligado, identificación o abogado
    Buscar { texto: String },
    /// Muestra un proceso: partes, etapas, citaciones, términos
    Ver { numero: String },
    /// Folia un PDF en el expediente
    Agregar {
        numero: String,
        /// providencia, razon, escrito, oficio, acta, evidencia, orden, titulo u otro
        #[arg(long)]
        tipo: String,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        archivo: PathBuf,
        #[arg(long)]
        descripcion: Option<String>,
        #[arg(long, value_name = "FECHA")]
        fecha: Option<String>,
        /// Número de la actuación que esta corrige o anula
        #[arg(long, value_name = "ORDEN")]
        corrige: Option<i64>,
    },
    /// El índice del expediente: fojas, fecha, tipo y descripción
    Indice { numero: String },
    /// Liquida la deuda a una fecha (hoy si no se indica): capital, intereses, costas, honorarios, pagado, saldo
    Liquidar {
        /// El proceso (o --todos)
        numero: Option<String>,
        #[arg(long, value_name = "FECHA")]
        al: Option<String>,
        /// Los totales de todos los procesos de la unidad
        #[arg(long, conflicts_with = "numero")]
        todos: bool,
    },
    /// Guarda el PDF de una actuación
    Documento {
        numero: String,
        orden: i64,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: PathBuf,
    },
    /// Cambia la etapa del proceso (solo a las permitidas)
    Etapa {
        numero: String,
        etapa: String,
        /// Fecha desde la que rige (p. ej. la de notificación); hoy por defecto
        #[arg(long, value_name = "FECHA")]
        fecha: Option<String>,
        #[arg(long)]
        motivo: Option<String>,
    },
    /// Registra una citación: personal, boleta1, boleta2, prensa o electronica
    Citar {
        numero: String,
        /// Identificación de la parte citada
        #[arg(long)]
        parte: String,
        #[arg(long)]
        tipo: String,
        #[arg(long, value_name = "FECHA")]
        fecha: Option<String>,
        /// Hora de la diligencia (15:40; la actual si es de hoy)
        #[arg(long, value_name = "HH:MM")]
        hora: Option<String>,
        #[arg(long)]
        detalle: Option<String>,
    },
    /// Agrega un garante o codeudor
    Garante {
        numero: String,
        #[arg(long)]
        identificacion: String,
        #[arg(long)]
        nombres: String,
        #[arg(long)]
        codeudor: bool,
        #[arg(long)]
        direccion: Option<String>,
    },
    /// Términos vencidos o que vencen dentro de N días hábiles
    Vencimientos {
        #[arg(long, default_value_t = 5)]
        dias: i64,
    },
}

fn leer_archivo(ruta: &std::path::Path) -> Res<Vec<u8>> {
    std::fs::read(ruta).map_err(|e| Fallo {
        codigo: 2,
        mensaje: format!("no se pudo leer {}: {e}", ruta.display()),
    })
}

fn tabla_procesos(v: &[procesos::Proceso]) {
    salida::tabla(
        &[
            "Proceso",
            "Título",
            "Obligado",
            "Identificación",
            "Total",
            "Etapa",
            "Abogado",
        ],
        v.iter().map(|p| {
            vec![
                p.numero.clone(),
                p.titulo.clone(),
                p.obligado.clone(),
                p.identificacion.clone(),
                p.total.clone(),
                p.etapa.nombre().into(),
                p.abogado.clone(),
            ]
        }),
    );
}

fn json_proceso(p: &procesos::Proceso) -> serde_json::Value {
    serde_json::json!({"numero": p.numero, "titulo": p.titulo, "abogado": p.abogado, "etapa": p.etapa, "obligado": p.obligado, "identificacion": p.identificacion, "total": p.total})
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenProcesos,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenProcesos::Abrir {
            titulo: None,
            sorteo: Some(n),
        } => {
            let a = procesos::abrir_sorteo(store, actor, n)?;
            if como_json {
                salida::json(&serde_json::json!({
                    "sorteo": a.sorteo,
                    "abiertos": a.abiertos.iter().map(json_proceso).collect::<Vec<_>>(),
                    "ya_abiertos": a.ya_abiertos,
                    "fallidos": a.fallidos,
                }));
            } else {
                for f in &a.fallidos {
                    eprintln!("{}: {}", f.proceso, f.mensaje);
                }
                out!(
                    "Sorteo N.º {n}: {} abiertos, {} ya lo tenían{}.",
                    coactiva::texto::cuantos(a.abiertos.len() as i64, "proceso", "procesos"),
                    coactiva::texto::miles(a.ya_abiertos),
                    if a.fallidos.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ", {} rechazados",
                            coactiva::texto::miles(a.fallidos.len() as i64)
                        )
                    }
                );
            }
            if !a.fallidos.is_empty() {
                return Ok(2);
            }
        }
        OrdenProcesos::Abrir { titulo, .. } => {
            let titulo = titulo.unwrap_or_default();
            let p = procesos::abrir(store, actor, &titulo)?;
            if como_json {
                salida::json(&json_proceso(&p));
            } else {
                out!(
                    "Proceso {} abierto para el título {}, a cargo de {}.",
                    p.numero,
                    p.titulo,
                    p.abogado
                );
            }
        }
        OrdenProcesos::Listar { etapa } => {
            let etapa = etapa.as_deref().map(Etapa::parse).transpose()?;
            let v = procesos::listar(store, etapa, 0, i64::MAX)?;
            if como_json {
                salida::json(&v.iter().map(json_proceso).collect::<Vec<_>>());
            } else {
                tabla_procesos(&v);
                out!(
                    "{}.",
                    coactiva::texto::cuantos(v.len() as i64, "proceso", "procesos")
                );
            }
        }
        OrdenProcesos::Buscar { texto } => {
            let v = procesos::buscar(store, &texto, 200)?;
            if como_json {
                salida::json(&v.iter().map(json_proceso).collect::<Vec<_>>());
            } else if v.is_empty() {
                out!("Ningún proceso coincide con «{texto}».");
            } else {
                tabla_procesos(&v);
            }
        }
        OrdenProcesos::Ver { numero } => {
            let d = procesos::ver(store, &numero)?;
            if como_json {
                salida::json(&d);
            } else {
                let p = &d.proceso;
                out!("Proceso {} · título {} · {}", p.numero, p.titulo, p.total);
                out!(
                    "Etapa: {} (desde {}) · Abogado: {} ({}) · {}",
                    p.etapa.nombre(),
                    p.etapa_desde,
                    d.proceso.abogado_nombres,
                    p.abogado,
                    coactiva::texto::cuantos(d.fojas as i64, "foja", "fojas")
                );
                for pa in &d.partes {
                    out!("  {}: {} ({})", pa.rol, pa.nombres, pa.identificacion);
                }
                for c in &d.citaciones {
                    out!("  citación {} a {} el {}", c.tipo, c.parte, c.fecha);
                }
                for t in &d.terminos {
                    out!(
                        "  {}: vence el {} ({})",
                        t.que,
                        fechas::corta(t.vence),
                        if t.vencido {
                            "VENCIDO".to_string()
                        } else {
                            format!("faltan {} días hábiles", t.dias_habiles)
                        }
                    );
                }
                let sig: Vec<&str> = d.siguientes.iter().map(|e| e.codigo()).collect();
                out!(
                    "Puede pasar a: {}",
                    if sig.is_empty() {
                        "ninguna (proceso terminado)".into()
                    } else {
                        sig.join(", ")
                    }
                );
            }
        }
        OrdenProcesos::Agregar {
            numero,
            tipo,
            archivo,
            descripcion,
            fecha,
            corrige,
        } => {
            let bytes = leer_archivo(&archivo)?;
            let a = expediente::foliar(
                store,
                actor,
                &numero,
                &expediente::Nueva {
                    tipo: &tipo,
                    descripcion: descripcion.as_deref().unwrap_or(""),
                    bytes: &bytes,
                    fecha: fecha_opcional(&fecha)?,
                    corrige,
                },
            )?;
            if como_json {
                salida::json(&a);
            } else if a.desde == a.hasta {
                out!("Foliado en el proceso {numero}: foja {}.", a.desde);
            } else {
                out!(
                    "Foliado en el proceso {numero}: fojas {} a {}.",
                    a.desde,
                    a.hasta
                );
            }
        }
        OrdenProcesos::Liquidar {
            numero: None,
            al,
            todos,
        } => {
            if !todos {
                return Err(Fallo {
                    codigo: 2,
                    mensaje:
                        "indique el número del proceso, o --todos para los totales de la unidad"
                            .into(),
                });
            }
            let t = coactiva::liquidacion::totales(store, actor, fecha_opcional(&al)?)?;
            if como_json {
                salida::json(&t);
            } else {
                let f = coactiva::unidad::exigir(store)?.formato_importe;
                let m = |c: coactiva::dinero::Centavos| format!("USD {}", c.agrupado(f));
                out!(
                    "Liquidación de {} procesos al {}",
                    t.procesos,
                    fechas::corta(t.fecha)
                );
                for (que, v) in [
                    ("Capital", t.capital),
                    ("Intereses (de los títulos y de mora)", t.intereses),
                    ("Costas", t.costas),
                    ("Honorarios", t.honorarios),
                    ("Pagado", t.pagado),
                    ("Saldo", t.saldo),
                ] {
                    out!("{que}: {}", m(v));
                }
                if t.sin_tasa > 0 {
                    out!(
                        "{} sin liquidar: les falta la tasa de algún día de mora.",
                        coactiva::texto::cuantos(t.sin_tasa as i64, "proceso", "procesos")
                    );
                }
            }
        }
        OrdenProcesos::Liquidar {
            numero: Some(numero),
            al,
            ..
        } => {
            let l = coactiva::liquidacion::consultar(store, actor, &numero, fecha_opcional(&al)?)?;
            if como_json {
                salida::json(&l);
            } else {
                let f = coactiva::unidad::exigir(store)?.formato_importe;
                let m = |c: coactiva::dinero::Centavos| format!("USD {}", c.agrupado(f));
                out!(
                    "Liquidación del proceso {numero} al {}",
                    fechas::corta(l.fecha)
                );
                salida::tabla(
                    &["Desde", "Hasta", "Días", "Tasa anual", "Capital", "Interés"],
                    l.tramos.iter().map(|t| {
                        vec![
                            fechas::corta(t.desde),
                            fechas::corta(t.hasta),
                            t.dias.to_string(),
                            format!("{} %", t.tasa.replace('.', ",")),
                            m(t.capital),
                            m(t.interes),
                        ]
                    }),
                );
                for (que, v) in [
                    ("Capital", l.capital),
                    ("Intereses (del título y de mora)", l.intereses),
                    ("Costas", l.costas),
                    ("Honorarios", l.honorarios),
                    ("Pagado", l.pagado),
                    ("Saldo", l.saldo),
                ] {
                    out!("{que}: {}", m(v));
                }
                if l.retenido.0 > 0 {
                    out!(
                        "Retenido por los bancos, pendiente de transferencia (aún no cuenta como pago): {}",
                        m(l.retenido)
                    );
                }
            }
        }
        OrdenProcesos::Indice { numero } => {
            let v = expediente::indice(store, &numero)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Fojas", "Fecha", "Tipo", "Descripción", "Autor"],
                    v.iter().map(|a| {
                        vec![
                            if a.desde == a.hasta {
                                a.desde.to_string()
                            } else {
                                format!("{}–{}", a.desde, a.hasta)
                            },
                            a.fecha
                                .parse()
                                .map(fechas::corta)
                                .unwrap_or_else(|_| a.fecha.clone()),
                            a.tipo.clone(),
                            match a.corrige {
                                Some(c) => format!("{} (corrige la actuación {c})", a.descripcion),
                                None => a.descripcion.clone(),
                            },
                            a.autor.clone(),
                        ]
                    }),
                );
            }
        }
        OrdenProcesos::Documento {
            numero,
            orden,
            salida: ruta,
        } => {
            let a = expediente::indice(store, &numero)?
                .into_iter()
                .find(|a| a.orden == orden)
                .ok_or_else(|| {
                    Error::NoEncontrado(format!(
                        "el proceso {numero} no tiene la actuación {orden}"
                    ))
                })?;
            salida::escribir(&ruta, &expediente::documento(store, &a.documento)?)?;
            out!(
                "Actuación {orden} (fojas {}–{}) guardada en {}.",
                a.desde,
                a.hasta,
                ruta.display()
            );
        }
        OrdenProcesos::Etapa {
            numero,
            etapa,
            fecha,
            motivo,
        } => {
            let p = procesos::cambiar_etapa(
                store,
                actor,
                &numero,
                Etapa::parse(&etapa)?,
                fecha_opcional(&fecha)?,
                motivo.as_deref(),
            )?;
            out!("El proceso {} pasa a {}.", p.numero, p.etapa.nombre());
        }
        OrdenProcesos::Citar {
            numero,
            parte,
            tipo,
            fecha,
            hora,
            detalle,
        } => {
            coactiva::citaciones::registrar(
                store,
                actor,
                &coactiva::citaciones::Diligencia {
                    numero: numero.clone(),
                    parte,
                    tipo,
                    fecha: fecha_opcional(&fecha)?,
                    hora,
                    detalle,
                    ..Default::default()
                },
            )?;
            out!("Citación registrada en el proceso {numero}.");
        }
        OrdenProcesos::Garante {
            numero,
            identificacion,
            nombres,
            codeudor,
            direccion,
        } => {
            procesos::agregar_parte(
                store,
                actor,
                &numero,
                &identificacion,
                &nombres,
                codeudor,
                direccion.as_deref(),
            )?;
            out!(
                "{} agregado como {} del proceso {numero}.",
                nombres,
                if codeudor { "codeudor" } else { "garante" }
            );
        }
        OrdenProcesos::Vencimientos { dias } => {
            // Defaults of convenios that happened by today are recorded first (if this user
            // may take payments), so the list shows the proceso where it now stands.
            coactiva::convenios::revisar(store, actor)?;
            let v = procesos::vencimientos(store, dias)?;
            if como_json {
                salida::json(&v);
            } else if v.is_empty() {
                out!("No hay términos vencidos ni por vencer en los próximos {dias} días hábiles.");
            } else {
                salida::tabla(
                    &["Proceso", "Etapa", "Qué vence", "Vence", "Estado"],
                    v.iter().map(|t| {
                        vec![
                            t.numero.clone(),
                            t.etapa.nombre().into(),
                            t.que.clone(),
                            fechas::corta(t.vence),
                            if t.vencido {
                                format!(
                                    "vencido hace {}",
                                    coactiva::texto::cuantos(
                                        -t.dias_habiles,
                                        "día hábil",
                                        "días hábiles"
                                    )
                                )
                            } else {
                                format!(
                                    "{} {}",
                                    if t.dias_habiles == 1 {
                                        "falta"
                                    } else {
                                        "faltan"
                                    },
                                    coactiva::texto::cuantos(
                                        t.dias_habiles,
                                        "día hábil",
                                        "días hábiles"
                                    )
                                )
                            },
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
