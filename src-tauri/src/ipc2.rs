//! Commands for the Títulos, Procesos, Abogados and Configuración screens, and the Inicio
//! summary. Thin: parse, call the core, map the error.

use std::sync::Mutex;

use coactiva::procesos::{self, expediente, Etapa};
use coactiva::titulos::{self, importar, EstadoTitulo};
use coactiva::{abogados, calendario, configuracion, documentos, fechas, sync, Error};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::ipc::{con_sesion, ErrorIpc};
use crate::{Estado, EstadoSync};

type Res<T> = Result<T, ErrorIpc>;

#[derive(Serialize)]
pub struct EtapaCuenta {
    etapa: Etapa,
    nombre: &'static str,
    procesos: i64,
}

#[derive(Serialize)]
pub struct Inicio {
    titulos_por_sortear: i64,
    procesos_por_etapa: Vec<EtapaCuenta>,
    vencimientos: Vec<procesos::Vencimiento>,
    sync: EstadoSyncVista,
}

#[derive(Serialize, Clone, Default)]
pub struct EstadoSyncVista {
    destino: String,
    cambios_pendientes: i64,
    ultima_entrega: Option<String>,
    en_linea: Option<bool>,
    ultimo_error: Option<String>,
}

#[tauri::command(async)]
pub fn inicio(
    estado: State<'_, Mutex<Estado>>,
    sync_estado: State<'_, std::sync::Arc<Mutex<EstadoSync>>>,
) -> Res<Inicio> {
    let vivo = sync_estado.lock().map(|s| s.clone()).unwrap_or_default();
    con_sesion(&estado, |s, _| {
        let destino = configuracion::leer(s, "destino_sync")?;
        let pendientes = if destino.is_empty() {
            coactiva::cambios::ultimo_seq(s.conn())?
        } else {
            sync::pendientes_de(s, &sync::Destino::parse(&destino).texto())?
        };
        Ok(Inicio {
            titulos_por_sortear: titulos::contar(s, EstadoTitulo::PorSortear)?,
            procesos_por_etapa: procesos::contar(s)?
                .into_iter()
                .map(|(e, n)| EtapaCuenta {
                    etapa: e,
                    nombre: e.nombre(),
                    procesos: n,
                })
                .collect(),
            vencimientos: procesos::vencimientos(s, 5)?,
            sync: EstadoSyncVista {
                destino,
                cambios_pendientes: pendientes,
                ultima_entrega: sync::ultima_entrega(s)?,
                en_linea: vivo.en_linea,
                ultimo_error: vivo.ultimo_error,
            },
        })
    })
}

/// Import: a report with errors is a normal answer (the UI shows its table), not a failure.
#[tauri::command(async)]
pub fn titulos_importar(
    estado: State<'_, Mutex<Estado>>,
    nombre: String,
    bytes: Vec<u8>,
    simular: bool,
) -> Res<importar::Informe> {
    con_sesion(&estado, |s, a| {
        match importar::importar_bytes(s, a, &nombre, &bytes, simular) {
            Err(Error::Importacion(inf)) => Ok(*inf),
            r => r,
        }
    })
}

#[tauri::command(async)]
pub fn titulos_listar(
    estado: State<'_, Mutex<Estado>>,
    estado_titulo: Option<String>,
) -> Res<Vec<titulos::Titulo>> {
    con_sesion(&estado, |s, _| {
        let e = estado_titulo
            .as_deref()
            .map(EstadoTitulo::parse)
            .transpose()?;
        let mut v = titulos::listar(s, e)?;
        v.truncate(1000);
        Ok(v)
    })
}

#[derive(Serialize)]
pub struct Pagina {
    total: i64,
    procesos: Vec<procesos::Proceso>,
}

#[tauri::command(async)]
pub fn procesos_pagina(
    estado: State<'_, Mutex<Estado>>,
    desde: i64,
    limite: i64,
    etapa: Option<String>,
) -> Res<Pagina> {
    con_sesion(&estado, |s, _| {
        let etapa = etapa
            .as_deref()
            .filter(|e| !e.is_empty())
            .map(Etapa::parse)
            .transpose()?;
        let total: i64 = match etapa {
            Some(e) => s.conn().query_row(
                "SELECT COUNT(*) FROM procesos WHERE etapa = ?1",
                [e.codigo()],
                |r| r.get(0),
            )?,
            None => s
                .conn()
                .query_row("SELECT COUNT(*) FROM procesos", [], |r| r.get(0))?,
        };
        Ok(Pagina {
            total,
            procesos: procesos::listar(s, etapa, desde, limite.clamp(1, 500))?,
        })
    })
}

#[tauri::command(async)]
pub fn procesos_buscar(
    estado: State<'_, Mutex<Estado>>,
    texto: String,
) -> Res<Vec<procesos::Proceso>> {
    con_sesion(&estado, |s, _| procesos::buscar(s, &texto, 200))
}

#[derive(Serialize)]
pub struct Expediente {
    detalle: procesos::Detalle,
    indice: Vec<expediente::Actuacion>,
    /// Only the documents and actions the stage allows.
    documentos: Vec<(&'static str, &'static str)>,
    puede_citar: bool,
}

#[tauri::command(async)]
pub fn proceso_ver(estado: State<'_, Mutex<Estado>>, numero: String) -> Res<Expediente> {
    con_sesion(&estado, |s, _| {
        let detalle = procesos::ver(s, &numero)?;
        let etapa = detalle.proceso.etapa;
        Ok(Expediente {
            indice: expediente::indice(s, &numero)?,
            documentos: documentos::permitidos(etapa),
            puede_citar: documentos::se_cita(etapa),
            detalle,
        })
    })
}

#[tauri::command(async)]
pub fn proceso_abrir(estado: State<'_, Mutex<Estado>>, titulo: String) -> Res<procesos::Proceso> {
    con_sesion(&estado, |s, a| procesos::abrir(s, a, &titulo))
}

#[tauri::command(async)]
pub fn proceso_etapa(
    estado: State<'_, Mutex<Estado>>,
    numero: String,
    etapa: String,
    motivo: Option<String>,
) -> Res<procesos::Proceso> {
    con_sesion(&estado, |s, a| {
        procesos::cambiar_etapa(
            s,
            a,
            &numero,
            Etapa::parse(&etapa)?,
            None,
            motivo.as_deref().filter(|m| !m.trim().is_empty()),
        )
    })
}

#[tauri::command(async)]
pub fn proceso_citar(
    estado: State<'_, Mutex<Estado>>,
    numero: String,
    parte: String,
    tipo: String,
    detalle: Option<String>,
) -> Res<()> {
    con_sesion(&estado, |s, a| {
        procesos::citar(s, a, &numero, &parte, &tipo, None, detalle.as_deref())
    })
}

#[tauri::command(async)]
pub fn proceso_agregar(
    estado: State<'_, Mutex<Estado>>,
    numero: String,
    tipo: String,
    descripcion: String,
    bytes: Vec<u8>,
) -> Res<expediente::Actuacion> {
    con_sesion(&estado, |s, a| {
        expediente::foliar(
            s,
            a,
            &numero,
            &expediente::Nueva {
                tipo: &tipo,
                descripcion: &descripcion,
                bytes: &bytes,
                fecha: None,
                corrige: None,
            },
        )
    })
}

fn carpeta_proceso(numero: &str) -> Result<std::path::PathBuf, Error> {
    let dir = coactiva::logging::directorio_documentos()
        .join("Procesos")
        .join(numero);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[derive(Serialize)]
pub struct Impreso {
    ruta: String,
    desde: Option<i64>,
    hasta: Option<i64>,
}

/// Prints a document into `Documentos/Coactiva/Procesos/<número>/`, foliating it if asked.
#[tauri::command(async)]
pub fn documento_imprimir(
    estado: State<'_, Mutex<Estado>>,
    documento: String,
    numero: String,
    foliar: bool,
    texto: Option<String>,
) -> Res<Impreso> {
    con_sesion(&estado, |s, a| {
        let o = documentos::Opciones {
            texto: texto.filter(|t| !t.trim().is_empty()),
            ..Default::default()
        };
        let (pdf, act) = documentos::imprimir(s, a, &documento, &numero, &o, foliar)?;
        let sello = fechas::marca(s.clock()).replace([':', '.'], "-");
        let ruta = carpeta_proceso(&numero)?.join(format!("{documento}-{}.pdf", &sello[..19]));
        std::fs::write(&ruta, pdf)?;
        Ok(Impreso {
            ruta: ruta.display().to_string(),
            desde: act.as_ref().map(|x| x.desde),
            hasta: act.map(|x| x.hasta),
        })
    })
}

/// Saves a foliated document where the clerk can open it.
#[tauri::command(async)]
pub fn documento_guardar(
    estado: State<'_, Mutex<Estado>>,
    numero: String,
    orden: i64,
) -> Res<String> {
    con_sesion(&estado, |s, _| {
        let a = expediente::indice(s, &numero)?
            .into_iter()
            .find(|x| x.orden == orden)
            .ok_or_else(|| {
                Error::NoEncontrado(format!("el proceso {numero} no tiene la actuación {orden}"))
            })?;
        let ruta = carpeta_proceso(&numero)?.join(format!("fojas-{}-{}.pdf", a.desde, a.hasta));
        std::fs::write(&ruta, expediente::documento(s, &a.documento)?)?;
        Ok(ruta.display().to_string())
    })
}

#[tauri::command(async)]
pub fn abogados_listar(
    estado: State<'_, Mutex<Estado>>,
) -> Res<Vec<coactiva::sorteo::Elegibilidad>> {
    con_sesion(&estado, |s, _| {
        coactiva::sorteo::elegibilidad(s, fechas::hoy(s.clock()))
    })
}

#[derive(Deserialize)]
pub struct NuevoAbogadoIpc {
    identificacion: String,
    nombres: String,
    externo: bool,
    peso: String,
}

#[tauri::command(async)]
pub fn abogado_agregar(estado: State<'_, Mutex<Estado>>, datos: NuevoAbogadoIpc) -> Res<()> {
    con_sesion(&estado, |s, a| {
        let peso = if datos.peso.trim().is_empty() {
            None
        } else {
            Some(abogados::Peso::parse(&datos.peso)?)
        };
        abogados::agregar(
            s,
            a,
            &abogados::NuevoAbogado {
                identificacion: datos.identificacion,
                nombres: datos.nombres,
                externo: datos.externo,
                peso,
                ..Default::default()
            },
        )?;
        Ok(())
    })
}

#[tauri::command(async)]
pub fn abogado_estado(
    estado: State<'_, Mutex<Estado>>,
    identificacion: String,
    nuevo: String,
) -> Res<()> {
    con_sesion(&estado, |s, a| {
        abogados::cambiar_estado(
            s,
            a,
            &identificacion,
            abogados::Estado::parse(&nuevo)?,
            None,
            None,
        )?;
        Ok(())
    })
}

#[tauri::command(async)]
pub fn configuracion_listar(estado: State<'_, Mutex<Estado>>) -> Res<Vec<configuracion::Ajuste>> {
    con_sesion(&estado, |s, _| configuracion::listar(s))
}

#[tauri::command(async)]
pub fn configuracion_cambiar(
    estado: State<'_, Mutex<Estado>>,
    clave: String,
    valor: String,
) -> Res<()> {
    con_sesion(&estado, |s, a| configuracion::cambiar(s, a, &clave, &valor))
}

#[tauri::command(async)]
pub fn feriados(estado: State<'_, Mutex<Estado>>, anio: i32) -> Res<Vec<calendario::Feriado>> {
    con_sesion(&estado, |s, _| calendario::feriados(s, anio, None))
}

/// A PDF Coactiva saved, for the in-app preview (only files under Documentos/Coactiva).
#[tauri::command(async)]
pub fn pdf_vista(ruta: String) -> Res<tauri::ipc::Response> {
    let base = coactiva::logging::directorio_documentos();
    let ruta = std::path::PathBuf::from(ruta);
    let dentro = ruta
        .canonicalize()
        .ok()
        .zip(base.canonicalize().ok())
        .is_some_and(|(r, b)| r.starts_with(b));
    if !dentro {
        return Err(Error::entrada("solo se muestran documentos guardados por Coactiva").into());
    }
    Ok(tauri::ipc::Response::new(
        std::fs::read(&ruta).map_err(Error::from)?,
    ))
}

/// Opens a saved PDF in the system's viewer, where it is printed.
#[tauri::command(async)]
pub fn abrir_en_visor(app: tauri::AppHandle, ruta: String) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_path(ruta, None::<&str>)
        .map_err(|e| ErrorIpc {
            code: "visor".into(),
            message: format!("no se pudo abrir el visor de PDF del sistema: {e}"),
        })
}

#[tauri::command(async)]
pub fn usuarios_listar(estado: State<'_, Mutex<Estado>>) -> Res<Vec<coactiva::usuarios::Usuario>> {
    con_sesion(&estado, |s, _| coactiva::usuarios::listar(s))
}

#[derive(Deserialize)]
pub struct NuevoUsuarioIpc {
    usuario: String,
    nombres: String,
    rol: String,
    clave: String,
}

#[tauri::command(async)]
pub fn usuario_agregar(estado: State<'_, Mutex<Estado>>, datos: NuevoUsuarioIpc) -> Res<()> {
    con_sesion(&estado, |s, a| {
        coactiva::usuarios::agregar(
            s,
            a,
            datos.usuario.trim(),
            &datos.nombres,
            datos.rol.parse()?,
            &datos.clave,
        )
    })
}

/// A user changes their own password (the Jefe may also set another user's).
#[tauri::command(async)]
pub fn cambiar_clave(
    estado: State<'_, Mutex<Estado>>,
    usuario: Option<String>,
    actual: Option<String>,
    nueva: String,
) -> Res<()> {
    con_sesion(&estado, |s, a| {
        let objetivo = usuario.unwrap_or_else(|| a.usuario.clone());
        coactiva::usuarios::cambiar_clave(s, a, &objetivo, actual.as_deref(), &nueva)
    })
}

#[tauri::command(async)]
pub fn feriado_agregar(
    estado: State<'_, Mutex<Estado>>,
    fecha: String,
    nombre: String,
    provincia: Option<String>,
    quitar: bool,
) -> Res<()> {
    con_sesion(&estado, |s, a| {
        let f = fechas::parse_fecha(&fecha)?;
        calendario::editar(
            s,
            a,
            f,
            &nombre,
            provincia.as_deref().filter(|p| !p.is_empty()),
            quitar,
        )
    })
}

#[tauri::command(async)]
pub fn abogado_impedimento(
    estado: State<'_, Mutex<Estado>>,
    identificacion: String,
    obligado: String,
    motivo: Option<String>,
) -> Res<()> {
    con_sesion(&estado, |s, a| {
        abogados::agregar_impedimento(
            s,
            a,
            &identificacion,
            &obligado,
            motivo.as_deref().filter(|m| !m.trim().is_empty()),
        )
    })
}

/// Saves an import's error report as CSV (line;column;reason) in the documents folder.
#[tauri::command(async)]
pub fn informe_guardar(
    estado: State<'_, Mutex<Estado>>,
    nombre: String,
    errores: Vec<importar::Observacion>,
) -> Res<String> {
    con_sesion(&estado, |s, _| {
        let dir = coactiva::logging::directorio_documentos().join("Importaciones");
        std::fs::create_dir_all(&dir)?;
        let sello = fechas::marca(s.clock()).replace([':', '.'], "-");
        let base = std::path::Path::new(&nombre)
            .file_stem()
            .map(|x| x.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ruta = dir.join(format!("errores-{base}-{}.csv", &sello[..19]));
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_path(&ruta)
            .map_err(|e| Error::Interno(e.to_string()))?;
        w.write_record(["linea", "columna", "mensaje"])
            .map_err(|e| Error::Interno(e.to_string()))?;
        for o in &errores {
            w.write_record([o.linea.to_string(), o.columna.clone(), o.mensaje.clone()])
                .map_err(|e| Error::Interno(e.to_string()))?;
        }
        w.flush()?;
        Ok(ruta.display().to_string())
    })
}

#[derive(Serialize)]
pub struct Plantilla {
    nombre: String,
    texto: String,
    propia: bool,
}

/// The documents' templates (the unit's copy when it has one).
#[tauri::command(async)]
pub fn plantillas_listar(estado: State<'_, Mutex<Estado>>) -> Res<Vec<Plantilla>> {
    con_sesion(&estado, |_, _| {
        documentos::DOCUMENTOS
            .iter()
            .filter(|d| !d.1.is_empty())
            .map(|d| {
                let propia = documentos::carpeta_plantillas()
                    .join(format!("{}.txt", d.1))
                    .exists();
                Ok(Plantilla {
                    nombre: d.1.to_string(),
                    texto: documentos::plantilla(d.1)?,
                    propia,
                })
            })
            .collect()
    })
}

/// The Jefe saves the unit's version of a template (checked before it is written).
#[tauri::command(async)]
pub fn plantilla_guardar(
    estado: State<'_, Mutex<Estado>>,
    nombre: String,
    texto: String,
) -> Res<()> {
    con_sesion(&estado, |_, a| {
        a.exigir(coactiva::usuarios::Accion::Configurar)?;
        documentos::guardar_plantilla(&nombre, &texto)
    })
}
