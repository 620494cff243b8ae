//! The `procesos`, `calendario`, `configuracion` and `central` commands: parse, call the core,
//! print.

use coactiva::procesos::{self, expediente, Etapa};
use coactiva::sync::central::{self as central_sync, AlmacenCentral, Recepcion};
use coactiva::{calendario, configuracion, fechas, Actor, Error, Store};

use crate::{
    fecha_opcional, salida, Fallo, OrdenCalendario, OrdenCentral, OrdenConfiguracion,
    OrdenProcesos, OrdenUnidadesCentral, Res,
};

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

pub(crate) fn procesos(
    store: &mut Store,
    actor: &Actor,
    o: OrdenProcesos,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenProcesos::Abrir { titulo } => {
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
                out!("{} proceso(s).", v.len());
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
                    "Etapa: {} (desde {}) · Abogado: {} ({}) · {} foja(s)",
                    p.etapa.nombre(),
                    p.etapa_desde,
                    d.abogado_nombres,
                    p.abogado,
                    d.fojas
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
            detalle,
        } => {
            procesos::citar(
                store,
                actor,
                &numero,
                &parte,
                &tipo,
                fecha_opcional(&fecha)?,
                detalle.as_deref(),
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
                                format!("vencido hace {} día(s) hábil(es)", -t.dias_habiles)
                            } else {
                                format!("faltan {} día(s) hábil(es)", t.dias_habiles)
                            },
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}

pub(crate) fn calendario(
    store: &mut Store,
    actor: &Actor,
    o: OrdenCalendario,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenCalendario::Feriados { anio, provincia } => {
            if !(1900..=2200).contains(&anio) {
                return Err(Error::entrada(format!("el año {anio} está fuera de rango")).into());
            }
            let v = calendario::feriados(store, anio, provincia.as_deref())?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Fecha", "Día", "Feriado"],
                    v.iter().map(|f| {
                        vec![
                            fechas::corta(f.fecha),
                            dia_semana(f.fecha).into(),
                            f.nombre.clone(),
                        ]
                    }),
                );
            }
        }
        OrdenCalendario::Habiles { desde, n } => {
            let desde = fechas::parse_fecha(&desde)?;
            let provincia = coactiva::unidad::cargar(store)?.map(|u| u.provincia);
            let c = calendario::Calendario::para(store, desde, provincia.as_deref())?;
            let fin = if n > 2000 {
                return Err(Error::entrada("N debe ser como mucho 2000 días hábiles").into());
            } else {
                c.habiles(desde, n)
            };
            if como_json {
                salida::json(
                    &serde_json::json!({"desde": fechas::iso(desde), "dias_habiles": n, "fecha": fechas::iso(fin)}),
                );
            } else {
                out!("{}", fechas::iso(fin));
            }
        }
        OrdenCalendario::Agregar {
            fecha,
            nombre,
            provincia,
        } => {
            let f = fechas::parse_fecha(&fecha)?;
            calendario::editar(store, actor, f, &nombre, provincia.as_deref(), false)?;
            out!("Feriado agregado: {} {}.", fechas::corta(f), nombre);
        }
        OrdenCalendario::Quitar { fecha, provincia } => {
            let f = fechas::parse_fecha(&fecha)?;
            calendario::editar(store, actor, f, "quitado", provincia.as_deref(), true)?;
            out!("El {} deja de ser feriado.", fechas::corta(f));
        }
    }
    Ok(0)
}

fn dia_semana(d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ][d.weekday().num_days_from_monday() as usize]
}

pub(crate) fn configuracion(
    store: &mut Store,
    actor: &Actor,
    o: OrdenConfiguracion,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenConfiguracion::Listar => {
            let v = configuracion::listar(store)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Ajuste", "Valor", "Qué es"],
                    v.iter()
                        .map(|a| vec![a.clave.clone(), a.valor.clone(), a.descripcion.clone()]),
                );
            }
        }
        OrdenConfiguracion::Cambiar { clave, valor } => {
            configuracion::cambiar(store, actor, &clave, &valor)?;
            out!("Ajuste {clave} = {valor}.");
        }
    }
    Ok(0)
}

pub(crate) fn central(ruta: &std::path::Path, o: OrdenCentral, como_json: bool) -> Res<u8> {
    let mut almacen = central_sync::Sqlite::abrir(ruta, coactiva::fechas::reloj())?;
    match o {
        OrdenCentral::Unidades(OrdenUnidadesCentral::Agregar { unidad, clave }) => {
            almacen.registrar_unidad(&unidad, &clave)?;
            out!(
                "Unidad {unidad} registrada: sus paquetes firmados con esa clave serán aceptados."
            );
        }
        OrdenCentral::Servir { puerto, direccion } => {
            out!("Central escuchando en http://{direccion}:{puerto}/ (Ctrl+C para detener).");
            coactiva_red::servir(&mut almacen, &format!("{direccion}:{puerto}"), &|| false)?;
        }
        OrdenCentral::Recibir { carpeta } => {
            let r = central_sync::recibir_carpeta(&mut almacen, &carpeta)?;
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
