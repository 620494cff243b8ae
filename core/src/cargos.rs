//! The titles people sign with, in the form that agrees with each person: «Funcionaria
//! Ejecutora» for Dra. Ana Núñez, «Secretario-Abogado» for Ab. Raúl Pérez. The gender is data
//! recorded for each person who signs (the Jefe, each abogado, each user); a person with none
//! recorded gets the traditional form.

use serde::{Deserialize, Serialize};

use crate::eventos::{self as ev, Evento};
use crate::store::Store;
use crate::unidad::Nivel;
use crate::usuarios::{Accion, Actor};
use crate::{Error, Result};

/// The grammatical gender a person's title takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Genero {
    Femenino,
    Masculino,
}

impl Genero {
    pub fn como_texto(self) -> &'static str {
        match self {
            Genero::Femenino => "femenino",
            Genero::Masculino => "masculino",
        }
    }

    pub fn parse(s: &str) -> Result<Genero> {
        match crate::texto::clave(s).as_str() {
            "femenino" | "f" | "mujer" => Ok(Genero::Femenino),
            "masculino" | "m" | "hombre" => Ok(Genero::Masculino),
            _ => Err(Error::entrada(format!(
                "el género «{}» no se conoce; use femenino o masculino",
                s.trim()
            ))),
        }
    }

    /// A stored value; anything else reads as not recorded.
    pub fn leer(s: Option<&str>) -> Option<Genero> {
        match s {
            Some("femenino") => Some(Genero::Femenino),
            Some("masculino") => Some(Genero::Masculino),
            _ => None,
        }
    }
}

/// A title printed under a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cargo {
    /// Who runs the unit (its title depends on the unit's level).
    Jefe(Nivel),
    /// Who signs the orders (the Jefe acts as funcionario ejecutor).
    Ejecutor,
    SecretarioAbogado,
    Citador,
    Depositario,
}

impl Cargo {
    /// The title in the form that agrees with `genero` (the traditional form when unknown).
    pub fn forma(self, genero: Option<Genero>) -> &'static str {
        let f = genero == Some(Genero::Femenino);
        match (self, f) {
            (Cargo::Jefe(Nivel::Unidad), false) => "Jefe de la Unidad",
            (Cargo::Jefe(Nivel::Unidad), true) => "Jefa de la Unidad",
            (Cargo::Jefe(Nivel::Grupo), _) => "Líder del Grupo de Trabajo",
            (Cargo::Ejecutor, false) => "Funcionario Ejecutor",
            (Cargo::Ejecutor, true) => "Funcionaria Ejecutora",
            (Cargo::SecretarioAbogado, false) => "Secretario-Abogado",
            (Cargo::SecretarioAbogado, true) => "Secretaria-Abogada",
            (Cargo::Citador, false) => "Citador-Notificador",
            (Cargo::Citador, true) => "Citadora-Notificadora",
            (Cargo::Depositario, false) => "Depositario Judicial",
            (Cargo::Depositario, true) => "Depositaria Judicial",
        }
    }
}

/// Whose gender is recorded.
#[derive(Debug, Clone, Copy)]
pub enum Persona<'a> {
    /// The unit's Jefe, as named in the unit's data.
    Jefe,
    /// An abogado, by identification.
    Abogado(&'a str),
    /// A user (a citador, a clerk), by user name.
    Usuario(&'a str),
}

/// Records (or corrects) the gender a person's title takes. The Jefe's needs the right to
/// configure the unit; an abogado's, to administer abogados; a user's, to administer users.
pub fn registrar_genero(
    store: &mut Store,
    actor: &Actor,
    persona: Persona<'_>,
    genero: Genero,
) -> Result<()> {
    actor.exigir(match persona {
        Persona::Jefe => Accion::Configurar,
        Persona::Abogado(_) => Accion::AdministrarAbogados,
        Persona::Usuario(_) => Accion::AdministrarUsuarios,
    })?;
    let dato = ev::GeneroRegistrado { genero };
    store.write(&actor.usuario, |tx| {
        let (filas, clave, evento) = match persona {
            Persona::Jefe => (
                tx.conn().execute(
                    "UPDATE unidad SET jefe_genero = ?1 WHERE id = 1",
                    [genero.como_texto()],
                )?,
                crate::unidad::cargar(tx)?
                    .map(|u| u.codigo)
                    .unwrap_or_default(),
                Evento::UnidadGenero(dato.clone()),
            ),
            Persona::Abogado(id) => (
                tx.conn().execute(
                    "UPDATE abogados SET genero = ?1 WHERE identificacion = ?2",
                    [genero.como_texto(), id.trim()],
                )?,
                id.trim().to_string(),
                Evento::AbogadoGenero(dato.clone()),
            ),
            Persona::Usuario(u) => (
                tx.conn().execute(
                    "UPDATE usuarios SET genero = ?1 WHERE usuario = ?2",
                    [genero.como_texto(), u.trim()],
                )?,
                u.trim().to_string(),
                Evento::UsuarioGenero(dato.clone()),
            ),
        };
        if filas == 0 {
            return Err(match persona {
                Persona::Jefe => Error::NoInicializada,
                Persona::Abogado(id) => {
                    Error::NoEncontrado(format!("no existe el abogado con identificación {id}"))
                }
                Persona::Usuario(u) => Error::NoEncontrado(format!("no existe el usuario «{u}»")),
            });
        }
        tx.registrar(&clave, &evento)
    })?;
    log::info!("género de un firmante registrado");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_title_agrees_with_its_holder() {
        let f = Some(Genero::Femenino);
        assert_eq!(Cargo::Ejecutor.forma(f), "Funcionaria Ejecutora");
        assert_eq!(Cargo::Ejecutor.forma(None), "Funcionario Ejecutor");
        assert_eq!(Cargo::SecretarioAbogado.forma(f), "Secretaria-Abogada");
        assert_eq!(Cargo::Jefe(Nivel::Unidad).forma(f), "Jefa de la Unidad");
        assert_eq!(
            Cargo::Jefe(Nivel::Grupo).forma(f),
            Cargo::Jefe(Nivel::Grupo).forma(Some(Genero::Masculino))
        );
        assert_eq!(Cargo::Citador.forma(f), "Citadora-Notificadora");
        assert_eq!(Genero::parse(" Femenino ").unwrap(), Genero::Femenino);
        assert!(Genero::parse("x").is_err());
    }
}
