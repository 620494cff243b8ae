//! Respaldos in the window (Configuración, Jefe only): take one now (also to another folder),
//! list them, restore one; and the automatic one of each day, taken at login and at closing.

use coactiva::{respaldo, Store};
use tauri::State;

use super::{escribir, leer, ErrorIpc, Estado, Res};

#[tauri::command(async)]
pub fn respaldos_listar(estado: State<'_, Estado>) -> Res<Vec<respaldo::Respaldo>> {
    let carpeta = respaldo::carpeta_local(&estado.ruta);
    leer(&estado, |_, _| respaldo::listar(&carpeta))
}

/// A backup now, in the unit's folder and, if given, in `destino`.
#[tauri::command(async)]
pub fn respaldo_crear(
    estado: State<'_, Estado>,
    destino: Option<String>,
) -> Res<Vec<respaldo::Respaldo>> {
    let destino = destino
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from);
    escribir(&estado, |s, a| respaldo::crear(s, a, destino.as_deref()))
}

/// Puts backup `archivo` in place of the unit (the Jefe, after confirming in the window); the
/// current file stays aside. Then asks the centre for what it holds newer than the backup and
/// brings it back, so sync goes on.
#[tauri::command(async)]
pub fn respaldo_restaurar(
    estado: State<'_, Estado>,
    archivo: String,
) -> Res<respaldo::Restauracion> {
    // Only the Jefe, as the session is now.
    let actor = escribir(&estado, |_, a| {
        a.exigir(coactiva::usuarios::Accion::Configurar)?;
        Ok(a.clone())
    })?;
    let clave = estado.clave.lock().ok().and_then(|c| c.clone());
    let reloj = coactiva::fechas::reloj();
    estado.cerrar();
    let r = respaldo::restaurar(
        &estado.ruta,
        std::path::Path::new(&archivo),
        clave.as_ref(),
        reloj.clone(),
    );
    let al_dia = r.as_ref().ok().map(|_| {
        respaldo::despues_de_restaurar(
            &estado.ruta,
            clave.as_ref(),
            reloj.clone(),
            &actor,
            &coactiva_red::Http,
        )
    });
    // The unit opens again, restored or as it was.
    let abierta = match &clave {
        Some(k) => Store::open_cifrada(&estado.ruta, k, reloj),
        None => Store::open(&estado.ruta, reloj),
    };
    match abierta {
        Ok(s) => estado.poner(s),
        Err(e) => log::error!("la base no se pudo volver a abrir: {e}"),
    }
    let anterior = r.map_err(ErrorIpc::from)?.display().to_string();
    Ok(respaldo::Restauracion { anterior, al_dia })
}

/// The day's automatic backup, if none was taken today: on its own connection, in the
/// background, so the window never waits for it.
pub fn automatico_del_dia(estado: &Estado) {
    let Some(clave) = estado.clave.lock().ok().map(|c| c.clone()) else {
        return;
    };
    let ruta = estado.ruta.clone();
    let hoy = coactiva::fechas::hoy(&*coactiva::fechas::reloj());
    if respaldo::ultimo(&ruta).is_some_and(|d| d.date() >= hoy) {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("respaldo".into())
        .spawn(move || automatico(&ruta, clave.as_ref()));
}

/// An automatic backup now (at closing), waiting for it.
pub fn automatico(ruta: &std::path::Path, clave: Option<&coactiva::cifrado::ClaveDatos>) {
    let reloj = coactiva::fechas::reloj();
    let store = match clave {
        Some(k) => Store::open_lector_con(ruta, Some(k), reloj),
        None => Store::open_lector(ruta, reloj),
    };
    match store.and_then(|s| respaldo::automatico(&s)) {
        Ok(_) => log::info!("respaldo automático hecho"),
        Err(e) => log::error!("no se pudo hacer el respaldo automático: {e}"),
    }
}
