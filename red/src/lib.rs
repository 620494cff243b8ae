//! Coactiva's network transport, on top of the core: the unit POSTs a bundle to `/paquetes` and the centre answers with its
//! receipt (the manifest hash). The server is `tiny_http` (one thread, bounded work per
//! request); the client is `ureq`. Bundles are signed, so a proxy can add TLS.

use std::io::Read;
use std::time::Duration;

use serde_json::json;

use coactiva::sync::central::{AlmacenCentral, Recepcion};
use coactiva::sync::{Paquete, Transporte};
use coactiva::{Error, Result};

/// Largest bundle accepted (a bundle of 20 000 changes is a few MB).
const MAXIMO_BYTES: usize = 256 * 1024 * 1024;

/// The unit's HTTP client.
#[derive(Debug, Clone, Copy, Default)]
pub struct Http;

impl Transporte for Http {
    fn enviar(&self, url: &str, p: &Paquete) -> Result<String> {
        enviar(url, p)
    }
}

/// Sends one bundle; returns the centre's receipt.
pub fn enviar(url: &str, p: &Paquete) -> Result<String> {
    let agente = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(5))
        .timeout(Duration::from_secs(120))
        .build();
    let r = agente
        .post(&format!("{url}/paquetes"))
        .set("Content-Type", "application/json")
        .send_bytes(&p.bytes());
    match r {
        Ok(resp) => {
            let cuerpo = resp.into_string().map_err(|e| Error::Conexion(format!("la respuesta de la central se cortó: {e}")))?;
            let v: serde_json::Value = serde_json::from_str(&cuerpo).map_err(|_| Error::Conexion("la central respondió algo que no se entiende".into()))?;
            match &v["acuse"] {
                serde_json::Value::Object(_) => Ok(v["acuse"].to_string()),
                _ => Err(Error::Conexion("la central no devolvió el acuse".into())),
            }
        }
        Err(ureq::Error::Status(codigo, resp)) => {
            let msg = resp.into_string().ok().and_then(|c| serde_json::from_str::<serde_json::Value>(&c).ok()).and_then(|v| v["mensaje"].as_str().map(str::to_string)).unwrap_or_default();
            Err(Error::Conexion(format!("la central rechazó el paquete {} (HTTP {codigo}): {msg}", p.manifiesto.numero)))
        }
        Err(e) => Err(Error::Conexion(format!(
            "no se pudo conectar con la central en {url} ({e}); los cambios siguen guardados y se enviarán en la próxima sincronización"
        ))),
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
            let p: Paquete = match serde_json::from_slice(&bytes) {
                Ok(p) => p,
                Err(e) => {
                    return (
                        400,
                        json!({"mensaje": format!("el paquete no es legible (dañado o incompleto): {e}")}),
                    )
                }
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
