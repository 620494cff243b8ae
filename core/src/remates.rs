//! From the goods in custody to the money: the avalúo by a perito, and the remate — its call
//! with a base that is a configurable share of the avalúo, the publications with the legal
//! días, the posturas with their deposit, the acta (rematado to the best postura, or desierto,
//! after which the goods can be called again) and the adjudicación, whose price is a payment
//! imputed by the rules of `pagos`. Every step is one use case and one record.

use chrono::NaiveDate;
use serde::Serialize;

use crate::bienes::{self, Bien};
use crate::calendario::Calendario;
use crate::dinero::Centavos;
use crate::eventos::{self as ev, Evento};
use crate::procesos::{self, expediente, Etapa};
use crate::registros;
use crate::store::{Reader, Store, Tx};
use crate::usuarios::{Accion, Actor};
use crate::{fechas, Error, Result};

use crate::texto::limpio as texto;

use crate::fechas::dia;

fn usd(c: Centavos) -> String {
    c.agrupado(crate::dinero::Formato::Ecuador)
}

use crate::fechas::no_futura;

/// `valor` × `porcentaje` (ten-thousandths of a point), rounded up to the cent: a base or a
/// deposit is never less than the share the law asks.
pub fn parte(valor: Centavos, porcentaje: i64) -> Centavos {
    let escala = 100 * crate::liquidacion::TasaAnual::ESCALA as i128;
    let v = valor.0 as i128 * porcentaje as i128;
    Centavos(((v + escala - 1) / escala) as i64)
}

// ---------------------------------------------------------------- avalúo

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Avaluo {
    pub id: i64,
    pub bien: i64,
    pub perito: String,
    pub perito_nombres: String,
    pub fecha: NaiveDate,
    pub valor: Centavos,
    /// The actuación of the perito's report in the expediente.
    pub actuacion: i64,
}

#[derive(Debug, Clone)]
pub struct NuevoAvaluo {
    pub bien: i64,
    pub perito: String,
    pub perito_nombres: String,
    pub fecha: NaiveDate,
    pub valor: Centavos,
    /// The perito's report (a PDF), foliated.
    pub informe: Vec<u8>,
}

/// Records a perito's avalúo of a bien in custody: his report is foliated, the bien is
/// *avaluado* (with the same depositario), and a proceso in embargo passes to avalúo.
pub fn avaluar(store: &mut Store, actor: &Actor, n: &NuevoAvaluo) -> Result<Avaluo> {
    actor.exigir(Accion::Medidas)?;
    actor.exigir(Accion::Foliar)?;
    crate::identificacion::validar(&n.perito)
        .map_err(|e| Error::entrada(format!("la identificación del perito: {e}")))?;
    let nombres = texto(Some(&n.perito_nombres))
        .ok_or_else(|| Error::entrada("faltan los nombres del perito"))?;
    if n.valor.0 <= 0 {
        return Err(Error::entrada(
            "el valor del avalúo debe ser mayor que cero",
        ));
    }
    let paginas = expediente::paginas_pdf(&n.informe)?;
    let hoy = fechas::hoy(store.clock());
    no_futura(n.fecha, hoy)?;
    let id = store.write(&actor.usuario, |tx| {
        let b = bienes::ver(tx, n.bien)?;
        let p = procesos::exigir_a_cargo_de(tx, actor, &b.proceso)?;
        if !matches!(p.etapa, Etapa::Embargo | Etapa::Avaluo | Etapa::Remate) {
            return Err(Error::entrada(format!(
                "el proceso {} está en la etapa «{}»: el avalúo sigue al embargo",
                p.numero,
                p.etapa.nombre()
            )));
        }
        match b.estado.as_deref() {
            Some("en_deposito" | "avaluado") => {}
            Some("en_remate") => {
                let m = format!("el bien {} está en remate: se avalúa de nuevo si el remate se declara desierto", b.id);
                return Err(Error::Conflicto(m));
            }
            Some(e) => {
                return Err(Error::entrada(format!(
                    "el bien {} está {}: solo se avalúa un bien embargado y en depósito",
                    b.id,
                    bienes::nombre_estado(e)
                )))
            }
            None => {
                return Err(Error::entrada(format!(
                    "el bien {} no ha sido embargado: el avalúo sigue al embargo",
                    b.id
                )))
            }
        }
        if let Some(desde) = bienes::estado_desde(tx.conn(), b.id)? {
            if n.fecha < desde {
                return Err(Error::entrada(format!(
                    "el avalúo del {} sería anterior al depósito del bien ({})",
                    fechas::corta(n.fecha),
                    fechas::corta(desde)
                )));
            }
        }
        let a = expediente::foliar_en(
            tx,
            &p.numero,
            "evidencia",
            &format!(
                "Informe de avalúo del bien {} por el perito {nombres}: USD {}",
                b.id,
                usd(n.valor)
            ),
            &n.informe,
            paginas,
            hoy,
            None,
            false,
        )?;
        let id = registros::siguiente(tx.conn(), &registros::AVALUOS)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::AvaluoRegistrado(ev::AvaluoRegistrado {
                bien: b.id,
                perito: n.perito.trim().to_string(),
                perito_nombres: nombres.clone(),
                fecha: n.fecha,
                valor: n.valor,
                actuacion: a.orden,
            }),
        )?;
        bienes::poner_estado(
            tx,
            &b,
            "avaluado",
            n.fecha,
            Some(format!("avalúo de USD {}", usd(n.valor))),
            true,
        )?;
        if p.etapa == Etapa::Embargo {
            procesos::pasar_en(
                tx,
                &p.numero,
                &p,
                Etapa::Avaluo,
                hoy,
                Some("avalúo registrado"),
            )?;
        }
        Ok(id)
    })?;
    log::info!("avalúo registrado");
    avaluos(store, Some(n.bien))?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::Interno("el avalúo recién registrado no aparece".into()))
}

/// The avalúos of a bien (or all), oldest first.
pub fn avaluos(db: &dyn Reader, bien: Option<i64>) -> Result<Vec<Avaluo>> {
    let mut st = db.conn().prepare_cached(
        "SELECT id, bien_id, perito, perito_nombres, fecha, valor, actuacion FROM avaluos
         WHERE ?1 IS NULL OR bien_id = ?1 ORDER BY id",
    )?;
    let v = st.query_map([bien], |r| {
        let f: String = r.get(4)?;
        Ok(Avaluo {
            id: r.get(0)?,
            bien: r.get(1)?,
            perito: r.get(2)?,
            perito_nombres: r.get(3)?,
            fecha: dia(&f),
            valor: Centavos(r.get(5)?),
            actuacion: r.get(6)?,
        })
    })?;
    Ok(v.collect::<rusqlite::Result<_>>()?)
}

/// The avalúos of the goods of a proceso.
pub fn avaluos_de(db: &dyn Reader, numero: &str) -> Result<Vec<Avaluo>> {
    let bienes: Vec<i64> = bienes::listar(db, Some(numero))?
        .iter()
        .map(|b| b.id)
        .collect();
    Ok(avaluos(db, None)?
        .into_iter()
        .filter(|a| bienes.contains(&a.bien))
        .collect())
}

/// A bien's latest avalúo.
pub(crate) fn ultimo_avaluo(conn: &rusqlite::Connection, bien: i64) -> Result<Option<Centavos>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT valor FROM avaluos WHERE bien_id = ?1 ORDER BY id DESC LIMIT 1",
            [bien],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .map(Centavos))
}

// ---------------------------------------------------------------- remate

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Publicacion {
    pub id: i64,
    pub fecha: NaiveDate,
    pub medio: String,
    pub detalle: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Postura {
    pub id: i64,
    pub postor: String,
    pub identificacion: String,
    pub valor: Centavos,
    pub deposito: Centavos,
    pub fecha: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cierre {
    pub fecha: NaiveDate,
    /// rematado or desierto.
    pub resultado: String,
    pub postura: Option<i64>,
    pub actuacion: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Adjudicacion {
    pub fecha: NaiveDate,
    pub referencia: String,
    pub pago: Option<i64>,
    /// What the price paid of the debt, and what is left over for the coactivado.
    pub aplicado: Centavos,
    pub sobrante: Centavos,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Remate {
    pub id: i64,
    pub proceso: String,
    pub convocatoria: i64,
    pub bienes: Vec<i64>,
    pub avaluo: Centavos,
    /// «66,67 %».
    pub porcentaje: String,
    pub base: Centavos,
    pub fecha: NaiveDate,
    pub hora: String,
    pub lugar: String,
    /// convocado, rematado, desierto or adjudicado.
    pub estado: String,
    pub publicaciones: Vec<Publicacion>,
    pub posturas: Vec<Postura>,
    pub cierre: Option<Cierre>,
    pub adjudicacion: Option<Adjudicacion>,
}

impl Remate {
    /// The winning postura of an acta that declared it rematado.
    pub fn ganadora(&self) -> Option<&Postura> {
        let id = self.cierre.as_ref()?.postura?;
        self.posturas.iter().find(|p| p.id == id)
    }
}

fn porcentaje_texto(p: i64) -> String {
    let e = crate::liquidacion::TasaAnual::ESCALA;
    let s = format!("{},{:04}", p / e, p % e);
    let s = s.trim_end_matches('0').trim_end_matches(',');
    format!("{s} %")
}

/// A call to remate.
#[derive(Debug, Clone, Default)]
pub struct Convocatoria {
    pub numero: String,
    pub bienes: Vec<i64>,
    /// The day of the remate.
    pub fecha: NaiveDate,
    pub hora: String,
    pub lugar: String,
}

fn calendario(db: &dyn Reader, desde: NaiveDate) -> Result<Calendario> {
    Calendario::para(
        db,
        desde,
        crate::unidad::cargar(db)?.map(|u| u.provincia).as_deref(),
    )
}

fn dias_aviso(db: &dyn Reader) -> Result<u32> {
    crate::configuracion::numero(db, "remate_dias_aviso")
}

/// Calls the avaluated goods of a proceso to remate: the base is the configured share of
/// their avalúo; the day must leave the legal días for the publications. A proceso in avalúo
/// passes to remate; the goods are *en remate*.
pub fn convocar(store: &mut Store, actor: &Actor, c: &Convocatoria) -> Result<Remate> {
    actor.exigir(Accion::Medidas)?;
    let hora = crate::citaciones::hora(&c.hora)?;
    let lugar = texto(Some(&c.lugar))
        .ok_or_else(|| Error::entrada("falta el lugar donde se hará el remate"))?;
    if c.bienes.is_empty() {
        return Err(Error::entrada(
            "el remate necesita al menos un bien avaluado del proceso",
        ));
    }
    let hoy = fechas::hoy(store.clock());
    let id = store.write(&actor.usuario, |tx| {
        let p = procesos::exigir_a_cargo_de(tx, actor, &c.numero)?;
        if !matches!(p.etapa, Etapa::Avaluo | Etapa::Remate) {
            return Err(Error::entrada(format!(
                "el proceso {} está en la etapa «{}»: se convoca a remate después del avalúo",
                p.numero,
                p.etapa.nombre()
            )));
        }
        let cal = calendario(tx, hoy)?;
        let dias = dias_aviso(tx)?;
        let minimo = cal.habiles(hoy, dias);
        if c.fecha < minimo {
            return Err(Error::entrada(format!(
                "el aviso del remate debe publicarse con al menos {dias} días hábiles de anticipación: el remate puede ser desde el {}",
                fechas::larga(minimo)
            )));
        }
        if !cal.es_habil(c.fecha) {
            return Err(Error::entrada(format!(
                "el {} no es día hábil: elija otro día para el remate",
                fechas::larga(c.fecha)
            )));
        }
        let (_, guardados) = bienes::lista_ids(&c.bienes);
        let ids = bienes::ids_de(&guardados);
        let mut avaluo = Centavos(0);
        let mut todos: Vec<Bien> = vec![];
        for b in &ids {
            let bien = bienes::ver(tx, *b)?;
            if bien.proceso != p.numero {
                return Err(Error::entrada(format!(
                    "el bien {b} es del proceso {}, no del {}",
                    bien.proceso, p.numero
                )));
            }
            match bien.estado.as_deref() {
                Some("avaluado") => {}
                Some("en_deposito") => {
                    return Err(Error::entrada(format!(
                        "el bien {b} no tiene avalúo: regístrelo antes de convocar el remate"
                    )))
                }
                Some("en_remate") => {
                    return Err(Error::Conflicto(format!(
                        "el bien {b} ya está convocado a remate"
                    )))
                }
                e => {
                    return Err(Error::entrada(format!(
                        "el bien {b} está {}: no se remata",
                        e.map(bienes::nombre_estado).unwrap_or("sin embargar")
                    )))
                }
            }
            let v = ultimo_avaluo(tx.conn(), *b)?.ok_or_else(|| {
                Error::entrada(format!("el bien {b} no tiene avalúo"))
            })?;
            avaluo = Centavos(avaluo.0 + v.0);
            todos.push(bien);
        }
        let porcentaje = crate::configuracion::porcentaje(&crate::configuracion::leer(
            tx,
            "remate_base_porcentaje",
        )?)?;
        let base = parte(avaluo, porcentaje);
        // The Nth call of these goods: one more than the calls that were declared desierto.
        let anteriores = listar(tx, Some(&p.numero))?;
        let convocatoria = 1 + anteriores
            .iter()
            .filter(|r| r.estado == "desierto" && r.bienes.iter().any(|b| ids.contains(b)))
            .map(|r| r.convocatoria)
            .max()
            .unwrap_or(0);
        let id = registros::siguiente(tx.conn(), &registros::REMATES)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::RemateConvocado(ev::RemateConvocado {
                proceso: p.numero.clone(),
                convocatoria,
                bienes: guardados.clone(),
                avaluo,
                porcentaje,
                base,
                fecha: c.fecha,
                hora: hora.clone(),
                lugar: lugar.clone(),
            }),
        )?;
        for b in &todos {
            bienes::poner_estado(
                tx,
                b,
                "en_remate",
                hoy,
                Some(format!("remate N.º {id}, el {}", fechas::corta(c.fecha))),
                true,
            )?;
        }
        if p.etapa == Etapa::Avaluo {
            procesos::pasar_en(tx, &p.numero, &p, Etapa::Remate, hoy, Some("convocatoria a remate"))?;
        }
        Ok(id)
    })?;
    log::info!("remate convocado");
    ver(store, id)
}

/// The remate still open (not yet held), inside a use case, with the proceso it belongs to.
fn abierto(tx: &Tx<'_>, actor: &Actor, id: i64) -> Result<Remate> {
    let r = ver(tx, id)?;
    procesos::exigir_a_cargo_de(tx, actor, &r.proceso)?;
    if let Some(c) = &r.cierre {
        return Err(Error::Conflicto(format!(
            "el remate {id} ya se realizó el {} ({})",
            fechas::corta(c.fecha),
            c.resultado
        )));
    }
    Ok(r)
}

/// Records a publication of the call. The first must leave the legal días hábiles before the
/// remate; none is after it.
pub fn publicar(
    store: &mut Store,
    actor: &Actor,
    remate: i64,
    fecha: NaiveDate,
    medio: &str,
    detalle: Option<&str>,
) -> Result<Remate> {
    actor.exigir(Accion::Medidas)?;
    let medio = texto(Some(medio)).ok_or_else(|| {
        Error::entrada("falta el medio de la publicación (el diario, la página web)")
    })?;
    let hoy = fechas::hoy(store.clock());
    no_futura(fecha, hoy)?;
    store.write(&actor.usuario, |tx| {
        let r = abierto(tx, actor, remate)?;
        let convocado: String = tx.conn().query_row(
            "SELECT registrado_en FROM remates WHERE id = ?1",
            [remate],
            |x| x.get(0),
        )?;
        if fecha < dia(&convocado) {
            return Err(Error::entrada(format!(
                "la publicación del {} sería anterior a la convocatoria ({})",
                fechas::corta(fecha),
                fechas::corta(dia(&convocado))
            )));
        }
        if fecha >= r.fecha {
            return Err(Error::entrada(format!(
                "el remate es el {}: la publicación debe ser anterior",
                fechas::corta(r.fecha)
            )));
        }
        let primera = r.publicaciones.iter().map(|p| p.fecha).min();
        if primera.is_none_or(|p| fecha < p) {
            let dias = dias_aviso(tx)?;
            let cal = calendario(tx, fecha)?;
            if cal.habiles(fecha, dias) > r.fecha {
                return Err(Error::entrada(format!(
                    "entre la primera publicación y el remate deben correr {dias} días hábiles: una publicación del {} no los deja antes del {}; convoque el remate para otro día",
                    fechas::corta(fecha),
                    fechas::corta(r.fecha)
                )));
            }
        }
        let id = registros::siguiente(tx.conn(), &registros::PUBLICACIONES)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::RematePublicado(ev::RematePublicado {
                remate,
                fecha,
                medio: medio.clone(),
                detalle: texto(detalle),
            }),
        )?;
        ver(tx, remate)
    })
}

#[derive(Debug, Clone)]
pub struct NuevaPostura {
    pub remate: i64,
    pub postor: String,
    pub identificacion: String,
    pub valor: Centavos,
    pub deposito: Centavos,
    pub fecha: NaiveDate,
}

/// Records a postura: after the call is published, by the day of the remate, not below the
/// base, with its deposit; one per postor; never the coactivado's own.
pub fn postura(store: &mut Store, actor: &Actor, n: &NuevaPostura) -> Result<Remate> {
    actor.exigir(Accion::Medidas)?;
    let postor =
        texto(Some(&n.postor)).ok_or_else(|| Error::entrada("faltan los nombres del postor"))?;
    crate::identificacion::validar(&n.identificacion)
        .map_err(|e| Error::entrada(format!("la identificación del postor: {e}")))?;
    let ident = n.identificacion.trim().to_string();
    let hoy = fechas::hoy(store.clock());
    no_futura(n.fecha, hoy)?;
    store.write(&actor.usuario, |tx| {
        let r = abierto(tx, actor, n.remate)?;
        let p = procesos::exigir(tx, &r.proceso)?;
        let Some(primera) = r.publicaciones.iter().map(|x| x.fecha).min() else {
            return Err(Error::entrada(
                "el aviso del remate aún no se ha publicado: registre la publicación antes de recibir posturas",
            ));
        };
        if n.fecha < primera || n.fecha > r.fecha {
            return Err(Error::entrada(format!(
                "las posturas se reciben desde la publicación ({}) hasta el día del remate ({})",
                fechas::corta(primera),
                fechas::corta(r.fecha)
            )));
        }
        if ident == p.identificacion {
            return Err(Error::entrada(
                "el coactivado no puede hacer postura en el remate de sus propios bienes",
            ));
        }
        if r.posturas.iter().any(|x| x.identificacion == ident) {
            return Err(Error::Conflicto(format!(
                "{postor} ya presentó una postura en este remate"
            )));
        }
        if n.valor.0 < r.base.0 {
            return Err(Error::entrada(format!(
                "la postura de USD {} no cubre la base del remate, USD {}",
                usd(n.valor),
                usd(r.base)
            )));
        }
        let pct = crate::configuracion::porcentaje(&crate::configuracion::leer(
            tx,
            "remate_deposito_porcentaje",
        )?)?;
        let minimo = parte(n.valor, pct);
        if n.deposito.0 < minimo.0 || n.deposito.0 > n.valor.0 {
            return Err(Error::entrada(format!(
                "con una postura de USD {} se consigna al menos USD {} ({}), y no más que la postura",
                usd(n.valor),
                usd(minimo),
                porcentaje_texto(pct)
            )));
        }
        let id = registros::siguiente(tx.conn(), &registros::POSTURAS)?;
        registros::insertar(
            tx,
            &id.to_string(),
            &Evento::PosturaRegistrada(ev::PosturaRegistrada {
                remate: n.remate,
                postor: postor.clone(),
                identificacion: ident.clone(),
                valor: n.valor,
                deposito: n.deposito,
                fecha: n.fecha,
            }),
        )?;
        ver(tx, n.remate)
    })
}

/// Holds the remate on its day or after: the best postura (the highest; between equals, the
/// first) wins, or with none it is declared desierto and the goods return to *avaluado* for a
/// new call. The acta is generated, foliated and handed to `entregar` in the same transaction.
pub fn cerrar(
    store: &mut Store,
    actor: &Actor,
    remate: i64,
    fecha: NaiveDate,
    entregar: &dyn Fn(&[u8]) -> Result<()>,
) -> Result<(Remate, Vec<u8>)> {
    actor.exigir(Accion::Medidas)?;
    actor.exigir(Accion::Foliar)?;
    let hoy = fechas::hoy(store.clock());
    no_futura(fecha, hoy)?;
    let r = store.write(&actor.usuario, |tx| {
        let r = abierto(tx, actor, remate)?;
        if fecha < r.fecha {
            return Err(Error::entrada(format!(
                "el remate está señalado para el {}: no se realiza antes",
                fechas::larga(r.fecha)
            )));
        }
        if r.publicaciones.is_empty() {
            return Err(Error::entrada(
                "el aviso del remate no se publicó: sin publicación no hay remate; convoque de nuevo",
            ));
        }
        let ganadora = r
            .posturas
            .iter()
            .max_by(|a, b| a.valor.0.cmp(&b.valor.0).then(b.fecha.cmp(&a.fecha)).then(b.id.cmp(&a.id)))
            .map(|p| p.id);
        let resultado = if ganadora.is_some() { "rematado" } else { "desierto" };
        let (orden, foja) = expediente::siguiente(tx.conn(), &r.proceso)?;
        registros::insertar(
            tx,
            &remate.to_string(),
            &Evento::RemateCerrado(ev::RemateCerrado {
                fecha,
                resultado: resultado.into(),
                postura: ganadora,
                actuacion: orden,
            }),
        )?;
        for b in &r.bienes {
            let bien = bienes::ver(tx, *b)?;
            let (estado, detalle) = match ganadora {
                Some(_) => ("rematado", format!("rematado en el remate N.º {remate}")),
                None => ("avaluado", format!("remate N.º {remate} desierto")),
            };
            bienes::poner_estado(tx, &bien, estado, fecha, Some(detalle), true)?;
        }
        let ahora = tx.ahora();
        let o = crate::documentos::Opciones {
            remate: Some(remate),
            ..Default::default()
        };
        let (pdf, descripcion, paginas) =
            crate::documentos::generar_n(tx.conn(), "acta-remate", &r.proceso, &o, &ahora, Some(foja))?;
        let a = expediente::foliar_en(tx, &r.proceso, "acta", &descripcion, &pdf, paginas, fecha, None, true)?;
        if a.orden != orden {
            return Err(Error::Interno("el acta no quedó en la actuación prevista".into()));
        }
        entregar(&pdf)?;
        Ok((ver(tx, remate)?, pdf))
    })?;
    log::info!("remate realizado");
    Ok(r)
}

/// Adjudicates the goods to the winning postor once he paid the price: the price is a payment
/// of the proceso (imputed like any other, up to what is owed; the rest is the coactivado's),
/// and the goods leave the depositario's custody.
pub fn adjudicar(
    store: &mut Store,
    actor: &Actor,
    remate: i64,
    fecha: NaiveDate,
    referencia: &str,
) -> Result<Remate> {
    actor.exigir(Accion::Medidas)?;
    actor.exigir(Accion::Cobrar)?;
    let referencia = texto(Some(referencia)).ok_or_else(|| {
        Error::entrada("falta la referencia del depósito con que el postor pagó el precio")
    })?;
    let hoy = fechas::hoy(store.clock());
    no_futura(fecha, hoy)?;
    store.write(&actor.usuario, |tx| {
        let r = ver(tx, remate)?;
        procesos::exigir_a_cargo_de(tx, actor, &r.proceso)?;
        if let Some(a) = &r.adjudicacion {
            return Err(Error::Conflicto(format!(
                "el remate {remate} ya se adjudicó el {}",
                fechas::corta(a.fecha)
            )));
        }
        let (Some(c), Some(g)) = (&r.cierre, r.ganadora()) else {
            return Err(Error::entrada(match &r.cierre {
                None => format!("el remate {remate} aún no se realiza: regístrelo con su acta antes de adjudicar"),
                Some(_) => format!("el remate {remate} fue declarado desierto: no hay a quién adjudicar; convoque de nuevo"),
            }));
        };
        if fecha < c.fecha {
            return Err(Error::entrada(format!(
                "la adjudicación del {} sería anterior al remate ({})",
                fechas::corta(fecha),
                fechas::corta(c.fecha)
            )));
        }
        let precio = g.valor;
        let postor = g.postor.clone();
        let saldo = crate::liquidacion::de_proceso_en(tx.conn(), &r.proceso, fecha)?.saldo;
        let aplicado = Centavos(precio.0.min(saldo.0.max(0)));
        let pago = if aplicado.0 > 0 {
            Some(crate::pagos::registrar_en(
                tx,
                actor,
                &crate::pagos::Nuevo {
                    numero: r.proceso.clone(),
                    valor: aplicado,
                    fecha,
                    forma: "deposito".into(),
                    referencia: format!("Remate N.º {remate}: {referencia}"),
                    comprobante: None,
                },
                hoy,
            )?)
        } else {
            None
        };
        registros::insertar(
            tx,
            &remate.to_string(),
            &Evento::RemateAdjudicado(ev::RemateAdjudicado {
                fecha,
                referencia: referencia.clone(),
                pago,
                aplicado,
                sobrante: Centavos(precio.0 - aplicado.0),
            }),
        )?;
        for b in &r.bienes {
            let bien = bienes::ver(tx, *b)?;
            bienes::poner_estado(tx, &bien, "adjudicado", fecha, Some(format!("adjudicado a {postor}")), false)?;
        }
        ver(tx, remate)
    })
}

fn leer(
    conn: &rusqlite::Connection,
    filtro: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Remate>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT r.id, r.proceso, r.convocatoria, r.bienes, r.avaluo, r.porcentaje, r.base, r.fecha, r.hora, r.lugar,
                c.fecha, c.resultado, c.postura, c.actuacion, a.fecha, a.referencia, a.pago, a.aplicado, a.sobrante
         FROM remates r LEFT JOIN remates_cierres c ON c.remate_id = r.id LEFT JOIN remates_adjudicaciones a ON a.remate_id = r.id
         WHERE {filtro} ORDER BY r.id"
    ))?;
    let mut v: Vec<Remate> = st
        .query_map(args, |x| {
            let bienes: String = x.get(3)?;
            let f: String = x.get(7)?;
            let cfecha: Option<String> = x.get(10)?;
            let afecha: Option<String> = x.get(14)?;
            let cierre = match cfecha {
                Some(cf) => Some(Cierre {
                    fecha: dia(&cf),
                    resultado: x.get(11)?,
                    postura: x.get(12)?,
                    actuacion: x.get(13)?,
                }),
                None => None,
            };
            let adjudicacion = match afecha {
                Some(af) => Some(Adjudicacion {
                    fecha: dia(&af),
                    referencia: x.get(15)?,
                    pago: x.get(16)?,
                    aplicado: Centavos(x.get(17)?),
                    sobrante: Centavos(x.get(18)?),
                }),
                None => None,
            };
            let estado = match (&cierre, &adjudicacion) {
                (_, Some(_)) => "adjudicado".to_string(),
                (Some(c), None) => c.resultado.clone(),
                (None, None) => "convocado".to_string(),
            };
            Ok(Remate {
                id: x.get(0)?,
                proceso: x.get(1)?,
                convocatoria: x.get(2)?,
                bienes: bienes::ids_de(&bienes),
                avaluo: Centavos(x.get(4)?),
                porcentaje: porcentaje_texto(x.get(5)?),
                base: Centavos(x.get(6)?),
                fecha: dia(&f),
                hora: x.get(8)?,
                lugar: x.get(9)?,
                estado,
                publicaciones: vec![],
                posturas: vec![],
                cierre,
                adjudicacion,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut pubs = conn.prepare_cached(
        "SELECT id, fecha, medio, detalle FROM remates_publicaciones WHERE remate_id = ?1 ORDER BY fecha, id",
    )?;
    let mut posts = conn.prepare_cached(
        "SELECT id, postor, identificacion, valor, deposito, fecha FROM remates_posturas WHERE remate_id = ?1 ORDER BY id",
    )?;
    for r in &mut v {
        r.publicaciones = pubs
            .query_map([r.id], |x| {
                let f: String = x.get(1)?;
                Ok(Publicacion {
                    id: x.get(0)?,
                    fecha: dia(&f),
                    medio: x.get(2)?,
                    detalle: x.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        r.posturas = posts
            .query_map([r.id], |x| {
                let f: String = x.get(5)?;
                Ok(Postura {
                    id: x.get(0)?,
                    postor: x.get(1)?,
                    identificacion: x.get(2)?,
                    valor: Centavos(x.get(3)?),
                    deposito: Centavos(x.get(4)?),
                    fecha: dia(&f),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(v)
}

pub fn ver(db: &dyn Reader, id: i64) -> Result<Remate> {
    ver_en(db.conn(), id)
}

fn ver_en(conn: &rusqlite::Connection, id: i64) -> Result<Remate> {
    leer(conn, "r.id = ?1", &[&id])?
        .pop()
        .ok_or_else(|| Error::NoEncontrado(format!("no existe el remate {id}")))
}

/// The remates of a proceso, or all.
pub fn listar(db: &dyn Reader, numero: Option<&str>) -> Result<Vec<Remate>> {
    match numero {
        Some(n) => {
            procesos::exigir(db, n)?;
            leer(db.conn(), "r.proceso = ?1", &[&n])
        }
        None => leer(db.conn(), "1", &[]),
    }
}

/// What the acta de remate prints (`remate` in the templates), read inside the transaction
/// that records it.
pub(crate) fn contexto(
    conn: &rusqlite::Connection,
    id: i64,
    numero: &str,
) -> Result<serde_json::Value> {
    let r = ver_en(conn, id)?;
    if r.proceso != numero {
        return Err(Error::entrada(format!(
            "el remate {id} es del proceso {}, no del {numero}",
            r.proceso
        )));
    }
    let Some(c) = &r.cierre else {
        return Err(Error::entrada(format!(
            "el remate {id} aún no se realiza: el acta se genera al registrarlo"
        )));
    };
    let mut bienes_txt = vec![];
    for b in &r.bienes {
        let bien = bienes::ver_en(conn, *b)?;
        let v = ultimo_avaluo(conn, *b)?.unwrap_or_default();
        bienes_txt.push(format!(
            "{}, avaluado en USD {}",
            bienes::describir(&bien),
            usd(v)
        ));
    }
    let mut posturas = r.posturas.clone();
    posturas.sort_by(|a, b| {
        b.valor
            .0
            .cmp(&a.valor.0)
            .then(a.fecha.cmp(&b.fecha))
            .then(a.id.cmp(&b.id))
    });
    let g = r.ganadora().cloned();
    Ok(serde_json::json!({
        "numero": r.id,
        "convocatoria": match r.convocatoria { 1 => "primer".to_string(), 2 => "segundo".to_string(), 3 => "tercer".to_string(), n => format!("{n}.º") },
        "fecha": fechas::larga(c.fecha),
        "senalado": fechas::larga(r.fecha),
        "hora": format!("las {}", r.hora.replacen(':', "h", 1)),
        "lugar": r.lugar,
        "bienes": bienes_txt,
        "avaluo": usd(r.avaluo),
        "porcentaje": r.porcentaje,
        "base": usd(r.base),
        "base_letras": crate::documentos::letras::monto(r.base),
        "publicaciones": r.publicaciones.iter().map(|p| format!("{}, el {}{}", p.medio, fechas::larga(p.fecha), p.detalle.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())).collect::<Vec<_>>(),
        "posturas": posturas.iter().map(|p| format!("{}, con identificación N.º {}, ofreció USD {} y consignó USD {} el {}", p.postor, p.identificacion, usd(p.valor), usd(p.deposito), fechas::corta(p.fecha))).collect::<Vec<_>>(),
        "desierto": g.is_none(),
        "adjudicatario": g.as_ref().map(|g| serde_json::json!({
            "nombres": g.postor, "identificacion": g.identificacion,
            "valor": usd(g.valor), "valor_letras": crate::documentos::letras::monto(g.valor),
            "deposito": usd(g.deposito),
        })),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn two_thirds_of_an_avaluo_rounded_up() {
        assert_eq!(parte(Centavos(1_500_000), 666_700), Centavos(1_000_050));
        assert_eq!(parte(Centavos(100), 1_000_000), Centavos(100));
        assert_eq!(parte(Centavos(1), 100_000), Centavos(1));
        assert_eq!(porcentaje_texto(666_700), "66,67 %");
        assert_eq!(porcentaje_texto(1_000_000), "100 %");
        assert_eq!(porcentaje_texto(100_000), "10 %");
    }

    proptest! {
        #[test]
        fn a_share_is_never_below_what_is_asked_nor_a_cent_above(v in 1i64..10_000_000_000, p in 1i64..=1_000_000) {
            let b = parte(Centavos(v), p);
            let escala = 1_000_000i128;
            prop_assert!(b.0 as i128 * escala >= v as i128 * p as i128);
            prop_assert!((b.0 as i128 - 1) * escala < v as i128 * p as i128);
            prop_assert!(b.0 <= v);
        }
    }
}
