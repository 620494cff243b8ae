//! Coactiva's network transport, on top of the core: the unit POSTs a sealed bundle to
//! `/paquetes` and the centre answers with its receipt (the manifest hash). The server is
//! `tiny_http` (one thread, bounded work per request); the client is `ureq` speaking HTTPS
//! through rustls, trusting the system's certificate store (so an institution's own CA,
//! installed on the office PCs, works), with connect, read and write timeouts.

use std::io::Read;
use std::time::Duration;

use serde_json::json;

use coactiva::sync::central::{AlmacenCentral, Recepcion};
use coactiva::sync::Transporte;
use coactiva::{Error, Result};

/// Largest bundle accepted (a bundle of 20 000 changes is a few MB).
const MAXIMO_BYTES: usize = 256 * 1024 * 1024;

/// The unit's HTTP client.
#[derive(Debug, Clone, Copy, Default)]
pub struct Http;

impl Transporte for Http {
    fn enviar(&self, url: &str, numero: i64, cuerpo: &[u8]) -> Result<String> {
        enviar(url, numero, cuerpo)
    }

    fn traer(&self, url: &str, unidad: &str, numero: i64) -> Result<Option<Vec<u8>>> {
        traer(url, unidad, numero)
    }
}

/// Asks the centre for one bundle of the unit's log (sealed to the unit's key).
pub fn traer(url: &str, unidad: &str, numero: i64) -> Result<Option<Vec<u8>>> {
    match agente()
        .get(&format!("{url}/unidades/{unidad}/paquetes/{numero}"))
        .call()
    {
        Ok(resp) => {
            let mut v = vec![];
            resp.into_reader()
                .take(MAXIMO_BYTES as u64 + 1)
                .read_to_end(&mut v)
                .map_err(|e| {
                    Error::Conexion(format!("la respuesta de la central se cortó: {e}"))
                })?;
            if v.len() > MAXIMO_BYTES {
                return Err(Error::Conexion(
                    "la central envió un paquete demasiado grande".into(),
                ));
            }
            Ok(Some(v))
        }
        Err(ureq::Error::Status(404, _)) => Ok(None),
        Err(ureq::Error::Status(codigo, resp)) => {
            let msg = resp
                .into_string()
                .ok()
                .and_then(|c| serde_json::from_str::<serde_json::Value>(&c).ok())
                .and_then(|v| v["mensaje"].as_str().map(str::to_string))
                .unwrap_or_default();
            Err(Error::Conexion(format!(
                "la central no entregó el paquete {numero} (HTTP {codigo}): {msg}"
            )))
        }
        Err(ureq::Error::Transport(t)) => Err(Error::Conexion(fallo_de_transporte(url, &t))),
    }
}

/// The client: HTTPS with the system's roots (`native-certs`), and timeouts so a centre that
/// stops answering never hangs the window.
fn agente() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout_read(Duration::from_secs(60))
        .timeout_write(Duration::from_secs(60))
        .build()
}

/// Sends one sealed bundle; returns the centre's receipt.
pub fn enviar(url: &str, numero: i64, cuerpo: &[u8]) -> Result<String> {
    let r = agente()
        .post(&format!("{url}/paquetes"))
        .set("Content-Type", "application/octet-stream")
        .send_bytes(cuerpo);
    match r {
        Ok(resp) => {
            let cuerpo = resp.into_string().map_err(|e| {
                Error::Conexion(format!("la respuesta de la central se cortó: {e}"))
            })?;
            let v: serde_json::Value = serde_json::from_str(&cuerpo).map_err(|_| {
                Error::Conexion("la central respondió algo que no se entiende".into())
            })?;
            match &v["acuse"] {
                serde_json::Value::Object(_) => Ok(v["acuse"].to_string()),
                _ => Err(Error::Conexion("la central no devolvió el acuse".into())),
            }
        }
        Err(ureq::Error::Status(codigo, resp)) => {
            let msg = resp
                .into_string()
                .ok()
                .and_then(|c| serde_json::from_str::<serde_json::Value>(&c).ok())
                .and_then(|v| v["mensaje"].as_str().map(str::to_string))
                .unwrap_or_default();
            Err(Error::Conexion(format!(
                "la central rechazó el paquete {numero} (HTTP {codigo}): {msg}"
            )))
        }
        Err(ureq::Error::Transport(t)) => Err(Error::Conexion(fallo_de_transporte(url, &t))),
    }
}

/// A transport failure in the clerk's words: a certificate the PC does not trust is not the
/// same as a centre that is down.
fn fallo_de_transporte(url: &str, t: &ureq::Transport) -> String {
    let detalle = format!("{t:?} {t}");
    let certificado = [
        "InvalidCertificate",
        "UnknownIssuer",
        "NotValidForName",
        "Expired",
        "BadSignature",
        "certificate",
    ]
    .iter()
    .any(|k| detalle.contains(k));
    if certificado {
        let causa = if detalle.contains("NotValidForName") {
            "es de otro servidor"
        } else if detalle.contains("Expired") {
            "está vencido"
        } else {
            "no lo emitió una autoridad en la que este equipo confíe"
        };
        return format!(
            "no se pudo conectar con la central en {url} de forma segura: su certificado {causa}. No se envió nada; los cambios siguen guardados. Pida a la Dirección Nacional que revise el certificado de la central o que instale en este equipo la autoridad de certificación de la institución"
        );
    }
    match t.kind() {
        ureq::ErrorKind::InvalidUrl | ureq::ErrorKind::UnknownScheme => format!(
            "la dirección de la central no es válida ({url}): debe empezar por https:// o http://"
        ),
        ureq::ErrorKind::Dns => format!(
            "no se encuentra la central en {url} (el nombre no existe o no hay red); los cambios siguen guardados y se enviarán en la próxima sincronización"
        ),
        ureq::ErrorKind::Io if detalle.contains("timed out") || detalle.contains("TimedOut") || detalle.contains("WouldBlock") => format!(
            "la central en {url} dejó de responder; los cambios siguen guardados y se enviarán en la próxima sincronización"
        ),
        _ => format!(
            "no se pudo conectar con la central en {url}; los cambios siguen guardados y se enviarán en la próxima sincronización"
        ),
    }
}

/// Serves `/paquetes` until `parar` returns true (checked between requests).
pub fn servir(
    almacen: &mut dyn AlmacenCentral,
    direccion: &str,
    parar: &dyn Fn() -> bool,
) -> Result<()> {
    let servidor = tiny_http::Server::http(direccion)
        .map_err(|e| Error::entrada(format!("no se pudo escuchar en {direccion}: {e}")))?;
    log::info!("central escuchando en {direccion}");
    while !parar() {
        let Some(mut req) = servidor
            .recv_timeout(Duration::from_millis(200))
            .map_err(Error::Io)?
        else {
            continue;
        };
        if let Some((unidad, numero)) = ruta_paquete(req.method(), req.url()) {
            let resp = match coactiva::sync::recuperar::sellado(almacen, &unidad, numero) {
                Ok(Some(b)) => tiny_http::Response::from_data(b).with_status_code(200),
                Ok(None) => tiny_http::Response::from_data(
                    b"{\"mensaje\": \"no existe ese paquete\"}".to_vec(),
                )
                .with_status_code(404),
                Err(e @ Error::NoEncontrado(_)) => tiny_http::Response::from_data(
                    json!({"mensaje": e.to_string()}).to_string().into_bytes(),
                )
                .with_status_code(404),
                Err(e) => {
                    log::error!("error de la central al devolver un paquete: {e}");
                    tiny_http::Response::from_data(
                        json!({"mensaje": "error interno de la central"})
                            .to_string()
                            .into_bytes(),
                    )
                    .with_status_code(500)
                }
            };
            let _ = req.respond(resp);
            continue;
        }
        let (codigo, cuerpo) = atender(almacen, &mut req);
        let resp = tiny_http::Response::from_string(cuerpo.to_string())
            .with_status_code(codigo)
            .with_header(
                tiny_http::Header::from_bytes(
                    &b"Content-Type"[..],
                    &b"application/json; charset=utf-8"[..],
                )
                .unwrap(),
            );
        let _ = req.respond(resp);
    }
    Ok(())
}

/// `GET /unidades/CODIGO/paquetes/N`: a bundle given back to its unit.
fn ruta_paquete(m: &tiny_http::Method, url: &str) -> Option<(String, i64)> {
    if *m != tiny_http::Method::Get {
        return None;
    }
    let resto = url.strip_prefix("/unidades/")?;
    let (unidad, n) = resto.split_once("/paquetes/")?;
    let numero: i64 = n.parse().ok().filter(|n| *n > 0)?;
    (unidad.len() == 5 && unidad.bytes().all(|b| b.is_ascii_digit()))
        .then(|| (unidad.to_string(), numero))
}

fn atender(
    almacen: &mut dyn AlmacenCentral,
    req: &mut tiny_http::Request,
) -> (u16, serde_json::Value) {
    match (req.method(), req.url()) {
        (tiny_http::Method::Get, "/estado") => (200, json!({"estado": "en_linea"})),
        (tiny_http::Method::Post, "/paquetes") => {
            let mut bytes = vec![];
            if req
                .as_reader()
                .take(MAXIMO_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
                .is_err()
                || bytes.len() > MAXIMO_BYTES
            {
                return (
                    400,
                    json!({"mensaje": "el paquete llegó incompleto o es demasiado grande"}),
                );
            }
            let p = match coactiva::sync::central::abrir(almacen, &bytes) {
                Ok(p) => p,
                Err(e) => return (400, json!({"mensaje": e.to_string()})),
            };
            match coactiva::sync::central::recibir_con_acuse(almacen, &p) {
                Ok((r, acuse)) => {
                    let estado = match &r {
                        Recepcion::Aplicado => json!("aplicado"),
                        Recepcion::YaRecibido => json!("ya_recibido"),
                        Recepcion::EnEspera { falta } => json!({"en_espera": {"falta": falta}}),
                    };
                    (200, json!({"acuse": acuse, "estado": estado}))
                }
                Err(e @ Error::NoAutorizado(_)) => (403, json!({"mensaje": e.to_string()})),
                Err(e @ Error::Conflicto(_)) => (409, json!({"mensaje": e.to_string()})),
                Err(e @ Error::Entrada(_)) => (422, json!({"mensaje": e.to_string()})),
                Err(e) => {
                    log::error!("error de la central al recibir un paquete: {e}");
                    (500, json!({"mensaje": "error interno de la central"}))
                }
            }
        }
        _ => (404, json!({"mensaje": "ruta desconocida"})),
    }
}
