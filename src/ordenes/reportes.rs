//! `coactiva reportes NOMBRE`: the unit's reports on screen, as JSON, or saved as PDF or XLSX.

use std::path::PathBuf;

use coactiva::{reportes, Actor, Store};

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
                "«{titulo}» es una foto a una fecha, no de un período: indique solo hasta qué día (--hasta)"
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
    let datos = reportes::hacer(
        store,
        actor,
        nombre,
        super::fecha_opcional(&desde)?,
        super::fecha_opcional(&hasta)?,
    )?;
    let f = coactiva::unidad::exigir(store)?.formato_importe;
    let r = datos.reporte(f);
    if let (Some(ruta), Some(formato)) = (&destino, formato) {
        let bytes = if formato == "pdf" {
            reportes::tabla::pdf(store, &r)?
        } else {
            reportes::tabla::xlsx(&r)?
        };
        salida::escribir(ruta, &bytes)?;
    }
    if como_json {
        salida::json(&datos);
        return Ok(0);
    }
    out!("{}", r.titulo);
    out!("{}", r.resumen);
    for n in &r.notas {
        out!("{n}");
    }
    for s in &r.secciones {
        out!("");
        out!("{}", s.titulo);
        let cab: Vec<&str> = s.columnas.iter().map(|c| c.nombre.as_str()).collect();
        if s.filas.is_empty() {
            out!("Ninguno.");
            continue;
        }
        salida::tabla(
            &cab,
            s.filas
                .iter()
                .chain(&s.total)
                .map(|f| f.celdas.iter().map(|c| c.texto.clone()).collect::<Vec<_>>()),
        );
    }
    if let Some(r) = &destino {
        out!("");
        out!("Guardado en {}.", r.display());
    }
    Ok(0)
}
