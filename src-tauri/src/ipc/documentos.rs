//! Printing documents, saving foliated ones, the in-app preview, the system viewer, templates.

use coactiva::documentos::lote;
use coactiva::procesos::expediente;
use coactiva::{archivos, documentos, Error};
use tauri::State;

use super::{escribir, leer, ErrorIpc, Estado, Res};

/// Prints a document into `Documentos/Coactiva/Procesos/<número>/`, foliating it if asked
/// (`repetir`: the clerk saw that the expediente already has it and confirmed).
#[tauri::command(async)]
pub fn documento_imprimir(
    estado: State<'_, Estado>,
    documento: String,
    numero: String,
    foliar: bool,
    texto: Option<String>,
    repetir: Option<bool>,
) -> Res<documentos::Impreso> {
    let o = documentos::Opciones {
        texto: texto.filter(|t| !t.trim().is_empty()),
        repetir: repetir.unwrap_or(false),
        ..Default::default()
    };
    escribir(&estado, |s, a| {
        documentos::imprimir_en_documentos(s, a, &documento, &numero, &o, foliar)
    })
}

/// What the preview says before foliating: the same document already in the expediente.
#[tauri::command(async)]
pub fn documento_ya_foliado(
    estado: State<'_, Estado>,
    documento: String,
    numero: String,
    texto: Option<String>,
) -> Res<Option<expediente::Actuacion>> {
    let o = documentos::Opciones {
        texto: texto.filter(|t| !t.trim().is_empty()),
        ..Default::default()
    };
    leer(&estado, |s, _| {
        documentos::ya_foliado(s, &documento, &numero, &o)
    })
}

/// Which procesos a batch would print: a sorteo's, every one the document fits, or those given.
#[tauri::command(async)]
pub fn lote_procesos(
    estado: State<'_, Estado>,
    documento: String,
    sorteo: Option<i64>,
    procesos: Option<Vec<String>>,
    filtro: Option<coactiva::procesos::Filtro>,
) -> Res<Vec<String>> {
    let sel = match filtro {
        Some(f) => lote::Seleccion::Filtro(f),
        None => seleccion(sorteo, procesos),
    };
    leer(&estado, |s, a| lote::procesos(s, a, &documento, &sel))
}

/// The documents a batch can print: (name, title).
#[tauri::command]
pub fn lote_documentos() -> Vec<(&'static str, &'static str)> {
    lote::documentos()
}

fn seleccion(sorteo: Option<i64>, procesos: Option<Vec<String>>) -> lote::Seleccion {
    match (sorteo, procesos) {
        (Some(n), _) => lote::Seleccion::Sorteo(n),
        (None, Some(v)) => lote::Seleccion::Procesos(v),
        (None, None) => lote::Seleccion::Todos,
    }
}

/// A batch as the window reports it: where the merged PDF went and each proceso's outcome.
#[derive(serde::Serialize)]
pub struct LoteImpreso {
    #[serde(flatten)]
    pub lote: lote::Lote,
    /// The merged PDF (none when nothing was printed).
    pub ruta: Option<String>,
    pub paginas: u32,
}

/// Prints (and, when asked, foliates) `documento` for the procesos of the selection: one PDF
/// per proceso in its folder and all of them in `Documentos/Coactiva/Lotes/`. Emits
/// `lote-progreso` `[hechos, total]` after each proceso; [`lote_cancelar`] stops it.
#[allow(clippy::too_many_arguments)]
#[tauri::command(async)]
pub fn lote_imprimir(
    app: tauri::AppHandle,
    estado: State<'_, Estado>,
    documento: String,
    procesos: Vec<String>,
    foliar: bool,
    texto: Option<String>,
) -> Res<LoteImpreso> {
    use std::sync::atomic::Ordering;
    use tauri::Emitter;
    let o = documentos::Opciones {
        texto: texto.filter(|t| !t.trim().is_empty()),
        ..Default::default()
    };
    estado.cancelar_lote.store(false, Ordering::SeqCst);
    let cancelar = &estado.cancelar_lote;
    let r = escribir(&estado, |s, a| {
        let reloj = s.clock_compartido();
        let mut entregar = |h: &lote::Hecho| {
            archivos::guardar(
                &archivos::documento(&h.proceso, &documento, &*reloj),
                &h.pdf,
            )
        };
        let mut ultimo = std::time::Instant::now();
        let mut avance = |hechos: usize, total: usize| {
            // At most ~20 events a second: the bar moves, the window is not flooded.
            if hechos == total || ultimo.elapsed().as_millis() >= 50 {
                ultimo = std::time::Instant::now();
                let _ = app.emit("lote-progreso", (hechos, total));
            }
            !cancelar.load(Ordering::SeqCst)
        };
        let l = lote::imprimir(
            s,
            a,
            &documento,
            &procesos,
            foliar,
            &o,
            &mut entregar,
            &mut avance,
        )?;
        let ruta = if l.hechos.is_empty() {
            None
        } else {
            let r = archivos::lote(&documento, &*reloj);
            archivos::guardar(&r, &lote::unido(&l)?)?;
            Some(r.display().to_string())
        };
        let paginas = l.paginas();
        Ok(LoteImpreso {
            lote: l,
            ruta,
            paginas,
        })
    });
    // A batch held every document in memory until merged: give it back now.
    liberar_memoria();
    r
}

/// «Cancelar» on a batch in progress.
#[tauri::command]
pub fn lote_cancelar(estado: State<'_, Estado>) {
    estado
        .cancelar_lote
        .store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Saves a foliated document where the clerk can open it.
#[tauri::command(async)]
pub fn documento_guardar(estado: State<'_, Estado>, numero: String, orden: i64) -> Res<String> {
    leer(&estado, |s, _| {
        let a = expediente::indice(s, &numero)?
            .into_iter()
            .find(|x| x.orden == orden)
            .ok_or_else(|| {
                Error::NoEncontrado(format!("el proceso {numero} no tiene la actuación {orden}"))
            })?;
        let ruta = archivos::actuacion(&numero, a.desde, a.hasta);
        archivos::guardar(&ruta, &expediente::documento(s, &a.documento)?)?;
        Ok(ruta.display().to_string())
    })
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

/// After a preview closes: the heap the app used to assemble and send the document (a
/// 700-page expediente is tens of MB, in many small pieces) is handed back to the system. On
/// Linux glibc keeps freed memory for reuse, and after one large document it keeps it all; on
/// Windows and macOS the system heap gives it back by itself, and this does nothing.
#[tauri::command]
pub fn liberar_memoria() {
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    // SAFETY: malloc_trim only walks glibc's own free lists and returns unused pages; it
    // takes no pointers and has no preconditions. Linux builds link glibc (Tauri requires it).
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Opens a saved PDF in the system's viewer. Where the system has no program for PDF (a Linux
/// desktop without one reports success and shows nothing), the clerk is told, with where the
/// document is saved.
#[tauri::command(async)]
pub fn abrir_en_visor(app: tauri::AppHandle, ruta: String) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    let sin_visor = || {
        ErrorIpc {
        code: "visor".into(),
        message: format!(
            "este equipo no tiene un programa para ver documentos PDF: instale uno (por ejemplo, Adobe Acrobat Reader) o use «Imprimir». El documento está guardado en {ruta}"
        ),
    }
    };
    #[cfg(target_os = "linux")]
    {
        let asociado = std::process::Command::new("xdg-mime")
            .args(["query", "default", "application/pdf"])
            .output()
            .is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty());
        if !asociado {
            return Err(sin_visor());
        }
    }
    app.opener().open_path(&ruta, None::<&str>).map_err(|e| {
        log::warn!("no se pudo abrir el visor de PDF: {e}");
        sin_visor()
    })
}

/// Sends a saved PDF to the system's default printer. Windows: the «Imprimir» verb of the
/// program registered for PDF (Acrobat Reader, SumatraPDF…), through PowerShell's
/// `Start-Process -Verb Print` (the path goes in an environment variable, never in the command
/// text). Linux and macOS: CUPS's `lp`. Anything missing — no printer, no program that prints
/// PDF — is said in words, with where the document is saved.
#[tauri::command(async)]
pub fn imprimir_pdf(ruta: String) -> Res<String> {
    let base = coactiva::logging::directorio_documentos();
    let dentro = std::path::Path::new(&ruta)
        .canonicalize()
        .ok()
        .zip(base.canonicalize().ok())
        .is_some_and(|(r, b)| r.starts_with(b));
    if !dentro {
        return Err(Error::entrada("solo se imprimen documentos guardados por Coactiva").into());
    }
    let falla = |por: &str| {
        ErrorIpc {
        code: "impresora".into(),
        message: format!("no se pudo imprimir: {por}. El documento está guardado en {ruta}: ábralo desde esa carpeta e imprímalo desde su visor."),
    }
    };
    #[cfg(windows)]
    let salida = {
        use std::os::windows::process::CommandExt;
        std::process::Command::new("powershell")
            .args([
                "-NoProfile",
                "-NonInteractive",
                "-Command",
                "Start-Process -FilePath $env:COACTIVA_PDF -Verb Print",
            ])
            .env("COACTIVA_PDF", &ruta)
            .creation_flags(0x0800_0000) // CREATE_NO_WINDOW
            .output()
    };
    #[cfg(not(windows))]
    let salida = std::process::Command::new("lp")
        .arg("--")
        .arg(&ruta)
        .output();
    match salida {
        Ok(o) if o.status.success() => Ok("documento enviado a la impresora predeterminada".into()),
        Ok(o) => {
            let texto = String::from_utf8_lossy(&o.stderr).to_lowercase();
            log::warn!("la impresión falló: {texto}");
            Err(falla(
                if texto.contains("destination")
                    || texto.contains("destino")
                    || texto.contains("printer")
                {
                    "no hay una impresora predeterminada configurada en este equipo"
                } else {
                    "el sistema no aceptó el documento (revise que haya una impresora y un programa para PDF)"
                },
            ))
        }
        Err(e) => {
            log::warn!("no se pudo llamar al sistema de impresión: {e}");
            Err(falla(
                "este equipo no tiene un sistema de impresión disponible",
            ))
        }
    }
}

/// The documents' templates (the unit's copy when it has one).
#[tauri::command(async)]
pub fn plantillas_listar(estado: State<'_, Estado>) -> Res<Vec<documentos::Plantilla>> {
    leer(&estado, |s, _| documentos::plantillas(s))
}

/// The Jefe saves the unit's version of a template (checked before it is written).
#[tauri::command(async)]
pub fn plantilla_guardar(estado: State<'_, Estado>, nombre: String, texto: String) -> Res<()> {
    escribir(&estado, |s, a| {
        documentos::guardar_plantilla(s, a, &nombre, &texto)
    })
}

/// The Jefe puts a template back to the shipped one.
#[tauri::command(async)]
pub fn plantilla_restaurar(estado: State<'_, Estado>, nombre: String) -> Res<()> {
    escribir(&estado, |s, a| {
        documentos::restaurar_plantilla(s, a, &nombre)
    })
}

/// A template's text, saved or not, filled with a real proceso's data, as a sample PDF for the
/// preview. Returns the sample's path and the proceso used.
#[tauri::command(async)]
pub fn plantilla_probar(
    estado: State<'_, Estado>,
    nombre: String,
    texto: String,
    proceso: Option<String>,
) -> Res<(String, String)> {
    leer(&estado, |s, a| {
        a.exigir(coactiva::usuarios::Accion::Configurar)?;
        let (pdf, numero) = documentos::probar_plantilla(s, &nombre, &texto, proceso.as_deref())?;
        let ruta = archivos::muestra(&nombre, s.clock());
        archivos::guardar(&ruta, &pdf)?;
        Ok((ruta.display().to_string(), numero))
    })
}
