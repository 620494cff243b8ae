//! The juzgado's formal documents as PDF: each one is a template (legal wording, adaptable by
//! the unit without recompiling) filled from the proceso's data and laid out by `pdf.rs`.
//! With `foliar`, the document is generated with its foja stamps and added to the expediente
//! as the next actuación, in one transaction (the fojas it shows are the fojas it takes).

pub mod expediente_pdf;
pub mod letras;
pub mod lote;

use chrono::{DateTime, FixedOffset, Timelike};
use minijinja::Environment;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};
use sha2::Digest;

use crate::dinero::{Centavos, Formato};
use crate::pdf::{Alineacion, Documento, Encabezado, Estilo};
use crate::procesos::expediente::{self, Actuacion};
use crate::store::{Reader, Store, Tx};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

/// The documents Coactiva prints: (command name, template, title, actuación type).
pub const DOCUMENTOS: [(&str, &str, &str, &str); 21] = [
    ("orden-cobro", "orden-cobro", "Orden de cobro", "orden"),
    ("titulo", "titulo", "Título de crédito", "titulo"),
    (
        "requerimiento",
        "requerimiento",
        "Requerimiento de pago voluntario",
        "providencia",
    ),
    (
        "orden-pago",
        "orden-pago",
        "Orden de pago inmediato",
        "providencia",
    ),
    ("boleta", "boleta", "Boleta de citación", "razon"),
    (
        "razon-citacion",
        "razon-citacion",
        "Razón de citación",
        "razon",
    ),
    (
        "oficio-retencion",
        "oficio-retencion",
        "Oficio de retención de fondos",
        "oficio",
    ),
    (
        "oficio-prohibicion",
        "oficio-prohibicion",
        "Oficio de prohibición de enajenar",
        "oficio",
    ),
    (
        "oficio-medida",
        "oficio-medida",
        "Oficio de medida cautelar",
        "oficio",
    ),
    (
        "oficio-levantamiento",
        "oficio-levantamiento",
        "Oficio de levantamiento de medida cautelar",
        "oficio",
    ),
    ("acta-embargo", "acta-embargo", "Acta de embargo", "acta"),
    ("acta-remate", "acta-remate", "Acta de remate", "acta"),
    (
        "liquidacion",
        "liquidacion",
        "Liquidación de la deuda",
        "providencia",
    ),
    ("providencia", "providencia", "Providencia", "providencia"),
    (
        "auto-archivo",
        "auto-archivo",
        "Auto de archivo",
        "providencia",
    ),
    ("convenio", "convenio", "Convenio de pago", "acta"),
    (
        "orden-honorarios",
        "orden-honorarios",
        "Orden de pago de honorarios",
        "oficio",
    ),
    (
        "oficio-insolvencia",
        "oficio-insolvencia",
        "Oficio de remisión para insolvencia",
        "oficio",
    ),
    ("razon", "razon", "Razón", "razon"),
    ("indice", "", "Índice del expediente", "otro"),
    ("expediente", "", "Expediente completo", "otro"),
];

const PLANTILLAS: [(&str, &str); 19] = [
    (
        "orden-cobro",
        include_str!("../../../assets/templates/orden-cobro.txt"),
    ),
    (
        "titulo",
        include_str!("../../../assets/templates/titulo.txt"),
    ),
    (
        "requerimiento",
        include_str!("../../../assets/templates/requerimiento.txt"),
    ),
    (
        "orden-pago",
        include_str!("../../../assets/templates/orden-pago.txt"),
    ),
    (
        "boleta",
        include_str!("../../../assets/templates/boleta.txt"),
    ),
    (
        "razon-citacion",
        include_str!("../../../assets/templates/razon-citacion.txt"),
    ),
    (
        "oficio-retencion",
        include_str!("../../../assets/templates/oficio-retencion.txt"),
    ),
    (
        "oficio-prohibicion",
        include_str!("../../../assets/templates/oficio-prohibicion.txt"),
    ),
    (
        "oficio-medida",
        include_str!("../../../assets/templates/oficio-medida.txt"),
    ),
    (
        "oficio-levantamiento",
        include_str!("../../../assets/templates/oficio-levantamiento.txt"),
    ),
    (
        "acta-embargo",
        include_str!("../../../assets/templates/acta-embargo.txt"),
    ),
    (
        "acta-remate",
        include_str!("../../../assets/templates/acta-remate.txt"),
    ),
    (
        "liquidacion",
        include_str!("../../../assets/templates/liquidacion.txt"),
    ),
    (
        "providencia",
        include_str!("../../../assets/templates/providencia.txt"),
    ),
    ("razon", include_str!("../../../assets/templates/razon.txt")),
    (
        "auto-archivo",
        include_str!("../../../assets/templates/auto-archivo.txt"),
    ),
    (
        "convenio",
        include_str!("../../../assets/templates/convenio.txt"),
    ),
    (
        "orden-honorarios",
        include_str!("../../../assets/templates/orden-honorarios.txt"),
    ),
    (
        "oficio-insolvencia",
        include_str!("../../../assets/templates/oficio-insolvencia.txt"),
    ),
];

/// Options some documents need.
#[derive(Debug, Clone, Default)]
pub struct Opciones {
    /// Free text of a providencia, razón or acta de embargo.
    pub texto: Option<String>,
    /// Addressee of an oficio.
    pub destinatario: Option<String>,
    /// Identification of the party served (boleta, razón de citación); the obligado by default.
    pub parte: Option<String>,
    /// The medida cautelar whose oficio (or lifting's oficio) is printed.
    pub medida: Option<i64>,
    /// The diligencia de embargo whose acta is printed.
    pub embargo: Option<i64>,
    /// The remate whose acta is printed.
    pub remate: Option<i64>,
    /// Foliate it even though the expediente already has the same document (the person saw the
    /// warning and confirmed). Without it a repeated foliation is refused.
    pub repetir: bool,
}

/// Documents a proceso normally has several of (each providencia or razón has its own text;
/// the índice is printed again as the expediente grows): foliating one more is not a mistake.
const REPETIBLES: [&str; 3] = ["providencia", "razon", "indice"];

mod contexto;

use contexto::{contexto, sin_nulos};

/// Whether `documento` fits a proceso at `etapa`: a requerimiento once the orden de pago is
/// dictated, or a boleta before it, would state something false.
fn corresponde(documento: &str, etapa: crate::procesos::Etapa) -> bool {
    use crate::procesos::Etapa::*;
    match documento {
        "requerimiento" => matches!(etapa, OrdenCobro | RequerimientoPago),
        "orden-pago" => matches!(etapa, OrdenCobro | RequerimientoPago | OrdenPago),
        "boleta" | "razon-citacion" => matches!(etapa, OrdenPago | Citacion),
        "oficio-retencion" | "oficio-prohibicion" | "oficio-medida" => {
            matches!(
                etapa,
                OrdenPago | Citacion | MedidasCautelares | Embargo | Avaluo | Remate
            )
        }
        "acta-embargo" => matches!(etapa, Embargo | Avaluo | Remate),
        "acta-remate" => matches!(etapa, Remate | Pagado),
        "auto-archivo" => matches!(etapa, Pagado),
        "convenio" => matches!(etapa, ConvenioPago),
        "oficio-insolvencia" => matches!(etapa, Insolvencia),
        _ => true,
    }
}

/// The documents that make sense at a stage: the window offers only these, and both the
/// window and the command refuse the others with the reason.
pub fn permitidos(etapa: crate::procesos::Etapa) -> Vec<(&'static str, &'static str)> {
    DOCUMENTOS
        .iter()
        // A medida's oficios come out of ordering or lifting it, numbered.
        .filter(|d| {
            !DE_MEDIDA.contains(&d.0) && !DE_DILIGENCIA.contains(&d.0) && corresponde(d.0, etapa)
        })
        .map(|d| (d.0, d.2))
        .collect()
}

/// The actas generated from what a diligencia recorded (never from a blank form).
const DE_DILIGENCIA: [&str; 2] = ["acta-embargo", "acta-remate"];

/// The oficios of a medida cautelar: printed with its number when it is ordered or lifted.
const DE_MEDIDA: [&str; 4] = [
    "oficio-retencion",
    "oficio-prohibicion",
    "oficio-medida",
    "oficio-levantamiento",
];

/// Refuses a document that does not fit the proceso's stage, or that would print a blank or
/// a false statement (a boleta beyond the second, a razón de citación with no citación, an
/// acta de embargo with no goods).
fn exigir_requisitos(
    conn: &Connection,
    documento: &str,
    titulo: &str,
    ctx: &Value,
    o: &Opciones,
) -> Result<()> {
    let etapa = ctx["proceso"]["etapa_codigo"]
        .as_str()
        .and_then(|e| crate::procesos::Etapa::parse(e).ok());
    if let Some(etapa) = etapa {
        if !corresponde(documento, etapa) {
            let en: Vec<&str> = crate::procesos::Etapa::TODAS
                .iter()
                .filter(|e| corresponde(documento, **e))
                .map(|e| e.nombre())
                .collect();
            return Err(Error::entrada(format!(
                "el proceso {} está en la etapa «{}»: el documento «{}» no corresponde (se imprime en la etapa {})",
                ctx["proceso"]["numero"].as_str().unwrap_or_default(),
                etapa.nombre(),
                titulo,
                unir_con_o(&en)
            )));
        }
    }
    let vacio = |t: &Option<String>| t.as_deref().is_none_or(|t| t.trim().is_empty());
    let parte = ctx["parte"]["nombres"].as_str().unwrap_or_default();
    let citaciones: Vec<&str> = ctx["parte"]["citaciones"]
        .as_array()
        .map(|v| v.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_default();
    match documento {
        d if DE_MEDIDA.contains(&d) && ctx["medida"].is_null() => Err(Error::entrada(format!(
            "el {} lleva el número de oficio que le da la medida cautelar: ordene la medida (o levántela) y el oficio sale numerado y foliado",
            titulo.to_lowercase()
        ))),
        "oficio-levantamiento" if ctx["medida"]["levantamiento"].is_null() => Err(Error::entrada(format!(
            "la medida del oficio {} no ha sido levantada",
            ctx["medida"]["oficio"].as_str().unwrap_or_default()
        ))),
        "providencia" | "razon" if vacio(&o.texto) => Err(Error::entrada(format!(
            "la {} necesita su texto (--texto)",
            titulo.to_lowercase()
        ))),
        "convenio" if ctx["convenio"].is_null() => Err(Error::entrada(format!(
            "el proceso {} no tiene convenio de pago registrado: regístrelo antes de imprimirlo",
            ctx["proceso"]["numero"].as_str().unwrap_or_default()
        ))),
        "orden-honorarios" if ctx["honorarios"].is_null() => Err(Error::entrada(format!(
            "el proceso {} no tiene honorarios aprobados: la orden de pago se imprime cuando el Jefe aprueba la solicitud",
            ctx["proceso"]["numero"].as_str().unwrap_or_default()
        ))),
        "liquidacion" | "auto-archivo" | "oficio-insolvencia" if ctx["liquidacion"].is_null() => {
            let al = ctx["hoy"].as_str().and_then(|d| d.parse().ok()).unwrap_or_default();
            crate::liquidacion::de_proceso_en(conn, ctx["proceso"]["numero"].as_str().unwrap_or_default(), al)
                .map(|_| ())
        }
        "auto-archivo" if ctx["liquidacion"]["saldo_centavos"].as_i64() != Some(0) => {
            Err(Error::entrada(format!(
                "el proceso {} aún debe USD {}: el archivo se dicta cuando el saldo es cero",
                ctx["proceso"]["numero"].as_str().unwrap_or_default(),
                ctx["liquidacion"]["saldo"].as_str().unwrap_or("?")
            )))
        }
        "acta-embargo" if ctx["embargo"].is_null() => Err(Error::entrada(
            "el acta de embargo se genera al registrar la diligencia de embargo, con al menos un bien y su depositario",
        )),
        "acta-remate" if ctx["remate"].is_null() => Err(Error::entrada(
            "el acta de remate se genera al registrar el remate, con sus publicaciones y posturas",
        )),
        "orden-cobro" => {
            let hay = |v: &Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
            let faltan: Vec<&str> = [
                (&ctx["orden_cobro"]["numero"], "el número de la orden de cobro"),
                (&ctx["orden_cobro"]["fecha"], "su fecha"),
                (&ctx["titulo"]["emisor"], "la dependencia que la emitió"),
                (&ctx["titulo"]["lugar_emision"], "el lugar de emisión"),
                (&ctx["titulo"]["firmante"], "quién la firmó y su cargo"),
            ]
            .into_iter()
            .filter(|(v, _)| !hay(v))
            .map(|(_, n)| n)
            .collect();
            if faltan.is_empty() {
                Ok(())
            } else {
                Err(Error::entrada(format!(
                    "la orden de cobro la emite Cartera, y el título {} no trae {}: impórtelos con el título (columnas orden_cobro, fecha_orden_cobro, emisor, lugar_emision, firmante, cargo_firmante) para transcribirla",
                    ctx["titulo"]["numero"].as_str().unwrap_or_default(),
                    unir_con_y(&faltan)
                )))
            }
        }
        "razon-citacion" if ctx["diligencias"].as_array().is_none_or(|d| d.is_empty()) => Err(Error::entrada(format!(
            "no hay citación registrada a {parte}: registre la citación antes de sentar su razón"
        ))),
        "boleta" if ctx["parte"]["citada"].as_bool() == Some(true) => {
            let t = citaciones.last().copied().unwrap_or_default();
            Err(Error::entrada(format!(
                "{parte} ya está citado ({}): no corresponde otra boleta",
                crate::procesos::nombre_citacion(t)
            )))
        }
        _ => Ok(()),
    }
}

/// «a, b y c».
fn unir_con_y(v: &[&str]) -> String {
    match v {
        [] => String::new(),
        [a] => a.to_string(),
        [init @ .., ultimo] => format!("{} y {ultimo}", init.join(", ")),
    }
}

/// «a, b o c».
fn unir_con_o(v: &[&str]) -> String {
    match v {
        [] => String::new(),
        [a] => a.to_string(),
        [init @ .., ultimo] => format!("{} o {ultimo}", init.join(", ")),
    }
}

/// Whether citaciones are recorded at this stage.
pub fn se_cita(etapa: crate::procesos::Etapa) -> bool {
    use crate::procesos::Etapa::*;
    matches!(etapa, RequerimientoPago | OrdenPago | Citacion)
}

/// Where the unit's own templates live (overrides of the defaults).
/// A document printed into the documents folder, and the fojas it took when foliated.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, serde::Serialize)]
pub struct Impreso {
    pub ruta: String,
    pub desde: Option<i64>,
    pub hasta: Option<i64>,
}

/// Prints `documento` (foliating it if asked) and saves it under the proceso's folder in the
/// user's documents, with the name policy of [`crate::archivos`]. The window's «Imprimir».
pub fn imprimir_en_documentos(
    store: &mut Store,
    actor: &Actor,
    documento: &str,
    numero: &str,
    o: &Opciones,
    foliar: bool,
) -> Result<Impreso> {
    let ruta = crate::archivos::documento(numero, documento, store.clock());
    let (_, act) = imprimir_y_entregar(store, actor, documento, numero, o, foliar, &|pdf| {
        crate::archivos::guardar(&ruta, pdf)
    })?;
    Ok(Impreso {
        ruta: ruta.display().to_string(),
        desde: act.as_ref().map(|x| x.desde),
        hasta: act.map(|x| x.hasta),
    })
}

/// A document's template as the Configuración screen edits it.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Plantilla {
    pub nombre: String,
    pub texto: String,
    /// The unit saved its own version, which wins over the shipped one.
    pub propia: bool,
}

/// Every editable template, the unit's version where it has one.
pub fn plantillas(db: &dyn Reader) -> Result<Vec<Plantilla>> {
    DOCUMENTOS
        .iter()
        .filter(|d| !d.1.is_empty())
        .map(|d| {
            let propia = propia(db.conn(), d.1)?;
            Ok(Plantilla {
                nombre: d.1.to_string(),
                propia: propia.is_some(),
                texto: match propia {
                    Some(t) => t,
                    None => de_fabrica(d.1)?,
                },
            })
        })
        .collect()
}

fn propia(conn: &Connection, nombre: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT texto FROM plantillas WHERE nombre = ?1")?
        .query_row([nombre], |r| r.get(0))
        .optional()?)
}

fn de_fabrica(nombre: &str) -> Result<String> {
    PLANTILLAS
        .iter()
        .find(|(n, _)| *n == nombre)
        .map(|(_, t)| t.to_string())
        .ok_or_else(|| Error::entrada(format!("no existe la plantilla «{nombre}»")))
}

/// The template text: the unit's version if it saved one, else the shipped one.
pub fn plantilla(conn: &Connection, nombre: &str) -> Result<String> {
    match propia(conn, nombre)? {
        Some(t) => Ok(t),
        None => de_fabrica(nombre),
    }
}

/// The Jefe saves the unit's own version of a template (refused if it does not parse). It is
/// kept in the database and in the change log, so `verificar` notices one changed behind the
/// Jefe's back.
pub fn guardar_plantilla(
    store: &mut Store,
    actor: &Actor,
    nombre: &str,
    texto: &str,
) -> Result<()> {
    actor.exigir(Accion::Configurar)?;
    validar_plantilla(store, nombre, texto)?;
    let sha = hex::encode(sha2::Sha256::digest(texto.as_bytes()));
    store.write(&actor.usuario, |tx| {
        let ahora = tx.ahora();
        tx.conn().execute(
            "INSERT INTO plantillas (nombre, texto, sha256, guardada_por, guardada_en) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (nombre) DO UPDATE SET texto = excluded.texto, sha256 = excluded.sha256,
                 guardada_por = excluded.guardada_por, guardada_en = excluded.guardada_en",
            params![nombre, texto, sha, tx.actor(), ahora],
        )?;
        tx.registrar(
            nombre,
            &crate::eventos::Evento::PlantillaGuardada(crate::eventos::PlantillaGuardada {
                texto: texto.to_string(),
                sha256: sha.clone(),
            }),
        )?;
        Ok(())
    })?;
    log::info!("plantilla {nombre} de la unidad guardada");
    Ok(())
}

/// The Jefe puts a template back to the shipped text: the unit's version is set aside (the
/// change log keeps it, with its SHA-256 in this change).
pub fn restaurar_plantilla(store: &mut Store, actor: &Actor, nombre: &str) -> Result<()> {
    actor.exigir(Accion::Configurar)?;
    de_fabrica(nombre)?;
    store.write(&actor.usuario, |tx| {
        let anterior: Option<String> = tx
            .conn()
            .query_row(
                "SELECT sha256 FROM plantillas WHERE nombre = ?1",
                [nombre],
                |r| r.get(0),
            )
            .optional()?;
        let Some(anterior) = anterior else {
            return Err(Error::entrada(format!(
                "la plantilla «{nombre}» ya es la original: no hay nada que restaurar"
            )));
        };
        tx.conn()
            .execute("DELETE FROM plantillas WHERE nombre = ?1", [nombre])?;
        tx.registrar(
            nombre,
            &crate::eventos::Evento::PlantillaRestaurada(crate::eventos::PlantillaRestaurada {
                anterior,
            }),
        )?;
        Ok(())
    })?;
    log::info!("plantilla {nombre} restaurada a la original");
    Ok(())
}

/// A template's text (saved or not) filled with the data of a real proceso of the unit and
/// laid out, unfoliated and marked as a sample: what the Jefe sees before saving. The proceso
/// is the given one, or the first of the unit the document can be printed for.
pub fn probar_plantilla(
    db: &dyn Reader,
    nombre: &str,
    texto: &str,
    proceso: Option<&str>,
) -> Result<(Vec<u8>, String)> {
    validar_plantilla(db, nombre, texto)?;
    let (_, _, titulo, _) = DOCUMENTOS
        .iter()
        .copied()
        .find(|d| d.1 == nombre)
        .ok_or_else(|| Error::entrada(format!("no existe la plantilla «{nombre}»")))?;
    let ahora = fechas::marca(db.clock());
    let candidatos: Vec<String> = match proceso.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => vec![p.to_string()],
        // The procesos worked on last first (they have the data late documents need), then
        // the oldest.
        None => {
            let mut v: Vec<String> = db
                .conn()
                .prepare_cached(
                    "SELECT p.numero FROM (SELECT clave, MAX(seq) AS ultimo FROM
                         (SELECT clave, seq FROM cambios WHERE entidad = 'proceso' ORDER BY seq DESC LIMIT 400) GROUP BY clave) c
                     JOIN procesos p ON p.numero = c.clave ORDER BY c.ultimo DESC LIMIT 20",
                )?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let primeros: Vec<String> = db
                .conn()
                .prepare_cached("SELECT numero FROM procesos ORDER BY id LIMIT 20")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for n in primeros {
                if !v.contains(&n) {
                    v.push(n);
                }
            }
            v
        }
    };
    if candidatos.is_empty() {
        return Err(Error::entrada(
            "la unidad aún no tiene procesos: abra uno para ver la plantilla con datos reales",
        ));
    }
    let mut primero: Option<Error> = None;
    for numero in &candidatos {
        let intento = (|| -> Result<(Vec<u8>, String)> {
            // What the person types when printing (a providencia's text, an oficio's addressee).
            let o = Opciones {
                texto: Some("[Aquí va el texto que escriba quien imprime el documento.]".into()),
                destinatario: Some("[Destinatario del oficio]".into()),
                ..Default::default()
            };
            let ctx = contexto(db.conn(), numero, &o, &ahora)?;
            let lleno = rellenar_con(nombre, texto, &ctx)?;
            let mut d = Documento::new(
                &format!("Vista previa de la plantilla — {titulo}"),
                &format!("Muestra de {titulo} con los datos del proceso {numero}"),
                encabezado(db.conn(), numero)?,
            )?;
            d.fechar(&ahora);
            d.parrafo(
                &format!("MUESTRA SIN VALOR LEGAL — datos del proceso {numero}"),
                Estilo::Negrita,
                9.0,
                Alineacion::Centro,
            );
            maquetar(&mut d, &lleno);
            Ok((d.terminar(), numero.clone()))
        })();
        match intento {
            Ok(r) => return Ok(r),
            Err(e) => {
                primero.get_or_insert(e);
            }
        }
    }
    Err(primero.unwrap_or_else(|| Error::Interno("sin procesos".into())))
}

/// A template that parses and names only fields a proceso has.
fn validar_plantilla(store: &dyn Reader, nombre: &str, texto: &str) -> Result<()> {
    if !PLANTILLAS.iter().any(|(n, _)| *n == nombre) {
        let v: Vec<&str> = PLANTILLAS.iter().map(|(n, _)| *n).collect();
        return Err(Error::entrada(format!(
            "no existe la plantilla «{nombre}»; use una de: {}",
            v.join(", ")
        )));
    }
    let mut env = Environment::new();
    env.add_template_owned(nombre.to_string(), texto.to_string())
        .map_err(|e| {
            Error::entrada(format!(
                "la plantilla «{nombre}» tiene un error de sintaxis: {e}; no se guardó"
            ))
        })?;
    // A misspelled field would print a blank (or stop every print): refuse it now, naming it.
    let usados = env
        .get_template(nombre)
        .map_err(|e| Error::Interno(e.to_string()))?
        .undeclared_variables(true);
    let conocidos = campos_conocidos(store)?;
    let mut desconocidos: Vec<&String> = usados
        .iter()
        .filter(|v| {
            !conocidos.contains(*v)
                && !conocidos.iter().any(|k| k.starts_with(&format!("{v}.")))
                && ![
                    "range",
                    "namespace",
                    "loop",
                    "dict",
                    "cycler",
                    "joiner",
                    "debug",
                ]
                .contains(&v.as_str())
        })
        .collect();
    desconocidos.sort();
    if !desconocidos.is_empty() {
        let lista: Vec<String> = desconocidos.iter().map(|v| format!("«{v}»")).collect();
        let parecidos: Vec<String> = desconocidos
            .iter()
            .filter_map(|v| {
                let raiz = v.split('.').next().unwrap_or_default();
                let mut c: Vec<&String> = conocidos
                    .iter()
                    .filter(|k| k.split('.').next() == Some(raiz))
                    .collect();
                c.sort();
                (!c.is_empty()).then(|| {
                    c.iter()
                        .take(8)
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            })
            .collect();
        return Err(Error::entrada(format!(
            "la plantilla «{nombre}» usa {} que no {} en los datos del proceso; no se guardó{}",
            crate::texto::unir(&lista),
            if lista.len() == 1 {
                "existe"
            } else {
                "existen"
            },
            if parecidos.is_empty() {
                String::new()
            } else {
                format!(" (campos que sí existen: {})", parecidos.join("; "))
            }
        )));
    }
    Ok(())
}

/// The fields a template can use: every one the shipped templates use, and every one the data
/// of a proceso of this unit has (its context flattened: `proceso.numero`, `titulo.total`…).
fn campos_conocidos(db: &dyn Reader) -> Result<std::collections::HashSet<String>> {
    let mut k = std::collections::HashSet::new();
    for (n, texto) in PLANTILLAS {
        let mut env = Environment::new();
        if env.add_template(n, texto).is_ok() {
            if let Ok(t) = env.get_template(n) {
                k.extend(t.undeclared_variables(true));
            }
        }
    }
    let numero: Option<String> = db
        .conn()
        .prepare_cached("SELECT numero FROM procesos ORDER BY id LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    if let Some(n) = numero {
        let ahora = fechas::marca(db.clock());
        if let Ok(ctx) = contexto(db.conn(), &n, &Opciones::default(), &ahora) {
            fn aplanar(v: &Value, prefijo: &str, k: &mut std::collections::HashSet<String>) {
                if let Value::Object(m) = v {
                    for (c, x) in m {
                        let p = if prefijo.is_empty() {
                            c.clone()
                        } else {
                            format!("{prefijo}.{c}")
                        };
                        aplanar(x, &p, k);
                        k.insert(p);
                    }
                }
            }
            aplanar(&ctx, "", &mut k);
        }
    }
    Ok(k)
}

fn buscar_documento(
    nombre: &str,
) -> Result<(&'static str, &'static str, &'static str, &'static str)> {
    DOCUMENTOS
        .iter()
        .copied()
        .find(|d| d.0 == nombre)
        .ok_or_else(|| {
            let v: Vec<&str> = DOCUMENTOS.iter().map(|d| d.0).collect();
            Error::entrada(format!(
                "el documento «{nombre}» no existe; use uno de: {}",
                v.join(", ")
            ))
        })
}

/// Fills a template with the context.
fn rellenar(conn: &Connection, nombre: &str, ctx: &Value) -> Result<String> {
    rellenar_con(nombre, &plantilla(conn, nombre)?, ctx)
}

/// Fills the given text of a template with the context.
fn rellenar_con(nombre: &str, fuente: &str, ctx: &Value) -> Result<String> {
    let ctx = &sin_nulos(ctx.clone());
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    // Printing a field this proceso lacks is an error, not a blank on a signed page;
    // `{% if campo %}` still tests for it.
    env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
    env.add_template_owned(nombre.to_string(), fuente.to_string())
        .map_err(|e| {
            Error::entrada(format!(
                "la plantilla «{nombre}» tiene un error de sintaxis: {e}"
            ))
        })?;
    let t = env
        .get_template(nombre)
        .map_err(|e| Error::Interno(e.to_string()))?;
    t.render(ctx)
        .map_err(|e| error_de_llenado(nombre, fuente, &e))
}

/// A template that could not be filled, in the clerk's words: which field it lacks.
fn error_de_llenado(nombre: &str, fuente: &str, e: &minijinja::Error) -> Error {
    let campo = e
        .range()
        .and_then(|r| fuente.get(r))
        .map(|t| t.trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace()))
        .filter(|t| !t.is_empty());
    let linea = e.line().map(|l| format!(", línea {l}")).unwrap_or_default();
    if e.kind() == minijinja::ErrorKind::UndefinedError {
        let campo = campo
            .map(|c| format!(" («{c}»{linea})"))
            .unwrap_or_default();
        return Error::entrada(format!(
            "el documento usa un dato que este proceso no tiene registrado{campo}: complete ese dato o adapte la plantilla «{nombre}»; no se imprimió nada"
        ));
    }
    let campo = campo.map(|c| format!(" en «{c}»")).unwrap_or_default();
    Error::entrada(format!(
        "la plantilla «{nombre}» no se pudo llenar{campo}{linea}; revísela en Configuración"
    ))
}

/// Lays out the filled template (see `assets/templates/CAMPOS.md` for the line formats).
fn maquetar(d: &mut Documento, texto: &str) {
    /// One laid-out block of a filled template.
    enum Bloque {
        Parrafo(String),
        Titulo(String),
        Subtitulo(String),
        Centro(String),
        Derecha(String),
        Sola(String),
        Vineta(String),
        Firmas(Vec<(String, String)>),
    }
    let mut bloques: Vec<Bloque> = vec![];
    let mut parrafo: Vec<&str> = vec![];
    let mut fila_de_firmas = false;
    let cerrar = |bloques: &mut Vec<Bloque>, parrafo: &mut Vec<&str>| {
        if !parrafo.is_empty() {
            bloques.push(Bloque::Parrafo(parrafo.join(" ")));
            parrafo.clear();
        }
    };
    for linea in texto.lines() {
        let l = linea.trim_end();
        if let Some(f) = l.strip_prefix("[firma]") {
            cerrar(&mut bloques, &mut parrafo);
            let (n, c) = f.split_once('|').unwrap_or((f, ""));
            let firma = (n.trim().to_string(), c.trim().to_string());
            match bloques.last_mut() {
                Some(Bloque::Firmas(v)) if fila_de_firmas => v.push(firma),
                _ => bloques.push(Bloque::Firmas(vec![firma])),
            }
            fila_de_firmas = true;
            continue;
        }
        // Any other line (a blank one too) ends a row of signatures.
        fila_de_firmas = false;
        let bloque = if l.trim().is_empty() {
            cerrar(&mut bloques, &mut parrafo);
            continue;
        } else if let Some(t) = l.strip_prefix("# ") {
            Bloque::Titulo(t.trim().into())
        } else if let Some(t) = l.strip_prefix("## ") {
            Bloque::Subtitulo(t.trim().into())
        } else if let Some(t) = l.strip_prefix("| ") {
            Bloque::Centro(t.trim().into())
        } else if let Some(t) = l.strip_prefix("> ") {
            Bloque::Derecha(t.trim().into())
        } else if let Some(t) = l.strip_prefix("- ") {
            Bloque::Sola(t.trim().into())
        } else if let Some(t) = l.strip_prefix("* ") {
            Bloque::Vineta(t.trim().into())
        } else {
            parrafo.push(l.trim());
            continue;
        };
        cerrar(&mut bloques, &mut parrafo);
        bloques.push(bloque);
    }
    cerrar(&mut bloques, &mut parrafo);
    let linea12 = Documento::alto_lineas(12.0, 2);
    for i in 0..bloques.len() {
        // What must share the page with this block's end: the signatures that follow it, or,
        // after a heading, the first lines of what comes next.
        // At least two lines of text go with the signatures: when the block just before them
        // is a single line, this block's last lines go too.
        let antes_de_firmas = matches!(bloques.get(i + 1), Some(Bloque::Firmas(_)));
        let una_linea_y_firmas = matches!(bloques.get(i + 2), Some(Bloque::Firmas(_)))
            && match bloques.get(i + 1) {
                Some(Bloque::Parrafo(t) | Bloque::Derecha(t) | Bloque::Sola(t)) => {
                    d.partir(t, Estilo::Normal, 12.0, d.ancho_util()).len() <= 1
                }
                _ => false,
            };
        let reserva = if antes_de_firmas {
            Documento::ALTO_FIRMAS
        } else if una_linea_y_firmas {
            Documento::alto_lineas(12.0, 1) * 1.4 + Documento::ALTO_FIRMAS
        } else {
            0.0
        };
        match &bloques[i] {
            Bloque::Parrafo(t) => d.parrafo_reservando(
                t,
                Estilo::Normal,
                12.0,
                Alineacion::Justificada,
                reserva,
                "",
            ),
            Bloque::Titulo(t) => {
                d.espacio(2.0);
                d.parrafo_reservando(
                    t,
                    Estilo::Negrita,
                    14.0,
                    Alineacion::Centro,
                    reserva.max(linea12),
                    "",
                );
            }
            Bloque::Subtitulo(t) => d.parrafo_reservando(
                t,
                Estilo::Negrita,
                12.0,
                Alineacion::Izquierda,
                reserva.max(linea12),
                "",
            ),
            Bloque::Centro(t) => d.parrafo_reservando(
                t,
                Estilo::Negrita,
                11.5,
                Alineacion::Centro,
                reserva.max(linea12),
                "",
            ),
            Bloque::Derecha(t) => {
                d.parrafo_reservando(t, Estilo::Normal, 12.0, Alineacion::Derecha, reserva, "")
            }
            Bloque::Sola(t) => {
                if antes_de_firmas {
                    d.reservar(Documento::alto_lineas(12.0, 1) + reserva);
                }
                d.linea_sola(t);
                // The address block stands apart from the body that follows it.
                if !matches!(bloques.get(i + 1), Some(Bloque::Sola(_)) | None) {
                    d.espacio(5.0);
                }
            }
            Bloque::Vineta(t) => {
                d.parrafo_reservando(t, Estilo::Normal, 12.0, Alineacion::Izquierda, reserva, "•")
            }
            Bloque::Firmas(v) => {
                let v: Vec<(&str, &str)> =
                    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                d.firmas(&v);
            }
        }
    }
}

fn encabezado(conn: &Connection, numero: &str) -> Result<Encabezado> {
    let nombre: String = conn
        .prepare_cached("SELECT nombre FROM unidad WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .ok_or(Error::NoInicializada)?;
    Ok(Encabezado {
        institucion: "INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL".into(),
        unidad: format!("{nombre} — Juzgado de Coactivas"),
        referencia: format!("Juicio coactivo N.º {numero}"),
    })
}

/// How the índice describes a generated document: what it is and whom it concerns.
fn describir(documento: &str, titulo: &str, ctx: &Value, o: &Opciones) -> String {
    let parte = ctx["parte"]["nombres"].as_str().unwrap_or_default();
    match documento {
        "boleta" => format!(
            "{} boleta de citación a {parte}",
            if ctx["boleta"]["ordinal"] == "SEGUNDA" {
                "Segunda"
            } else {
                "Primera"
            }
        ),
        "razon-citacion" => format!("Razón de citación a {parte}"),
        d if DE_MEDIDA.contains(&d) => {
            let m = &ctx["medida"];
            let oficio = if d == "oficio-levantamiento" {
                &m["levantamiento"]["oficio"]
            } else {
                &m["oficio"]
            };
            let a = o
                .destinatario
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .or(m["entidad"].as_str())
                .unwrap_or_default();
            format!(
                "{titulo} N.º {}, dirigido a {a}",
                oficio.as_str().unwrap_or_default()
            )
        }
        "acta-embargo" => format!(
            "Acta de embargo N.º {}, depositario {}",
            ctx["embargo"]["numero"],
            ctx["embargo"]["depositario"]["nombres"]
                .as_str()
                .unwrap_or_default()
        ),
        "acta-remate" => format!(
            "Acta de remate N.º {} ({})",
            ctx["remate"]["numero"],
            if ctx["remate"]["desierto"].as_bool() == Some(true) {
                "desierto"
            } else {
                "rematado"
            }
        ),
        "titulo" => format!(
            "Título de crédito N.º {}",
            ctx["titulo"]["numero"].as_str().unwrap_or_default()
        ),
        "orden-cobro" => format!(
            "Orden de cobro N.º {}",
            ctx["orden_cobro"]["numero"].as_str().unwrap_or_default()
        ),
        _ => titulo.to_string(),
    }
}

/// Renders one document (not `expediente`). `foja` stamps pages from that foja on. Returns
/// the PDF and how the índice describes it.
pub(crate) fn generar(
    conn: &Connection,
    documento: &str,
    numero: &str,
    o: &Opciones,
    ahora: &str,
    foja: Option<i64>,
) -> Result<(Vec<u8>, String)> {
    generar_n(conn, documento, numero, o, ahora, foja).map(|(pdf, d, _)| (pdf, d))
}

/// [`generar`], with the number of pages (known from the layout: the PDF is not read again).
pub(crate) fn generar_n(
    conn: &Connection,
    documento: &str,
    numero: &str,
    o: &Opciones,
    ahora: &str,
    foja: Option<i64>,
) -> Result<(Vec<u8>, String, u32)> {
    let (_, plantilla_n, titulo, _) = buscar_documento(documento)?;
    let ctx = if documento == "indice" {
        None
    } else {
        let ctx = contexto(conn, numero, o, ahora)?;
        exigir_requisitos(conn, documento, titulo, &ctx, o)?;
        Some(ctx)
    };
    let mut d = Documento::new(
        &format!("{titulo} — juicio coactivo N.º {numero}"),
        &format!("{titulo}, proceso {numero}"),
        encabezado(conn, numero)?,
    )?;
    d.fechar(ahora);
    if let Some(f) = foja {
        d.foliar_desde(f);
    }
    let descripcion = match ctx {
        None => {
            indice(conn, &mut d, numero, ahora)?;
            titulo.to_string()
        }
        Some(ctx) => {
            maquetar(&mut d, &rellenar(conn, plantilla_n, &ctx)?);
            describir(documento, titulo, &ctx, o)
        }
    };
    let paginas = d.paginas();
    Ok((d.terminar(), descripcion, paginas))
}

/// The cover sheet of the printed expediente (not foliated): the proceso's data at a glance.
pub(crate) fn caratula(conn: &Connection, numero: &str, ahora: &str) -> Result<Vec<u8>> {
    let ctx = contexto(conn, numero, &Opciones::default(), ahora)?;
    let t = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let fojas: i64 = conn.prepare_cached("SELECT COALESCE(MAX(a.hasta), 0) FROM actuaciones a JOIN procesos p ON p.id = a.proceso_id WHERE p.numero = ?1")?.query_row(
        [numero],
        |r| r.get(0),
    )?;
    let abierto: String = conn
        .prepare_cached("SELECT abierto_en FROM procesos WHERE numero = ?1")?
        .query_row([numero], |r| r.get(0))?;
    let mut d = Documento::new(
        &format!("Carátula — juicio coactivo N.º {numero}"),
        &format!("Carátula del expediente {numero}"),
        encabezado(conn, numero)?,
    )?;
    d.fechar(ahora);
    d.espacio(30.0);
    d.parrafo(
        "EXPEDIENTE DEL JUICIO COACTIVO",
        Estilo::Negrita,
        16.0,
        Alineacion::Centro,
    );
    d.parrafo(
        &format!("N.º {numero}"),
        Estilo::Negrita,
        20.0,
        Alineacion::Centro,
    );
    d.espacio(12.0);
    let mut filas = vec![
        vec!["Coactivado".to_string(), t(&ctx["obligado"]["nombres"])],
        vec![
            t(&ctx["obligado"]["tipo_identificacion_inicial"]),
            t(&ctx["obligado"]["identificacion"]),
        ],
    ];
    if let Some(g) = ctx["garantes"].as_array().filter(|g| !g.is_empty()) {
        let g: Vec<String> = g.iter().map(t).collect();
        filas.push(vec!["Garantes y codeudores".into(), g.join("; ")]);
    }
    filas.extend([
        vec![
            "Título de crédito".to_string(),
            format!(
                "N.º {}, de {}",
                t(&ctx["titulo"]["numero"]),
                t(&ctx["titulo"]["fecha_emision"])
            ),
        ],
        vec!["Concepto".into(), t(&ctx["titulo"]["concepto"])],
        vec![
            "Valor del título".into(),
            format!("USD {}", t(&ctx["titulo"]["total"])),
        ],
        vec![t(&ctx["abogado"]["cargo"]), t(&ctx["abogado"]["nombres"])],
        vec![
            "Iniciado el".into(),
            abierto
                .get(..10)
                .and_then(|s| s.parse().ok())
                .map(fechas::larga)
                .unwrap_or_default(),
        ],
        vec!["Etapa actual".into(), {
            let e = t(&ctx["proceso"]["etapa"]);
            let mut c = e.chars();
            c.next()
                .map(|p| p.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }],
        vec![
            "Fojas".into(),
            format!("{fojas} ({})", letras::numero(fojas as u64)),
        ],
    ]);
    d.tabla(
        &[
            crate::pdf::Columna::new("", 55.0, Alineacion::Izquierda),
            crate::pdf::Columna::new("", 110.0, Alineacion::Izquierda),
        ],
        &filas,
        12.0,
    );
    Ok(d.terminar())
}

fn indice(conn: &Connection, d: &mut Documento, numero: &str, ahora: &str) -> Result<()> {
    d.parrafo(
        &format!("ÍNDICE DEL EXPEDIENTE N.º {numero}"),
        Estilo::Negrita,
        14.0,
        Alineacion::Centro,
    );
    let mut st = conn.prepare_cached(
        "SELECT a.desde, a.hasta, a.fecha, a.tipo, a.descripcion,
                (SELECT CASE WHEN c.desde = c.hasta THEN 'foja ' || c.desde ELSE 'fojas ' || c.desde || '–' || c.hasta END
                 FROM actuaciones c WHERE c.proceso_id = a.proceso_id AND c.orden = a.corrige)
         FROM actuaciones a JOIN procesos p ON p.id = a.proceso_id
         WHERE p.numero = ?1 ORDER BY a.orden",
    )?;
    let filas: Vec<Vec<String>> = st
        .query_map([numero], |r| {
            let (desde, hasta): (i64, i64) = (r.get(0)?, r.get(1)?);
            let fecha: String = r.get(2)?;
            let corrige: Option<String> = r.get(5)?;
            let desc: String = r.get(4)?;
            let tipo: String = r.get(3)?;
            Ok(vec![
                if desde == hasta {
                    desde.to_string()
                } else {
                    format!("{desde}–{hasta}")
                },
                fecha.parse().map(fechas::corta).unwrap_or(fecha),
                expediente::nombre_tipo(&tipo).to_string(),
                match corrige {
                    // The índice names what is corrected by its fojas, as the paper does.
                    Some(c) => format!("{desc} (corrige la de {c})"),
                    None => desc,
                },
            ])
        })?
        .collect::<rusqlite::Result<_>>()?;
    let total: i64 = conn.prepare_cached("SELECT COALESCE(MAX(a.hasta), 0) FROM actuaciones a JOIN procesos p ON p.id = a.proceso_id WHERE p.numero = ?1")?.query_row(
        [numero],
        |r| r.get(0),
    )?;
    if total == 0 {
        return Err(Error::entrada(format!(
            "el expediente {numero} aún no tiene fojas: no hay índice que imprimir"
        )));
    }
    d.tabla(
        &[
            crate::pdf::Columna::new("Fojas", 22.0, Alineacion::Izquierda),
            crate::pdf::Columna::new("Fecha", 24.0, Alineacion::Izquierda),
            crate::pdf::Columna::new("Tipo", 26.0, Alineacion::Izquierda),
            crate::pdf::Columna::new("Descripción", 93.0, Alineacion::Izquierda),
        ],
        &filas,
        10.0,
    );
    // The secretario certifies the count, as on paper.
    let ctx = contexto(conn, numero, &Opciones::default(), ahora)?;
    let fojas = if total == 1 {
        "una (1) foja útil".to_string()
    } else {
        format!("{} ({total}) fojas útiles", letras::numero(total as u64))
    };
    d.espacio(3.0);
    d.parrafo_reservando(
        &format!(
            "CERTIFICO: que el expediente del juicio coactivo N.º {numero} consta de {fojas}, numeradas en orden consecutivo desde la primera, según el índice que antecede. {}, {}.",
            ctx["unidad"]["ciudad"].as_str().unwrap_or_default(),
            ctx["fecha"].as_str().unwrap_or_default()
        ),
        Estilo::Normal,
        11.0,
        Alineacion::Justificada,
        Documento::ALTO_FIRMAS,
        "",
    );
    d.firmas(&[(
        ctx["abogado"]["nombres"].as_str().unwrap_or_default(),
        ctx["abogado"]["cargo"].as_str().unwrap_or_default(),
    )]);
    d.parrafo(
        &crate::verificacion::sello::leyenda(&crate::verificacion::sello::actual_en(conn)?),
        Estilo::Normal,
        8.5,
        Alineacion::Izquierda,
    );
    Ok(())
}

/// Prints `documento` for proceso `numero`. With `foliar`, the PDF carries its foja stamps and
/// enters the expediente as the next actuación; both are returned.
pub fn imprimir(
    store: &mut Store,
    actor: &Actor,
    documento: &str,
    numero: &str,
    o: &Opciones,
    foliar: bool,
) -> Result<(Vec<u8>, Option<Actuacion>)> {
    imprimir_y_entregar(store, actor, documento, numero, o, foliar, &|_| Ok(()))
}

/// [`imprimir`], handing the PDF to `entregar` (which saves it) *before* a foliation commits:
/// if saving fails, the foliation is rolled back, so a failed write and a retry never foliate
/// the same document twice.
pub fn imprimir_y_entregar(
    store: &mut Store,
    actor: &Actor,
    documento: &str,
    numero: &str,
    o: &Opciones,
    foliar: bool,
    entregar: &dyn Fn(&[u8]) -> Result<()>,
) -> Result<(Vec<u8>, Option<Actuacion>)> {
    actor.exigir(Accion::Consultar)?;
    buscar_documento(documento)?;
    if documento == "expediente" {
        if foliar {
            return Err(Error::entrada(
                "el expediente completo ya está foliado: no se folia otra vez",
            ));
        }
        let pdf = expediente_pdf::generar(store, numero)?;
        entregar(&pdf)?;
        return Ok((pdf, None));
    }
    if !foliar {
        let ahora = fechas::marca(store.clock());
        let (pdf, _) = generar(store.conn(), documento, numero, o, &ahora, None)?;
        entregar(&pdf)?;
        return Ok((pdf, None));
    }
    if o.medida.is_some() || o.embargo.is_some() || o.remate.is_some() {
        return Err(Error::entrada(
            "ese documento ya está foliado desde que se registró: imprima una copia sin foliar",
        ));
    }
    // A citador foliates the documents of a citación; the rest need the right to foliate.
    actor.exigir(if matches!(documento, "boleta" | "razon-citacion") {
        Accion::Citar
    } else {
        Accion::Foliar
    })?;
    let (pdf, a) = store.write(&actor.usuario, |tx| {
        let (pdf, a) = foliar_en(tx, actor, documento, numero, o)?;
        entregar(&pdf)?;
        Ok((pdf, a))
    })?;
    log::info!("documento {documento} impreso y foliado");
    Ok((pdf, Some(a)))
}

/// Generates `documento` for the next fojas of `numero` and foliates it, inside the caller's
/// transaction (one proceso of [`imprimir_y_entregar`] or of a batch, [`lote`]). The caller has
/// checked the right to foliate. A document the expediente already has is refused unless
/// [`Opciones::repetir`].
pub(crate) fn foliar_en(
    tx: &mut Tx<'_>,
    actor: &Actor,
    documento: &str,
    numero: &str,
    o: &Opciones,
) -> Result<(Vec<u8>, Actuacion)> {
    foliar_hecho(tx, actor, documento, numero, o, None)
}

/// The first foja the next document of `numero`'s expediente takes.
pub(crate) fn siguiente_foja(db: &dyn Reader, numero: &str) -> Result<i64> {
    Ok(db.conn().prepare_cached(
        "SELECT COALESCE(MAX(a.hasta), 0) + 1 FROM actuaciones a JOIN procesos p ON p.id = a.proceso_id WHERE p.numero = ?1",
    )?.query_row([numero], |r| r.get(0))?)
}

/// A document laid out ahead, on another connection, for the foja it expected to take (a
/// batch lays out on every core while one thread foliates).
pub(crate) struct Anticipado {
    pub foja: i64,
    pub ahora: String,
    pub generado: Result<(Vec<u8>, String, u32)>,
}

/// [`foliar_en`], with the document already laid out when `anticipado` says so: used as it is
/// when it was laid out for the foja and instant this transaction gives it, laid out again
/// otherwise.
pub(crate) fn foliar_hecho(
    tx: &mut Tx<'_>,
    actor: &Actor,
    documento: &str,
    numero: &str,
    o: &Opciones,
    anticipado: Option<Anticipado>,
) -> Result<(Vec<u8>, Actuacion)> {
    let (_, _, _, tipo) = buscar_documento(documento)?;
    crate::procesos::exigir_a_cargo_de(tx, actor, numero)?;
    let hoy = fechas::hoy(tx.clock());
    let siguiente = siguiente_foja(&*tx, numero)?;
    let ahora = tx.ahora();
    let (pdf, descripcion, paginas) = match anticipado {
        Some(a) if a.foja == siguiente && a.ahora == ahora => a.generado?,
        _ => generar_n(tx.conn(), documento, numero, o, &ahora, Some(siguiente))?,
    };
    if !o.repetir && !REPETIBLES.contains(&documento) {
        if let Some(a) = anterior_con(&*tx, numero, &descripcion)? {
            return Err(Error::Conflicto(format!(
                "el expediente {numero} ya tiene «{}» en las fojas {} a {} (foliado el {}): no se folia otra vez sin confirmarlo",
                a.descripcion,
                a.desde,
                a.hasta,
                fechas::corta(fechas::dia(&a.fecha))
            )));
        }
    }
    let a = expediente::foliar_en(
        tx,
        numero,
        tipo,
        &descripcion,
        &pdf,
        paginas,
        hoy,
        None,
        true,
    )?;
    Ok((pdf, a))
}

/// The latest actuación of `numero` described as `descripcion`.
fn anterior_con(db: &dyn Reader, numero: &str, descripcion: &str) -> Result<Option<Actuacion>> {
    Ok(expediente::indice(db, numero)?
        .into_iter()
        .rev()
        .find(|a| a.descripcion == descripcion))
}

/// What the window shows before foliating: the document already in the expediente (the same
/// description, the latest one), if any. `None` also for documents a proceso has many of.
pub fn ya_foliado(
    db: &dyn Reader,
    documento: &str,
    numero: &str,
    o: &Opciones,
) -> Result<Option<Actuacion>> {
    if REPETIBLES.contains(&documento) || documento == "expediente" {
        return Ok(None);
    }
    // Its description comes from the proceso's data alone: no need to lay out the PDF.
    let (_, _, titulo, _) = buscar_documento(documento)?;
    let ctx = contexto(db.conn(), numero, o, &fechas::marca(db.clock()))?;
    let descripcion = describir(documento, titulo, &ctx, o);
    anterior_con(db, numero, &descripcion)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procesos::Etapa;

    #[test]
    fn the_window_offers_only_what_the_stage_allows() {
        let nombres = |e| permitidos(e).into_iter().map(|d| d.0).collect::<Vec<_>>();
        assert!(nombres(Etapa::OrdenCobro).contains(&"orden-pago"));
        assert!(!nombres(Etapa::OrdenCobro).contains(&"acta-embargo"));
        // The acta de embargo and a medida's oficios come out of their own diligencia, numbered.
        assert!(!nombres(Etapa::Embargo).contains(&"acta-embargo"));
        assert!(!nombres(Etapa::Citacion).contains(&"oficio-retencion"));
        assert!(nombres(Etapa::Embargo).contains(&"providencia"));
        assert!(!nombres(Etapa::Pagado).contains(&"boleta"));
        assert!(
            nombres(Etapa::Pagado).contains(&"indice"),
            "the índice is always available"
        );
        assert!(se_cita(Etapa::Citacion) && !se_cita(Etapa::Pagado));
    }
}
