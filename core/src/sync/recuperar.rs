//! Recovery of a unit restored from an older copy: the centre gives back the unit's log (the
//! bundles it received, signed by the unit), and a **new** database is rebuilt from it — every
//! change copied verbatim (same sequence, same hashes) and projected onto the tables the way
//! the use cases wrote them. What the log does not hold comes from the restored copy: the
//! unit's key, the documents' bytes and the users' password hashes; what is missing there is
//! reported (documents to be brought again, passwords that changed after the copy). Changes
//! made on the restored copy after the point where it parted from the centre are listed: they
//! are not in the new database and must be entered again.
//!
//! The result passes `verificar` (except what the report lists), because it is the same log.

use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::Paquete;
use crate::cambios::{self, Cambio};
use crate::eventos::{self as ev, Evento};
use crate::procesos::Etapa;
use crate::store::Store;
use crate::usuarios::{Accion, Actor};
use crate::{Error, Result};

/// The bytes standing in for a document neither copy has (`verificar` names it as missing).
pub const POR_REPONER: &[u8] = b"documento por reponer";

/// What the recovery did and what it could not.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Informe {
    /// Changes in the new database (the centre's copy of the log).
    pub cambios: i64,
    /// Up to which change the restored copy agreed with the centre.
    pub en_comun_hasta: i64,
    /// Changes only the restored copy had (made after it parted from the centre): not kept.
    pub cambios_perdidos: Vec<String>,
    /// Foliated documents whose bytes neither copy has (their actuación and foja).
    pub documentos_faltantes: Vec<String>,
    /// Users whose password changed after the copy was made.
    pub claves_por_cambiar: Vec<String>,
}

/// Reads every bundle of this unit in `carpeta` (as `coactiva central devolver` leaves them),
/// checks they are the unit's (its own signature) and form one unbroken chain from the first
/// change, and rebuilds the unit in a new database at `destino`.
pub fn recuperar(actual: &Store, actor: &Actor, carpeta: &Path, destino: &Path) -> Result<Informe> {
    actor.exigir(Accion::Configurar)?;
    destino_libre(destino)?;
    let mut sellados = vec![];
    for e in std::fs::read_dir(carpeta).map_err(|e| {
        Error::entrada(format!(
            "no se puede leer la carpeta {}: {e}",
            carpeta.display()
        ))
    })? {
        let ruta = e?.path();
        if super::sobre::es_archivo_de_paquete(&ruta.to_string_lossy()) {
            sellados.push((ruta.display().to_string(), std::fs::read(&ruta)?));
        }
    }
    reconstruir(actual, actor, sellados, destino)
}

/// The same, with the bundles asked of the centre at `url` over the network (each sealed to
/// this unit's key: only this unit opens them).
pub fn recuperar_de_la_central(
    actual: &Store,
    actor: &Actor,
    url: &str,
    red: &dyn super::Transporte,
    destino: &Path,
) -> Result<Informe> {
    actor.exigir(Accion::Configurar)?;
    destino_libre(destino)?;
    let sellados = traer_todos(actual, url, red)?;
    reconstruir(actual, actor, sellados, destino)
}

/// A unit whose disk died with no copy at all: rebuilt from the centre's log with only its
/// recovery code (which gives its data key and, for a unit encrypted from its start, its
/// signing key — see `ClaveDatos::semilla_firma`). The file is encrypted with the unit's key;
/// the Jefe (`jefe`) gets the new password `clave_jefe`, recorded as a change like any other;
/// the other users, and every foliated document, are listed to be given again.
#[allow(clippy::too_many_arguments)]
pub fn sin_copia(
    url: &str,
    unidad: &str,
    codigo: &crate::cifrado::CodigoRecuperacion,
    red: &dyn super::Transporte,
    destino: &Path,
    clave_jefe: &str,
    clock: std::sync::Arc<dyn crate::fechas::Clock>,
) -> Result<Informe> {
    destino_libre(destino)?;
    if unidad.len() != 5 || !unidad.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::entrada(format!(
            "«{unidad}» no es el código de una unidad (5 dígitos, p. ej. 17001)"
        )));
    }
    let datos = codigo.clave_datos();
    let firma = ed25519_dalek::SigningKey::from_bytes(&datos.semilla_firma());
    // A stand-in for the lost file, beside the new one: the unit's code and key only.
    let mut aparte = destino.as_os_str().to_owned();
    aparte.push(".semilla");
    let aparte = std::path::PathBuf::from(aparte);
    crate::cifrado::borrar_base(&aparte);
    let r = (|| -> Result<Informe> {
        let mut stub = Store::open_cifrada(&aparte, &datos, clock.clone())?;
        let publica = hex::encode(firma.verifying_key().to_bytes());
        let secreta = firma.to_bytes().to_vec();
        let ahora = crate::fechas::marca(&*clock);
        stub.write("recuperacion", |tx| {
            tx.conn().execute(
                "INSERT INTO unidad (id, provincia, oficina, codigo, nombre, nivel, ciudad, jefe_nombres, creada_en) VALUES (1, ?1, ?2, ?3, '', 'unidad', '', '', '')",
                params![&unidad[..2], &unidad[2..], unidad],
            )?;
            tx.conn().execute(
                "INSERT INTO clave_unidad (id, secreta, publica, creada_en) VALUES (1, ?1, ?2, ?3)",
                params![secreta, publica, ahora],
            )?;
            Ok(())
        })?;
        let sellados = traer_todos(&stub, url, red)?;
        if sellados.is_empty() {
            return Err(Error::NoEncontrado(format!(
                "la central no tiene paquetes de la unidad {unidad}"
            )));
        }
        if let Some((_, b)) = sellados.first() {
            super::sobre::abrir(b, &firma).map_err(|_| {
                Error::entrada("ese código de recuperación no abre los paquetes de la unidad: no es el de esta unidad, o la unidad se cifró después de creada (entonces hace falta un respaldo, aunque sea antiguo: «coactiva recuperar --desde»)")
            })?;
        }
        let sistema = Actor {
            usuario: "recuperacion".into(),
            nombres: "Recuperación desde la central".into(),
            rol: crate::Rol::Jefe,
            abogado: None,
        };
        let mut inf = reconstruir(&stub, &sistema, sellados, destino)?;
        drop(stub);
        // The unit's key, now in the new file: the rebuilt log's own (the centre has it).
        let mut nuevo = Store::open_cifrada(destino, &datos, clock.clone())?;
        let jefe: String = nuevo
            .conn()
            .query_row(
                "SELECT usuario FROM usuarios WHERE rol = 'jefe' AND activo = 1 ORDER BY creado_en LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::entrada("el registro de la unidad no tiene un jefe activo"))?;
        let actor = crate::usuarios::vigente(
            &nuevo,
            &Actor {
                usuario: jefe.clone(),
                nombres: String::new(),
                rol: crate::Rol::Jefe,
                abogado: None,
            },
        )?;
        crate::usuarios::cambiar_clave(&mut nuevo, &actor, &jefe, None, clave_jefe)?;
        inf.claves_por_cambiar.retain(|u| *u != jefe);
        Ok(inf)
    })();
    crate::cifrado::borrar_base(&aparte);
    if r.is_err() {
        crate::cifrado::borrar_base(destino);
    }
    r
}

/// Every bundle the centre holds of this unit, sealed, in order.
fn traer_todos(
    actual: &Store,
    url: &str,
    red: &dyn super::Transporte,
) -> Result<Vec<(String, Vec<u8>)>> {
    let u = crate::unidad::exigir(actual)?;
    let mut sellados = vec![];
    for n in 1.. {
        match red.traer(url, &u.codigo, n)? {
            Some(b) => sellados.push((format!("paquete {n} de la central"), b)),
            None => break,
        }
    }
    Ok(sellados)
}

fn destino_libre(destino: &Path) -> Result<()> {
    if destino.exists() {
        return Err(Error::entrada(format!(
            "ya existe {}: la base recuperada se escribe en un archivo nuevo",
            destino.display()
        )));
    }
    Ok(())
}

/// The unit's signing key, from its (restored) database.
fn clave_firma(actual: &Store) -> Result<ed25519_dalek::SigningKey> {
    let secreta: Vec<u8> = actual
        .conn()
        .query_row("SELECT secreta FROM clave_unidad WHERE id = 1", [], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::entrada("esta base no tiene la clave de la unidad: no se puede comprobar que los paquetes sean suyos"))?;
    Ok(ed25519_dalek::SigningKey::from_bytes(
        &secreta
            .try_into()
            .map_err(|_| Error::Interno("la clave de la unidad está dañada".into()))?,
    ))
}

/// Opens the sealed bundles, checks them and rebuilds the unit at `destino`.
fn reconstruir(
    actual: &Store,
    actor: &Actor,
    sellados: Vec<(String, Vec<u8>)>,
    destino: &Path,
) -> Result<Informe> {
    let u = crate::unidad::exigir(actual)?;
    let firma = clave_firma(actual)?;
    let publica = hex::encode(firma.verifying_key().to_bytes());
    let mut paquetes: Vec<Paquete> = vec![];
    for (donde, bytes) in sellados {
        let p = super::sobre::abrir(&bytes, &firma)
            .map_err(|m| Error::entrada(format!("{donde}: {m}")))?;
        if p.manifiesto.unidad == u.codigo {
            super::central::verificar_paquete(&p, &publica)?;
            paquetes.push(p);
        }
    }
    paquetes.sort_by_key(|p| p.manifiesto.numero);
    if paquetes.is_empty() {
        return Err(Error::entrada(format!(
            "la carpeta no tiene paquetes de la unidad {}",
            u.codigo
        )));
    }
    let mut previo = cambios::GENESIS;
    let mut anterior = super::HASH_INICIAL.to_string();
    for (i, p) in paquetes.iter().enumerate() {
        if p.manifiesto.numero != i as i64 + 1 || p.manifiesto.anterior != anterior {
            return Err(Error::entrada(format!(
                "falta el paquete {} de la unidad (o no continúa al anterior): pida a la central todos los paquetes",
                i + 1
            )));
        }
        previo = cambios::verificar_tramo(previo, &p.cambios).map_err(|e| {
            Error::entrada(format!(
                "el paquete {} no encadena: {e}",
                p.manifiesto.numero
            ))
        })?;
        anterior = p.manifiesto.hash();
    }
    let mut todos: Vec<&Cambio> = paquetes.iter().flat_map(|p| p.cambios.iter()).collect();
    // Where the restored copy parted from the centre.
    let locales = cambios::leer(actual.conn(), 0, i64::MAX)?;
    let mut en_comun = 0;
    for (a, b) in locales.iter().zip(&todos) {
        if a.hash != b.hash {
            break;
        }
        en_comun = a.seq;
    }
    let fin_central = todos.last().map(|c| c.seq).unwrap_or(0);
    // A copy that holds all the centre has and more (its last changes had not reached the
    // centre yet) keeps them: they continue the same chain, so they follow verbatim.
    let extiende = en_comun == fin_central;
    let mut informe = Informe {
        cambios: todos.len() as i64,
        en_comun_hasta: en_comun,
        ..Default::default()
    };
    if extiende {
        todos.extend(locales.iter().filter(|c| c.seq > en_comun));
        informe.cambios = todos.len() as i64;
    } else {
        informe.cambios_perdidos = locales
            .iter()
            .filter(|c| c.seq > en_comun)
            .map(|c| {
                format!(
                    "cambio {} del {}: {} {} {}",
                    c.seq,
                    crate::fechas::fecha_larga_de_marca(&c.fecha),
                    c.entidad,
                    c.accion,
                    c.clave
                )
            })
            .collect();
    }
    // The rebuilt file is encrypted with the unit's own data key (its recovery code and every
    // user's password keep opening it); a plain unit's stays plain.
    let mut nuevo = match actual.clave_datos() {
        Some(k) => Store::open_cifrada(destino, k, actual.clock_compartido())?,
        None => Store::open(destino, actual.clock_compartido())?,
    };
    nuevo.write(&actor.usuario, |tx| {
        let c = tx.conn();
        c.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let mut ins = c.prepare(
            "INSERT INTO cambios (seq, fecha, usuario, entidad, clave, accion, datos, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut p = Proyeccion { actual, informe: &mut informe, importaciones: 0 };
        for ch in &todos {
            let hash = hex::decode(&ch.hash).unwrap_or_default();
            ins.execute(params![ch.seq, ch.fecha, ch.usuario, ch.entidad, ch.clave, ch.accion, ch.datos.get(), hash])?;
            let e = Evento::leer_texto(&ch.entidad, &ch.accion, ch.datos.get())?;
            p.aplicar(c, ch, e)?;
        }
        // The unit keeps its key (the centre knows it); the bundles are the centre's, byte for byte.
        let (secreta, publica, creada): (Vec<u8>, String, String) = actual.conn().query_row(
            "SELECT secreta, publica, creada_en FROM clave_unidad WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        c.execute(
            "INSERT INTO clave_unidad (id, secreta, publica, creada_en) VALUES (1, ?1, ?2, ?3)",
            params![secreta, publica, creada],
        )?;
        for q in &paquetes {
            let m = &q.manifiesto;
            c.execute(
                "INSERT INTO paquetes (numero, desde, hasta, manifiesto, firma, hash, creado_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![m.numero, m.desde, m.hasta, m.texto(), q.firma, m.hash(), m.creado],
            )?;
        }
        Ok(())
    })?;
    crate::cifrado::sincronizar_llavero(&nuevo)?;
    Ok(informe)
}

/// Projects one change onto the tables, as the use case that recorded it wrote them.
struct Proyeccion<'a> {
    actual: &'a Store,
    informe: &'a mut Informe,
    importaciones: i64,
}

impl Proyeccion<'_> {
    fn aplicar(&mut self, c: &rusqlite::Connection, ch: &Cambio, e: Evento) -> Result<()> {
        let (fecha, usuario, clave) = (&ch.fecha, &ch.usuario, &ch.clave);
        let id_proceso = |numero: &str| -> Result<i64> {
            Ok(
                c.query_row("SELECT id FROM procesos WHERE numero = ?1", [numero], |r| {
                    r.get(0)
                })?,
            )
        };
        if let Some((esquema, valores)) = crate::registros::fila(&e) {
            crate::registros::insertar_fila(c, esquema, clave, valores, usuario, fecha)?;
            if let Evento::MedidaOrdenada(ev::MedidaOrdenada { oficio_anio, .. })
            | Evento::MedidaLevantada(ev::MedidaLevantada { oficio_anio, .. }) = &e
            {
                crate::registros::siguiente_oficio(c, *oficio_anio)?;
            }
            return Ok(());
        }
        match e {
            Evento::UnidadCreada(u) => {
                c.execute(
                    "INSERT INTO unidad (id, provincia, oficina, codigo, nombre, nivel, ciudad, jefe_nombres, creada_en, jefe_genero) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![u.provincia, u.oficina, format!("{}{}", u.provincia, u.oficina), u.nombre, u.nivel.como_texto(), u.ciudad, u.jefe, fecha, u.jefe_genero.map(|g| g.como_texto())],
                )?;
            }
            Evento::UsuarioCreado(u) => {
                let hash = self.clave_de(&u.usuario, u.clave_sha256.as_deref())?;
                c.execute(
                    "INSERT INTO usuarios (usuario, nombres, rol, clave_hash, creado_en, abogado) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![u.usuario, u.nombres, u.rol.como_texto(), hash, fecha, u.abogado],
                )?;
            }
            Evento::UsuarioClaveCambiada(k) => {
                let hash = self.clave_de(clave, k.clave_sha256.as_deref())?;
                c.execute(
                    "UPDATE usuarios SET clave_hash = ?2 WHERE usuario = ?1",
                    params![clave, hash],
                )?;
            }
            Evento::UsuarioIntentoFallido(_) | Evento::UsuarioBloqueado(_) => {}
            Evento::AbogadoCreado(a) => {
                c.execute(
                    "INSERT INTO abogados (identificacion, nombres, externo, registro_profesional, email, telefono, peso_milesimas, estado, creado_en, genero) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![a.identificacion, a.nombres, a.externo, a.registro_profesional, a.email, a.telefono, a.peso.0, a.estado.como_texto(), fecha, a.genero.map(|g| g.como_texto())],
                )?;
            }
            Evento::AbogadoEstado(x) => {
                c.execute(
                    "UPDATE abogados SET estado = ?2, licencia_desde = ?3, licencia_hasta = ?4, licencia_motivo = ?5 WHERE identificacion = ?1",
                    params![clave, x.estado.como_texto(), x.desde.map(|d| d.to_string()), x.hasta.map(|d| d.to_string()), x.motivo],
                )?;
            }
            Evento::AbogadoImpedimento(i) => {
                c.execute(
                    "INSERT INTO impedimentos (abogado_id, identificacion, motivo, registrado_por, registrado_en) SELECT id, ?2, ?3, ?4, ?5 FROM abogados WHERE identificacion = ?1",
                    params![clave, i.obligado, i.motivo, usuario, fecha],
                )?;
            }
            Evento::TituloCreado(t) => {
                let tipo = crate::identificacion::validar(&t.identificacion)
                    .map(|v| v.tipo.como_texto())
                    .unwrap_or("cedula");
                c.execute(
                    "INSERT INTO titulos (numero, fecha_emision, identificacion, tipo_identificacion, obligado, concepto, capital, intereses, total, direccion, fecha_exigibilidad, numero_patronal, periodo, estado, importacion_id,
                         emisor, lugar_emision, firmante, cargo_firmante, fecha_intereses, orden_cobro, fecha_orden_cobro)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'por_sortear', ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                    params![clave, crate::fechas::iso(t.fecha_emision), t.identificacion, tipo, t.obligado, t.concepto, t.capital.0, t.intereses.0, t.total.0,
                        t.direccion, t.fecha_exigibilidad.map(crate::fechas::iso), t.numero_patronal, t.periodo, self.importaciones + 1,
                        t.emisor, t.lugar_emision, t.firmante, t.cargo_firmante, t.fecha_intereses.map(crate::fechas::iso), t.orden_cobro,
                        t.fecha_orden_cobro.map(crate::fechas::iso)],
                )?;
            }
            Evento::ImportacionCreada(i) => {
                self.importaciones += 1;
                c.execute(
                    "INSERT INTO importaciones (id, archivo, sha256, filas, usuario, fecha) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![self.importaciones, i.archivo, i.sha256, i.titulos as i64, usuario, fecha],
                )?;
            }
            Evento::SorteoCreado(r) => {
                c.execute(
                    "INSERT INTO sorteos (numero, tipo, fecha, usuario, motivo, algoritmo, semilla, entradas, resultado, digest_anterior, digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    params![r.numero, match r.tipo { crate::sorteo::Tipo::Sorteo => "sorteo", crate::sorteo::Tipo::Resorteo => "resorteo" },
                        r.fecha, r.usuario, r.motivo, r.algoritmo, r.semilla, serde_json::to_string(&r.entradas)?, serde_json::to_string(&r.resultado)?, r.digest_anterior, r.digest],
                )?;
                let mut ins = c.prepare_cached(
                    "INSERT INTO asignaciones (sorteo, titulo, abogado) VALUES (?1, ?2, ?3)",
                )?;
                let mut upd = c.prepare_cached("UPDATE titulos SET estado = 'asignado' WHERE numero = ?1 AND estado = 'por_sortear'")?;
                for a in &r.resultado.asignaciones {
                    ins.execute(params![r.numero, a.titulo, a.abogado])?;
                    upd.execute([&a.titulo])?;
                }
            }
            Evento::ProcesoAbierto(p) => {
                let anio = p
                    .anio
                    .map(i64::from)
                    .or_else(|| fecha.get(..4).and_then(|a| a.parse().ok()))
                    .unwrap_or(0);
                let secuencia: i64 = c.query_row(
                    "INSERT INTO secuencias (anio, ultimo) VALUES (?1, 1) ON CONFLICT (anio) DO UPDATE SET ultimo = ultimo + 1 RETURNING ultimo",
                    [anio],
                    |r| r.get(0),
                )?;
                let desde = p
                    .desde
                    .map(crate::fechas::iso)
                    .unwrap_or_else(|| fecha.get(..10).unwrap_or("").to_string());
                c.execute(
                    "INSERT INTO procesos (numero, anio, secuencia, titulo, abogado, etapa, etapa_desde, abierto_en, abierto_por) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![clave, anio, p.secuencia.unwrap_or(secuencia), p.titulo, p.abogado, p.etapa.codigo(), desde, fecha, usuario],
                )?;
                let id = c.last_insert_rowid();
                let (obligado, direccion): (String, Option<String>) = c.query_row(
                    "SELECT obligado, direccion FROM titulos WHERE numero = ?1",
                    [&p.titulo],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                c.execute(
                    "INSERT INTO partes (proceso_id, identificacion, nombres, rol, direccion) VALUES (?1, ?2, ?3, 'obligado', ?4)",
                    params![id, p.obligado, obligado, direccion],
                )?;
                c.execute(
                    "INSERT INTO etapas (proceso_id, etapa, desde, motivo, usuario, registrado_en) VALUES (?1, ?2, ?3, 'apertura', ?4, ?5)",
                    params![id, p.etapa.codigo(), desde, usuario, fecha],
                )?;
                c.execute(
                    "UPDATE titulos SET estado = 'en_proceso' WHERE numero = ?1",
                    [&p.titulo],
                )?;
                crate::procesos::indexar(
                    c,
                    id,
                    clave,
                    &p.titulo,
                    &obligado,
                    &p.obligado,
                    &p.abogado,
                )?;
            }
            Evento::ProcesoParte(x) => {
                c.execute(
                    "INSERT INTO partes (proceso_id, identificacion, nombres, rol, direccion) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id_proceso(clave)?, x.identificacion, x.nombres, x.rol, x.direccion],
                )?;
            }
            Evento::ProcesoEtapa(x) => {
                let id = id_proceso(clave)?;
                let anterior = (x.a == Etapa::Suspendido).then(|| x.de.codigo());
                let desde = crate::fechas::iso(x.desde);
                c.execute(
                    "UPDATE procesos SET etapa = ?2, etapa_desde = ?3, etapa_anterior = ?4 WHERE id = ?1",
                    params![id, x.a.codigo(), desde, anterior],
                )?;
                c.execute(
                    "INSERT INTO etapas (proceso_id, etapa, desde, motivo, usuario, registrado_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, x.a.codigo(), desde, x.motivo, usuario, fecha],
                )?;
            }
            Evento::ProcesoCitacion(x) => {
                crate::citaciones::insertar_fila(c, id_proceso(clave)?, &x, usuario, fecha)?;
            }
            Evento::ActuacionFoliada(f) => {
                let id = id_proceso(&f.proceso)?;
                let a = &f.actuacion;
                let anterior: String = c
                    .query_row(
                        "SELECT hash FROM actuaciones WHERE proceso_id = ?1 ORDER BY orden DESC LIMIT 1",
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?
                    .unwrap_or_else(|| crate::procesos::expediente::HASH_INICIAL.to_string());
                let ya: bool = c.query_row(
                    "SELECT EXISTS (SELECT 1 FROM documentos WHERE sha256 = ?1)",
                    [&a.documento],
                    |r| r.get(0),
                )?;
                if !ya {
                    let doc: Option<(i64, i64, bool, Vec<u8>)> = self
                        .actual
                        .conn()
                        .query_row(
                            "SELECT paginas, tamano, sellado, bytes FROM documentos WHERE sha256 = ?1",
                            [&a.documento],
                            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                        )
                        .optional()?;
                    let (paginas, tamano, sellado, bytes) = match doc {
                        Some(d) => d,
                        None => {
                            self.informe.documentos_faltantes.push(format!(
                                "proceso {}, fojas {}-{} ({})",
                                f.proceso, a.desde, a.hasta, a.descripcion
                            ));
                            // A stand-in the expediente check reports until it is brought again.
                            (
                                (a.hasta - a.desde + 1),
                                0,
                                false,
                                b"documento por reponer".to_vec(),
                            )
                        }
                    };
                    c.execute(
                        "INSERT INTO documentos (sha256, paginas, tamano, sellado, bytes) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![a.documento, paginas.max(1), tamano, sellado, bytes],
                    )?;
                }
                c.execute(
                    "INSERT INTO actuaciones (proceso_id, orden, desde, hasta, fecha, tipo, descripcion, autor, documento, corrige, hash_anterior, hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![id, a.orden, a.desde, a.hasta, a.fecha, a.tipo, a.descripcion, a.autor, a.documento, a.corrige, anterior, f.hash],
                )?;
            }
            Evento::FeriadoAgregado(x) | Evento::FeriadoQuitado(x) => {
                c.execute(
                    "INSERT INTO feriados (fecha, nombre, provincia, quitar, registrado_por, registrado_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![clave, x.nombre, x.provincia, ch.accion == "quitar", usuario, fecha],
                )?;
            }
            Evento::PlantillaRestaurada(_) => {
                c.execute("DELETE FROM plantillas WHERE nombre = ?1", [clave])?;
            }
            Evento::UnidadEditada(u) => {
                c.execute(
                    "UPDATE unidad SET nombre = ?1, nivel = ?2, ciudad = ?3, jefe_nombres = ?4 WHERE id = 1",
                    params![u.nombre, u.nivel.como_texto(), u.ciudad, u.jefe],
                )?;
            }
            Evento::UsuarioEditado(u) => {
                c.execute(
                    "UPDATE usuarios SET nombres = ?2, rol = ?3, activo = ?4, abogado = ?5 WHERE usuario = ?1",
                    params![clave, u.nombres, u.rol.como_texto(), u.activo, u.abogado],
                )?;
            }
            Evento::AbogadoEditado(a) => {
                c.execute(
                    "UPDATE abogados SET nombres = ?2, peso_milesimas = ?3, registro_profesional = ?4, email = ?5, telefono = ?6 WHERE identificacion = ?1",
                    params![clave, a.nombres, a.peso.0, a.registro_profesional, a.email, a.telefono],
                )?;
            }
            Evento::PlantillaGuardada(x) => {
                c.execute(
                    "INSERT INTO plantillas (nombre, texto, sha256, guardada_por, guardada_en) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (nombre) DO UPDATE SET texto = excluded.texto, sha256 = excluded.sha256,
                         guardada_por = excluded.guardada_por, guardada_en = excluded.guardada_en",
                    params![clave, x.texto, x.sha256, usuario, fecha],
                )?;
            }
            Evento::TasaRegistrada(t) => {
                let anual = crate::liquidacion::TasaAnual::parse(&t.anual)?;
                c.execute(
                    "INSERT INTO tasas (id, desde, anual, registrada_por, registrada_en) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![clave, crate::fechas::iso(t.desde), anual.0, usuario, fecha],
                )?;
            }
            Evento::PagoRegistrado(x) | Evento::PagoAnulado(x) => {
                c.execute(
                    "INSERT INTO pagos (id, titulo, fecha, valor, forma, referencia, costas, honorarios, intereses, capital, actuacion, anula, motivo, registrado_por, registrado_en)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                    params![clave, x.titulo, crate::fechas::iso(x.fecha), x.valor.0, x.forma, x.referencia, x.costas.0, x.honorarios.0,
                        x.intereses.0, x.capital.0, x.actuacion, x.anula, x.motivo, usuario, fecha],
                )?;
            }
            Evento::CostaRegistrada(x) => {
                c.execute(
                    "INSERT INTO costas (id, titulo, fecha, concepto, descripcion, valor, actuacion, registrada_por, registrada_en)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![clave, x.titulo, crate::fechas::iso(x.fecha), x.concepto, x.descripcion, x.valor.0, x.actuacion, usuario, fecha],
                )?;
            }
            Evento::CostaDecidida(x) => {
                c.execute(
                    "INSERT INTO costas_decisiones (costa_id, aprobada, motivo, decidida_por, decidida_en) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![clave, x.aprobada, x.motivo, usuario, fecha],
                )?;
            }
            Evento::ConvenioCreado(x) => {
                let tasa = if x.tasa.trim_end_matches(['0', '.']).is_empty() {
                    0
                } else {
                    crate::liquidacion::TasaAnual::parse(&x.tasa)?.0
                };
                c.execute(
                    "INSERT INTO convenios (id, proceso, titulo, desde, saldo, entrada, cuotas, tasa, etapa_anterior, ultimo_pago, registrado_por, registrado_en)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![clave, x.proceso, x.titulo, crate::fechas::iso(x.desde), x.saldo.0, x.entrada.0, x.cuotas, tasa,
                        x.etapa_anterior.codigo(), x.ultimo_pago, usuario, fecha],
                )?;
                for q in &x.tabla {
                    c.execute(
                        "INSERT INTO convenios_cuotas (convenio_id, numero, vence, capital, interes) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![clave, q.numero, crate::fechas::iso(q.vence), q.amortizacion.0, q.interes.0],
                    )?;
                }
            }
            Evento::ConvenioIncumplido(x) => {
                c.execute(
                    "INSERT INTO convenios_fin (convenio_id, estado, fecha, vencidas, registrado_por, registrado_en) VALUES (?1, 'incumplido', ?2, ?3, ?4, ?5)",
                    params![clave, crate::fechas::iso(x.fecha), x.vencidas, usuario, fecha],
                )?;
            }
            Evento::HonorarioSolicitado(x) => {
                c.execute(
                    "INSERT INTO honorarios (id, proceso, abogado_id, fecha, recuperado, porcentaje, valor, solicitado_por, solicitado_en)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![clave, x.proceso, x.abogado, crate::fechas::iso(x.fecha), x.recuperado.0,
                        crate::liquidacion::TasaAnual::parse(&x.porcentaje)?.0, x.valor.0, usuario, fecha],
                )?;
            }
            Evento::HonorarioDecidido(x) => {
                c.execute(
                    "INSERT INTO honorarios_decisiones (honorario_id, aprobada, motivo, decidida_por, decidida_en) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![clave, x.aprobada, x.motivo, usuario, fecha],
                )?;
            }
            Evento::UnidadGenero(g) => {
                c.execute(
                    "UPDATE unidad SET jefe_genero = ?1 WHERE id = 1",
                    [g.genero.como_texto()],
                )?;
            }
            Evento::AbogadoGenero(g) => {
                c.execute(
                    "UPDATE abogados SET genero = ?2 WHERE identificacion = ?1",
                    params![clave, g.genero.como_texto()],
                )?;
            }
            Evento::UsuarioGenero(g) => {
                c.execute(
                    "UPDATE usuarios SET genero = ?2 WHERE usuario = ?1",
                    params![clave, g.genero.como_texto()],
                )?;
            }
            Evento::ConfiguracionCambiada(x) => {
                if clave == "formato_importe" {
                    c.execute(
                        "UPDATE unidad SET formato_importe = ?1 WHERE id = 1",
                        [&x.valor],
                    )?;
                } else {
                    c.execute(
                        "UPDATE configuracion SET valor = ?2 WHERE clave = ?1",
                        params![clave, x.valor],
                    )?;
                }
            }
            // One row each: inserted above.
            Evento::CitadorAsignado(_)
            | Evento::MedidaTipoAgregado(_)
            | Evento::MedidaOrdenada(_)
            | Evento::MedidaRespondida(_)
            | Evento::MedidaLevantada(_)
            | Evento::ExcepcionRegistrada(_)
            | Evento::ExcepcionResuelta(_)
            | Evento::DeprecatorioRegistrado(_)
            | Evento::DeprecatorioNovedad(_)
            | Evento::GarantiaRegistrada(_)
            | Evento::GarantiaEjecutada(_)
            | Evento::DepositarioRegistrado(_)
            | Evento::BienRegistrado(_)
            | Evento::BienEstado(_)
            | Evento::EmbargoRegistrado(_)
            | Evento::DepositarioInforme(_)
            | Evento::BodegajeRegistrado(_)
            | Evento::AvaluoRegistrado(_)
            | Evento::RemateConvocado(_)
            | Evento::RematePublicado(_)
            | Evento::PosturaRegistrada(_)
            | Evento::RemateCerrado(_)
            | Evento::RemateAdjudicado(_) => {}
        }
        Ok(())
    }

    /// The user's stored password hash from the restored copy, when it is the one the log
    /// names; otherwise the copy's (older) one, reported.
    fn clave_de(&mut self, usuario: &str, sha: Option<&str>) -> Result<String> {
        let hash: Option<String> = self
            .actual
            .conn()
            .query_row(
                "SELECT clave_hash FROM usuarios WHERE usuario = ?1",
                [usuario],
                |r| r.get(0),
            )
            .optional()?;
        let coincide = match (&hash, sha) {
            (Some(h), Some(s)) => crate::usuarios::sha256_de_hash_clave(h) == s,
            (Some(_), None) => true,
            _ => false,
        };
        if !coincide && !self.informe.claves_por_cambiar.iter().any(|u| u == usuario) {
            self.informe.claves_por_cambiar.push(usuario.to_string());
        }
        Ok(hash.unwrap_or_else(|| "!sin-clave".into()))
    }
}

/// The centre gives a unit its log back: every bundle of `unidad` it holds, as files in
/// `carpeta` (for `coactiva recuperar`), each sealed to the key the unit registered.
pub fn devolver(
    almacen: &dyn super::central::AlmacenCentral,
    unidad: &str,
    carpeta: &Path,
) -> Result<usize> {
    std::fs::create_dir_all(carpeta)?;
    let paquetes = almacen.paquetes_de(unidad)?;
    if paquetes.is_empty() {
        return Err(Error::NoEncontrado(format!(
            "la central no tiene paquetes de la unidad {unidad}"
        )));
    }
    let para = almacen
        .clave_de(unidad)?
        .ok_or_else(|| Error::NoEncontrado(format!("la unidad {unidad} no está registrada")))?;
    for p in &paquetes {
        super::escribir_atomico(
            &carpeta.join(p.nombre_archivo()),
            &super::sobre::cerrar(p, &para)?,
        )?;
    }
    Ok(paquetes.len())
}

/// Bundle `numero` of `unidad` as the centre gives it back over the network: sealed to the key
/// the unit registered. `None` once past the last one the centre has applied.
pub fn sellado(
    almacen: &dyn super::central::AlmacenCentral,
    unidad: &str,
    numero: i64,
) -> Result<Option<Vec<u8>>> {
    let Some(para) = almacen.clave_de(unidad)? else {
        return Err(Error::NoEncontrado(format!(
            "la unidad {unidad} no está registrada en la central"
        )));
    };
    match almacen.paquete_de(unidad, numero)? {
        Some(p) => Ok(Some(super::sobre::cerrar(&p, &para)?)),
        None => Ok(None),
    }
}
