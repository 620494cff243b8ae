//! Citación and notification: the diligencias a citador-notificador practises on each party
//! (obligado, garante, codeudor), who has which proceso, and how each citador performs.
//!
//! A diligencia records the act served, its kind (personal, first or second boleta, prensa,
//! electrónica), date and hour, address, who received it, GPS, photographs (foliated in the
//! expediente with it), the citador who practised it and its outcome. A party is *citada*
//! with a personal or electronic citación that reached it, a publication, or a second boleta
//! left on a later day than the first; the término of the orden de pago runs, per party, from
//! that day (`procesos::terminos`).

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::eventos::{self as ev, Evento};
use crate::fechas;
use crate::procesos::{self, Etapa};
use crate::registros;
use crate::store::{Reader, Store, Tx};
use crate::usuarios::{Accion, Actor, Rol};
use crate::{Error, Result};

pub use crate::procesos::{nombre_citacion, TIPOS_CITACION};

/// What a diligencia serves.
pub const ACTOS: [&str; 3] = ["orden_pago", "requerimiento", "providencia"];
/// Who received it.
pub const RELACIONES: [&str; 4] = ["parte", "familiar", "empleado", "otro"];
/// How it ended.
pub const RESULTADOS: [&str; 3] = ["citado", "no_encontrado", "negativa"];

pub fn nombre_acto(acto: &str) -> &str {
    match acto {
        "orden_pago" => "la orden de pago inmediato",
        "requerimiento" => "el requerimiento de pago voluntario",
        "providencia" => "la providencia",
        a => a,
    }
}

pub fn nombre_resultado(r: &str) -> &str {
    match r {
        "citado" => "citado",
        "no_encontrado" => "no encontrado",
        "negativa" => "se negó a recibir",
        r => r,
    }
}

/// The outcome as people read it for this kind: a boleta left is «boleta dejada», not «citado».
pub fn nombre_resultado_de<'a>(tipo: &str, r: &'a str) -> &'a str {
    match (tipo, r) {
        ("boleta1" | "boleta2", "citado") => "boleta dejada",
        _ => nombre_resultado(r),
    }
}

fn nombre_relacion(r: &str) -> &str {
    match r {
        "parte" => "la misma parte",
        "familiar" => "familiar",
        "empleado" => "empleado o dependiente",
        _ => "persona presente en el domicilio",
    }
}

/// A diligencia as the citador reports it.
#[derive(Debug, Clone, Default)]
pub struct Diligencia {
    pub numero: String,
    /// The party's identification.
    pub parte: String,
    pub tipo: String,
    /// `orden_pago` by default once it is dictated, else `requerimiento`.
    pub acto: Option<String>,
    /// Today by default.
    pub fecha: Option<NaiveDate>,
    /// «15:40»; now by default when the date is today.
    pub hora: Option<String>,
    /// Where it was practised; the party's address by default.
    pub direccion: Option<String>,
    pub receptor: Option<String>,
    pub receptor_identificacion: Option<String>,
    pub relacion: Option<String>,
    pub latitud: Option<String>,
    pub longitud: Option<String>,
    /// The citador's user; the one recording it if a citador, else the proceso's citador.
    pub citador: Option<String>,
    /// `citado` by default.
    pub resultado: Option<String>,
    pub detalle: Option<String>,
    /// Photographs (JPEG, PNG or PDF), foliated with the diligencia.
    pub fotos: Vec<Vec<u8>>,
}

fn vacio(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn elegir(valor: &str, opciones: &[&str], que: &str) -> Result<String> {
    let k = crate::texto::clave(valor);
    if opciones.contains(&k.as_str()) {
        Ok(k)
    } else {
        Err(Error::entrada(format!(
            "{que} «{valor}» no existe; use {}",
            opciones.join(", ")
        )))
    }
}

/// A coordinate typed or pasted from the phone: «-2,170998» or «-2.170998».
fn coordenada(texto: &str, limite: f64, que: &str) -> Result<String> {
    let t = texto.trim().replace(',', ".");
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limite => Ok(format!("{v:.6}")),
        _ => Err(Error::entrada(format!(
            "la {que} «{texto}» no es válida: escriba los grados con decimales, entre -{limite} y {limite} (por ejemplo -2,170998)"
        ))),
    }
}

/// «9:05» or «09:05» → «09:05».
pub fn hora(texto: &str) -> Result<String> {
    NaiveTime::parse_from_str(texto.trim(), "%H:%M")
        .map(|h| h.format("%H:%M").to_string())
        .map_err(|_| {
            Error::entrada(format!(
                "la hora «{texto}» no es válida: escríbala como 15:40 (de 00:00 a 23:59)"
            ))
        })
}

/// Whether a diligencia of this kind and outcome cites the party by itself.
fn cita_por_si(tipo: &str, resultado: &str) -> bool {
    resultado == "citado" && matches!(tipo, "personal" | "prensa" | "electronica")
}

/// The day a party became citada with `acto` by the diligencias `ds` (in order), if it did.
pub(crate) fn citada_desde(
    ds: &[procesos::Citacion],
    parte: &str,
    acto: &str,
) -> Option<NaiveDate> {
    let mut primera_boleta: Option<NaiveDate> = None;
    for c in ds.iter().filter(|c| c.parte == parte && c.acto == acto) {
        let fecha: NaiveDate = c.fecha.parse().ok()?;
        if cita_por_si(&c.tipo, &c.resultado) {
            return Some(fecha);
        }
        if c.resultado == "citado" {
            match (c.tipo.as_str(), primera_boleta) {
                ("boleta1", None) => primera_boleta = Some(fecha),
                ("boleta2", Some(p)) if fecha > p => return Some(fecha),
                _ => {}
            }
        }
    }
    None
}

/// For every proceso with a party cited (by any act) on or before `hasta`: the first day one
/// was, by the same rules as [`citada_desde`]: one pass over the diligencias, for the reports.
pub(crate) fn citados_hasta(
    db: &dyn Reader,
    hasta: NaiveDate,
) -> Result<std::collections::HashMap<i64, NaiveDate>> {
    let mut st = db.conn().prepare(
        "SELECT proceso_id, parte, COALESCE(acto, 'orden_pago'), tipo, fecha, COALESCE(resultado, 'citado')
         FROM citaciones WHERE fecha <= ?1 ORDER BY proceso_id, parte, COALESCE(acto, 'orden_pago'), id",
    )?;
    let mut filas = st.query([fechas::iso(hasta)])?;
    let mut out: std::collections::HashMap<i64, NaiveDate> = Default::default();
    // The diligencias of one (proceso, party, act) come together.
    let mut actual: Option<(i64, String, String)> = None;
    let (mut boleta, mut hecha): (Option<NaiveDate>, bool) = (None, false);
    while let Some(r) = filas.next()? {
        let clave: (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        if actual.as_ref() != Some(&clave) {
            actual = Some(clave.clone());
            (boleta, hecha) = (None, false);
        }
        let (tipo, fecha, resultado): (String, String, String) = (r.get(3)?, r.get(4)?, r.get(5)?);
        let Some(fecha) = fecha.get(..10).and_then(|f| f.parse::<NaiveDate>().ok()) else {
            continue;
        };
        if hecha || resultado != "citado" {
            continue;
        }
        let cita = cita_por_si(&tipo, &resultado)
            || (tipo == "boleta2" && boleta.is_some_and(|b| fecha > b));
        if tipo == "boleta1" && boleta.is_none() {
            boleta = Some(fecha);
        }
        if cita {
            hecha = true;
            out.entry(clave.0)
                .and_modify(|d| *d = (*d).min(fecha))
                .or_insert(fecha);
        }
    }
    Ok(out)
}

/// The act a diligencia serves when none is named: the orden de pago once dictated.
fn acto_por_defecto(db: &dyn Reader, proceso_id: i64) -> Result<&'static str> {
    let hay_orden: bool = db.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM etapas WHERE proceso_id = ?1 AND etapa = 'orden_pago')",
        [proceso_id],
        |r| r.get(0),
    )?;
    Ok(if hay_orden {
        "orden_pago"
    } else {
        "requerimiento"
    })
}

/// When the act served was dictated (the day its stage began), if it was.
pub(crate) fn fecha_del_acto(
    db: &dyn Reader,
    proceso_id: i64,
    acto: &str,
) -> Result<Option<NaiveDate>> {
    let etapa = match acto {
        "orden_pago" => "orden_pago",
        "requerimiento" => "requerimiento_pago",
        _ => return Ok(None),
    };
    let d: Option<String> = db.conn().query_row(
        "SELECT MIN(desde) FROM etapas WHERE proceso_id = ?1 AND etapa = ?2",
        params![proceso_id, etapa],
        |r| r.get(0),
    )?;
    Ok(d.and_then(|d| d.get(..10).and_then(|d| d.parse().ok())))
}

/// The citador a proceso is assigned to, if any.
pub fn citador_de(db: &dyn Reader, numero: &str) -> Result<Option<String>> {
    Ok(db
        .conn()
        .query_row(
            "SELECT citador FROM citadores_asignaciones WHERE proceso = ?1 ORDER BY id DESC LIMIT 1",
            [numero],
            |r| r.get(0),
        )
        .optional()?)
}

/// An active user with the citador role, or the reason it is not.
fn exigir_citador(db: &dyn Reader, usuario: &str) -> Result<String> {
    let u: Option<(String, String, bool)> = db
        .conn()
        .query_row(
            "SELECT usuario, rol, activo FROM usuarios WHERE usuario = ?1",
            [usuario.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match u {
        None => Err(Error::entrada(format!("no existe el usuario «{usuario}»"))),
        Some((_, rol, _)) if rol != "citador" => Err(Error::entrada(format!(
            "«{usuario}» no es citador-notificador (su rol es {rol})"
        ))),
        Some((_, _, false)) => Err(Error::entrada(format!(
            "el citador «{usuario}» está desactivado"
        ))),
        Some((u, _, true)) => Ok(u),
    }
}

/// Records a diligencia de citación, with its photographs foliated in the expediente, in one
/// transaction. Returns it as the expediente shows it.
pub fn registrar(store: &mut Store, actor: &Actor, d: &Diligencia) -> Result<procesos::Citacion> {
    actor.exigir(Accion::Citar)?;
    let tipo = crate::texto::clave(&d.tipo).replace('_', "");
    if !TIPOS_CITACION.contains(&tipo.as_str()) {
        return Err(Error::entrada(format!("el tipo de citación «{}» no existe; use personal, boleta1, boleta2, prensa o electronica", d.tipo)));
    }
    let resultado = match vacio(&d.resultado) {
        Some(r) => elegir(&r, &RESULTADOS, "el resultado")?,
        None => "citado".to_string(),
    };
    if tipo.starts_with("boleta") && resultado == "negativa" {
        return Err(Error::entrada(
            "una boleta se deja en el domicilio aunque nadie la reciba: registre «citado» si la dejó o «no_encontrado» si no halló el domicilio",
        ));
    }
    if tipo == "prensa" && resultado != "citado" {
        return Err(Error::entrada(
            "una citación por la prensa se registra cuando se publicó: su resultado es «citado»",
        ));
    }
    let detalle = vacio(&d.detalle);
    if tipo == "prensa" && detalle.is_none() {
        return Err(Error::entrada(
            "la citación por la prensa necesita el detalle de la publicación: diario, fechas y la razón de no conocer el domicilio",
        ));
    }
    let relacion = vacio(&d.relacion)
        .map(|r| elegir(&r, &RELACIONES, "la relación"))
        .transpose()?;
    let receptor = vacio(&d.receptor);
    let receptor_identificacion = vacio(&d.receptor_identificacion);
    if let Some(i) = &receptor_identificacion {
        crate::identificacion::validar(i)
            .map_err(|e| Error::entrada(format!("la identificación de quien recibió: {e}")))?;
    }
    if receptor.is_some() && relacion.is_none() {
        return Err(Error::entrada(
            "indique la relación de quien recibió con la parte: parte, familiar, empleado u otro",
        ));
    }
    let (latitud, longitud) = match (vacio(&d.latitud), vacio(&d.longitud)) {
        (Some(a), Some(o)) => (
            Some(coordenada(&a, 90.0, "latitud")?),
            Some(coordenada(&o, 180.0, "longitud")?),
        ),
        (None, None) => (None, None),
        _ => {
            return Err(Error::entrada(
                "las coordenadas van en pareja: latitud y longitud",
            ))
        }
    };
    let acto = vacio(&d.acto)
        .map(|a| elegir(&a, &ACTOS, "el acto"))
        .transpose()?;
    let hoy = fechas::hoy(store.clock());
    let fecha = d.fecha.unwrap_or(hoy);
    let ahora_local = chrono::DateTime::parse_from_rfc3339(&fechas::marca(store.clock())).ok();
    let hora = match vacio(&d.hora) {
        Some(h) => hora(&h)?,
        None if fecha == hoy => ahora_local
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_else(|| "12:00".into()),
        None => {
            return Err(Error::entrada(
                "indique la hora de la diligencia (por ejemplo 15:40)",
            ))
        }
    };
    if fecha > hoy
        || (fecha == hoy && ahora_local.is_some_and(|t| t.format("%H:%M").to_string() < hora))
    {
        return Err(Error::entrada(format!(
            "la diligencia del {} a las {hora} está en el futuro",
            fechas::corta(fecha)
        )));
    }
    // Photographs become pages before the transaction (decoding is slow and may be refused).
    let mut paginas = vec![];
    for (i, b) in d.fotos.iter().enumerate() {
        paginas.push(pagina_de_foto(b, i + 1, d.fotos.len())?);
    }
    let c = store.write(&actor.usuario, |tx| {
        let p = procesos::exigir_a_cargo_de(tx, actor, &d.numero)?;
        if p.etapa.terminal() || p.etapa == Etapa::Suspendido {
            return Err(Error::entrada(format!(
                "el proceso {} está {}: no se practican diligencias de citación",
                p.numero,
                p.etapa.nombre()
            )));
        }
        let id = crate::procesos::expediente::id_de(tx.conn(), &p.numero)?;
        let parte: Option<(String, Option<String>)> = tx
            .conn()
            .query_row(
                "SELECT nombres, direccion FROM partes WHERE proceso_id = ?1 AND identificacion = ?2",
                params![id, d.parte.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((nombres, direccion_parte)) = parte else {
            return Err(Error::entrada(format!("{} no es parte del proceso {}", d.parte, p.numero)));
        };
        let direccion = vacio(&d.direccion).or(direccion_parte);
        if tipo == "electronica" && direccion.is_none() {
            return Err(Error::entrada(
                "la citación electrónica necesita la dirección electrónica o casillero donde se notificó",
            ));
        }
        let acto = match &acto {
            Some(a) => a.clone(),
            None => acto_por_defecto(tx, id)?.to_string(),
        };
        let nombrado = vacio(&d.acto).is_some();
        let Some(dictado) = (match acto.as_str() {
            "providencia" => Some(crate::procesos::fecha_de_apertura(tx, id)?),
            a => fecha_del_acto(tx, id, a)?,
        }) else {
            return Err(Error::entrada(if nombrado {
                format!("el proceso {} no tiene {}: dicte el acto antes de citarlo", p.numero, nombre_acto(&acto))
            } else {
                format!(
                    "el proceso {} aún no tiene orden de pago ni requerimiento de pago: se cita con uno de ellos, dictado antes",
                    p.numero
                )
            }));
        };
        if fecha < dictado {
            return Err(Error::entrada(format!(
                "la diligencia del {} sería anterior a {} ({}): revise la fecha",
                fechas::corta(fecha),
                nombre_acto(&acto),
                fechas::corta(dictado)
            )));
        }
        let previas = procesos::citaciones_de(tx.conn(), id)?;
        if acto != "providencia" {
            if let Some(desde) = citada_desde(&previas, d.parte.trim(), &acto) {
                return Err(Error::Conflicto(format!(
                    "{nombres} ya está citado con {} desde el {}: no corresponde otra diligencia",
                    nombre_acto(&acto),
                    fechas::corta(desde)
                )));
            }
        }
        let boleta1 = previas
            .iter()
            .filter(|c| c.parte == d.parte.trim() && c.acto == acto && c.tipo == "boleta1" && c.resultado == "citado")
            .map(|c| c.fecha.clone())
            .min();
        if tipo == "boleta2" {
            match &boleta1 {
                None => {
                    return Err(Error::entrada(
                        "la segunda boleta requiere una primera boleta dejada y registrada",
                    ))
                }
                Some(f) if *f == fechas::iso(fecha) => {
                    return Err(Error::entrada(
                        "la segunda boleta debe dejarse en un día distinto de la primera",
                    ))
                }
                Some(f) if *f > fechas::iso(fecha) => {
                    return Err(Error::entrada(
                        "la segunda boleta no puede ser anterior a la primera",
                    ))
                }
                _ => {}
            }
        }
        if tipo == "boleta1" && boleta1.is_some() && resultado == "citado" {
            return Err(Error::entrada(
                "ya se dejó la primera boleta: registre ahora la segunda (boleta2), en otro día",
            ));
        }
        let citador = quien_cito(tx, actor, &p.numero, d.citador.as_deref())?;
        let mut fotos = vec![];
        let total = paginas.len();
        for (i, (bytes, n)) in paginas.iter().enumerate() {
            let a = crate::procesos::expediente::foliar_en(
                tx,
                &p.numero,
                "evidencia",
                &format!(
                    "Fotografía {} de {total} de la diligencia de citación a {nombres} ({}, {hora})",
                    i + 1,
                    fechas::corta(fecha)
                ),
                bytes,
                *n,
                fecha,
                None,
                false,
            )?;
            fotos.push(a.orden);
        }
        let dil = ev::DiligenciaCitacion {
            acto: acto.clone(),
            hora: hora.clone(),
            direccion: direccion.clone(),
            receptor: receptor.clone(),
            receptor_identificacion: receptor_identificacion.clone(),
            relacion: relacion.clone(),
            latitud: latitud.clone(),
            longitud: longitud.clone(),
            citador: citador.clone(),
            resultado: resultado.clone(),
            fotos: fotos.clone(),
        };
        let evento = ev::ProcesoCitacion {
            parte: d.parte.trim().to_string(),
            tipo: tipo.clone(),
            fecha,
            detalle: detalle.clone(),
            diligencia: Some(dil),
        };
        let ahora = tx.ahora();
        insertar_fila(tx.conn(), id, &evento, tx.actor(), &ahora)?;
        tx.registrar(&p.numero, &Evento::ProcesoCitacion(evento))?;
        let v = procesos::citaciones_de(tx.conn(), id)?;
        v.into_iter()
            .last()
            .ok_or_else(|| Error::Interno("la diligencia recién registrada no aparece".into()))
    })?;
    log::info!("diligencia de citación registrada");
    Ok(c)
}

/// The diligencia's own columns of `citaciones`, in the order of the `INSERT` in
/// [`insertar_fila`] (all empty for an entry of before schema 13). `verificar` rebuilds them
/// from the log through here too.
pub(crate) fn columnas(d: Option<&ev::DiligenciaCitacion>) -> [Option<String>; 11] {
    let Some(d) = d else {
        return Default::default();
    };
    let fotos = (!d.fotos.is_empty()).then(|| {
        d.fotos
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join(",")
    });
    [
        Some(d.acto.clone()),
        Some(d.hora.clone()),
        d.direccion.clone(),
        d.receptor.clone(),
        d.receptor_identificacion.clone(),
        d.relacion.clone(),
        d.latitud.clone(),
        d.longitud.clone(),
        Some(d.citador.clone()),
        Some(d.resultado.clone()),
        fotos,
    ]
}

/// The row a [`ev::ProcesoCitacion`] makes: the use case and the recovery from the centre
/// both write it through here.
pub(crate) fn insertar_fila(
    conn: &rusqlite::Connection,
    proceso_id: i64,
    x: &ev::ProcesoCitacion,
    usuario: &str,
    registrado_en: &str,
) -> Result<()> {
    let [acto, hora, direccion, receptor, receptor_id, relacion, latitud, longitud, citador, resultado, fotos] =
        columnas(x.diligencia.as_ref());
    conn.prepare_cached(
        "INSERT INTO citaciones (proceso_id, parte, tipo, fecha, detalle, usuario, registrado_en, acto, hora, direccion, receptor,
                                 receptor_identificacion, relacion, latitud, longitud, citador, resultado, fotos)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![proceso_id, x.parte, x.tipo, fechas::iso(x.fecha), x.detalle, usuario, registrado_en, acto, hora, direccion,
                     receptor, receptor_id, relacion, latitud, longitud, citador, resultado, fotos])?;
    Ok(())
}

/// Who practised the diligencia: a citador records his own; anyone else names the citador,
/// or it is the proceso's citador, or (none assigned) whoever records it served it himself.
fn quien_cito(tx: &Tx<'_>, actor: &Actor, numero: &str, citador: Option<&str>) -> Result<String> {
    let asignado = citador_de(tx, numero)?;
    if actor.rol == Rol::Citador {
        if citador.is_some_and(|c| !c.trim().eq_ignore_ascii_case(&actor.usuario)) {
            return Err(Error::NoAutorizado(
                "un citador registra solo las diligencias que él practicó".into(),
            ));
        }
        if let Some(a) = asignado.filter(|a| !a.eq_ignore_ascii_case(&actor.usuario)) {
            return Err(Error::NoAutorizado(format!(
                "el proceso {numero} está asignado al citador «{a}»: pida al Jefe que se lo reasigne"
            )));
        }
        return Ok(actor.usuario.clone());
    }
    match citador.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => exigir_citador(tx, c),
        None => Ok(asignado.unwrap_or_else(|| actor.usuario.clone())),
    }
}

/// A photograph as one page of the expediente (a PDF is taken as it is).
fn pagina_de_foto(b: &[u8], n: usize, de: usize) -> Result<(Vec<u8>, u32)> {
    if b.starts_with(b"%PDF-") {
        let paginas = crate::procesos::expediente::paginas_pdf(b)?;
        return Ok((b.to_vec(), paginas));
    }
    let mut doc = crate::pdf::Documento::new(
        "Fotografía de la diligencia de citación",
        "Evidencia",
        crate::pdf::Encabezado::default(),
    )?;
    doc.imagen(
        b,
        &format!("Fotografía {n} de {de} de la diligencia de citación"),
    )?;
    Ok((doc.terminar(), 1))
}

/// A citador's assignment.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Asignacion {
    pub proceso: String,
    pub citador: String,
    pub nombres: String,
    pub por_turno: bool,
}

/// Gives a proceso to a citador, named by the Jefe or, with `None`, by turn: the active
/// citador with the fewest procesos still to cite (then the fewest assigned, then by name).
pub fn asignar(
    store: &mut Store,
    actor: &Actor,
    numero: &str,
    citador: Option<&str>,
) -> Result<Asignacion> {
    actor.exigir(Accion::AsignarCitadores)?;
    store.write(&actor.usuario, |tx| {
        let p = procesos::exigir_a_cargo_de(tx, actor, numero)?;
        if p.etapa.terminal() {
            return Err(Error::entrada(format!(
                "el proceso {numero} está {}: no necesita citador",
                p.etapa.nombre()
            )));
        }
        let (usuario, por_turno) = match citador.map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => (exigir_citador(tx, c)?, false),
            None => {
                let carga = carga_en(tx)?;
                let elegido = carga
                    .iter()
                    .min_by(|a, b| {
                        (a.pendientes, a.asignados, &a.usuario).cmp(&(
                            b.pendientes,
                            b.asignados,
                            &b.usuario,
                        ))
                    })
                    .ok_or_else(|| {
                        Error::entrada(
                            "no hay citadores activos: cree un usuario con el rol citador",
                        )
                    })?;
                (elegido.usuario.clone(), true)
            }
        };
        if citador_de(tx, numero)?.is_some_and(|a| a == usuario) {
            return Err(Error::Conflicto(format!(
                "el proceso {numero} ya está asignado al citador «{usuario}»"
            )));
        }
        let n = registros::siguiente(tx.conn(), &registros::ASIGNACIONES_CITADOR)?;
        registros::insertar(
            tx,
            &n.to_string(),
            &Evento::CitadorAsignado(ev::CitadorAsignado {
                proceso: numero.to_string(),
                citador: usuario.clone(),
                por_turno,
            }),
        )?;
        let nombres: String = tx.conn().query_row(
            "SELECT nombres FROM usuarios WHERE usuario = ?1",
            [&usuario],
            |r| r.get(0),
        )?;
        Ok(Asignacion {
            proceso: numero.to_string(),
            citador: usuario,
            nombres,
            por_turno,
        })
    })
}

/// A citador's workload.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Carga {
    pub usuario: String,
    pub nombres: String,
    /// Procesos he has now.
    pub asignados: i64,
    /// Of those, the ones with a party still to cite.
    pub pendientes: i64,
    /// Diligencias in the last 30 days.
    pub diligencias_mes: i64,
}

/// The active citadores and their work.
pub fn carga(store: &dyn Reader) -> Result<Vec<Carga>> {
    carga_en(store)
}

/// «Still to cite» is [`citada_desde`] said in SQL for thousands of procesos at once: a
/// second boleta counts alone because `registrar` takes one only after a first on an earlier day.
fn carga_en(db: &dyn Reader) -> Result<Vec<Carga>> {
    let hace_30 = fechas::iso(fechas::hoy(db.clock()) - chrono::Duration::days(30));
    let mut st = db.conn().prepare_cached(
        "WITH actual AS (
             SELECT a.proceso, a.citador FROM citadores_asignaciones a
             WHERE a.id = (SELECT MAX(id) FROM citadores_asignaciones b WHERE b.proceso = a.proceso)
         ),
         vivos AS (
             SELECT x.citador, p.id AS proceso_id FROM actual x JOIN procesos p ON p.numero = x.proceso
             WHERE p.etapa NOT IN ('pagado', 'insolvencia', 'anulado')
         )
         SELECT u.usuario, u.nombres,
                (SELECT COUNT(*) FROM vivos v WHERE v.citador = u.usuario),
                (SELECT COUNT(*) FROM vivos v WHERE v.citador = u.usuario
                   AND EXISTS (SELECT 1 FROM partes pa WHERE pa.proceso_id = v.proceso_id
                               AND NOT EXISTS (SELECT 1 FROM citaciones c WHERE c.proceso_id = v.proceso_id AND c.parte = pa.identificacion
                                               AND COALESCE(c.acto, 'orden_pago') = 'orden_pago' AND COALESCE(c.resultado, 'citado') = 'citado'
                                               AND c.tipo IN ('personal', 'boleta2', 'prensa', 'electronica')))),
                (SELECT COUNT(*) FROM citaciones c WHERE c.citador = u.usuario AND c.fecha >= ?1)
         FROM usuarios u WHERE u.rol = 'citador' AND u.activo = 1 ORDER BY u.usuario",
    )?;
    let v = st.query_map([hace_30], |r| {
        Ok(Carga {
            usuario: r.get(0)?,
            nombres: r.get(1)?,
            asignados: r.get(2)?,
            pendientes: r.get(3)?,
            diligencias_mes: r.get(4)?,
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

/// How a citador did in a period.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Evaluacion {
    pub citador: String,
    pub nombres: String,
    pub diligencias: i64,
    /// Parties he cited (the diligencia that completed the citación was his).
    pub citadas: i64,
    /// Parties whose first diligencia was his.
    pub primeros_intentos: i64,
    /// Of those, cited at that first diligencia.
    pub citadas_al_primer_intento: i64,
    /// «62,5»: `citadas_al_primer_intento` over `primeros_intentos`, in percent.
    pub porcentaje_primer_intento: String,
    /// Average calendar days from the orden de pago to the citación, over `citadas`.
    pub dias_promedio: Option<String>,
}

/// The evaluation of citadores-notificadores between two dates (both included): diligencias,
/// share cited at the first attempt, days from the orden de pago to the citación.
pub fn evaluacion(
    store: &dyn Reader,
    desde: NaiveDate,
    hasta: NaiveDate,
) -> Result<Vec<Evaluacion>> {
    if hasta < desde {
        return Err(Error::entrada(
            "el período termina antes de empezar: revise las fechas",
        ));
    }
    use std::collections::BTreeMap;
    #[derive(Default)]
    struct Acum {
        diligencias: i64,
        citadas: i64,
        primeros: i64,
        primeros_ok: i64,
        dias: Vec<i64>,
    }
    let mut por: BTreeMap<String, Acum> = BTreeMap::new();
    let (d, h) = (fechas::iso(desde), fechas::iso(hasta));
    // Every diligencia of the parties with one in the period, in order, per proceso and party.
    let mut st = store.conn().prepare(
        "SELECT c.proceso_id, c.parte, COALESCE(c.acto, 'orden_pago'), c.tipo, c.fecha, COALESCE(c.resultado, 'citado'), COALESCE(c.citador, c.usuario),
                (SELECT MIN(desde) FROM etapas e WHERE e.proceso_id = c.proceso_id AND e.etapa = 'orden_pago')
         FROM citaciones c
         WHERE EXISTS (SELECT 1 FROM citaciones x WHERE x.proceso_id = c.proceso_id AND x.parte = c.parte AND x.fecha BETWEEN ?1 AND ?2)
         ORDER BY c.proceso_id, c.parte, c.id",
    )?;
    type Fila = (
        i64,
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
    );
    let filas: Vec<Fila> = st
        .query_map(params![d, h], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let en = |f: &str| f >= d.as_str() && f <= h.as_str();
    let mut i = 0;
    while i < filas.len() {
        let (pid, parte, acto) = (filas[i].0, filas[i].1.clone(), filas[i].2.clone());
        let mut j = i;
        let mut boleta1: Option<String> = None;
        let mut citada = false;
        while j < filas.len() && filas[j].0 == pid && filas[j].1 == parte {
            let (_, _, a, tipo, fecha, resultado, citador, orden) = &filas[j];
            if en(fecha) {
                por.entry(citador.clone()).or_default().diligencias += 1;
            }
            if *a == acto && !citada {
                let completa = cita_por_si(tipo, resultado)
                    || (tipo == "boleta2"
                        && resultado == "citado"
                        && boleta1.as_deref().is_some_and(|b| b < fecha.as_str()));
                if j == i && en(fecha) {
                    let x = por.entry(citador.clone()).or_default();
                    x.primeros += 1;
                    if completa {
                        x.primeros_ok += 1;
                    }
                }
                if tipo == "boleta1" && resultado == "citado" && boleta1.is_none() {
                    boleta1 = Some(fecha.clone());
                }
                if completa {
                    citada = true;
                    if en(fecha) {
                        let x = por.entry(citador.clone()).or_default();
                        x.citadas += 1;
                        let dias = orden
                            .as_deref()
                            .and_then(|o| o.get(..10)?.parse::<NaiveDate>().ok())
                            .zip(fecha.parse::<NaiveDate>().ok())
                            .map(|(o, f)| (f - o).num_days());
                        x.dias.extend(dias);
                    }
                }
            }
            j += 1;
        }
        i = j;
    }
    let mut out = vec![];
    for (citador, a) in por {
        let nombres: String = store
            .conn()
            .query_row(
                "SELECT nombres FROM usuarios WHERE usuario = ?1",
                [&citador],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_else(|| citador.clone());
        let pct = if a.primeros == 0 {
            "0".to_string()
        } else {
            decimal_es(a.primeros_ok as f64 * 100.0 / a.primeros as f64)
        };
        out.push(Evaluacion {
            citador,
            nombres,
            diligencias: a.diligencias,
            citadas: a.citadas,
            primeros_intentos: a.primeros,
            citadas_al_primer_intento: a.primeros_ok,
            porcentaje_primer_intento: pct,
            dias_promedio: (!a.dias.is_empty())
                .then(|| decimal_es(a.dias.iter().sum::<i64>() as f64 / a.dias.len() as f64)),
        });
    }
    Ok(out)
}

/// One decimal, Spanish comma: «62,5»; «40» when whole.
fn decimal_es(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0")
        .map(str::to_string)
        .unwrap_or_else(|| s.replace('.', ","))
}

/// How the razón describes one diligencia, in the citador's first person.
pub(crate) fn describir(c: &procesos::Citacion, nombres_parte: &str) -> String {
    let fecha = c
        .fecha
        .parse()
        .map(fechas::larga)
        .unwrap_or_else(|_| c.fecha.clone());
    let hora = c
        .hora
        .as_deref()
        .map(|h| format!(", a las {}", h.replacen(':', "h", 1)))
        .unwrap_or_default();
    let lugar = c
        .direccion
        .as_deref()
        .map(|d| format!(", en {d}"))
        .unwrap_or_default();
    let recibe = match (&c.receptor, &c.relacion) {
        (Some(r), Some(rel)) => {
            let id = c
                .receptor_identificacion
                .as_deref()
                .map(|i| format!(", con cédula N.º {i}"))
                .unwrap_or_default();
            format!(", en poder de {r}{id} ({})", nombre_relacion(rel))
        }
        _ => String::new(),
    };
    let gps = match (&c.latitud, &c.longitud) {
        (Some(a), Some(o)) => format!(" (coordenadas {a}, {o})"),
        _ => String::new(),
    };
    let acto = nombre_acto(&c.acto);
    let cuerpo = match (c.tipo.as_str(), c.resultado.as_str()) {
        ("personal", "citado") => format!("cité personalmente a {nombres_parte} con {acto}{recibe}"),
        ("personal", "negativa") => format!("encontré a {nombres_parte}, quien se negó a recibir la citación con {acto}"),
        (_, "no_encontrado") => format!("me constituí para citar a {nombres_parte} con {acto} y no lo encontré ni hallé su domicilio"),
        ("boleta1", _) => format!("dejé la primera boleta de citación a {nombres_parte}, con {acto}{recibe}"),
        ("boleta2", _) => format!("dejé la segunda boleta de citación a {nombres_parte}, en día distinto de la primera, con {acto}{recibe}"),
        ("prensa", _) => format!("se citó a {nombres_parte} con {acto} por la prensa, por ser imposible determinar su domicilio"),
        ("electronica", _) => format!("cité a {nombres_parte} con {acto} por medios electrónicos"),
        _ => format!("practiqué la diligencia de citación a {nombres_parte} con {acto}"),
    };
    let detalle = c
        .detalle
        .as_deref()
        .map(|d| format!(" {d}."))
        .unwrap_or_default();
    let fotos =
        match c.fotos.len() {
            0 => String::new(),
            1 => format!(
                " La fotografía de la diligencia consta en la actuación {} del expediente.",
                c.fotos[0]
            ),
            _ => {
                format!(
            " Las fotografías de la diligencia constan en las actuaciones {} del expediente.",
            c.fotos.iter().map(|f| f.to_string()).collect::<Vec<_>>().join(", ")
        )
            }
        };
    let mut s = format!("El {fecha}{hora}{lugar}{gps}, {cuerpo}.{detalle}{fotos}");
    if let Some(p) = s.get(..1) {
        s = p.to_uppercase() + &s[1..];
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(tipo: &str, fecha: &str, resultado: &str, acto: &str) -> procesos::Citacion {
        procesos::Citacion {
            parte: "1714307103".into(),
            tipo: tipo.into(),
            fecha: fecha.into(),
            detalle: None,
            usuario: "pedro".into(),
            acto: acto.into(),
            hora: Some("10:00".into()),
            direccion: None,
            receptor: None,
            receptor_identificacion: None,
            relacion: None,
            latitud: None,
            longitud: None,
            citador: "pedro".into(),
            citador_nombres: "Pedro".into(),
            resultado: resultado.into(),
            fotos: vec![],
        }
    }

    #[test]
    fn a_party_is_cited_in_person_by_the_press_or_by_a_second_boleta_on_a_later_day() {
        let p = "1714307103";
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            citada_desde(
                &[c("personal", "2026-11-25", "citado", "orden_pago")],
                p,
                "orden_pago"
            ),
            Some(d("2026-11-25"))
        );
        assert_eq!(
            citada_desde(
                &[c("personal", "2026-11-25", "no_encontrado", "orden_pago")],
                p,
                "orden_pago"
            ),
            None
        );
        assert_eq!(
            citada_desde(
                &[c("personal", "2026-11-25", "negativa", "orden_pago")],
                p,
                "orden_pago"
            ),
            None
        );
        assert_eq!(
            citada_desde(
                &[c("boleta1", "2026-11-25", "citado", "orden_pago")],
                p,
                "orden_pago"
            ),
            None
        );
        let dos = [
            c("boleta1", "2026-11-25", "citado", "orden_pago"),
            c("boleta2", "2026-11-26", "citado", "orden_pago"),
        ];
        assert_eq!(citada_desde(&dos, p, "orden_pago"), Some(d("2026-11-26")));
        let mismo_dia = [
            c("boleta1", "2026-11-25", "citado", "orden_pago"),
            c("boleta2", "2026-11-25", "citado", "orden_pago"),
        ];
        assert_eq!(citada_desde(&mismo_dia, p, "orden_pago"), None);
        // Cited with the requerimiento is not cited with the orden de pago.
        assert_eq!(
            citada_desde(
                &[c("personal", "2026-11-25", "citado", "requerimiento")],
                p,
                "orden_pago"
            ),
            None
        );
        assert_eq!(
            citada_desde(
                &[c("personal", "2026-11-25", "citado", "orden_pago")],
                "0102030400",
                "orden_pago"
            ),
            None
        );
    }

    #[test]
    fn hours_and_coordinates_are_read_as_people_type_them() {
        assert_eq!(hora("9:05").unwrap(), "09:05");
        assert!(hora("24:00").is_err() && hora("10h30").is_err());
        assert_eq!(
            coordenada("-2,170998", 90.0, "latitud").unwrap(),
            "-2.170998"
        );
        assert!(coordenada("95", 90.0, "latitud").is_err());
        assert!(coordenada("NaN", 90.0, "latitud").is_err());
    }
}
