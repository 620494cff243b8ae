//! The juzgado's own data: province, office, name, level, city and chief. Set once by `init`.

use crate::eventos::{self as ev, Evento};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::dinero::Formato;
use crate::store::{Reader, Store};
use crate::usuarios::{self, Actor, Rol};
use crate::{Error, Result};

pub const PROVINCIAS: [(&str, &str); 24] = [
    ("01", "Azuay"),
    ("02", "Bolívar"),
    ("03", "Cañar"),
    ("04", "Carchi"),
    ("05", "Cotopaxi"),
    ("06", "Chimborazo"),
    ("07", "El Oro"),
    ("08", "Esmeraldas"),
    ("09", "Guayas"),
    ("10", "Imbabura"),
    ("11", "Loja"),
    ("12", "Los Ríos"),
    ("13", "Manabí"),
    ("14", "Morona Santiago"),
    ("15", "Napo"),
    ("16", "Pastaza"),
    ("17", "Pichincha"),
    ("18", "Tungurahua"),
    ("19", "Zamora Chinchipe"),
    ("20", "Galápagos"),
    ("21", "Sucumbíos"),
    ("22", "Orellana"),
    ("23", "Santo Domingo de los Tsáchilas"),
    ("24", "Santa Elena"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Nivel {
    /// Unidad Provincial de Gestión de Coactiva (Pichincha, Guayas, Manabí).
    Unidad,
    /// Grupo de Trabajo de Gestión de Coactiva (the other provinces).
    Grupo,
}

impl Nivel {
    pub fn como_texto(self) -> &'static str {
        match self {
            Nivel::Unidad => "unidad",
            Nivel::Grupo => "grupo",
        }
    }

    pub fn parse(s: &str) -> Result<Nivel> {
        match crate::texto::clave(s).as_str() {
            "unidad" => Ok(Nivel::Unidad),
            "grupo" | "grupo_de_trabajo" => Ok(Nivel::Grupo),
            _ => Err(Error::entrada(format!(
                "el nivel «{s}» no existe; use unidad o grupo"
            ))),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unidad {
    pub provincia: String,
    pub provincia_nombre: String,
    pub oficina: String,
    /// Province + office, e.g. `17001`.
    pub codigo: String,
    pub nombre: String,
    pub nivel: Nivel,
    pub ciudad: String,
    pub jefe_nombres: String,
    /// The gender the Jefe's printed titles take, if recorded.
    pub jefe_genero: Option<crate::cargos::Genero>,
    #[serde(skip)]
    pub formato_importe: Formato,
}

/// What `init` needs.
#[derive(Debug, Clone)]
pub struct NuevaUnidad {
    pub provincia: String,
    pub oficina: String,
    pub nombre: String,
    pub nivel: Nivel,
    pub ciudad: String,
    pub jefe_usuario: String,
    pub jefe_nombres: String,
    pub jefe_clave: String,
    /// The gender the Jefe's titles take, if given.
    pub jefe_genero: Option<crate::cargos::Genero>,
}

pub fn nombre_provincia(codigo: &str) -> Option<&'static str> {
    PROVINCIAS
        .iter()
        .find(|(c, _)| *c == codigo)
        .map(|(_, n)| *n)
}

/// Creates the unit and its first Jefe in one transaction. Refused if already done.
pub fn inicializar(store: &mut Store, n: &NuevaUnidad) -> Result<Actor> {
    let provincia = format!("{:0>2}", n.provincia.trim());
    if nombre_provincia(&provincia).is_none() {
        return Err(Error::entrada(format!(
            "la provincia «{}» no existe: use el código de dos dígitos, de 01 (Azuay) a 24 (Santa Elena)",
            n.provincia
        )));
    }
    let oficina = format!("{:0>3}", n.oficina.trim());
    if oficina.len() != 3 || !oficina.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::entrada(format!(
            "la oficina «{}» debe ser un código de tres dígitos, p. ej. 001",
            n.oficina
        )));
    }
    for (campo, valor) in [
        ("el nombre de la unidad", &n.nombre),
        ("la ciudad", &n.ciudad),
    ] {
        if valor.trim().is_empty() {
            return Err(Error::entrada(format!("falta {campo}")));
        }
    }
    let ruta = store.ruta().display().to_string();
    let codigo = format!("{provincia}{oficina}");
    let jefe_nombres = if n.jefe_nombres.trim().is_empty() {
        n.jefe_usuario.clone()
    } else {
        n.jefe_nombres.trim().to_string()
    };
    store.write(&n.jefe_usuario, |tx| {
        if cargar(tx)?.is_some() {
            return Err(Error::Conflicto(format!(
                "la base {ruta} ya tiene una unidad registrada; no se vuelve a inicializar"
            )));
        }
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO unidad (id, provincia, oficina, codigo, nombre, nivel, ciudad, jefe_nombres, creada_en, jefe_genero)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![provincia, oficina, codigo, n.nombre.trim(), n.nivel.como_texto(), n.ciudad.trim(), jefe_nombres, ahora, n.jefe_genero.map(|g| g.como_texto())],
        )?;
        tx.registrar(
            &codigo,
            &Evento::UnidadCreada(ev::UnidadCreada {
                provincia: provincia.to_string(),
                oficina: oficina.to_string(),
                nombre: n.nombre.trim().to_string(),
                nivel: n.nivel,
                ciudad: n.ciudad.trim().to_string(),
                jefe: jefe_nombres.clone(),
                jefe_genero: n.jefe_genero,
            }),
        )?;
        usuarios::crear(tx, &n.jefe_usuario, &jefe_nombres, Rol::Jefe, &n.jefe_clave, None)
    })?;
    log::info!("unidad {codigo} inicializada");
    Ok(Actor {
        usuario: n.jefe_usuario.clone(),
        nombres: jefe_nombres,
        rol: Rol::Jefe,
        abogado: None,
    })
}

/// The unit, or `None` on a database that was never initialised.
pub fn cargar(store: &dyn Reader) -> Result<Option<Unidad>> {
    let fila = store
        .conn()
        .prepare_cached("SELECT provincia, oficina, codigo, nombre, nivel, ciudad, jefe_nombres, formato_importe, jefe_genero FROM unidad WHERE id = 1")?.query_row(
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?, r.get::<_, String>(5)?, r.get::<_, String>(6)?, r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            },
        )
        .optional()?;
    Ok(fila.map(
        |(
            provincia,
            oficina,
            codigo,
            nombre,
            nivel,
            ciudad,
            jefe_nombres,
            formato,
            jefe_genero,
        )| Unidad {
            provincia_nombre: nombre_provincia(&provincia).unwrap_or("").to_string(),
            provincia,
            oficina,
            codigo,
            nombre,
            nivel: if nivel == "grupo" {
                Nivel::Grupo
            } else {
                Nivel::Unidad
            },
            ciudad,
            jefe_nombres,
            jefe_genero: crate::cargos::Genero::leer(jefe_genero.as_deref()),
            formato_importe: if formato == "anglo" {
                Formato::Anglo
            } else {
                Formato::Ecuador
            },
        },
    ))
}

/// The unit, or the error that tells the user to run `init`.
pub fn exigir(store: &dyn Reader) -> Result<Unidad> {
    cargar(store)?.ok_or(Error::NoInicializada)
}

/// What the Jefe may correct of the unit: its name, level, city and the Jefe who signs. The
/// province and office are not changed: they are in every proceso's number.
#[derive(Debug, Clone)]
pub struct CambioUnidad {
    pub nombre: String,
    pub nivel: Nivel,
    pub ciudad: String,
    pub jefe_nombres: String,
}

/// The Jefe corrects the unit's data (a new Jefe signs from now on; documents already foliated
/// keep the signature they were printed with).
pub fn editar(store: &mut Store, actor: &Actor, c: &CambioUnidad) -> Result<Unidad> {
    actor.exigir(usuarios::Accion::Configurar)?;
    for (campo, valor) in [
        ("el nombre de la unidad", &c.nombre),
        ("la ciudad", &c.ciudad),
        ("los nombres del Jefe", &c.jefe_nombres),
    ] {
        if valor.trim().is_empty() {
            return Err(Error::entrada(format!("falta {campo}")));
        }
        if valor.trim().chars().count() > 200 {
            return Err(Error::entrada(format!(
                "{campo} es muy largo: use hasta 200 caracteres"
            )));
        }
    }
    let dato = ev::UnidadEditada {
        ciudad: c.ciudad.trim().to_string(),
        jefe: c.jefe_nombres.trim().to_string(),
        nivel: c.nivel,
        nombre: c.nombre.trim().to_string(),
    };
    store.write(&actor.usuario, |tx| {
        let u = exigir(tx)?;
        tx.conn().execute(
            "UPDATE unidad SET nombre = ?1, nivel = ?2, ciudad = ?3, jefe_nombres = ?4 WHERE id = 1",
            params![dato.nombre, dato.nivel.como_texto(), dato.ciudad, dato.jefe],
        )?;
        tx.registrar(&u.codigo, &Evento::UnidadEditada(dato.clone()))?;
        exigir(tx)
    })
    .inspect(|_| log::info!("datos de la unidad corregidos"))
}
