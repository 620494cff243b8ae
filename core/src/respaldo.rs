//! Backups (#19): a copy of the unit taken with SQLite's online backup while the unit is in use,
//! encrypted with the unit's own data key (the same passwords and the same recovery code open
//! it), its key file beside it, checked after it is written (it opens, `integrity_check`, the
//! whole `verificar`), and rotated: the newest of each of the last 7 days, 4 weeks and 12
//! months is kept.
//!
//! A backup is written aside and renamed into place only once checked: a backup cut short
//! leaves no file that looks like a backup.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::usuarios::{Accion, Actor};
use crate::{cifrado, fechas, Error, Result, Store};

/// Where the unit keeps its own backups: `respaldos/` beside the database.
pub fn carpeta_local(base: &Path) -> PathBuf {
    base.parent()
        .map(|d| d.join("respaldos"))
        .unwrap_or_else(|| PathBuf::from("respaldos"))
}

/// One backup on disk.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Respaldo {
    pub ruta: String,
    /// When it was taken (America/Guayaquil).
    pub fecha: String,
    pub bytes: u64,
    /// The change log's last entry it holds.
    pub cambios: i64,
}

const PREFIJO: &str = "coactiva-respaldo-";

/// The backup's name: `coactiva-respaldo-<unidad>-<aaaa-mm-ddThh-mm-ss>.db`.
fn nombre(unidad: &str, cuando: DateTime<FixedOffset>) -> String {
    format!(
        "{PREFIJO}{unidad}-{}.db",
        cuando.format("%Y-%m-%dT%H-%M-%S")
    )
}

/// When a backup named `n` was taken, if `n` is a backup's name.
fn fecha_de(n: &str) -> Option<chrono::NaiveDateTime> {
    let resto = n.strip_prefix(PREFIJO)?.strip_suffix(".db")?;
    let marca = resto.get(resto.len().checked_sub(19)?..)?;
    chrono::NaiveDateTime::parse_from_str(marca, "%Y-%m-%dT%H-%M-%S").ok()
}

/// Takes a backup of `store` into its local folder and, if given, into `destino` too (a USB
/// disk, a network share). Returns the backups written, each already checked.
pub fn crear(store: &Store, actor: &Actor, destino: Option<&Path>) -> Result<Vec<Respaldo>> {
    actor.exigir(Accion::Configurar)?;
    let u = crate::unidad::exigir(store)?;
    let cuando = store
        .clock()
        .now()
        .with_timezone(&chrono_tz::America::Guayaquil)
        .fixed_offset();
    let mut carpetas = vec![carpeta_local(store.ruta())];
    if let Some(d) = destino {
        carpetas.push(d.to_path_buf());
    }
    let mut hechos = vec![];
    for carpeta in carpetas {
        crate::archivos::crear_carpeta_privada(&carpeta).map_err(|e| {
            Error::entrada(format!(
                "no se pudo usar la carpeta de respaldos {}: {e}",
                carpeta.display()
            ))
        })?;
        let ruta = carpeta.join(nombre(&u.codigo, cuando));
        hechos.push(copiar(store, &ruta)?);
        rotar(&carpeta, cuando.date_naive())?;
    }
    Ok(hechos)
}

/// The automatic backup (each day at login and when the window closes): the unit's own
/// folder always and, when the Jefe set one (`carpeta_respaldos`), that folder too — whoever
/// is logged in: it is the system's, not a person's act. A USB disk that is not plugged in
/// does not stop the local backup: it is logged, and the local one still counts.
pub fn automatico(store: &Store) -> Result<Vec<Respaldo>> {
    let u = crate::unidad::exigir(store)?;
    let cuando = store
        .clock()
        .now()
        .with_timezone(&chrono_tz::America::Guayaquil)
        .fixed_offset();
    let carpeta = carpeta_local(store.ruta());
    crate::archivos::crear_carpeta_privada(&carpeta)?;
    let r = copiar(store, &carpeta.join(nombre(&u.codigo, cuando)))?;
    rotar(&carpeta, cuando.date_naive())?;
    let mut hechos = vec![r];
    let otra = crate::configuracion::leer(store, "carpeta_respaldos")?;
    let otra = otra.trim();
    if !otra.is_empty() {
        let otra = PathBuf::from(otra);
        let copia = || -> Result<Respaldo> {
            if !otra.is_dir() {
                return Err(Error::entrada(format!(
                    "no se encuentra la carpeta {} (¿está conectado el disco?)",
                    otra.display()
                )));
            }
            let r = copiar(store, &otra.join(nombre(&u.codigo, cuando)))?;
            rotar(&otra, cuando.date_naive())?;
            Ok(r)
        };
        match copia() {
            Ok(r) => hechos.push(r),
            Err(e) => log::warn!("respaldo automático en la otra carpeta no hecho: {e}"),
        }
    }
    Ok(hechos)
}

/// Removes what a backup cut short (the power went, the program was killed) left behind: side
/// files more than an hour old, which no backup in progress is still writing.
fn limpiar_a_medias(dir: &Path) {
    let Ok(entradas) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entradas.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let viejo = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|d| d.as_secs() > 3600);
        if n.starts_with(PREFIJO)
            && (n.ends_with(".db.tmp") || n.ends_with(".db.tmp-journal"))
            && viejo
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Copies `store` to `ruta` (through a side file), then checks the copy.
fn copiar(store: &Store, ruta: &Path) -> Result<Respaldo> {
    let mut aparte = ruta.as_os_str().to_owned();
    aparte.push(".tmp");
    let aparte = PathBuf::from(aparte);
    let _ = std::fs::remove_file(&aparte);
    let fallo = |e: rusqlite::Error| {
        Error::Interno(format!(
            "no se pudo escribir el respaldo {}: {e}",
            ruta.display()
        ))
    };
    {
        let mut copia = rusqlite::Connection::open(&aparte).map_err(fallo)?;
        if let Some(k) = store.clave_datos() {
            copia
                .execute_batch("PRAGMA cipher_log_level = NONE;")
                .map_err(fallo)?;
            copia.execute_batch(&k.pragma()).map_err(fallo)?;
        }
        // Online and whole: one step reads one snapshot of the unit (in WAL mode a reader
        // never blocks the writers, so the unit keeps working meanwhile); step by step, every
        // write made by another program in between would start the copy over.
        let b = rusqlite::backup::Backup::new(store.conn(), &mut copia).map_err(fallo)?;
        let mut intentos = 0;
        loop {
            use rusqlite::backup::StepResult;
            match b.step(-1).map_err(fallo)? {
                StepResult::Done => break,
                // A writer holds the file a moment (a checkpoint): wait, then again.
                StepResult::Busy | StepResult::Locked if intentos < 600 => {
                    intentos += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                _ => return Err(Error::Conflicto(
                    "la base estuvo ocupada demasiado tiempo; el respaldo se intentará de nuevo"
                        .into(),
                )),
            }
        }
    }
    cifrado::solo_del_usuario(&aparte)?;
    std::fs::File::open(&aparte)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::Interno(format!("no se pudo escribir el respaldo: {e}")))?;
    // Checked before it counts as a backup: it opens with the unit's key, SQLite finds it
    // whole, and verificar finds nothing altered.
    let comprobar = || -> Result<i64> {
        let r = Store::open_lector_con(&aparte, store.clave_datos(), store.clock_compartido())?;
        let ok: String = r
            .conn()
            .query_row("PRAGMA integrity_check", [], |f| f.get(0))?;
        if ok != "ok" {
            return Err(Error::Interno(format!(
                "el respaldo no quedó íntegro ({ok})"
            )));
        }
        let inf = crate::verificacion::verificar(&r)?;
        if !inf.correcto {
            return Err(Error::Interno(format!(
                "el respaldo no pasa la verificación: {}",
                inf.hallazgos
                    .first()
                    .map(|h| h.mensaje.as_str())
                    .unwrap_or_default()
            )));
        }
        // What it holds, read from the copy (the unit may have gone on meanwhile).
        crate::cambios::ultimo_seq(r.conn())
    };
    let cambios = comprobar();
    // The checking reader leaves the copy's (empty) journal files behind: they go with it.
    for sufijo in ["-wal", "-shm"] {
        let mut r = aparte.as_os_str().to_owned();
        r.push(sufijo);
        let _ = std::fs::remove_file(PathBuf::from(r));
    }
    let cambios = match cambios {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&aparte);
            return Err(e);
        }
    };
    // Its key file first, then the backup under its name: a backup never lacks its keys.
    if let Some(l) = cifrado::Llavero::leer(store.ruta())? {
        l.guardar(ruta)?;
    }
    std::fs::rename(&aparte, ruta)
        .map_err(|e| Error::Interno(format!("no se pudo escribir el respaldo: {e}")))?;
    if let Some(dir) = ruta.parent() {
        limpiar_a_medias(dir);
    }
    let bytes = std::fs::metadata(ruta).map(|m| m.len()).unwrap_or(0);
    log::info!("respaldo escrito y comprobado ({bytes} bytes)");
    Ok(Respaldo {
        ruta: ruta.display().to_string(),
        fecha: fecha_de(&ruta.file_name().unwrap_or_default().to_string_lossy())
            .map(|d| d.format("%d/%m/%Y %H:%M").to_string())
            .unwrap_or_default(),
        bytes,
        cambios,
    })
}

/// Keeps the newest backup of each of the last 7 days, of each of the last 4 weeks and of
/// each of the last 12 months (up to `hoy`); deletes the other backups in `carpeta`. Files
/// that are not backups are never touched.
fn rotar(carpeta: &Path, hoy: NaiveDate) -> Result<()> {
    let mut todos: Vec<(chrono::NaiveDateTime, PathBuf)> = std::fs::read_dir(carpeta)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            fecha_de(&n).map(|d| (d, e.path()))
        })
        .collect();
    todos.sort_by_key(|b| std::cmp::Reverse(b.0));
    let mut guardar = std::collections::HashSet::new();
    let mut vistos: std::collections::HashSet<(u8, i64)> = Default::default();
    for (d, r) in &todos {
        let dia = d.date();
        let atras = (hoy - dia).num_days();
        let semana = (hoy.iso_week().year() as i64 * 53 + hoy.iso_week().week() as i64)
            - (dia.iso_week().year() as i64 * 53 + dia.iso_week().week() as i64);
        let mes = (hoy.year() as i64 * 12 + hoy.month() as i64)
            - (dia.year() as i64 * 12 + dia.month() as i64);
        let mut queda = false;
        for (k, n, limite) in [(0u8, atras, 7), (1, semana, 4), (2, mes, 12)] {
            if (0..limite).contains(&n) && vistos.insert((k, n)) {
                queda = true;
            }
        }
        if queda {
            guardar.insert(r.clone());
        }
    }
    for (_, r) in &todos {
        if !guardar.contains(r) {
            let _ = std::fs::remove_file(r);
            let _ = std::fs::remove_file(cifrado::ruta_llavero(r));
        }
    }
    Ok(())
}

/// The backups in `carpeta`, newest first.
pub fn listar(carpeta: &Path) -> Result<Vec<Respaldo>> {
    let Ok(entradas) = std::fs::read_dir(carpeta) else {
        return Ok(vec![]);
    };
    let mut v: Vec<(chrono::NaiveDateTime, Respaldo)> = entradas
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let d = fecha_de(&n)?;
            Some((
                d,
                Respaldo {
                    ruta: e.path().display().to_string(),
                    fecha: d.format("%d/%m/%Y %H:%M").to_string(),
                    bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                    cambios: 0,
                },
            ))
        })
        .collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.0));
    Ok(v.into_iter().map(|x| x.1).collect())
}

/// When the newest backup in the unit's local folder was taken.
pub fn ultimo(base: &Path) -> Option<chrono::NaiveDateTime> {
    std::fs::read_dir(carpeta_local(base))
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| fecha_de(&e.file_name().to_string_lossy()))
        .max()
}

/// How the unit's backups stand: the newest, and whether it is older than two days.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AlDia {
    /// «03/12/2026 18:30».
    pub ultimo: Option<String>,
    pub atrasado: bool,
}

pub fn al_dia(base: &Path, clock: &dyn fechas::Clock) -> AlDia {
    let u = ultimo(base);
    let ahora = clock
        .now()
        .with_timezone(&chrono_tz::America::Guayaquil)
        .naive_local();
    AlDia {
        ultimo: u.map(|d| d.format("%d/%m/%Y %H:%M").to_string()),
        atrasado: u.is_none_or(|d| ahora - d > chrono::Duration::days(2)),
    }
}

/// Puts backup `archivo` in place of the unit at `base`: the backup is checked first (it opens
/// with the unit's key and passes `verificar`), the current file is kept aside as
/// `<base>.antes-de-restaurar-<instante>`, then the backup is copied in. `clave`: the unit's
/// data key (none for a plain unit).
pub fn restaurar(
    base: &Path,
    archivo: &Path,
    clave: Option<&cifrado::ClaveDatos>,
    clock: std::sync::Arc<dyn fechas::Clock>,
) -> Result<PathBuf> {
    if !archivo.is_file() {
        return Err(Error::entrada(format!(
            "no existe el respaldo {}",
            archivo.display()
        )));
    }
    {
        let r = Store::open_lector_con(archivo, clave, clock.clone()).map_err(|_| {
            Error::entrada(format!(
                "{} no es un respaldo de esta unidad (no se abre con su llave)",
                archivo.display()
            ))
        })?;
        let inf = crate::verificacion::verificar(&r)?;
        if !inf.correcto {
            return Err(Error::entrada(format!(
                "el respaldo {} no pasa la verificación; no se restaura",
                archivo.display()
            )));
        }
    }
    let marca = clock
        .now()
        .with_timezone(&chrono_tz::America::Guayaquil)
        .format("%Y-%m-%dT%H-%M-%S")
        .to_string();
    let mut aparte = base.as_os_str().to_owned();
    aparte.push(format!(".antes-de-restaurar-{marca}"));
    let aparte = PathBuf::from(aparte);
    let mover = |e: std::io::Error| Error::Interno(format!("no se pudo restaurar: {e}"));
    // Whatever moment the power goes, the unit's file is whole: either the current one or the
    // backup. The backup is copied beside it first, the current file is kept aside (a second
    // name for the same bytes, or a copy), and one rename puts the backup in its place.
    let mut tmp = base.as_os_str().to_owned();
    tmp.push(".restaurando");
    let tmp = PathBuf::from(tmp);
    std::fs::copy(archivo, &tmp).map_err(mover)?;
    cifrado::solo_del_usuario(&tmp)?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(mover)?;
    // The current unit, whole, aside (its journal folded in first).
    {
        let c = match clave {
            Some(k) => Store::open_cifrada(base, k, clock.clone())?,
            None => Store::open(base, clock.clone())?,
        };
        c.conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    if std::fs::hard_link(base, &aparte).is_err() {
        std::fs::copy(base, &aparte).map_err(mover)?;
    }
    for sufijo in ["-wal", "-shm"] {
        let mut r = base.as_os_str().to_owned();
        r.push(sufijo);
        let _ = std::fs::remove_file(PathBuf::from(r));
    }
    std::fs::rename(&tmp, base).map_err(mover)?;
    if let Some(dir) = base.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    // The key file follows the restored users (the passwords they had then).
    if let Some(k) = clave {
        let mut llaves = aparte.as_os_str().to_owned();
        llaves.push(".llaves");
        let _ = std::fs::copy(cifrado::ruta_llavero(base), PathBuf::from(llaves));
        cifrado::sincronizar_llavero(&Store::open_cifrada(base, k, clock)?)?;
    }
    log::info!("respaldo restaurado; la base anterior quedó aparte");
    Ok(aparte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_keeps_the_newest_of_each_of_7_days_4_weeks_and_12_months() {
        let dir = tempfile::tempdir().unwrap();
        let hoy = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        // Two a day for the last 400 days, and a file that is not a backup.
        for d in 0..400 {
            let dia = hoy - chrono::Duration::days(d);
            for h in ["08-00-00", "18-30-00"] {
                let n = format!("{PREFIJO}17001-{}T{h}.db", dia.format("%Y-%m-%d"));
                std::fs::write(dir.path().join(n), b"x").unwrap();
            }
        }
        std::fs::write(dir.path().join("notas.txt"), b"mio").unwrap();
        rotar(dir.path(), hoy).unwrap();
        let quedan = listar(dir.path()).unwrap();
        assert!(
            dir.path().join("notas.txt").exists(),
            "not a backup: untouched"
        );
        // 7 days, plus the weeks and months those do not already cover.
        assert!(quedan.len() <= 7 + 4 + 12, "{}", quedan.len());
        assert!(quedan.len() >= 12, "{}", quedan.len());
        assert_eq!(quedan[0].fecha, "01/12/2026 18:30", "the newest stays");
        let dias: std::collections::HashSet<&str> = quedan.iter().map(|r| &r.fecha[..10]).collect();
        for d in 0..7 {
            let f = (hoy - chrono::Duration::days(d))
                .format("%d/%m/%Y")
                .to_string();
            assert!(dias.contains(f.as_str()), "{f}");
        }
        // Nothing older than the twelfth month back (January 2026), and one for each month.
        let fechas: Vec<NaiveDate> = quedan
            .iter()
            .map(|r| NaiveDate::parse_from_str(&r.fecha[..10], "%d/%m/%Y").unwrap())
            .collect();
        assert!(fechas
            .iter()
            .all(|d| *d >= NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()));
        let meses: std::collections::HashSet<u32> = fechas.iter().map(|d| d.month()).collect();
        assert_eq!(meses.len(), 12);
    }
}

/// What a restore did (the window's answer): where the previous file went, and what the
/// centre had newer than the backup.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Restauracion {
    pub anterior: String,
    pub al_dia: Option<PuestaAlDia>,
}

/// What the unit learnt from the centre after a restore.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PuestaAlDia {
    /// `al_dia` (the centre holds nothing newer), `recuperado` (the changes the centre held
    /// beyond the backup were brought back), `sin_central` (no centre configured, or a folder:
    /// ask the centre), `sin_conexion` (the centre did not answer; nothing changed).
    pub estado: String,
    /// Changes brought back from the centre.
    pub cambios_recuperados: i64,
    /// A sentence for the Jefe.
    pub mensaje: String,
    /// Changes only the restored copy had, not kept (it had parted from the centre).
    pub cambios_perdidos: Vec<String>,
    /// Documents neither the centre's log nor the backup hold.
    pub documentos_faltantes: Vec<String>,
}

impl PuestaAlDia {
    /// Nothing brought back, for the reason `mensaje` says.
    fn sin_cambios(estado: &str, mensaje: String) -> PuestaAlDia {
        PuestaAlDia {
            estado: estado.into(),
            cambios_recuperados: 0,
            mensaje,
            cambios_perdidos: vec![],
            documentos_faltantes: vec![],
        }
    }
}

/// [`ponerse_al_dia`] for the shells, after a restore that is already done: a failure never
/// undoes the restore, it is said (`sin_conexion`) and the Jefe is asked to sync first.
pub fn despues_de_restaurar(
    base: &Path,
    clave: Option<&cifrado::ClaveDatos>,
    clock: std::sync::Arc<dyn fechas::Clock>,
    actor: &Actor,
    red: &dyn crate::sync::Transporte,
) -> PuestaAlDia {
    ponerse_al_dia(base, clave, clock, actor, red).unwrap_or_else(|e| {
        PuestaAlDia::sin_cambios(
            "sin_conexion",
            format!("No se pudo traer de la central lo más nuevo: {e}. Sincronice antes de seguir trabajando."),
        )
    })
}

/// After a restore: asks the configured centre whether it holds changes of this unit newer
/// than the backup (it does when work went on and reached it after the backup was taken) and,
/// if so, rebuilds the unit from the centre's log plus what only the backup has, so the next
/// sync continues the centre's chain instead of contradicting it.
pub fn ponerse_al_dia(
    base: &Path,
    clave: Option<&cifrado::ClaveDatos>,
    clock: std::sync::Arc<dyn fechas::Clock>,
    actor: &Actor,
    red: &dyn crate::sync::Transporte,
) -> Result<PuestaAlDia> {
    actor.exigir(Accion::Configurar)?;
    let nada = PuestaAlDia::sin_cambios;
    let (cortados, url, codigo, antes) = {
        let store = Store::open_lector_con(base, clave, clock.clone())?;
        let u = crate::unidad::exigir(&store)?;
        let destino = crate::configuracion::leer(&store, "destino_sync")?;
        let url = match crate::sync::Destino::parse(destino.trim()) {
            crate::sync::Destino::Url(u) => u,
            crate::sync::Destino::Carpeta(_) if destino.trim().is_empty() => {
                return Ok(nada("sin_central", "No hay una central configurada: si la unidad sincronizaba, pida a la Dirección Nacional sus paquetes antes de seguir trabajando.".into()));
            }
            crate::sync::Destino::Carpeta(_) => {
                return Ok(nada("sin_central", "La unidad entrega sus paquetes en una carpeta: antes de seguir trabajando, pida a la central los paquetes que recibió después de este respaldo («coactiva central devolver») y recupérelos.".into()));
            }
        };
        let cortados: i64 =
            store
                .conn()
                .query_row("SELECT COALESCE(MAX(numero), 0) FROM paquetes", [], |r| {
                    r.get(0)
                })?;
        (
            cortados,
            url,
            u.codigo,
            crate::cambios::ultimo_seq(store.conn())?,
        )
    };
    match red.traer(&url, &codigo, cortados + 1) {
        Err(e) => {
            return Ok(nada("sin_conexion", format!("No se pudo consultar a la central si tiene cambios más nuevos que el respaldo ({e}). Sincronice antes de seguir trabajando.")));
        }
        Ok(None) => {
            return Ok(nada(
                "al_dia",
                "La central no tiene cambios de la unidad más nuevos que el respaldo.".into(),
            ));
        }
        Ok(Some(_)) => {}
    }
    let mut nueva = base.as_os_str().to_owned();
    nueva.push(".recuperando");
    let nueva = PathBuf::from(nueva);
    cifrado::borrar_base(&nueva);
    let inf = {
        let store = match clave {
            Some(k) => Store::open_cifrada(base, k, clock.clone())?,
            None => Store::open(base, clock.clone())?,
        };
        let r = crate::sync::recuperar::recuperar_de_la_central(&store, actor, &url, red, &nueva);
        if r.is_err() {
            cifrado::borrar_base(&nueva);
        }
        r?
    };
    // The rebuilt unit takes the restored one's place in one rename (the backup itself is
    // still in its folder).
    {
        let s = match clave {
            Some(k) => Store::open_cifrada(&nueva, k, clock.clone())?,
            None => Store::open(&nueva, clock.clone())?,
        };
        s.conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    for sufijo in ["-wal", "-shm"] {
        let mut r = base.as_os_str().to_owned();
        r.push(sufijo);
        let _ = std::fs::remove_file(PathBuf::from(r));
    }
    std::fs::rename(&nueva, base)
        .map_err(|e| Error::Interno(format!("no se pudo poner al día la base: {e}")))?;
    cifrado::borrar_base(&nueva);
    if let Some(k) = clave {
        cifrado::sincronizar_llavero(&Store::open_cifrada(base, k, clock)?)?;
    }
    let recuperados = (inf.cambios - antes).max(0);
    log::info!("base restaurada puesta al día con la central: {recuperados} cambios");
    Ok(PuestaAlDia {
        estado: "recuperado".into(),
        cambios_recuperados: recuperados,
        mensaje: format!(
            "La central tenía {} más nuevos que el respaldo: se recuperaron y la unidad quedó al día.",
            crate::texto::cuantos(recuperados, "cambio", "cambios")
        ),
        cambios_perdidos: inf.cambios_perdidos,
        documentos_faltantes: inf.documentos_faltantes,
    })
}
