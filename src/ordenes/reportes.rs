//! `coactiva reportes NOMBRE`: the unit's reports on screen, as JSON, or saved as PDF or XLSX.

use std::path::PathBuf;

use coactiva::{fechas, reportes, Actor, Store};

use crate::salida;
use crate::{Fallo, Res};

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    nombre: &str,
    desde: Option<String>,
    hasta: Option<String>,
    destino: Option<PathBuf>,
    como_json: bool,
) -> Res<u8> {
    let titulo = reportes::titulo(nombre)?;
    if desde.is_some() && !reportes::de_periodo(nombre) {
        return Err(Fallo {
            codigo: 2,
            mensaje: format!(
                "«{titulo}» es una foto de la cartera a una fecha, no de un período: indique solo hasta qué día (--hasta)"
            ),
        });
    }
    let formato = match &destino {
        None => None,
        Some(r) => match r.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("pdf") => Some("pdf"),
            Some("xlsx") => Some("xlsx"),
            _ => {
                return Err(Fallo {
                    codigo: 2,
                    mensaje: format!(
                        "{} no termina en .pdf ni en .xlsx: el reporte se guarda en uno de esos dos formatos",
                        r.display()
                    ),
                })
            }
        },
    };
    if let Some(r) = &destino {
        salida::admitir(r)?;
    }
    if reportes::de_periodo(nombre) {
        return recaudacion(store, actor, desde, hasta, destino.zip(formato), como_json);
    }
    let inv = reportes::inventario(store, actor, super::fecha_opcional(&hasta)?)?;
    if let (Some(r), Some(f)) = (&destino, formato) {
        let bytes = if f == "pdf" {
            reportes::pdf(store, nombre, &inv)?
        } else {
            reportes::xlsx(nombre, &inv)?
        };
        salida::escribir(r, &bytes)?;
    }
    if como_json {
        salida::json(&inv);
        return Ok(0);
    }
    let f = coactiva::unidad::exigir(store)?.formato_importe;
    out!(
        "{titulo} al {}: {}, capital USD {}, total USD {}.",
        fechas::corta(inv.al),
        coactiva::texto::cuantos(inv.procesos, "proceso", "procesos"),
        inv.capital.agrupado(f),
        inv.total.agrupado(f)
    );
    for (_, primera, grupos) in reportes::secciones(nombre, &inv)? {
        out!("");
        salida::tabla(
            &[primera, "Procesos", "Capital (USD)", "Total (USD)"],
            grupos.iter().map(|g| {
                vec![
                    g.nombre.clone(),
                    coactiva::texto::miles(g.procesos),
                    g.capital.agrupado(f),
                    g.total.agrupado(f),
                ]
            }),
        );
    }
    if let Some(r) = &destino {
        out!("");
        out!("Guardado en {}.", r.display());
    }
    Ok(0)
}

/// `coactiva reportes recaudacion`: what was collected in the period, by month and by abogado.
fn recaudacion(
    store: &mut Store,
    actor: &Actor,
    desde: Option<String>,
    hasta: Option<String>,
    destino: Option<(PathBuf, &str)>,
    como_json: bool,
) -> Res<u8> {
    let r = reportes::recaudacion(
        store,
        actor,
        super::fecha_opcional(&desde)?,
        super::fecha_opcional(&hasta)?,
    )?;
    if let Some((ruta, formato)) = &destino {
        let bytes = if *formato == "pdf" {
            reportes::recaudacion_pdf(store, &r)?
        } else {
            reportes::recaudacion_xlsx(&r)?
        };
        salida::escribir(ruta, &bytes)?;
    }
    if como_json {
        salida::json(&r);
        return Ok(0);
    }
    let f = coactiva::unidad::exigir(store)?.formato_importe;
    out!(
        "Recaudación del {} al {}: USD {} en {} de {}.",
        fechas::corta(r.desde),
        fechas::corta(r.hasta),
        r.total.valor.agrupado(f),
        coactiva::texto::cuantos(r.total.pagos, "pago", "pagos"),
        coactiva::texto::cuantos(r.total.procesos, "proceso", "procesos")
    );
    for (primera, grupos) in [("Mes", &r.por_mes), ("Secretario-Abogado", &r.por_abogado)] {
        out!("");
        salida::tabla(
            &[
                primera,
                "Pagos",
                "Procesos",
                "Recaudado (USD)",
                "Capital (USD)",
                "Intereses (USD)",
            ],
            grupos.iter().map(|g| g.fila(f)),
        );
    }
    if let Some((ruta, _)) = &destino {
        out!("");
        out!("Guardado en {}.", ruta.display());
    }
    Ok(0)
}
