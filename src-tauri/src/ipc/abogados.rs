//! The Abogados screen: who they are, their load, state and impedimentos.

use coactiva::{abogados, cargos, fechas, sorteo};
use serde::Deserialize;
use tauri::State;

use super::{escribir, leer, Estado, Res};

#[tauri::command(async)]
pub fn abogados_listar(estado: State<'_, Estado>) -> Res<Vec<sorteo::Elegibilidad>> {
    leer(&estado, |s, _| {
        sorteo::elegibilidad(s, fechas::hoy(s.clock()))
    })
}

#[derive(Deserialize)]
pub struct NuevoAbogadoIpc {
    identificacion: String,
    nombres: String,
    externo: bool,
    peso: String,
    #[serde(default)]
    genero: String,
}

/// Records the gender a signer's title takes: `persona` is `jefe`, `abogado` or `usuario`.
#[tauri::command(async)]
pub fn registrar_genero(
    estado: State<'_, Estado>,
    persona: String,
    clave: String,
    genero: String,
) -> Res<()> {
    escribir(&estado, |s, a| {
        let g = cargos::Genero::parse(&genero)?;
        let p = match persona.as_str() {
            "jefe" => cargos::Persona::Jefe,
            "abogado" => cargos::Persona::Abogado(&clave),
            _ => cargos::Persona::Usuario(&clave),
        };
        cargos::registrar_genero(s, a, p, g)
    })
}

#[tauri::command(async)]
pub fn abogado_agregar(estado: State<'_, Estado>, datos: NuevoAbogadoIpc) -> Res<()> {
    escribir(&estado, |s, a| {
        let peso = if datos.peso.trim().is_empty() {
            None
        } else {
            Some(abogados::Peso::parse(&datos.peso)?)
        };
        abogados::agregar(
            s,
            a,
            &abogados::NuevoAbogado {
                identificacion: datos.identificacion,
                nombres: datos.nombres,
                externo: datos.externo,
                peso,
                genero: if datos.genero.trim().is_empty() {
                    None
                } else {
                    Some(cargos::Genero::parse(&datos.genero)?)
                },
                ..Default::default()
            },
        )?;
        Ok(())
    })
}

/// Activo, inactivo, or a licencia (vacaciones…) with its dates (dd/mm/aaaa) and why.
#[tauri::command(async)]
pub fn abogado_estado(
    estado: State<'_, Estado>,
    identificacion: String,
    nuevo: String,
    desde: Option<String>,
    hasta: Option<String>,
    motivo: Option<String>,
) -> Res<()> {
    let fecha = |f: Option<String>| {
        f.filter(|f| !f.trim().is_empty())
            .map(|f| fechas::parse_fecha(&f))
            .transpose()
    };
    escribir(&estado, |s, a| {
        abogados::cambiar_estado(
            s,
            a,
            &identificacion,
            abogados::Estado::parse(&nuevo)?,
            fecha(desde)?,
            fecha(hasta)?,
            motivo.as_deref(),
        )?;
        Ok(())
    })
}

#[derive(Deserialize)]
pub struct CambioAbogadoIpc {
    nombres: String,
    peso: String,
    #[serde(default)]
    registro_profesional: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    telefono: Option<String>,
}

/// The Jefe corrects an abogado's names, contact data or peso.
#[tauri::command(async)]
pub fn abogado_editar(
    estado: State<'_, Estado>,
    identificacion: String,
    datos: CambioAbogadoIpc,
) -> Res<abogados::Abogado> {
    escribir(&estado, |s, a| {
        abogados::editar(
            s,
            a,
            &identificacion,
            &abogados::CambioAbogado {
                nombres: datos.nombres,
                peso: abogados::Peso::parse(&datos.peso)?,
                registro_profesional: datos.registro_profesional,
                email: datos.email,
                telefono: datos.telefono,
            },
        )
    })
}

/// Every abogado with his full record (licencia, contact, impedimentos), for the Jefe's forms.
#[tauri::command(async)]
pub fn abogados_fichas(estado: State<'_, Estado>) -> Res<Vec<abogados::Abogado>> {
    leer(&estado, |s, _| abogados::listar(s))
}

#[tauri::command(async)]
pub fn abogado_impedimento(
    estado: State<'_, Estado>,
    identificacion: String,
    obligado: String,
    motivo: Option<String>,
) -> Res<()> {
    escribir(&estado, |s, a| {
        abogados::agregar_impedimento(
            s,
            a,
            &identificacion,
            &obligado,
            motivo.as_deref().filter(|m| !m.trim().is_empty()),
        )
    })
}
