//! The commands the window calls, and the types that cross IPC. Thin: parse, call the core,
//! map the error.

use std::sync::{Mutex, MutexGuard};

use coactiva::sorteo;
use coactiva::titulos::{self, EstadoTitulo};
use coactiva::unidad::{self, Nivel, NuevaUnidad, Unidad};
use coactiva::{usuarios, Actor, Error};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::Estado;

/// An error as the UI sees it: a stable code to match on and a Spanish message to show.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorIpc {
    pub code: String,
    pub message: String,
}

impl From<Error> for ErrorIpc {
    fn from(e: Error) -> Self {
        ErrorIpc {
            code: e.codigo().to_string(),
            message: e.to_string(),
        }
    }
}

fn sin_sesion() -> ErrorIpc {
    ErrorIpc {
        code: "sin_sesion".into(),
        message: "la sesión terminó: vuelva a ingresar".into(),
    }
}

type Res<T> = Result<T, ErrorIpc>;

fn bloquear<'a>(estado: &'a State<'_, Mutex<Estado>>) -> MutexGuard<'a, Estado> {
    // A panic in another command must not lock the clerk out of the window.
    estado.lock().unwrap_or_else(|p| p.into_inner())
}

#[derive(Serialize)]
pub struct EstadoInicial {
    inicializada: bool,
    unidad: Option<Unidad>,
    ruta_db: String,
    sesion: Option<Actor>,
}

#[tauri::command(async)]
pub fn estado_inicial(estado: State<'_, Mutex<Estado>>) -> Res<EstadoInicial> {
    let e = bloquear(&estado);
    let store = e.store.as_ref().map_err(Clone::clone)?;
    let unidad = unidad::cargar(store)?;
    Ok(EstadoInicial {
        inicializada: unidad.is_some(),
        unidad,
        ruta_db: e.ruta.display().to_string(),
        sesion: e.sesion.clone(),
    })
}

#[derive(Deserialize)]
pub struct NuevaUnidadIpc {
    provincia: String,
    oficina: String,
    nombre: String,
    nivel: String,
    ciudad: String,
    jefe_usuario: String,
    jefe_nombres: String,
    jefe_clave: String,
}

#[tauri::command(async)]
pub fn crear_unidad(estado: State<'_, Mutex<Estado>>, datos: NuevaUnidadIpc) -> Res<Actor> {
    let mut e = bloquear(&estado);
    let store = e.store.as_mut().map_err(|x| x.clone())?;
    let jefe = unidad::inicializar(
        store,
        &NuevaUnidad {
            provincia: datos.provincia,
            oficina: datos.oficina,
            nombre: datos.nombre,
            nivel: Nivel::parse(&datos.nivel)?,
            ciudad: datos.ciudad,
            jefe_usuario: datos.jefe_usuario,
            jefe_nombres: datos.jefe_nombres,
            jefe_clave: datos.jefe_clave,
        },
    )?;
    e.sesion = Some(jefe.clone());
    Ok(jefe)
}

#[tauri::command(async)]
pub fn iniciar_sesion(
    estado: State<'_, Mutex<Estado>>,
    usuario: String,
    clave: String,
) -> Res<Actor> {
    let mut e = bloquear(&estado);
    let store = e.store.as_mut().map_err(|x| x.clone())?;
    let actor = usuarios::autenticar(store, usuario.trim(), &clave)?;
    e.sesion = Some(actor.clone());
    Ok(actor)
}

#[tauri::command(async)]
pub fn cerrar_sesion(estado: State<'_, Mutex<Estado>>) {
    bloquear(&estado).sesion = None;
}

#[derive(Serialize)]
pub struct Resumen {
    unidad: Unidad,
    titulos_por_sortear: i64,
}

#[tauri::command(async)]
pub fn resumen(estado: State<'_, Mutex<Estado>>) -> Res<Resumen> {
    let e = bloquear(&estado);
    e.sesion.as_ref().ok_or_else(sin_sesion)?;
    let store = e.store.as_ref().map_err(Clone::clone)?;
    Ok(Resumen {
        unidad: unidad::exigir(store)?,
        titulos_por_sortear: titulos::contar(store, EstadoTitulo::PorSortear)?,
    })
}

/// The session's user and the open database, or the error the UI shows.
pub(crate) fn con_sesion<T>(
    estado: &State<'_, Mutex<Estado>>,
    f: impl FnOnce(&mut coactiva::Store, &Actor) -> Result<T, Error>,
) -> Res<T> {
    let mut e = bloquear(estado);
    let actor = e.sesion.clone().ok_or_else(sin_sesion)?;
    let store = e.store.as_mut().map_err(|x| x.clone())?;
    Ok(f(store, &actor)?)
}

#[tauri::command(async)]
pub fn sorteo_elegibles(estado: State<'_, Mutex<Estado>>) -> Res<Vec<sorteo::Elegibilidad>> {
    con_sesion(&estado, |s, _| {
        sorteo::elegibilidad(s, coactiva::fechas::hoy(s.clock()))
    })
}

#[tauri::command(async)]
pub fn sorteo_listar(estado: State<'_, Mutex<Estado>>) -> Res<Vec<sorteo::Resumen>> {
    con_sesion(&estado, |s, _| sorteo::listar(s))
}

/// One assignment as the Sorteo screen lists it.
#[derive(Serialize)]
pub struct FilaSorteo {
    titulo: String,
    obligado: String,
    total: String,
    abogado: String,
}

#[derive(Serialize)]
pub struct SorteoHecho {
    numero: i64,
    semilla: String,
    digest: String,
    asignaciones: Vec<FilaSorteo>,
    sin_asignar: Vec<sorteo::SinAsignar>,
}

fn hecho(s: &coactiva::Store, r: sorteo::Registro) -> Result<SorteoHecho, Error> {
    let nombres: std::collections::HashMap<String, String> = coactiva::abogados::listar(s)?
        .into_iter()
        .map(|a| (a.identificacion, a.nombres))
        .collect();
    let formato = unidad::exigir(s)?.formato_importe;
    let mut asignaciones = Vec::with_capacity(r.resultado.asignaciones.len());
    for a in &r.resultado.asignaciones {
        let t = titulos::buscar(s, &a.titulo)?;
        asignaciones.push(FilaSorteo {
            titulo: a.titulo.clone(),
            obligado: t.as_ref().map(|t| t.obligado.clone()).unwrap_or_default(),
            total: t.map(|t| t.total.agrupado(formato)).unwrap_or_default(),
            abogado: format!(
                "{} ({})",
                nombres.get(&a.abogado).cloned().unwrap_or_default(),
                a.abogado
            ),
        });
    }
    Ok(SorteoHecho {
        numero: r.numero,
        semilla: r.semilla,
        digest: r.digest,
        asignaciones,
        sin_asignar: r.resultado.sin_asignar,
    })
}

#[tauri::command(async)]
pub fn sorteo_ejecutar(estado: State<'_, Mutex<Estado>>) -> Res<SorteoHecho> {
    con_sesion(&estado, |s, a| {
        let r = sorteo::ejecutar(s, a, None)?;
        hecho(s, r)
    })
}

#[tauri::command(async)]
pub fn sorteo_resortear(
    estado: State<'_, Mutex<Estado>>,
    titulos: Vec<String>,
    motivo: String,
) -> Res<SorteoHecho> {
    con_sesion(&estado, |s, a| {
        let r = sorteo::resortear(s, a, &titulos, &motivo, None)?;
        hecho(s, r)
    })
}

#[tauri::command(async)]
pub fn sorteo_verificar(
    estado: State<'_, Mutex<Estado>>,
    numero: Option<i64>,
) -> Res<Vec<sorteo::Hallazgo>> {
    con_sesion(&estado, |s, _| sorteo::verificar(s, numero))
}

/// Saves the acta in the user's documents folder and returns where.
#[tauri::command(async)]
pub fn sorteo_acta(estado: State<'_, Mutex<Estado>>, numero: i64) -> Res<String> {
    con_sesion(&estado, |s, _| {
        let pdf = sorteo::acta::generar(s, numero)?;
        let dir = coactiva::logging::directorio_documentos().join("Actas de sorteo");
        std::fs::create_dir_all(&dir)?;
        let ruta = dir.join(format!("acta-sorteo-{numero}.pdf"));
        std::fs::write(&ruta, pdf)?;
        log::info!("acta del sorteo {numero} guardada");
        Ok(ruta.display().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_ipc_as_code_and_spanish_message() {
        let e: ErrorIpc = Error::NoInicializada.into();
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "no_inicializada");
        assert!(json["message"].as_str().unwrap().contains("coactiva init"));
        assert_eq!(
            json.as_object().unwrap().len(),
            2,
            "solo code y message cruzan la frontera"
        );
    }
}
