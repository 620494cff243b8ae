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
    /// Registra el género de los cargos del jefe en los documentos (Funcionaria Ejecutora): femenino o masculino
    GeneroJefe { genero: String },
}

pub(crate) fn ejecutar(
    store: &mut Store,
    actor: &Actor,
    o: OrdenConfiguracion,
    como_json: bool,
) -> Res<u8> {
    match o {
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
