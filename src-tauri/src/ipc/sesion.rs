//! The first screen, logging in and out, users and passwords.

use coactiva::unidad::{self, Nivel, NuevaUnidad, Unidad};
use coactiva::{titulos, usuarios, Actor};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::{escribir, leer, sin_sesion_escribir, sin_sesion_leer, Estado, Res};

#[derive(Serialize)]
pub struct EstadoInicial {
    inicializada: bool,
    unidad: Option<Unidad>,
    ruta_db: String,
    sesion: Option<Actor>,
}

#[tauri::command(async)]
pub fn estado_inicial(estado: State<'_, Estado>) -> Res<EstadoInicial> {
    let unidad = sin_sesion_leer(&estado, |s| unidad::cargar(s))?;
    Ok(EstadoInicial {
        inicializada: unidad.is_some(),
        unidad,
        ruta_db: estado.ruta.display().to_string(),
        sesion: estado.sesion(),
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
    #[serde(default)]
    jefe_genero: String,
}

#[tauri::command(async)]
pub fn crear_unidad(estado: State<'_, Estado>, datos: NuevaUnidadIpc) -> Res<Actor> {
    let jefe = sin_sesion_escribir(&estado, |s| {
        unidad::inicializar(
            s,
            &NuevaUnidad {
                provincia: datos.provincia,
                oficina: datos.oficina,
                nombre: datos.nombre,
                nivel: Nivel::parse(&datos.nivel)?,
                ciudad: datos.ciudad,
                jefe_usuario: datos.jefe_usuario,
                jefe_nombres: datos.jefe_nombres,
                jefe_clave: datos.jefe_clave,
                jefe_genero: if datos.jefe_genero.trim().is_empty() {
                    None
                } else {
                    Some(coactiva::cargos::Genero::parse(&datos.jefe_genero)?)
                },
            },
        )
    })?;
    estado.fijar_sesion(Some(jefe.clone()));
    Ok(jefe)
}

#[tauri::command(async)]
pub fn iniciar_sesion(estado: State<'_, Estado>, usuario: String, clave: String) -> Res<Actor> {
    let actor = sin_sesion_escribir(&estado, |s| usuarios::autenticar(s, usuario.trim(), &clave))?;
    estado.fijar_sesion(Some(actor.clone()));
    Ok(actor)
}

#[tauri::command(async)]
pub fn cerrar_sesion(estado: State<'_, Estado>) {
    estado.fijar_sesion(None);
}

#[derive(Serialize)]
pub struct Resumen {
    unidad: Unidad,
    titulos_por_sortear: i64,
}

#[tauri::command(async)]
pub fn resumen(estado: State<'_, Estado>) -> Res<Resumen> {
    leer(&estado, |s, _| {
        Ok(Resumen {
            unidad: unidad::exigir(s)?,
            titulos_por_sortear: titulos::contar(s, titulos::EstadoTitulo::PorSortear)?,
        })
    })
}

#[tauri::command(async)]
pub fn usuarios_listar(estado: State<'_, Estado>) -> Res<Vec<usuarios::Usuario>> {
    leer(&estado, |s, _| usuarios::listar(s))
}

#[derive(Deserialize)]
pub struct CambioUsuarioIpc {
    nombres: String,
    rol: String,
    activo: bool,
    #[serde(default)]
    abogado: Option<String>,
}

/// The Jefe changes a user's names, role or whether he may log in.
#[tauri::command(async)]
pub fn usuario_editar(
    estado: State<'_, Estado>,
    usuario: String,
    datos: CambioUsuarioIpc,
) -> Res<usuarios::Usuario> {
    escribir(&estado, |s, a| {
        usuarios::editar(
            s,
            a,
            &usuario,
            &usuarios::CambioUsuario {
                nombres: datos.nombres,
                rol: datos.rol.parse()?,
                activo: datos.activo,
                abogado: datos.abogado,
            },
        )
    })
}

#[derive(Deserialize)]
pub struct CambioUnidadIpc {
    nombre: String,
    nivel: String,
    ciudad: String,
    jefe_nombres: String,
}

/// The Jefe corrects the unit's data.
#[tauri::command(async)]
pub fn unidad_editar(estado: State<'_, Estado>, datos: CambioUnidadIpc) -> Res<Unidad> {
    escribir(&estado, |s, a| {
        unidad::editar(
            s,
            a,
            &unidad::CambioUnidad {
                nombre: datos.nombre,
                nivel: Nivel::parse(&datos.nivel)?,
                ciudad: datos.ciudad,
                jefe_nombres: datos.jefe_nombres,
            },
        )
    })
}

#[derive(Deserialize)]
pub struct NuevoUsuarioIpc {
    usuario: String,
    nombres: String,
    rol: String,
    clave: String,
    /// The abogado's identification, for a user with the abogado role.
    #[serde(default)]
    abogado: Option<String>,
}

#[tauri::command(async)]
pub fn usuario_agregar(estado: State<'_, Estado>, datos: NuevoUsuarioIpc) -> Res<()> {
    escribir(&estado, |s, a| {
        usuarios::agregar(
            s,
            a,
            datos.usuario.trim(),
            &datos.nombres,
            datos.rol.parse()?,
            &datos.clave,
            datos.abogado.as_deref(),
        )
    })
}

/// A user changes their own password (the Jefe may also set another user's).
#[tauri::command(async)]
pub fn cambiar_clave(
    estado: State<'_, Estado>,
    usuario: Option<String>,
    actual: Option<String>,
    nueva: String,
) -> Res<()> {
    escribir(&estado, |s, a| {
        let objetivo = usuario.unwrap_or_else(|| a.usuario.clone());
        usuarios::cambiar_clave(s, a, &objetivo, actual.as_deref(), &nueva)
    })
}
