//! Printing for people (aligned tables, Spanish sentences) and for programs (JSON on stdout).

use coactiva::abogados::{Abogado, Estado};
use coactiva::fechas;
use coactiva::titulos::importar::Informe;
use serde::Serialize;

/// `println!` that ends the program quietly when the reader went away (`coactiva … | head`).
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($t)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

pub fn json<T: Serialize + ?Sized>(v: &T) {
    out!(
        "{}",
        serde_json::to_string_pretty(v).expect("JSON serializable")
    );
}

pub fn tabla(encabezado: &[&str], filas: impl Iterator<Item = Vec<String>>) {
    let filas: Vec<Vec<String>> = filas.collect();
    let mut anchos: Vec<usize> = encabezado.iter().map(|h| h.chars().count()).collect();
    for f in &filas {
        for (i, c) in f.iter().enumerate() {
            anchos[i] = anchos[i].max(c.chars().count());
        }
    }
    let linea = |celdas: Vec<String>| {
        let s: Vec<String> = celdas
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c}{}", " ".repeat(anchos[i] - c.chars().count())))
            .collect();
        out!("{}", s.join("  ").trim_end());
    };
    linea(encabezado.iter().map(|s| s.to_string()).collect());
    linea(anchos.iter().map(|a| "─".repeat(*a)).collect());
    for f in filas {
        linea(f);
    }
}

pub fn estado_abogado(a: &Abogado) -> String {
    match (a.estado, a.licencia_desde, a.licencia_hasta) {
        (Estado::Licencia, Some(d), Some(h)) => {
            format!("licencia del {} al {}", fechas::corta(d), fechas::corta(h))
        }
        (Estado::Licencia, Some(d), None) => format!("licencia desde el {}", fechas::corta(d)),
        (e, _, _) => e.como_texto().into(),
    }
}

/// The import report: JSON on stdout, or Spanish text (errors on stderr).
pub fn informe(inf: &Informe, como_json: bool) {
    use coactiva::texto::cuantos;
    if como_json {
        json(inf);
        return;
    }
    for a in &inf.advertencias {
        eprintln!(
            "advertencia — línea {}, columna {}: {}",
            a.linea, a.columna, a.mensaje
        );
    }
    if !inf.errores.is_empty() {
        for e in &inf.errores {
            eprintln!(
                "error — línea {}, columna {}: {}",
                e.linea, e.columna, e.mensaje
            );
        }
        eprintln!(
            "El archivo tiene {} en {} leídas. No se importó nada: corrija el archivo y vuelva a importarlo.",
            cuantos(inf.errores.len() as i64, "error", "errores"),
            cuantos(inf.filas as i64, "fila", "filas")
        );
    } else if inf.simulado {
        out!(
            "Simulación: {} y se importarían. No se escribió nada.",
            if inf.filas == 1 {
                "la fila es correcta".to_string()
            } else {
                format!(
                    "las {} filas son correctas",
                    coactiva::texto::miles(inf.filas as i64)
                )
            }
        );
    } else {
        out!(
            "{}, en estado por sortear.",
            cuantos(
                inf.importados as i64,
                "título importado",
                "títulos importados"
            )
        );
    }
}

/// Writes a file the user asked for, with a Spanish message when it cannot.
/// What the command may overwrite: set once from the command line (`--reemplazar`) and the
/// database it opened (never overwritten, whatever is asked).
static DESTINOS: std::sync::OnceLock<(bool, std::path::PathBuf)> = std::sync::OnceLock::new();

pub fn fijar_destinos(reemplazar: bool, db: std::path::PathBuf) {
    let _ = DESTINOS.set((reemplazar, db));
}

/// Checks that `ruta` may be written: never the unit's database (or its journal files); an
/// existing file only with `--reemplazar`.
pub fn admitir(ruta: &std::path::Path) -> crate::Res {
    let (reemplazar, db) = DESTINOS
        .get()
        .cloned()
        .unwrap_or((false, std::path::PathBuf::new()));
    let mismo = |a: &std::path::Path, b: &std::path::Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
    let base = db.file_name().map(|n| n.to_string_lossy().into_owned());
    let junto_a_la_base = base.is_some_and(|b| {
        ["", "-wal", "-shm", "-journal"].iter().any(|s| {
            let p = db.with_file_name(format!("{b}{s}"));
            mismo(ruta, &p)
        })
    });
    if junto_a_la_base {
        return Err(crate::Fallo {
            codigo: 2,
            mensaje: format!(
                "{} es la base de datos de la unidad: elija otro archivo de salida",
                ruta.display()
            ),
        });
    }
    if ruta.exists() && !reemplazar {
        return Err(crate::Fallo {
            codigo: 2,
            mensaje: format!(
                "el archivo {} ya existe: elija otro nombre o agregue --reemplazar",
                ruta.display()
            ),
        });
    }
    Ok(())
}

/// Writes an output file after [`admitir`], through a temporary name and a rename, so a reader
/// never sees half of it.
pub fn escribir(ruta: &std::path::Path, bytes: &[u8]) -> crate::Res {
    admitir(ruta)?;
    let tmp = ruta.with_extension("parcial");
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, ruta))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            crate::Fallo {
                codigo: 1,
                mensaje: format!("no se pudo escribir {}: {e}", ruta.display()),
            }
        })
}
