//! The unit's network client, on top of the core: it POSTs a sealed bundle to the centre's
//! `/paquetes` and gets the centre's receipt back, and asks for its own bundles back
//! (`/unidades/U/paquetes/N`). `ureq` speaking HTTPS through rustls, trusting the system's
//! certificate store (so an institution's own CA, installed on the office PCs, works), with
//! connect, read and write timeouts. The centre's server is in `coactiva-central`.

use std::io::Read;
use std::time::Duration;

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
            let msg = mensaje_de(resp);
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
            let msg = mensaje_de(resp);
            Err(Error::Conexion(format!(
                "la central rechazó el paquete {numero} (HTTP {codigo}): {msg}"
            )))
        }
        Err(ureq::Error::Transport(t)) => Err(Error::Conexion(fallo_de_transporte(url, &t))),
    }
}

/// The centre's own explanation of a refusal (`{"mensaje": …}`), if it gave one.
fn mensaje_de(resp: ureq::Response) -> String {
    resp.into_string()
        .ok()
        .and_then(|c| serde_json::from_str::<serde_json::Value>(&c).ok())
        .and_then(|v| v["mensaje"].as_str().map(str::to_string))
        .unwrap_or_default()
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
