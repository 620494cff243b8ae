//! Configuración: the unit's settings and its calendar of holidays.

use coactiva::{calendario, configuracion, fechas};
use tauri::State;

use super::{escribir, leer, Estado, Res};

#[tauri::command(async)]
pub fn configuracion_listar(estado: State<'_, Estado>) -> Res<Vec<configuracion::Ajuste>> {
    leer(&estado, |s, _| configuracion::listar(s))
}

#[tauri::command(async)]
pub fn configuracion_cambiar(estado: State<'_, Estado>, clave: String, valor: String) -> Res<()> {
    escribir(&estado, |s, a| configuracion::cambiar(s, a, &clave, &valor))
}

#[tauri::command(async)]
pub fn feriados(estado: State<'_, Estado>, anio: i32) -> Res<Vec<calendario::Feriado>> {
    leer(&estado, |s, _| {
        if !(1900..=2200).contains(&anio) {
            return Err(coactiva::Error::entrada(format!(
                "el año {anio} está fuera del calendario: use uno entre 1900 y 2200"
            )));
        }
        let provincia = coactiva::unidad::cargar(s)?.map(|u| u.provincia);
        calendario::feriados(s, anio, provincia.as_deref())
    })
}

#[tauri::command(async)]
pub fn feriado_agregar(
    estado: State<'_, Estado>,
    fecha: String,
    nombre: String,
    provincia: Option<String>,
    quitar: bool,
) -> Res<()> {
    escribir(&estado, |s, a| {
        let f = fechas::parse_fecha(&fecha)?;
        calendario::editar(
            s,
            a,
            f,
            &nombre,
            provincia.as_deref().filter(|p| !p.is_empty()),
            quitar,
        )
    })
}

#[tauri::command(async)]
pub fn tasas_listar(estado: State<'_, Estado>) -> Res<Vec<coactiva::tasas::Registro>> {
    leer(&estado, |s, a| {
        a.exigir(coactiva::usuarios::Accion::Consultar)?;
        coactiva::tasas::listar(s)
    })
}

#[tauri::command(async)]
pub fn tasa_agregar(estado: State<'_, Estado>, desde: String, anual: String) -> Res<()> {
    escribir(&estado, |s, a| {
        let desde = fechas::parse_fecha(&desde)?;
        let anual = coactiva::liquidacion::TasaAnual::parse(&anual)?;
        coactiva::tasas::agregar(s, a, desde, anual).map(|_| ())
    })
}

/// Today in Guayaquil by the core's clock (pinned in tests), `aaaa-mm-dd`: the window never
/// trusts the machine's date on its own.
#[tauri::command(async)]
pub fn hoy(estado: State<'_, Estado>) -> Res<String> {
    leer(&estado, |s, _| {
        Ok(coactiva::fechas::hoy(s.clock()).to_string())
    })
}
