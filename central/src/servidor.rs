//! `coactiva central servir`: the centre's HTTP server (#20), on hyper and tokio, built to be
//! left on the Internet. What an attacker on the network can spend is bounded:
//!
//! - **connections**: at most [`Limites::conexiones`] at once (one more is closed at once), each
//!   a task, not a thread; a TLS handshake has 10 s, a request's headers 10 s, and an idle
//!   keep-alive connection is closed when its next request does not start within that time;
//! - **bodies**: at most [`Limites::cuerpo`] bytes, read within [`Limites::lectura`] (a client that
//!   trickles a body is cut off, and the bytes it sent are freed), and at most
//!   [`Limites::subidas`] bodies read at once, so memory stays bounded whatever arrives;
//! - **work**: the store is one connection behind a lock, used from blocking threads; a unit's
//!   bundles are applied one transaction at a time, in order (the core's rules).
//!
//! TLS (rustls, ring) with the certificate and key given on the command line; plain HTTP only
//! when asked for, and then only on a loopback address.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path as Ruta, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;
use tokio::sync::Semaphore;

use coactiva::sync::central::{AlmacenCentral, Recepcion};
use coactiva::{Error, Result};

/// What the server allows.
#[derive(Debug, Clone)]
pub struct Limites {
    pub conexiones: usize,
    pub cuerpo: usize,
    pub subidas: usize,
    pub lectura: Duration,
    pub cabeceras: Duration,
}

impl Default for Limites {
    fn default() -> Limites {
        Limites {
            conexiones: 1024,
            // A bundle of 20 000 changes is a few MB.
            cuerpo: 64 * 1024 * 1024,
            subidas: 4,
            lectura: Duration::from_secs(60),
            cabeceras: Duration::from_secs(10),
        }
    }
}

/// How the server listens.
pub struct Opciones {
    pub direccion: SocketAddr,
    /// Certificate chain and private key (PEM); `None` is plain HTTP (loopback only).
    pub tls: Option<(std::path::PathBuf, std::path::PathBuf)>,
    pub limites: Limites,
}

type Almacen = Arc<Mutex<Box<dyn AlmacenCentral + Send>>>;

#[derive(Clone)]
struct Estado {
    almacen: Almacen,
    subidas: Arc<Semaphore>,
    limites: Limites,
    sesiones: Arc<Mutex<Sesiones>>,
    /// Cookies marked `Secure` (the page is served over TLS).
    seguro: bool,
}

/// The national page's sessions (in memory: a restart asks everyone to log in again) and the
/// failed logins per user (five in a row lock him out for fifteen minutes).
#[derive(Default)]
struct Sesiones {
    abiertas: std::collections::HashMap<String, (String, std::time::Instant)>,
    fallidos: std::collections::HashMap<String, (u32, Option<std::time::Instant>)>,
}

const DURACION_SESION: Duration = Duration::from_secs(8 * 3600);
const COOKIE: &str = "coactiva_sesion";

/// Checks the options before anything listens: plain HTTP only on loopback; the certificate
/// and key readable and matching.
pub fn preparar_tls(o: &Opciones) -> Result<Option<tokio_rustls::TlsAcceptor>> {
    let Some((cert, clave)) = &o.tls else {
        if !o.direccion.ip().is_loopback() {
            return Err(Error::entrada(format!(
                "sin TLS la central solo escucha en esta máquina (127.0.0.1), no en {}: indique --certificado y --clave-privada",
                o.direccion.ip()
            )));
        }
        return Ok(None);
    };
    Ok(Some(aceptador(cert, clave)?))
}

fn aceptador(cert: &Path, clave: &Path) -> Result<tokio_rustls::TlsAcceptor> {
    use tokio_rustls::rustls;
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let cadena: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|_| {
            Error::entrada(format!(
                "no se puede leer el certificado {}",
                cert.display()
            ))
        })?
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| {
            Error::entrada(format!(
                "{} no es un certificado PEM válido",
                cert.display()
            ))
        })?;
    if cadena.is_empty() {
        return Err(Error::entrada(format!(
            "{} no contiene ningún certificado",
            cert.display()
        )));
    }
    let privada = PrivateKeyDer::from_pem_file(clave).map_err(|_| {
        Error::entrada(format!(
            "no se puede leer la clave privada {} (PEM, sin contraseña)",
            clave.display()
        ))
    })?;
    let cfg = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| Error::Interno(format!("TLS: {e}")))?
    .with_no_client_auth()
    .with_single_cert(cadena, privada)
    .map_err(|_| {
        Error::entrada("el certificado y la clave privada no corresponden entre sí (o la clave no es de un tipo admitido)")
    })?;
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(cfg)))
}

/// Serves until `parar` resolves.
pub fn servir(
    almacen: Box<dyn AlmacenCentral + Send>,
    o: Opciones,
    listo: impl FnOnce(SocketAddr),
) -> Result<()> {
    let tls = preparar_tls(&o)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .enable_all()
        .build()
        .map_err(Error::Io)?;
    rt.block_on(async move {
        let escucha = tokio::net::TcpListener::bind(o.direccion)
            .await
            .map_err(|e| {
                Error::entrada(format!(
                    "no se pudo escuchar en {}: {}",
                    o.direccion,
                    causa_io(&e)
                ))
            })?;
        listo(escucha.local_addr().map_err(Error::Io)?);
        let estado = Estado {
            almacen: Arc::new(Mutex::new(almacen)),
            subidas: Arc::new(Semaphore::new(o.limites.subidas)),
            limites: o.limites.clone(),
            sesiones: Arc::new(Mutex::new(Sesiones::default())),
            seguro: tls.is_some(),
        };
        let app = rutas(estado);
        let conexiones = Arc::new(Semaphore::new(o.limites.conexiones));
        loop {
            let (tcp, _) = match escucha.accept().await {
                Ok(x) => x,
                Err(e) => {
                    // Out of descriptors and the like: wait a moment rather than spin.
                    log::warn!("central: no se aceptó una conexión: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let Ok(permiso) = conexiones.clone().try_acquire_owned() else {
                drop(tcp); // over the limit: closed at once
                continue;
            };
            let _ = tcp.set_nodelay(true);
            let (app, tls, cabeceras) = (app.clone(), tls.clone(), o.limites.cabeceras);
            tokio::spawn(async move {
                let _permiso = permiso;
                match tls {
                    Some(acc) => {
                        if let Ok(Ok(s)) = tokio::time::timeout(cabeceras, acc.accept(tcp)).await {
                            atender(s, app, cabeceras).await;
                        }
                    }
                    None => atender(tcp, app, cabeceras).await,
                }
            });
        }
    })
}

fn causa_io(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => "el puerto ya está en uso (¿otra central en marcha?)",
        std::io::ErrorKind::PermissionDenied => "sin permiso para usar ese puerto",
        std::io::ErrorKind::AddrNotAvailable => "esa dirección no es de esta máquina",
        _ => "el sistema no lo permitió",
    }
}

async fn atender<IO>(io: IO, app: Router, cabeceras: Duration)
where
    IO: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let svc = hyper_util::service::TowerToHyperService::new(app);
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(cabeceras)
        .keep_alive(true)
        .serve_connection(hyper_util::rt::TokioIo::new(io), svc);
    // No connection lives for ever, however it behaves.
    let _ = tokio::time::timeout(Duration::from_secs(900), conn).await;
}

fn rutas(estado: Estado) -> Router {
    Router::new()
        .route(
            "/estado",
            get(|| async { json_resp(StatusCode::OK, json!({"estado": "en_linea"})) }),
        )
        .route("/paquetes", post(paquetes))
        .route("/unidades/{unidad}/paquetes/{numero}", get(devolver))
        .route("/", get(|| async { ir_a("/nacional") }))
        .route("/nacional", get(nacional))
        .route("/nacional/ingreso", post(ingresar))
        .route("/nacional/salir", post(salir))
        .route("/nacional/resumen.xlsx", get(exportar))
        .fallback(|| async {
            json_resp(
                StatusCode::NOT_FOUND,
                json!({"mensaje": "ruta desconocida"}),
            )
        })
        .with_state(estado)
}

fn json_resp(codigo: StatusCode, v: serde_json::Value) -> Response {
    (
        codigo,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        v.to_string(),
    )
        .into_response()
}

fn mensaje(codigo: StatusCode, m: impl Into<String>) -> Response {
    json_resp(codigo, json!({"mensaje": m.into()}))
}

/// Runs `f` on the store from a blocking thread.
async fn con_almacen<T: Send + 'static>(
    a: &Almacen,
    f: impl FnOnce(&mut dyn AlmacenCentral) -> Result<T> + Send + 'static,
) -> Result<T> {
    let a = a.clone();
    tokio::task::spawn_blocking(move || {
        let mut g = a.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut **g)
    })
    .await
    .map_err(|_| Error::Interno("la central se interrumpió".into()))?
}

async fn paquetes(State(e): State<Estado>, body: Body) -> Response {
    // Bodies are read a few at a time, each within its time and size: memory stays bounded.
    let Ok(permiso) = e.subidas.clone().acquire_owned().await else {
        return mensaje(
            StatusCode::SERVICE_UNAVAILABLE,
            "la central se está cerrando",
        );
    };
    let bytes = match tokio::time::timeout(
        e.limites.lectura,
        axum::body::to_bytes(body, e.limites.cuerpo),
    )
    .await
    {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => {
            return mensaje(
                StatusCode::BAD_REQUEST,
                "el paquete llegó incompleto o es demasiado grande",
            )
        }
        Err(_) => {
            return mensaje(
                StatusCode::REQUEST_TIMEOUT,
                "el paquete tardó demasiado en llegar; vuelva a enviarlo",
            )
        }
    };
    // The permit is held until the bundle is ingested: bodies waiting for the store count
    // against the same bound as bodies being read.
    let r = con_almacen(&e.almacen, move |a| {
        let p = coactiva::sync::central::abrir(a, &bytes)?;
        coactiva::sync::central::recibir_con_acuse(a, &p)
    })
    .await;
    drop(permiso);
    match r {
        Ok((r, acuse)) => {
            let estado = match &r {
                Recepcion::Aplicado => json!("aplicado"),
                Recepcion::YaRecibido => json!("ya_recibido"),
                Recepcion::EnEspera { falta } => json!({"en_espera": {"falta": falta}}),
            };
            json_resp(StatusCode::OK, json!({"acuse": acuse, "estado": estado}))
        }
        Err(e @ Error::NoAutorizado(_)) => mensaje(StatusCode::FORBIDDEN, e.to_string()),
        Err(e @ Error::Conflicto(_)) => mensaje(StatusCode::CONFLICT, e.to_string()),
        Err(e @ Error::Entrada(_)) => mensaje(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
        Err(e) => {
            log::error!("error de la central al recibir un paquete: {e}");
            mensaje(
                StatusCode::INTERNAL_SERVER_ERROR,
                "error interno de la central",
            )
        }
    }
}

async fn devolver(
    State(e): State<Estado>,
    Ruta((unidad, numero)): Ruta<(String, String)>,
) -> Response {
    let numero: i64 = match numero.parse() {
        Ok(n) if n > 0 => n,
        _ => return mensaje(StatusCode::NOT_FOUND, "no existe ese paquete"),
    };
    if unidad.len() != 5 || !unidad.bytes().all(|b| b.is_ascii_digit()) {
        return mensaje(StatusCode::NOT_FOUND, "no existe esa unidad");
    }
    match con_almacen(&e.almacen, move |a| {
        coactiva::sync::recuperar::sellado(a, &unidad, numero)
    })
    .await
    {
        Ok(Some(b)) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/octet-stream")],
            b,
        )
            .into_response(),
        Ok(None) => mensaje(StatusCode::NOT_FOUND, "no existe ese paquete"),
        Err(e @ Error::NoEncontrado(_)) => mensaje(StatusCode::NOT_FOUND, e.to_string()),
        Err(e) => {
            log::error!("error de la central al devolver un paquete: {e}");
            mensaje(
                StatusCode::INTERNAL_SERVER_ERROR,
                "error interno de la central",
            )
        }
    }
}

fn ir_a(a: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, a.to_string())]).into_response()
}

/// A page with the headers every page of the centre carries: nothing from elsewhere, never in
/// a frame, never cached.
fn html(codigo: StatusCode, cuerpo: String) -> Response {
    (
        codigo,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        cuerpo,
    )
        .into_response()
}

/// The user of the session the request carries, if it is open.
fn sesion(e: &Estado, cabeceras: &axum::http::HeaderMap) -> Option<String> {
    let token = cabeceras
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| {
            c.trim()
                .strip_prefix(&format!("{COOKIE}="))
                .map(str::to_string)
        })
        .next()?;
    let mut s = e.sesiones.lock().unwrap_or_else(|p| p.into_inner());
    let ahora = std::time::Instant::now();
    s.abiertas.retain(|_, (_, vence)| *vence > ahora);
    s.abiertas.get(&token).map(|(n, _)| n.clone())
}

async fn nacional(State(e): State<Estado>, cabeceras: axum::http::HeaderMap) -> Response {
    let Some(nombres) = sesion(&e, &cabeceras) else {
        return html(StatusCode::OK, crate::pagina::ingreso(None));
    };
    let hoy = coactiva::fechas::hoy(&*coactiva::fechas::reloj());
    match con_almacen(&e.almacen, move |a| a.nacional(hoy)).await {
        Ok(n) => html(StatusCode::OK, crate::pagina::nacional(&n, &nombres)),
        Err(err) => {
            log::error!("página nacional: {err}");
            html(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::pagina::ingreso(Some(
                    "la central no pudo preparar el resumen; intente de nuevo en un momento",
                )),
            )
        }
    }
}

#[derive(serde::Deserialize)]
struct Ingreso {
    usuario: String,
    clave: String,
}

async fn ingresar(State(e): State<Estado>, axum::Form(f): axum::Form<Ingreso>) -> Response {
    let usuario = f.usuario.trim().to_string();
    {
        let s = e.sesiones.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, Some(hasta))) = s.fallidos.get(&usuario) {
            if *hasta > std::time::Instant::now() {
                return html(
                    StatusCode::TOO_MANY_REQUESTS,
                    crate::pagina::ingreso(Some(
                        "demasiados intentos fallidos con ese usuario: espere quince minutos",
                    )),
                );
            }
        }
    }
    let u = usuario.clone();
    let r = con_almacen(&e.almacen, move |a| a.autenticar(&u, &f.clave)).await;
    match r {
        Ok(Some(nombres)) => {
            let mut s = e.sesiones.lock().unwrap_or_else(|p| p.into_inner());
            s.fallidos.remove(&usuario);
            use coactiva::azar::FuenteAzar;
            let Ok(semilla) = coactiva::azar::AzarDelSistema.semilla() else {
                return html(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    crate::pagina::ingreso(Some("no se pudo abrir la sesión")),
                );
            };
            let token = hex::encode(semilla);
            s.abiertas.insert(
                token.clone(),
                (nombres, std::time::Instant::now() + DURACION_SESION),
            );
            let cookie = format!(
                "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}",
                DURACION_SESION.as_secs(),
                if e.seguro { "; Secure" } else { "" }
            );
            (
                StatusCode::SEE_OTHER,
                [
                    (header::LOCATION, "/nacional".to_string()),
                    (header::SET_COOKIE, cookie),
                ],
            )
                .into_response()
        }
        Ok(None) => {
            let mut s = e.sesiones.lock().unwrap_or_else(|p| p.into_inner());
            let f = s.fallidos.entry(usuario).or_insert((0, None));
            f.0 += 1;
            if f.0 >= 5 {
                *f = (
                    0,
                    Some(std::time::Instant::now() + Duration::from_secs(15 * 60)),
                );
            }
            html(
                StatusCode::UNAUTHORIZED,
                crate::pagina::ingreso(Some("usuario o clave incorrectos")),
            )
        }
        Err(err) => {
            log::error!("ingreso a la página nacional: {err}");
            html(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::pagina::ingreso(Some(
                    "la central no pudo comprobar la clave; intente de nuevo",
                )),
            )
        }
    }
}

async fn salir(State(e): State<Estado>, cabeceras: axum::http::HeaderMap) -> Response {
    if let Some(token) = cabeceras
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(';').find_map(|c| {
                c.trim()
                    .strip_prefix(&format!("{COOKIE}="))
                    .map(str::to_string)
            })
        })
    {
        e.sesiones
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .abiertas
            .remove(&token);
    }
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, "/nacional".to_string()),
            (
                header::SET_COOKIE,
                format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
            ),
        ],
    )
        .into_response()
}

async fn exportar(State(e): State<Estado>, cabeceras: axum::http::HeaderMap) -> Response {
    if sesion(&e, &cabeceras).is_none() {
        return ir_a("/nacional");
    }
    let hoy = coactiva::fechas::hoy(&*coactiva::fechas::reloj());
    match con_almacen(&e.almacen, move |a| {
        coactiva::sync::central::nacional_xlsx(&a.nacional(hoy)?)
    })
    .await
    {
        Ok(b) => (
            StatusCode::OK,
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"resumen-nacional-{hoy}.xlsx\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            b,
        )
            .into_response(),
        Err(err) => {
            log::error!("exportación nacional: {err}");
            html(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::pagina::ingreso(Some("no se pudo preparar el archivo")),
            )
        }
    }
}
