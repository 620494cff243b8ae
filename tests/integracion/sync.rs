//! Sync to the central office, as two provinces and the centre would live it: offline work,
//! folder and HTTP delivery, cut transfers, duplicates, altered bytes, gaps, wrong keys. After
//! each, the centre's counts equal the units' own.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use crate::comun::*;

/// A unit database beside the others in one scratch directory.
struct Unidad<'a> {
    e: &'a Entorno,
    db: PathBuf,
    codigo: &'static str,
}

impl<'a> Unidad<'a> {
    fn nueva(e: &'a Entorno, provincia: &str, codigo: &'static str, ciudad: &str) -> Unidad<'a> {
        let db = e.ruta(&format!("{codigo}.db"));
        let u = Unidad { e, db, codigo };
        let o = u.coactiva(&[
            "init",
            "--provincia",
            provincia,
            "--unidad",
            &format!("Unidad {ciudad}"),
            "--ciudad",
            ciudad,
            "--jefe",
            "jefe",
        ]);
        assert!(o.status.success(), "{}", texto(&o.stderr));
        // The unit registers the centre's public key, as the centre registers the unit's.
        let clave = texto(&central(e, &["clave-publica"]).stdout)
            .trim()
            .to_string();
        let o = u.coactiva(&["configuracion", "cambiar", "clave_central", &clave]);
        assert!(o.status.success(), "{}", texto(&o.stderr));
        u
    }

    fn coactiva(&self, args: &[&str]) -> std::process::Output {
        self.e
            .comando()
            .env("COACTIVA_DB", &self.db)
            .args(args)
            .output()
            .unwrap()
    }

    fn clave(&self) -> String {
        texto(&self.coactiva(&["clave-publica"]).stdout)
            .trim()
            .to_string()
    }

    fn trabajar(&self, titulos: &str, procesos: &str, semilla: &str) {
        let o = self.coactiva(&[
            "demo",
            "--titulos",
            titulos,
            "--abogados",
            "2",
            "--procesos",
            procesos,
            "--semilla",
            semilla,
        ]);
        assert!(o.status.success(), "{}", texto(&o.stderr));
    }

    fn cuenta(&self, tabla: &str) -> i64 {
        let c = conectar(&self.db);
        c.query_row(&format!("SELECT COUNT(*) FROM {tabla}"), [], |r| r.get(0))
            .unwrap()
    }

    fn sincronizar(&self, destino: &str) -> std::process::Output {
        self.coactiva(&["sincronizar", "--destino", destino, "--json"])
    }
}

/// The centre's store for this test: a SQLite file, or, when the suite runs on PostgreSQL
/// (`COACTIVA_CENTRAL_MOTOR=postgres`), a database of its own on the test cluster.
fn db_central(e: &Entorno) -> String {
    if std::env::var("COACTIVA_CENTRAL_MOTOR").as_deref() != Ok("postgres") {
        return e.ruta("central.db").to_string_lossy().into_owned();
    }
    let base = std::env::var("COACTIVA_PRUEBA_POSTGRES")
        .expect("COACTIVA_PRUEBA_POSTGRES: la URL del PostgreSQL de pruebas");
    let nombre: String = e
        .dir
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    let nombre = format!("prueba_{nombre}");
    let mut c = postgres::Client::connect(&base, postgres::NoTls).unwrap();
    if c.query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&nombre])
        .unwrap()
        .is_none()
    {
        c.batch_execute(&format!("CREATE DATABASE {nombre}"))
            .unwrap();
    }
    let (sin_base, _) = base.rsplit_once('/').unwrap();
    format!("{sin_base}/{nombre}")
}

fn central(e: &Entorno, args: &[&str]) -> std::process::Output {
    let db = db_central(e);
    let mut v = vec!["central"];
    v.extend_from_slice(&args[..1]);
    v.extend_from_slice(&["--db", &db]);
    v.extend_from_slice(&args[1..]);
    e.comando()
        .env_remove("COACTIVA_DB")
        .args(&v)
        .output()
        .unwrap()
}

fn resumen(e: &Entorno) -> serde_json::Value {
    json(&central(e, &["resumen", "--json"]))
}

fn en_resumen<'v>(r: &'v serde_json::Value, unidad: &str) -> &'v serde_json::Value {
    r.as_array()
        .unwrap()
        .iter()
        .find(|u| u["unidad"] == unidad)
        .unwrap_or_else(|| panic!("{unidad} no está en {r}"))
}

/// The centre holds exactly what the unit holds.
fn cuadra(e: &Entorno, u: &Unidad<'_>) {
    let r = resumen(e);
    let x = en_resumen(&r, u.codigo);
    assert_eq!(
        x["titulos"].as_i64().unwrap(),
        u.cuenta("titulos"),
        "títulos de {}",
        u.codigo
    );
    assert_eq!(
        x["procesos"].as_i64().unwrap(),
        u.cuenta("procesos"),
        "procesos de {}",
        u.codigo
    );
    assert!(x["ultima_entrega"].is_string());
    assert!(x["falta_paquete"].is_null());
}

fn registrar(e: &Entorno, u: &Unidad<'_>, clave: &str) {
    let o = central(
        e,
        &[
            "unidades", "agregar", "--unidad", u.codigo, "--clave", clave,
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
}

/// A registered unit (Pichincha) and a USB stick to carry its bundles.
fn unidad_con_memoria(e: &Entorno) -> (Unidad<'_>, PathBuf) {
    let usb = e.ruta("usb");
    std::fs::create_dir_all(&usb).unwrap();
    let u = Unidad::nueva(e, "17", "17001", "Quito");
    registrar(e, &u, &u.clave());
    (u, usb)
}

fn paquetes(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".paquete.age"))
        .collect();
    v.sort();
    v
}

struct Servidor(Child);

impl Drop for Servidor {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn servir(e: &Entorno) -> (Servidor, String) {
    servir_con(e, &["--sin-tls"], "http", "127.0.0.1")
}

/// The centre's server on a free loopback port, with `extra` options; its URL.
fn servir_con(e: &Entorno, extra: &[&str], esquema: &str, host: &str) -> (Servidor, String) {
    let puerto = puerto_libre();
    let db = db_central(e);
    let puerto_texto = puerto.to_string();
    let mut args = vec!["central", "servir", "--db", &db, "--puerto", &puerto_texto];
    args.extend_from_slice(extra);
    let hijo = e
        .comando()
        .env_remove("COACTIVA_DB")
        .args(&args)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("{esquema}://{host}:{puerto}");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", puerto)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    (Servidor(hijo), url)
}

#[test]
fn two_units_work_offline_then_deliver_by_http_and_counts_match() {
    let e = Entorno::nuevo();
    let pichincha = Unidad::nueva(&e, "17", "17001", "Quito");
    let guayas = Unidad::nueva(&e, "09", "09001", "Guayaquil");
    registrar(&e, &pichincha, &pichincha.clave());
    registrar(&e, &guayas, &guayas.clave());
    // The centre is down: both keep working; sync fails plainly, exits 1, loses nothing.
    pichincha.trabajar("40", "10", "1");
    guayas.trabajar("60", "15", "2");
    let caida = format!("http://127.0.0.1:{}", puerto_libre());
    let o = pichincha.sincronizar(&caida);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        texto(&o.stderr).contains("no se pudo conectar"),
        "{}",
        texto(&o.stderr)
    );
    pichincha.trabajar("5", "5", "3");
    // The centre comes up.
    let (_srv, url) = servir(&e);
    for u in [&pichincha, &guayas] {
        let o = u.sincronizar(&url);
        assert!(o.status.success(), "{}", texto(&o.stderr));
        let inf = json(&o);
        assert_eq!(inf["pendientes"], 0);
        assert_eq!(inf["cambios_pendientes"], 0);
        cuadra(&e, u);
    }
    // Syncing again sends nothing and changes nothing.
    let inf = json(&pichincha.sincronizar(&url));
    assert_eq!(
        (inf["enviados"].as_i64(), inf["paquetes_nuevos"].as_i64()),
        (Some(0), Some(0))
    );
    cuadra(&e, &pichincha);
    // A transfer cut halfway: the unit's own next bundle, cut in the middle of its body.
    pichincha.trabajar("3", "0", "4");
    let corte = e.ruta("corte");
    std::fs::create_dir_all(&corte).unwrap();
    let o = pichincha.sincronizar(corte.to_str().unwrap());
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let en_carpeta = paquetes(&corte);
    assert!(!en_carpeta.is_empty() && json(&o)["pendientes"] == en_carpeta.len());
    // The newest bundle: the one the centre has not received yet.
    let bytes = std::fs::read(en_carpeta.last().unwrap()).unwrap();
    let antes = en_resumen(&resumen(&e), "17001")["paquetes"]
        .as_i64()
        .unwrap();
    let respuesta = transferencia_cortada(&url, &bytes[..bytes.len() / 2], bytes.len());
    assert!(
        respuesta.starts_with("HTTP/1.1 400"),
        "the centre must refuse the fragment: {respuesta}"
    );
    let r = resumen(&e);
    assert_eq!(
        en_resumen(&r, "17001")["paquetes"].as_i64().unwrap(),
        antes,
        "nothing of the fragment was stored"
    );
    // The unit still holds the bundle as undelivered to the centre, and sends it again.
    let o = pichincha.sincronizar(&url);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let inf = json(&o);
    assert_eq!(inf["enviados"], 1, "{inf}");
    assert_eq!(inf["pendientes"], 0, "{inf}");
    assert_eq!(
        en_resumen(&resumen(&e), "17001")["paquetes"]
            .as_i64()
            .unwrap(),
        antes + 1
    );
    cuadra(&e, &pichincha);
}

/// POSTs `parte` of a bundle announcing `anunciado` bytes, closes the sending half as a cut
/// cable would, and returns what the centre answered.
fn transferencia_cortada(url: &str, parte: &[u8], anunciado: usize) -> String {
    use std::io::{Read, Write};
    let direccion = url.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(direccion).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    write!(
        s,
        "POST /paquetes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {anunciado}\r\n\r\n"
    )
    .unwrap();
    s.write_all(parte).unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    let mut respuesta = String::new();
    let _ = s.read_to_string(&mut respuesta);
    respuesta
}

/// A loopback address where nothing listens: a port the OS handed out and took back.
fn puerto_libre() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn folder_delivery_survives_duplicates_altered_bytes_gaps_and_wrong_keys() {
    let e = Entorno::nuevo();
    let usb = e.ruta("usb");
    std::fs::create_dir_all(&usb).unwrap();
    let u = Unidad::nueva(&e, "17", "17001", "Quito");
    // A folder that is not there: plain message, exit 1.
    let o = u.sincronizar(e.ruta("no-conectada").to_str().unwrap());
    assert_eq!(o.status.code(), Some(1));
    assert!(texto(&o.stderr).contains("no se encuentra la carpeta"));
    // Four bundles: the unit's creation (cut by the failed attempt), then three days of work.
    for s in ["1", "2", "3"] {
        u.trabajar("10", "4", s);
        assert!(u.sincronizar(usb.to_str().unwrap()).status.success());
    }
    let archivos = paquetes(&usb);
    assert_eq!(archivos.len(), 4);
    // Wrong key: the centre registered another unit's key.
    let otra = Unidad::nueva(&e, "09", "09001", "Guayaquil");
    registrar(&e, &u, &otra.clave());
    let o = central(&e, &["recibir", usb.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("clave que no es la registrada"),
        "{}",
        texto(&o.stderr)
    );
    assert_eq!(
        en_resumen(&resumen(&e), "17001")["titulos"],
        0,
        "nada ingresado con una clave equivocada"
    );
    registrar(&e, &u, &u.clave());
    // A byte flipped in bundle 1 and bundle 2 missing: nothing from 1 enters, 3 waits.
    let mut alterado = std::fs::read(&archivos[0]).unwrap();
    let n = alterado.len() - 30;
    alterado[n] ^= 0x20;
    std::fs::write(&archivos[0], alterado).unwrap();
    std::fs::remove_file(&archivos[1]).unwrap();
    let o = central(&e, &["recibir", usb.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("dañado o fue alterado"),
        "{}",
        texto(&o.stderr)
    );
    let r = resumen(&e);
    assert_eq!(en_resumen(&r, "17001")["titulos"], 0);
    assert_eq!(
        en_resumen(&r, "17001")["falta_paquete"],
        1,
        "la brecha se informa"
    );
    // The unit re-syncs: it rewrites what the centre has not acknowledged (1 and 2).
    let inf = json(&u.sincronizar(usb.to_str().unwrap()));
    assert_eq!(inf["enviados"], 2);
    assert!(
        archivos[1].exists(),
        "el paquete que faltaba vuelve a la memoria"
    );
    let o = central(&e, &["recibir", usb.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    cuadra(&e, &u);
    // The same bundles again change nothing.
    let antes = resumen(&e);
    let o = central(&e, &["recibir", usb.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(texto(&o.stdout).contains("ya se había recibido"));
    assert_eq!(resumen(&e)[0]["titulos"], antes[0]["titulos"]);
    // The receipts let the unit mark everything delivered (3 and 4 were confirmed earlier,
    // when the centre kept them waiting for the gap).
    let inf = json(&u.sincronizar(usb.to_str().unwrap()));
    assert_eq!(
        (
            inf["confirmados"].as_i64(),
            inf["pendientes"].as_i64(),
            inf["cambios_pendientes"].as_i64()
        ),
        (Some(2), Some(0), Some(0))
    );
    cuadra(&e, &u);
    // An unregistered unit is refused.
    assert!(otra.sincronizar(usb.to_str().unwrap()).status.success());
    let o = central(&e, &["recibir", usb.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texto(&o.stderr).contains("no está registrada"));
}

#[test]
fn an_empty_or_foreign_receipt_does_not_mark_a_bundle_delivered() {
    let e = Entorno::nuevo();
    let (u, usb) = unidad_con_memoria(&e);
    u.trabajar("10", "2", "1");
    let o = u.sincronizar(usb.to_str().unwrap());
    let pendientes = json(&o)["pendientes"].as_i64().unwrap();
    assert!(pendientes >= 1);
    assert!(central(&e, &["recibir", usb.to_str().unwrap()])
        .status
        .success());
    // Someone empties every receipt the centre left (or copies another unit's).
    let acuses: Vec<PathBuf> = std::fs::read_dir(usb.join("acuses"))
        .unwrap()
        .map(|x| x.unwrap().path())
        .collect();
    assert_eq!(acuses.len() as i64, pendientes);
    for a in &acuses {
        std::fs::write(a, b"").unwrap();
    }
    let inf = json(&u.sincronizar(usb.to_str().unwrap()));
    assert_eq!(inf["confirmados"], 0, "{inf}");
    assert_eq!(inf["pendientes"], pendientes, "{inf}");
    // The centre receives again and leaves true receipts: now they count.
    assert!(central(&e, &["recibir", usb.to_str().unwrap()])
        .status
        .success());
    let inf = json(&u.sincronizar(usb.to_str().unwrap()));
    assert_eq!(inf["confirmados"], pendientes, "{inf}");
    assert_eq!(inf["pendientes"], 0, "{inf}");
}

#[test]
fn a_unit_restored_from_an_older_copy_is_told_why_sync_stopped() {
    let e = Entorno::nuevo();
    let (u, usb) = unidad_con_memoria(&e);
    u.trabajar("10", "2", "1");
    assert!(u.sincronizar(usb.to_str().unwrap()).status.success());
    assert!(central(&e, &["recibir", usb.to_str().unwrap()])
        .status
        .success());
    assert!(u.sincronizar(usb.to_str().unwrap()).status.success());
    let copia = e.ruta("copia.db");
    std::fs::copy(&u.db, &copia).unwrap();
    // More work reaches the centre; then the disk dies and last week's copy is restored.
    u.trabajar("5", "1", "2");
    assert!(u.sincronizar(usb.to_str().unwrap()).status.success());
    assert!(central(&e, &["recibir", usb.to_str().unwrap()])
        .status
        .success());
    std::fs::copy(&copia, &u.db).unwrap();
    u.trabajar("3", "1", "3");
    assert!(u.sincronizar(usb.to_str().unwrap()).status.success());
    let o = central(&e, &["recibir", usb.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("restaurada"),
        "{}",
        texto(&o.stderr)
    );
    // The unit learns it on its next sync, in Spanish, and nothing at the centre moved.
    let o = u.sincronizar(usb.to_str().unwrap());
    assert_eq!(o.status.code(), Some(2), "{}", texto(&o.stderr));
    let m = texto(&o.stderr);
    assert!(m.contains("restaurada") && m.contains("detenida"), "{m}");
    assert!(en_resumen(&resumen(&e), "17001")["falta_paquete"].is_null());
    let titulos_en_central = en_resumen(&resumen(&e), "17001")["titulos"]
        .as_i64()
        .unwrap();
    // Recovery: the centre gives the log back; the unit rebuilds a new database from it.
    let devuelto = e.ruta("devuelto");
    let o = central(
        &e,
        &[
            "devolver",
            "--unidad",
            "17001",
            "--carpeta",
            devuelto.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let nueva = e.ruta("recuperada.db");
    let o = u.coactiva(&[
        "recuperar",
        "--carpeta",
        devuelto.to_str().unwrap(),
        "--salida",
        nueva.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let inf = json(&o);
    assert!(
        !inf["cambios_perdidos"].as_array().unwrap().is_empty(),
        "the work done on the old copy is listed: {inf}"
    );
    let recuperada = Unidad {
        e: &e,
        db: nueva,
        codigo: "17001",
    };
    let o = recuperada.coactiva(&["verificar"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        texto(&o.stdout),
        texto(&o.stderr)
    );
    assert_eq!(recuperada.cuenta("titulos"), titulos_en_central);
    // It syncs again: the same bundles are acknowledged, new work goes through.
    assert!(recuperada
        .sincronizar(usb.to_str().unwrap())
        .status
        .success());
    let o = central(&e, &["recibir", usb.to_str().unwrap()]);
    assert!(
        o.status.success(),
        "{}{}",
        texto(&o.stdout),
        texto(&o.stderr)
    );
    recuperada.trabajar("2", "0", "4");
    assert!(recuperada
        .sincronizar(usb.to_str().unwrap())
        .status
        .success());
    let o = central(&e, &["recibir", usb.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    cuadra(&e, &recuperada);
}

/// Recomputes the change log's chain as a forger with the file would (same formula).
fn recalcular_cadena(conn: &rusqlite::Connection) {
    use sha2::{Digest, Sha256};
    let filas: Vec<(i64, [String; 6])> = conn
        .prepare(
            "SELECT seq, fecha, usuario, entidad, clave, accion, datos FROM cambios ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                [
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ],
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut previo = [0u8; 32];
    for (seq, campos) in filas {
        let mut h = Sha256::new();
        h.update(previo);
        h.update(seq.to_be_bytes());
        for c in &campos {
            h.update((c.len() as u64).to_be_bytes());
            h.update(c.as_bytes());
        }
        previo = h.finalize().into();
        conn.execute(
            "UPDATE cambios SET hash = ?1 WHERE seq = ?2",
            rusqlite::params![previo.to_vec(), seq],
        )
        .unwrap();
    }
}

#[test]
fn a_forger_who_rewrites_the_log_and_every_hash_is_caught_by_the_centres_receipts() {
    let e = Entorno::nuevo();
    let (u, usb) = unidad_con_memoria(&e);
    u.trabajar("10", "2", "1");
    let o = u.coactiva(&["configuracion", "cambiar", "termino_orden_pago", "5"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert!(u.sincronizar(usb.to_str().unwrap()).status.success());
    assert!(central(&e, &["recibir", usb.to_str().unwrap()])
        .status
        .success());
    let inf = json(&u.sincronizar(usb.to_str().unwrap()));
    assert_eq!(inf["pendientes"], 0, "{inf}");
    let v = json(&u.coactiva(&["verificar", "--json"]));
    assert_eq!(v["correcto"], true, "{v}");
    assert_eq!(v["anclaje"]["sin_anclar"], 0, "{v}");
    // A sheet printed now carries this code.
    let sello = {
        let s = abrir_lector(&u.db, std::sync::Arc::new(coactiva::FixedClock::on(hoy())));
        coactiva::verificacion::sello::actual(&s).unwrap()
    };
    assert_eq!(
        u.coactiva(&["verificar", "--sello", &sello]).status.code(),
        Some(0)
    );
    // The forger: the término 5 → 300 in the table and in the log, every hash recomputed.
    let conn = conectar(&u.db);
    conn.execute_batch(
        "DROP TRIGGER cambios_no_se_editan;
         UPDATE configuracion SET valor = '300' WHERE clave = 'termino_orden_pago';
         UPDATE cambios SET datos = '{\"valor\":\"300\"}' WHERE entidad = 'configuracion' AND clave = 'termino_orden_pago';",
    )
    .unwrap();
    recalcular_cadena(&conn);
    drop(conn);
    let o = u.coactiva(&["verificar"]);
    assert_eq!(o.status.code(), Some(3), "{}", texto(&o.stdout));
    let m = texto(&o.stderr);
    assert!(
        m.contains("acusó recibir") && m.contains("reescrito"),
        "{m}"
    );
    assert!(
        !m.contains("tabla configuracion"),
        "the tables agree with the forged log: {m}"
    );
    // A receipt forged without the centre's key does not count either.
    let conn = conectar(&u.db);
    conn.execute_batch(
        "UPDATE entregas SET acuse = replace(acuse, '\"firma\":\"', '\"firma\":\"00')",
    )
    .unwrap();
    drop(conn);
    let m = texto(&u.coactiva(&["verificar"]).stderr);
    assert!(m.contains("firma"), "{m}");
}

#[test]
fn a_recovered_unit_names_the_documents_neither_copy_has() {
    let e = Entorno::nuevo();
    let (u, usb) = unidad_con_memoria(&e);
    u.trabajar("3", "1", "1");
    let pdf = e.escribir(
        "a.pdf",
        &coactiva::demo::pdf_de_prueba(2, "Escrito A").unwrap(),
    );
    let agregar = |archivo: &std::path::Path, que: &str| {
        let o = u.coactiva(&[
            "procesos",
            "agregar",
            "17001-2026-00001",
            "--tipo",
            "escrito",
            "--archivo",
            archivo.to_str().unwrap(),
            "--descripcion",
            que,
        ]);
        assert!(o.status.success(), "{}", texto(&o.stderr));
    };
    agregar(&pdf, "Escrito A");
    let entregar = || {
        assert!(u.sincronizar(usb.to_str().unwrap()).status.success());
        assert!(central(&e, &["recibir", usb.to_str().unwrap()])
            .status
            .success());
    };
    entregar();
    let copia = e.ruta("copia.db");
    std::fs::copy(&u.db, &copia).unwrap();
    let pdf_b = e.escribir(
        "b.pdf",
        &coactiva::demo::pdf_de_prueba(1, "Escrito B").unwrap(),
    );
    agregar(&pdf_b, "Escrito B");
    entregar();
    std::fs::copy(&copia, &u.db).unwrap();
    let devuelto = e.ruta("devuelto");
    assert!(central(
        &e,
        &[
            "devolver",
            "--unidad",
            "17001",
            "--carpeta",
            devuelto.to_str().unwrap()
        ]
    )
    .status
    .success());
    let nueva = e.ruta("recuperada.db");
    let inf = json(&u.coactiva(&[
        "recuperar",
        "--carpeta",
        devuelto.to_str().unwrap(),
        "--salida",
        nueva.to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(
        inf["cambios_perdidos"].as_array().unwrap().len(),
        0,
        "{inf}"
    );
    let faltan = inf["documentos_faltantes"].as_array().unwrap();
    assert_eq!(faltan.len(), 1, "{inf}");
    assert!(faltan[0].as_str().unwrap().contains("fojas 3-3"), "{inf}");
    // Escrito A came from the copy; Escrito B is named as missing by verificar.
    let recuperada = Unidad {
        e: &e,
        db: nueva,
        codigo: "17001",
    };
    let o = recuperada.coactiva(&["verificar"]);
    assert_eq!(o.status.code(), Some(3));
    let m = texto(&o.stderr);
    assert!(
        m.contains("fojas 3") && m.contains("falta el documento"),
        "{m}"
    );
    assert_eq!(m.lines().count(), 1, "only the lost document: {m}");
}

#[test]
fn bundles_on_a_stick_show_no_debtor_and_open_only_at_the_registered_centre() {
    let e = Entorno::nuevo();
    let (u, usb) = unidad_con_memoria(&e);
    u.trabajar("10", "2", "1");
    let nombres: Vec<String> = {
        let c = conectar(&u.db);
        let mut st = c.prepare("SELECT obligado FROM titulos").unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(!nombres.is_empty());
    assert!(u.sincronizar(usb.to_str().unwrap()).status.success());
    let archivos = paquetes(&usb);
    assert!(!archivos.is_empty());
    for a in &archivos {
        let bytes = std::fs::read(a).unwrap();
        assert!(
            bytes.starts_with(b"age-encryption.org/v1\n"),
            "{}",
            a.display()
        );
        let visible = String::from_utf8_lossy(&bytes);
        for n in &nombres {
            assert!(
                !visible.contains(n.as_str()),
                "{n} legible en {}",
                a.display()
            );
        }
        assert!(!visible.contains("17001") && !visible.contains("Quito"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let modo = std::fs::metadata(a).unwrap().permissions().mode();
            assert_eq!(modo & 0o077, 0, "solo el usuario lee {}", a.display());
        }
    }
    // Another centre (a stranger with a database of its own) cannot open them.
    let otra = e.ruta("otra-central.db");
    let o = e
        .comando()
        .env_remove("COACTIVA_DB")
        .args([
            "central",
            "recibir",
            "--db",
            otra.to_str().unwrap(),
            usb.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("no está cifrado para esta clave"),
        "{}",
        texto(&o.stderr)
    );
    // The registered centre opens and ingests them; once acknowledged they leave the stick.
    let o = central(&e, &["recibir", usb.to_str().unwrap()]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    cuadra(&e, &u);
    let inf = json(&u.sincronizar(usb.to_str().unwrap()));
    assert_eq!(inf["pendientes"], 0, "{inf}");
    assert!(
        paquetes(&usb).is_empty(),
        "entregados, ya no viajan en la memoria"
    );
}

/// A test CA, and a certificate for `localhost` signed by it, as PEM files.
struct Certificados {
    ca_pem: PathBuf,
    cert_pem: PathBuf,
    clave_pem: PathBuf,
}

fn certificados(e: &Entorno, nombre_ca: &str) -> Certificados {
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, nombre_ca);
    let ca_clave = rcgen::KeyPair::generate().unwrap();
    let ca = ca.self_signed(&ca_clave).unwrap();
    let srv = rcgen::CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    let srv_clave = rcgen::KeyPair::generate().unwrap();
    let srv = srv.signed_by(&srv_clave, &ca, &ca_clave).unwrap();
    let c = Certificados {
        ca_pem: e.ruta(&format!("{nombre_ca}.pem")),
        cert_pem: e.ruta(&format!("{nombre_ca}-servidor.pem")),
        clave_pem: e.ruta(&format!("{nombre_ca}-servidor.key")),
    };
    std::fs::write(&c.ca_pem, ca.pem()).unwrap();
    std::fs::write(&c.cert_pem, srv.pem()).unwrap();
    std::fs::write(&c.clave_pem, srv_clave.serialize_pem()).unwrap();
    c
}

#[test]
fn https_to_the_centre_works_with_the_institutions_ca_and_an_untrusted_certificate_is_refused_plainly(
) {
    let e = Entorno::nuevo();
    let u = Unidad::nueva(&e, "17", "17001", "Quito");
    registrar(&e, &u, &u.clave());
    u.trabajar("6", "2", "1");
    let c = certificados(&e, "CA del IESS de prueba");
    let (_servidor, https) = servir_con(
        &e,
        &[
            "--certificado",
            c.cert_pem.to_str().unwrap(),
            "--clave-privada",
            c.clave_pem.to_str().unwrap(),
        ],
        "https",
        "localhost",
    );
    u.coactiva(&["configuracion", "cambiar", "destino_sync", &https]);
    // This PC does not trust the institution's CA yet: a clear message, nothing marked.
    let o =
        u.e.comando()
            .env("COACTIVA_DB", &u.db)
            .env("SSL_CERT_FILE", certificados(&e, "Otra CA").ca_pem)
            .args(["sincronizar", "--json"])
            .output()
            .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", texto(&o.stdout));
    let m = texto(&o.stderr);
    assert!(
        m.contains("de forma segura") && m.contains("certificado") && !m.contains("rustls"),
        "{m}"
    );
    assert_eq!(en_resumen(&resumen(&e), "17001")["paquetes"], 0);
    // With the institution's CA in the PC's store, the same sync goes through HTTPS.
    let o =
        u.e.comando()
            .env("COACTIVA_DB", &u.db)
            .env("SSL_CERT_FILE", &c.ca_pem)
            .args(["sincronizar", "--json"])
            .output()
            .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let inf = json(&o);
    assert_eq!(inf["pendientes"], 0, "{inf}");
    assert!(inf["confirmados"].as_i64().unwrap() >= 1);
    cuadra(&e, &u);
}

#[test]
fn an_old_backup_restored_learns_from_the_centre_what_came_after_and_syncs_on() {
    let e = Entorno::nuevo();
    let u = Unidad::nueva(&e, "17", "17001", "Quito");
    registrar(&e, &u, &u.clave());
    let (servidor, url) = servir(&e);
    u.coactiva(&["configuracion", "cambiar", "destino_sync", &url]);
    u.trabajar("8", "2", "1");
    assert!(u.sincronizar(&url).status.success());
    let o = u.coactiva(&["--json", "respaldo", "crear"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let respaldo = json(&o)[0]["ruta"].as_str().unwrap().to_string();
    // A week of work reaches the centre; then the disk dies and the backup is restored.
    u.trabajar("5", "3", "2");
    assert!(u.sincronizar(&url).status.success());
    let titulos_hoy = u.cuenta("titulos");
    let procesos_hoy = u.cuenta("procesos");
    let o = u.coactiva(&["--json", "respaldo", "restaurar", &respaldo, "--si"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let r = json(&o);
    assert_eq!(r["al_dia"]["estado"], "recuperado", "{r}");
    assert!(
        r["al_dia"]["cambios_recuperados"].as_i64().unwrap() > 0,
        "{r}"
    );
    assert!(
        r["al_dia"]["cambios_perdidos"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{r}"
    );
    // Nothing of the week is lost, the unit verifies, and sync simply goes on.
    assert_eq!(
        (u.cuenta("titulos"), u.cuenta("procesos")),
        (titulos_hoy, procesos_hoy)
    );
    let o = u.coactiva(&["verificar"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        texto(&o.stdout),
        texto(&o.stderr)
    );
    u.trabajar("2", "1", "3");
    let o = u.sincronizar(&url);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(json(&o)["pendientes"], 0);
    cuadra(&e, &u);
    // Restored again while the centre is down: the restore is done, and the Jefe is told.
    drop(servidor);
    let o = u.coactiva(&["--json", "respaldo", "restaurar", &respaldo, "--si"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let r = json(&o);
    assert_eq!(r["al_dia"]["estado"], "sin_conexion", "{r}");
    assert!(
        r["al_dia"]["mensaje"]
            .as_str()
            .unwrap()
            .contains("Sincronice"),
        "{r}"
    );
}

#[test]
fn a_unit_is_rebuilt_from_the_centre_over_the_network() {
    let e = Entorno::nuevo();
    let u = Unidad::nueva(&e, "17", "17001", "Quito");
    registrar(&e, &u, &u.clave());
    let (_servidor, url) = servir(&e);
    u.trabajar("10", "3", "1");
    let copia = e.ruta("copia.db");
    std::fs::copy(&u.db, &copia).unwrap();
    std::fs::copy(
        coactiva::cifrado::ruta_llavero(&u.db),
        coactiva::cifrado::ruta_llavero(&copia),
    )
    .unwrap();
    assert!(u.sincronizar(&url).status.success());
    u.trabajar("4", "2", "2");
    assert!(u.sincronizar(&url).status.success());
    // From the old copy, the whole log comes back from the centre into a new file.
    let vieja = Unidad {
        e: &e,
        db: copia,
        codigo: "17001",
    };
    let nueva = e.ruta("reconstruida.db");
    let o = vieja.coactiva(&[
        "--json",
        "recuperar",
        "--desde",
        &url,
        "--salida",
        nueva.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let inf = json(&o);
    assert!(
        inf["cambios_perdidos"].as_array().unwrap().is_empty(),
        "{inf}"
    );
    let r = Unidad {
        e: &e,
        db: nueva,
        codigo: "17001",
    };
    assert_eq!(r.coactiva(&["verificar"]).status.code(), Some(0));
    assert_eq!(r.cuenta("titulos"), u.cuenta("titulos"));
    assert_eq!(r.cuenta("procesos"), u.cuenta("procesos"));
    // A centre address that is not one is refused before anything is written.
    let o = vieja.coactiva(&[
        "recuperar",
        "--desde",
        "central.iess",
        "--salida",
        e.ruta("x.db").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!e.ruta("x.db").exists());
}

/// Resident memory of a process, in MB (Linux).
fn memoria_mb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<u64>().ok())
        })
        .map(|kb| kb / 1024)
        .unwrap_or(0)
}

#[test]
fn twenty_four_units_sync_at_once_while_idle_and_trickling_clients_hold_connections() {
    use std::io::Write;
    let e = Entorno::nuevo();
    let (servidor, url) = servir(&e);
    let direccion = url.trim_start_matches("http://").to_string();
    // 200 connections opened and left idle (half of them after a partial request line).
    let mut ociosas = vec![];
    for i in 0..200 {
        let mut s = std::net::TcpStream::connect(&direccion).unwrap();
        if i % 2 == 0 {
            let _ = s.write_all(b"POST /paquetes HTTP/1.1\r\nHost: x\r\n");
        }
        ociosas.push(s);
    }
    // One client announces a large body and trickles it, a byte at a time.
    let goteo = {
        let direccion = direccion.clone();
        std::thread::spawn(move || {
            let mut s = std::net::TcpStream::connect(&direccion).unwrap();
            let _ = write!(
                s,
                "POST /paquetes HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n"
            );
            for _ in 0..150 {
                if s.write_all(b"x").is_err() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        })
    };
    // 24 provinces, each with its unit, working offline.
    let unidades: Vec<Unidad<'_>> = std::thread::scope(|ambito| {
        let hilos: Vec<_> = (1..=24)
            .map(|p| {
                let e = &e;
                ambito.spawn(move || {
                    let provincia = format!("{p:02}");
                    let codigo: &'static str =
                        Box::leak(format!("{provincia}001").into_boxed_str());
                    let u = Unidad::nueva(e, &provincia, codigo, "Capital");
                    registrar(e, &u, &u.clave());
                    u.trabajar("6", "2", &p.to_string());
                    u
                })
            })
            .collect();
        hilos.into_iter().map(|h| h.join().unwrap()).collect()
    });
    // All at once: every unit is served, once.
    std::thread::scope(|ambito| {
        for u in &unidades {
            let url = &url;
            ambito.spawn(move || {
                let o = u.sincronizar(url);
                assert!(o.status.success(), "{}: {}", u.codigo, texto(&o.stderr));
                assert_eq!(json(&o)["pendientes"], 0, "{}", u.codigo);
            });
        }
    });
    let r = resumen(&e);
    assert_eq!(r.as_array().unwrap().len(), 24);
    for u in &unidades {
        cuadra(&e, u);
        let inf = json(&u.sincronizar(&url));
        assert_eq!(
            (inf["enviados"].as_i64(), inf["pendientes"].as_i64()),
            (Some(0), Some(0))
        );
    }
    assert_eq!(resumen(&e), r, "nothing stored twice");
    // Memory stayed bounded with all those connections open.
    let mb = memoria_mb(servidor.0.id());
    assert!(mb < 300, "la central usa {mb} MB");
    drop(ociosas);
    goteo.join().unwrap();
}

#[test]
fn the_centre_speaks_plain_http_only_on_loopback_and_only_when_asked() {
    let e = Entorno::nuevo();
    let db = db_central(&e);
    let servir = |extra: &[&str]| {
        let mut a = vec!["central", "servir", "--db", &db, "--puerto", "0"];
        a.extend_from_slice(extra);
        e.comando()
            .env_remove("COACTIVA_DB")
            .args(&a)
            .output()
            .unwrap()
    };
    let o = servir(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("--certificado"),
        "{}",
        texto(&o.stderr)
    );
    let o = servir(&["--sin-tls", "--direccion", "0.0.0.0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("solo escucha en esta máquina"),
        "{}",
        texto(&o.stderr)
    );
    let basura = e.escribir("basura.pem", b"no soy un certificado");
    let o = servir(&[
        "--certificado",
        basura.to_str().unwrap(),
        "--clave-privada",
        basura.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("certificado"),
        "{}",
        texto(&o.stderr)
    );
}

#[test]
fn the_national_view_adds_up_the_units_and_its_workbook_opens() {
    let e = Entorno::nuevo();
    let (u, usb) = unidad_con_memoria(&e);
    u.trabajar("12", "5", "1");
    let otra = Unidad::nueva(&e, "09", "09001", "Guayaquil");
    registrar(&e, &otra, &otra.clave());
    otra.trabajar("9", "4", "2");
    for x in [&u, &otra] {
        assert!(x.sincronizar(usb.to_str().unwrap()).status.success());
    }
    assert!(central(&e, &["recibir", usb.to_str().unwrap()])
        .status
        .success());
    let libro = e.ruta("nacional.xlsx");
    let o = central(
        &e,
        &["nacional", "--json", "--xlsx", libro.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let n = json(&o);
    let procesos: i64 = n["por_etapa"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["procesos"].as_i64().unwrap())
        .sum();
    assert_eq!(procesos, u.cuenta("procesos") + otra.cuenta("procesos"));
    let en_edad: i64 = n["antiguedad"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["procesos"].as_i64().unwrap())
        .sum();
    assert_eq!(en_edad, procesos, "all open, all in the portfolio's age");
    assert_eq!(n["antiguedad"][0]["tramo"], "0-90");
    assert_eq!(n["recuperacion"].as_array().unwrap().len(), 2);
    use calamine::Reader;
    let mut x: calamine::Xlsx<_> = calamine::open_workbook(&libro).unwrap();
    assert_eq!(
        x.sheet_names(),
        [
            "Provincia y etapa",
            "Antigüedad",
            "Recuperación",
            "Entregas"
        ]
    );
    let hoja = x.worksheet_range("Provincia y etapa").unwrap();
    let suma: f64 = hoja
        .rows()
        .skip(1)
        .filter_map(|r| calamine::DataType::get_float(&r[3]))
        .sum();
    assert_eq!(suma as i64, procesos);
    // The page's users: a weak password is refused in Spanish.
    let o = e
        .comando()
        .env_remove("COACTIVA_DB")
        .env("COACTIVA_CLAVE_NUEVA", "123")
        .args([
            "central",
            "usuarios",
            "agregar",
            "--db",
            &db_central(&e),
            "directora",
            "--nombres",
            "María Torres",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        texto(&o.stderr).contains("al menos"),
        "{}",
        texto(&o.stderr)
    );
}

#[test]
fn a_unit_whose_disk_died_with_no_copy_is_rebuilt_from_the_centre_with_its_recovery_code() {
    let e = Entorno::nuevo();
    let db = e.ruta("17001.db");
    let o = e
        .comando()
        .env("COACTIVA_DB", &db)
        .args([
            "init",
            "--provincia",
            "17",
            "--unidad",
            "Unidad Quito",
            "--ciudad",
            "Quito",
            "--jefe",
            "jefe",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", texto(&o.stderr));
    let codigo = texto(&o.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Código de recuperación: ")
                .map(str::to_string)
        })
        .expect("init gives the recovery code");
    let u = Unidad {
        e: &e,
        db,
        codigo: "17001",
    };
    let clave = texto(&central(&e, &["clave-publica"]).stdout)
        .trim()
        .to_string();
    assert!(u
        .coactiva(&["configuracion", "cambiar", "clave_central", &clave])
        .status
        .success());
    registrar(&e, &u, &u.clave());
    let (_servidor, url) = servir(&e);
    u.trabajar("10", "3", "1");
    assert!(u.sincronizar(&url).status.success());
    let titulos = u.cuenta("titulos");
    // The disk dies: no file, no key file, no backup.
    coactiva::cifrado::borrar_base(&u.db);
    assert!(!u.db.exists());
    let nueva = e.ruta("rehecha.db");
    let rehacer = |codigo: &str| {
        e.comando()
            .env_remove("COACTIVA_DB")
            .env("COACTIVA_CODIGO", codigo)
            .env("COACTIVA_CLAVE_NUEVA", "clave-nueva-del-jefe-9")
            .args([
                "--json",
                "reconstruir",
                "--desde",
                &url,
                "--unidad",
                "17001",
                "--salida",
                nueva.to_str().unwrap(),
            ])
            .output()
            .unwrap()
    };
    // Another unit's code opens nothing, and leaves nothing behind.
    let o = e
        .comando()
        .env("COACTIVA_DB", e.ruta("otra.db"))
        .args([
            "init",
            "--provincia",
            "09",
            "--unidad",
            "Otra",
            "--ciudad",
            "Guayaquil",
            "--jefe",
            "jefe",
        ])
        .output()
        .unwrap();
    let ajeno = texto(&o.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Código de recuperación: ")
                .map(str::to_string)
        })
        .unwrap();
    let o = rehacer(&ajeno);
    assert_eq!(o.status.code(), Some(2), "{}", texto(&o.stderr));
    assert!(
        texto(&o.stderr).contains("no abre los paquetes"),
        "{}",
        texto(&o.stderr)
    );
    assert!(!nueva.exists());
    let o = rehacer(&codigo);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    // The Jefe enters with his new password; the unit holds what the centre held, and syncs on.
    let como_jefe = |args: &[&str]| {
        e.comando()
            .env("COACTIVA_DB", &nueva)
            .env("COACTIVA_CLAVE", "clave-nueva-del-jefe-9")
            .args(args)
            .output()
            .unwrap()
    };
    let o = como_jefe(&["--json", "titulos", "listar"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(json(&o).as_array().unwrap().len() as i64, titulos);
    let o = como_jefe(&["sincronizar", "--destino", &url, "--json"]);
    assert!(o.status.success(), "{}", texto(&o.stderr));
    assert_eq!(json(&o)["pendientes"], 0);
    assert_eq!(en_resumen(&resumen(&e), "17001")["titulos"], titulos);
}
