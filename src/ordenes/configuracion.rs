//! `coactiva configuracion …`: the unit's settings.

use clap::Subcommand;
use coactiva::{configuracion, Actor, Store};

use crate::salida;
use crate::Res;

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenConfiguracion {
    /// Muestra los ajustes
    Listar,
    /// Cambia un ajuste
    Cambiar { clave: String, valor: String },
    /// Guarda la versión de la unidad de una plantilla de documento (queda en el registro de cambios)
    Plantilla {
        nombre: String,
        #[arg(long, value_name = "ARCHIVO.txt")]
        archivo: std::path::PathBuf,
    },
    /// Lista las plantillas y cuáles son propias de la unidad
    Plantillas,
    /// Vuelve a la plantilla original (la versión de la unidad queda en el registro de cambios)
    RestaurarPlantilla { nombre: String },
    /// Imprime una muestra sin valor de una plantilla (la guardada, o la de --archivo sin
    /// guardarla) con los datos de un proceso real
    ProbarPlantilla {
        nombre: String,
        #[arg(long, value_name = "ARCHIVO.txt")]
        archivo: Option<std::path::PathBuf>,
        /// El proceso cuyos datos se usan; por defecto, uno reciente que tenga los datos
        #[arg(long)]
        proceso: Option<String>,
        #[arg(long, value_name = "ARCHIVO.pdf")]
        salida: std::path::PathBuf,
    },
    /// Registra el género de los cargos del jefe en los documentos (Funcionaria Ejecutora): femenino o masculino
    GeneroJefe { genero: String },
}

#[derive(Subcommand, Debug)]
pub(crate) enum OrdenUnidad {
    /// Corrige el nombre, el nivel, la ciudad o el jefe que firma (provincia y oficina no cambian)
    Editar {
        #[arg(long)]
        nombre: Option<String>,
        /// unidad o grupo
        #[arg(long)]
        nivel: Option<String>,
        #[arg(long)]
        ciudad: Option<String>,
        /// Nombres y apellidos del jefe, como se imprimen en los documentos
        #[arg(long)]
        jefe: Option<String>,
    },
}

pub(crate) fn unidad(store: &mut Store, actor: &Actor, o: OrdenUnidad, como_json: bool) -> Res<u8> {
    let OrdenUnidad::Editar {
        nombre,
        nivel,
        ciudad,
        jefe,
    } = o;
    let u = coactiva::unidad::exigir(store)?;
    let nivel = match nivel {
        Some(n) => coactiva::unidad::Nivel::parse(&n)?,
        None => u.nivel,
    };
    let u = coactiva::unidad::editar(
        store,
        actor,
        &coactiva::unidad::CambioUnidad {
            nombre: nombre.unwrap_or(u.nombre),
            nivel,
            ciudad: ciudad.unwrap_or(u.ciudad),
            jefe_nombres: jefe.unwrap_or(u.jefe_nombres),
        },
    )?;
    if como_json {
        salida::json(&u);
    } else {
        out!(
            "Datos de la unidad {} guardados: {}, {}; firma {}.",
            u.codigo,
            u.nombre,
            u.ciudad,
            u.jefe_nombres
        );
    }
    Ok(0)
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenConfiguracion,
    como_json: bool,
) -> Res<u8> {
    match o {
        OrdenConfiguracion::RestaurarPlantilla { nombre } => {
            coactiva::documentos::restaurar_plantilla(store, actor, &nombre)?;
            out!("Plantilla {nombre} restaurada: los documentos se imprimen con la original desde ahora.");
        }
        OrdenConfiguracion::ProbarPlantilla {
            nombre,
            archivo,
            proceso,
            salida: destino,
        } => {
            actor.exigir(coactiva::usuarios::Accion::Configurar)?;
            let texto = match archivo {
                Some(a) => std::fs::read_to_string(&a).map_err(|e| crate::Fallo {
                    codigo: 2,
                    mensaje: format!("no se pudo leer {} como texto: {e}", a.display()),
                })?,
                None => coactiva::documentos::plantillas(store)?
                    .into_iter()
                    .find(|p| p.nombre == nombre)
                    .map(|p| p.texto)
                    .unwrap_or_default(),
            };
            let (pdf, numero) =
                coactiva::documentos::probar_plantilla(store, &nombre, &texto, proceso.as_deref())?;
            coactiva::archivos::guardar(&destino, &pdf)?;
            out!(
                "Muestra de la plantilla {nombre} con los datos del proceso {numero} en {}.",
                destino.display()
            );
        }
        OrdenConfiguracion::GeneroJefe { genero } => {
            let g = coactiva::cargos::Genero::parse(&genero)?;
            coactiva::cargos::registrar_genero(store, actor, coactiva::cargos::Persona::Jefe, g)?;
            out!(
                "Desde ahora el jefe firma como {}.",
                coactiva::cargos::Cargo::Ejecutor.forma(Some(g))
            );
        }
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
        OrdenConfiguracion::Plantilla { nombre, archivo } => {
            let texto = std::fs::read_to_string(&archivo).map_err(|e| crate::Fallo {
                codigo: 2,
                mensaje: format!("no se pudo leer {} como texto: {e}", archivo.display()),
            })?;
            coactiva::documentos::guardar_plantilla(store, actor, &nombre, &texto)?;
            out!("Plantilla {nombre} de la unidad guardada: los documentos se imprimen con ella desde ahora.");
        }
        OrdenConfiguracion::Plantillas => {
            let v = coactiva::documentos::plantillas(store)?;
            if como_json {
                salida::json(&v);
            } else {
                salida::tabla(
                    &["Plantilla", "Versión"],
                    v.iter().map(|p| {
                        vec![
                            p.nombre.clone(),
                            if p.propia {
                                "de la unidad"
                            } else {
                                "de fábrica"
                            }
                            .to_string(),
                        ]
                    }),
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
