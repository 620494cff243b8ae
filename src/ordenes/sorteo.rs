//! `coactiva sorteo …`: the draw, resorteos, verification, the acta.

use std::path::PathBuf;

use clap::Subcommand;
use coactiva::{fechas, sorteo, usuarios, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenSorteo {
    /// Sortea todos los títulos por sortear entre los abogados activos hoy (la semilla la da
    /// el generador seguro del sistema; nadie la elige)
    Ejecutar,
    /// Muestra qué daría un sorteo, sin guardar nada (con --semilla, para explicar el reparto)
    Simular {
        /// Semilla de 64 dígitos hexadecimales
        #[arg(long, value_name = "HEX")]
        semilla: Option<String>,
    },
    /// Reasigna títulos ya sorteados, con motivo; el abogado anterior queda excluido
    Resortear {
        #[arg(required = true, value_name = "TITULO")]
        titulos: Vec<String>,
        #[arg(long)]
        motivo: String,
    },
    /// Vuelve a ejecutar uno o todos los sorteos desde su registro y comprueba la cadena (sale con 3 si algo se alteró)
    Verificar { numero: Option<i64> },
    /// Imprime el acta de un sorteo en PDF
    Acta {
        numero: i64,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: PathBuf,
        /// Usuario del secretario que certifica (si la unidad tiene uno solo, él)
        #[arg(long, value_name = "USUARIO")]
        certifica: Option<String>,
    },
    /// Lista los sorteos hechos
    Listar,
    /// Muestra quién puede recibir títulos hoy y su carga
    Elegibles,
}

fn semilla(hex: &Option<String>) -> Res<Option<coactiva::azar::Semilla>> {
    Ok(hex
        .as_deref()
        .map(coactiva::azar::parse_semilla)
        .transpose()?)
}

/// The `--json` list of a draw's assignments (the same for a sorteo and a simulation).
fn asignaciones_json(r: &sorteo::Registro) -> Vec<serde_json::Value> {
    r.resultado
        .asignaciones
        .iter()
        .map(|a| serde_json::json!({"titulo": a.titulo, "abogado": a.abogado}))
        .collect()
}

/// A simulation: the same figures, marked as written nowhere.
fn mostrar_simulacion(r: &sorteo::Registro, como_json: bool) {
    if como_json {
        let asignaciones = asignaciones_json(r);
        salida::json(&serde_json::json!({
            "simulacion": true, "semilla": r.semilla,
            "asignaciones": asignaciones, "sin_asignar": r.resultado.sin_asignar,
        }));
        return;
    }
    for a in &r.resultado.asignaciones {
        out!("  {} → {}", a.titulo, a.abogado);
    }
    for s in &r.resultado.sin_asignar {
        out!("  quedaría por sortear {}: {}", s.titulo, s.motivo);
    }
    out!("Semilla de la simulación: {}", r.semilla);
}

fn mostrar_sorteo(r: &sorteo::Registro, como_json: bool) {
    if como_json {
        let asignaciones = asignaciones_json(r);
        salida::json(&serde_json::json!({
            "sorteo": r.numero, "tipo": r.tipo, "semilla": r.semilla, "digest": r.digest,
            "asignaciones": asignaciones, "sin_asignar": r.resultado.sin_asignar,
        }));
        return;
    }
    let que = if r.tipo == sorteo::Tipo::Resorteo {
        "Resorteo"
    } else {
        "Sorteo"
    };
    out!(
        "{que} N.º {} hecho: {} {}.",
        r.numero,
        coactiva::texto::cuantos(r.resultado.asignaciones.len() as i64, "título", "títulos"),
        if r.resultado.asignaciones.len() == 1 {
            "asignado"
        } else {
            "asignados"
        }
    );
    for s in &r.resultado.sin_asignar {
        out!("  queda por sortear {}: {}", s.titulo, s.motivo);
    }
    out!("Semilla: {}\nHuella:  {}", r.semilla, r.digest);
    out!(
        "Imprima el acta con «coactiva sorteo acta {} --salida acta.pdf».",
        r.numero
    );
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenSorteo,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenSorteo::Ejecutar => {
            let r = sorteo::ejecutar(store, actor)?;
            mostrar_sorteo(&r, como_json);
        }
        OrdenSorteo::Simular { semilla: s } => {
            let r = sorteo::simular(store, actor, semilla(&s)?)?;
            if !como_json {
                out!("SIMULACIÓN: no se guardó nada; esto no es un sorteo ni tiene acta.");
            }
            mostrar_simulacion(&r, como_json);
        }
        OrdenSorteo::Resortear { titulos, motivo } => {
            let r = sorteo::resortear(store, actor, &titulos, &motivo)?;
            mostrar_sorteo(&r, como_json);
        }
        OrdenSorteo::Verificar { numero } => {
            let hallazgos = sorteo::verificar(store, numero)?;
            if como_json {
                salida::json(
                    &serde_json::json!({"correcto": hallazgos.is_empty(), "hallazgos": hallazgos}),
                );
            } else if hallazgos.is_empty() {
                match numero {
                    Some(n) => out!("El sorteo {n} es íntegro: su repetición da el mismo resultado y su huella coincide."),
                    None => out!("Los {} sorteos son íntegros: cada repetición da el mismo resultado y la cadena de huellas está completa.", sorteo::listar(store)?.len()),
                }
            } else {
                for h in &hallazgos {
                    eprintln!("ALTERADO — sorteo {}: {}", h.sorteo, h.mensaje);
                }
            }
            return Ok(if hallazgos.is_empty() { 0 } else { 3 });
        }
        OrdenSorteo::Acta {
            numero,
            salida: ruta,
            certifica,
        } => {
            actor.exigir(usuarios::Accion::Consultar)?;
            let pdf = sorteo::acta::generar(store, numero, certifica.as_deref())?;
            salida::escribir(&ruta, &pdf)?;
            out!("Acta del sorteo {numero} guardada en {}.", ruta.display());
        }
        OrdenSorteo::Listar => {
            let v = sorteo::listar(store)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["N.º", "Tipo", "Fecha", "Usuario", "Asignados", "Huella"],
                    v.iter().map(|s| {
                        vec![
                            s.numero.to_string(),
                            format!("{:?}", s.tipo).to_lowercase(),
                            s.fecha.get(..16).unwrap_or(&s.fecha).replace('T', " "),
                            s.usuario.clone(),
                            s.asignados.to_string(),
                            s.digest.get(..16).unwrap_or("").to_string() + "…",
                        ]
                    }),
                );
            }
        }
        OrdenSorteo::Elegibles => {
            let v = sorteo::elegibilidad(store, fechas::hoy(store.clock()))?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Identificación", "Nombres", "Peso", "Carga", "Elegible"],
                    v.iter().map(|e| {
                        vec![
                            e.identificacion.clone(),
                            e.nombres.clone(),
                            e.peso.texto(),
                            e.carga.to_string(),
                            e.motivo
                                .clone()
                                .map(|m| format!("no: {m}"))
                                .unwrap_or_else(|| "sí".into()),
                        ]
                    }),
                );
            }
        }
    }
    Ok(0)
}
