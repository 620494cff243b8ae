//! The *Acta de sorteo*: the printed, signed evidence of one sorteo or resorteo — who ran it,
//! when, who was eligible with their loads before and after, each título with the abogado drawn,
//! the seed and digest, and how anyone can re-check it.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Timelike};

use super::{cargar, Registro, Tipo};
use crate::cargos::{Cargo, Genero};
use crate::dinero::Centavos;
use crate::pdf::{Alineacion, Columna, Documento, Encabezado, Estilo};
use crate::store::Reader;
use crate::{abogados, fechas, unidad, Error, Result};

/// `las 10h30`.
pub fn hora(fecha: &str) -> String {
    DateTime::<FixedOffset>::parse_from_rfc3339(fecha)
        .map(|d| format!("las {:02}h{:02}", d.hour(), d.minute()))
        .unwrap_or_default()
}

/// Who certifies an acta: the user named, or the unit's only active secretario. Returns the
/// name and the title as printed.
pub fn certificante(store: &dyn Reader, usuario: Option<&str>) -> Result<(String, String)> {
    let secretarios: Vec<(String, String, Option<String>)> = {
        let mut st = store.conn().prepare_cached(
            "SELECT usuario, nombres, genero FROM usuarios WHERE rol = 'secretario' AND activo ORDER BY usuario",
        )?;
        let v = st
            .query_map([], |f| Ok((f.get(0)?, f.get(1)?, f.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        v
    };
    let elegido = match usuario.map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => secretarios.iter().find(|s| s.0 == u).ok_or_else(|| {
            Error::entrada(format!(
                "«{u}» no es un secretario activo de la unidad: el acta la certifica un secretario"
            ))
        })?,
        None => match secretarios.as_slice() {
            [uno] => uno,
            [] => {
                return Err(Error::entrada(
                    "la unidad no tiene un secretario que certifique el acta: agregue un usuario con rol secretario en Configuración",
                ))
            }
            varios => {
                let v: Vec<&str> = varios.iter().map(|s| s.0.as_str()).collect();
                return Err(Error::entrada(format!(
                    "indique qué secretario certifica el acta: {}",
                    v.join(", ")
                )));
            }
        },
    };
    let cargo = if Genero::leer(elegido.2.as_deref()) == Some(Genero::Femenino) {
        "Secretaria que certifica"
    } else {
        "Secretario que certifica"
    };
    Ok((elegido.1.clone(), cargo.to_string()))
}

/// The acta of sorteo `numero` as PDF bytes, certified by `certifica` (see [`certificante`]).
pub fn generar(store: &dyn Reader, numero: i64, certifica: Option<&str>) -> Result<Vec<u8>> {
    let r = cargar(store, numero)?;
    let u = unidad::exigir(store)?;
    let (secretario, cargo_secretario) = certificante(store, certifica)?;
    // The Jefe who ran it signs with the title of the unit's level, in the form of his gender.
    let genero_jefe: Option<String> = store
        .conn()
        .query_row(
            "SELECT COALESCE(genero, CASE WHEN rol = 'jefe' THEN (SELECT jefe_genero FROM unidad WHERE id = 1) END) FROM usuarios WHERE usuario = ?1",
            [&r.usuario],
            |f| f.get(0),
        )
        .unwrap_or(None);
    let cargo_jefe = Cargo::Jefe(u.nivel).forma(Genero::leer(genero_jefe.as_deref()));
    let nombres: HashMap<String, String> = abogados::listar(store)?
        .into_iter()
        .map(|a| (a.identificacion, a.nombres))
        .collect();
    let jefe: String = store
        .conn()
        .query_row(
            "SELECT nombres FROM usuarios WHERE usuario = ?1",
            [&r.usuario],
            |f| f.get(0),
        )
        .unwrap_or_else(|_| r.usuario.clone());
    let obligados = obligados(store, &r)?;
    let que = if r.tipo == Tipo::Resorteo {
        "RESORTEO"
    } else {
        "SORTEO"
    };
    let titulo = format!("ACTA DE {que} N.º {}", r.numero);
    let mut d = Documento::new(
        &format!(
            "Acta de {} N.º {} — {}",
            que.to_lowercase(),
            r.numero,
            u.nombre
        ),
        &format!("Sorteo de títulos de crédito, unidad {}", u.codigo),
        Encabezado {
            institucion: "INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL".into(),
            unidad: format!("{} — Juzgado de Coactivas", u.nombre),
            referencia: titulo.clone(),
        },
    )?;
    d.fechar(&crate::fechas::marca(store.clock()));
    d.titulo(&titulo, 14.0);
    d.espacio(2.0);
    let m = r.entradas.titulos.len();
    let mut apertura = format!(
        "En la ciudad de {}, el {}, a {}, en el Juzgado de Coactivas de la {}, {}, {}, ante {}, {}, procedió al {} de {} entre los Secretarios-Abogados activos en esa fecha, conforme a la Resolución C.D. 497 del Consejo Directivo del IESS, con el procedimiento aleatorio y verificable que se describe en esta acta.",
        u.ciudad, fechas::larga(r.dia()), hora(&r.fecha), u.nombre, jefe, cargo_jefe, secretario,
        cargo_secretario.to_lowercase(), que.to_lowercase(), crate::texto::cuantos(m as i64, "título de crédito", "títulos de crédito")
    );
    if let Some(motivo) = &r.motivo {
        apertura.push_str(&format!(" El resorteo se ordenó por el siguiente motivo: «{motivo}». El abogado que tenía cada título quedó excluido de recibirlo de nuevo."));
    }
    d.parrafo(&apertura, Estilo::Normal, 11.0, Alineacion::Justificada);

    d.parrafo(
        "1. Secretarios-Abogados elegibles y su carga",
        Estilo::Negrita,
        11.0,
        Alineacion::Izquierda,
    );
    let mut recibidos: HashMap<&str, i64> = HashMap::new();
    for a in &r.resultado.asignaciones {
        *recibidos.entry(a.abogado.as_str()).or_default() += 1;
    }
    let filas: Vec<Vec<String>> = r
        .entradas
        .abogados
        .iter()
        .map(|a| {
            let n = recibidos
                .get(a.identificacion.as_str())
                .copied()
                .unwrap_or(0);
            vec![
                a.identificacion.clone(),
                nombres.get(&a.identificacion).cloned().unwrap_or_default(),
                abogados::Peso(a.peso).texto(),
                a.carga.to_string(),
                n.to_string(),
                (a.carga + n).to_string(),
            ]
        })
        .collect();
    d.tabla(
        &[
            Columna::new("Identificación", 25.0, Alineacion::Izquierda),
            Columna::new("Nombres", 62.0, Alineacion::Izquierda),
            Columna::new("Peso", 14.0, Alineacion::Derecha),
            Columna::new("Carga antes", 20.0, Alineacion::Derecha),
            Columna::new("Asignados", 20.0, Alineacion::Derecha),
            Columna::new("Carga después", 24.0, Alineacion::Derecha),
        ],
        &filas,
        9.5,
    );
    d.parrafo(
        &format!("La carga es el número de títulos asignados a cada abogado en el año {} según los registros de los sorteos anteriores; se compara dividida para el peso de cada uno (1 = carga completa).", r.dia().format("%Y")),
        Estilo::Cursiva,
        9.5,
        Alineacion::Justificada,
    );
    if !r.entradas.no_elegibles.is_empty() {
        let lista: Vec<String> = r
            .entradas
            .no_elegibles
            .iter()
            .map(|n| {
                format!(
                    "{} ({}), {}",
                    nombres.get(&n.identificacion).cloned().unwrap_or_default(),
                    n.identificacion,
                    n.motivo
                )
            })
            .collect();
        d.parrafo(
            &format!("No participaron: {}.", lista.join("; ")),
            Estilo::Normal,
            10.0,
            Alineacion::Justificada,
        );
    }

    d.parrafo("2. Método", Estilo::Negrita, 11.0, Alineacion::Izquierda);
    d.parrafo(
        &format!(
            "Se usó el algoritmo {}: a cada abogado le corresponde un número de títulos tal que su carga dividida para su peso quede lo más pareja posible; los títulos se ordenan por monto y se dividen en cinco bandas, y cada abogado recibe de cada banda la misma proporción; dentro de cada banda los títulos se asignan al azar. El azar proviene del generador ChaCha20 iniciado con la semilla de 32 bytes que se imprime abajo, obtenida del generador seguro del sistema operativo. Con la misma semilla y las mismas entradas el resultado es siempre el mismo.",
            r.algoritmo
        ),
        Estilo::Normal,
        10.5,
        Alineacion::Justificada,
    );
    for (etiqueta, valor) in [
        ("Semilla:", &r.semilla),
        ("Huella SHA-256 de este sorteo:", &r.digest),
        ("Huella del sorteo anterior:", &r.digest_anterior),
    ] {
        d.parrafo(etiqueta, Estilo::Negrita, 10.0, Alineacion::Izquierda);
        d.parrafo(valor, Estilo::Mono, 9.0, Alineacion::Izquierda);
    }

    d.parrafo("3. Resultado", Estilo::Negrita, 11.0, Alineacion::Izquierda);
    let formato = u.formato_importe;
    let montos: HashMap<&str, i64> = r
        .entradas
        .titulos
        .iter()
        .map(|t| (t.numero.as_str(), t.total))
        .collect();
    let filas: Vec<Vec<String>> = r
        .resultado
        .asignaciones
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                (i + 1).to_string(),
                a.titulo.clone(),
                obligados.get(&a.titulo).cloned().unwrap_or_default(),
                montos
                    .get(a.titulo.as_str())
                    .map(|t| Centavos(*t).agrupado(formato))
                    .unwrap_or_default(),
                format!(
                    "{} ({})",
                    nombres.get(&a.abogado).cloned().unwrap_or_default(),
                    a.abogado
                ),
            ]
        })
        .collect();
    d.tabla(
        &[
            Columna::new("N.º", 10.0, Alineacion::Derecha),
            Columna::new("Título", 30.0, Alineacion::Izquierda),
            Columna::new("Obligado", 50.0, Alineacion::Izquierda),
            Columna::new("Monto USD", 24.0, Alineacion::Derecha),
            Columna::new("Secretario-Abogado", 51.0, Alineacion::Izquierda),
        ],
        &filas,
        9.0,
    );
    if !r.resultado.sin_asignar.is_empty() {
        d.parrafo(
            "Títulos que quedan por sortear:",
            Estilo::Negrita,
            10.0,
            Alineacion::Izquierda,
        );
        let filas: Vec<Vec<String>> = r
            .resultado
            .sin_asignar
            .iter()
            .map(|s| {
                vec![
                    s.titulo.clone(),
                    obligados.get(&s.titulo).cloned().unwrap_or_default(),
                    s.motivo.clone(),
                ]
            })
            .collect();
        d.tabla(
            &[
                Columna::new("Título", 30.0, Alineacion::Izquierda),
                Columna::new("Obligado", 55.0, Alineacion::Izquierda),
                Columna::new("Motivo", 80.0, Alineacion::Izquierda),
            ],
            &filas,
            9.0,
        );
    }

    let posteriores = resorteos_posteriores(store, r.numero)?;
    if !posteriores.is_empty() {
        d.parrafo(
            "Resorteos posteriores de títulos de este sorteo:",
            Estilo::Negrita,
            10.0,
            Alineacion::Izquierda,
        );
        let filas: Vec<Vec<String>> = posteriores
            .into_iter()
            .map(|(titulo, abogado, n, motivo)| {
                vec![
                    titulo,
                    format!(
                        "{} ({abogado})",
                        nombres.get(&abogado).cloned().unwrap_or_default()
                    ),
                    format!("N.º {n}"),
                    motivo,
                ]
            })
            .collect();
        d.tabla(
            &[
                Columna::new("Título", 30.0, Alineacion::Izquierda),
                Columna::new("Ahora a cargo de", 55.0, Alineacion::Izquierda),
                Columna::new("Resorteo", 20.0, Alineacion::Izquierda),
                Columna::new("Motivo", 60.0, Alineacion::Izquierda),
            ],
            &filas,
            9.0,
        );
    }

    d.parrafo(
        "4. Cómo comprobar este sorteo",
        Estilo::Negrita,
        11.0,
        Alineacion::Izquierda,
    );
    d.parrafo(
        &format!(
            "Cualquier persona puede volver a ejecutar este sorteo: la orden «coactiva sorteo verificar {}» toma del registro las entradas, la semilla y el resultado, repite el sorteo, recalcula las cargas a partir de los sorteos anteriores y la huella SHA-256, y comprueba que la huella coincida con la impresa en esta acta y que la cadena con el sorteo anterior esté completa. Cualquier cambio posterior en el registro se detecta y se informa.",
            r.numero
        ),
        Estilo::Normal,
        10.5,
        Alineacion::Justificada,
    );
    d.parrafo(
        &crate::verificacion::sello::leyenda(&crate::verificacion::sello::actual(store)?),
        Estilo::Normal,
        8.5,
        Alineacion::Izquierda,
    );
    // The closing: how much was drawn, and when the act ended (the draw is one instant).
    let total: i64 = r.entradas.titulos.iter().map(|t| t.total).sum();
    d.parrafo(
        &format!(
            "{} {} por un total de {} (USD {}). Con lo cual concluyó el acto, a {}.",
            if m == 1 { "Se sorteó" } else { "Se sortearon" },
            crate::texto::cuantos(m as i64, "título de crédito", "títulos de crédito"),
            crate::documentos::letras::monto(crate::dinero::Centavos(total)),
            crate::dinero::Centavos(total).agrupado(u.formato_importe),
            hora(&r.fecha)
        ),
        Estilo::Normal,
        11.0,
        Alineacion::Justificada,
    );
    d.parrafo(
        "Para constancia firman:",
        Estilo::Normal,
        11.0,
        Alineacion::Izquierda,
    );
    d.firmas(&[(&jefe, cargo_jefe), (&secretario, &cargo_secretario)]);
    Ok(d.terminar())
}

/// Títulos of sorteo `numero` that a later resorteo moved: (título, new abogado, resorteo, reason).
fn resorteos_posteriores(
    store: &dyn Reader,
    numero: i64,
) -> Result<Vec<(String, String, i64, String)>> {
    let mut st = store.conn().prepare(
        "SELECT b.titulo, b.abogado, s.numero, COALESCE(s.motivo, '')
         FROM asignaciones a JOIN asignaciones b ON b.titulo = a.titulo AND b.sorteo > a.sorteo
         JOIN sorteos s ON s.numero = b.sorteo
         WHERE a.sorteo = ?1 ORDER BY b.titulo, s.numero",
    )?;
    let filas = st.query_map([numero], |f| {
        Ok((f.get(0)?, f.get(1)?, f.get(2)?, f.get(3)?))
    })?;
    Ok(filas.collect::<rusqlite::Result<_>>()?)
}

/// Names of the obligados of a sorteo's títulos.
fn obligados(store: &dyn Reader, r: &Registro) -> Result<HashMap<String, String>> {
    let mut st = store
        .conn()
        .prepare_cached("SELECT obligado FROM titulos WHERE numero = ?1")?;
    let mut out = HashMap::with_capacity(r.entradas.titulos.len());
    for t in &r.entradas.titulos {
        if let Ok(n) = st.query_row([&t.numero], |f| f.get::<_, String>(0)) {
            out.insert(t.numero.clone(), n);
        }
    }
    Ok(out)
}
