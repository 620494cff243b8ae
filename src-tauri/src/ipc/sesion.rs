//! The first screen, logging in and out, users and passwords.

use coactiva::unidad::{self, Nivel, NuevaUnidad, Unidad};
use coactiva::{cifrado, titulos, usuarios, Actor};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::{escribir, leer, sin_sesion_escribir, sin_sesion_leer, Estado, Res};

#[derive(Serialize)]
pub struct EstadoInicial {
    inicializada: bool,
    /// The unit, when it can be read before logging in (a plain file, or already open).
    unidad: Option<Unidad>,
    /// The unit's file is encrypted: its name shows after logging in.
    cifrada: bool,
    ruta_db: String,
    sesion: Option<Actor>,
}

#[tauri::command(async)]
pub fn estado_inicial(estado: State<'_, Estado>) -> Res<EstadoInicial> {
    let archivo = cifrado::estado(&estado.ruta)?;
    let unidad = if archivo == cifrado::Estado::NoExiste {
        None
    } else {
        sin_sesion_leer(&estado, |s| unidad::cargar(s)).unwrap_or(None)
    };
    Ok(EstadoInicial {
        inicializada: unidad.is_some() || archivo == cifrado::Estado::Cifrada,
        unidad,
        cifrada: archivo == cifrado::Estado::Cifrada,
        ruta_db: estado.ruta.display().to_string(),
        sesion: estado.sesion(),
    })
}

/// Who logged in, and — when the unit was just created or encrypted — the recovery code for
/// the Jefe and where its sheet was saved (shown once).
#[derive(Serialize)]
pub struct Ingreso {
    #[serde(flatten)]
    actor: Actor,
    codigo_recuperacion: Option<String>,
    hoja_recuperacion: Option<String>,
}

fn con_codigo(
    store: &coactiva::Store,
    actor: Actor,
    codigo: Option<&cifrado::CodigoRecuperacion>,
) -> Result<Ingreso, coactiva::Error> {
    let hoja = codigo
        .map(|c| cifrado::hoja_recuperacion(store, c))
        .transpose()?;
    Ok(Ingreso {
        actor,
        codigo_recuperacion: codigo.map(|c| c.texto()),
        hoja_recuperacion: hoja.map(|h| h.display().to_string()),
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
pub fn crear_unidad(estado: State<'_, Estado>, datos: NuevaUnidadIpc) -> Res<Ingreso> {
    let n = NuevaUnidad {
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
    };
    // A plain file from an earlier version is initialised where it is; otherwise the unit is
    // created encrypted, with its recovery code.
    if cifrado::estado(&estado.ruta)? == cifrado::Estado::SinCifrar {
        let jefe = sin_sesion_escribir(&estado, |s| unidad::inicializar(s, &n))?;
        estado.fijar_sesion(Some(jefe.clone()));
        return Ok(Ingreso {
            actor: jefe,
            codigo_recuperacion: None,
            hoja_recuperacion: None,
        });
    }
    let (mut store, codigo) = cifrado::crear(&estado.ruta, coactiva::fechas::reloj())?;
    let hecho = unidad::inicializar(&mut store, &n).and_then(|jefe| {
        cifrado::sincronizar_llavero(&store)?;
        con_codigo(&store, jefe, Some(&codigo))
    });
    match hecho {
        Ok(i) => {
            estado.poner(store);
            estado.fijar_sesion(Some(i.actor.clone()));
            Ok(i)
        }
        Err(e) => {
            // Nothing half made stays behind: the form can be sent again.
            drop(store);
            cifrado::borrar_base(&estado.ruta);
            Err(e.into())
        }
    }
}

#[tauri::command(async)]
pub fn iniciar_sesion(estado: State<'_, Estado>, usuario: String, clave: String) -> Res<Ingreso> {
    let usuario = usuario.trim().to_string();
    // An open plain file is closed first: the Jefe's login may encrypt it in place.
    if cifrado::estado(&estado.ruta)? == cifrado::Estado::SinCifrar {
        estado.cerrar();
    }
    let r = cifrado::ingresar(&estado.ruta, &usuario, &clave, coactiva::fechas::reloj());
    let i = match r {
        Ok(i) => i,
        Err(e) => {
            // A plain file stays open for the first screen.
            if cifrado::estado(&estado.ruta)? == cifrado::Estado::SinCifrar {
                if let Ok(s) = coactiva::Store::open(&estado.ruta, coactiva::fechas::reloj()) {
                    estado.poner(s);
                }
            }
            return Err(e.into());
        }
    };
    let ingreso = con_codigo(&i.store, i.actor, i.codigo_nuevo.as_ref())?;
    estado.poner(i.store);
    estado.fijar_sesion(Some(ingreso.actor.clone()));
    super::respaldo::automatico_del_dia(&estado);
    Ok(ingreso)
}

#[tauri::command(async)]
pub fn cerrar_sesion(estado: State<'_, Estado>) {
    estado.fijar_sesion(None);
    // The key leaves memory with the session; a plain file stays open for the first screen.
    if coactiva::cifrado::estado(&estado.ruta).ok() == Some(cifrado::Estado::Cifrada) {
        estado.cerrar();
    }
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
