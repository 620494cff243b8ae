//! Replaying every sorteo from its record: digests, results, derived loads and the assignment
//! table. An edit made directly in the database is found and named.

use std::collections::HashSet;

use super::*;

/// Something wrong found in a sorteo's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Hallazgo {
    pub sorteo: i64,
    pub mensaje: String,
}

/// Replays sorteos from their records and checks the digest chain, the derived loads and the
/// assignment table. `solo` limits the report to one sorteo (the chain up to it is still
/// replayed, since loads depend on it). An empty list means all is intact.
pub fn verificar(store: &dyn Reader, solo: Option<i64>) -> Result<Vec<Hallazgo>> {
    if let Some(n) = solo {
        cargar(store, n)?;
    }
    let conn = store.conn();
    let mut hallazgos = vec![];
    let mut cargas = Cargas::default();
    let mut anterior = DIGEST_INICIAL.to_string();
    let mut esperado = 1;
    let mut tabla: BTreeMap<i64, Vec<Asignacion>> = BTreeMap::new();
    {
        let mut st = conn
            .prepare("SELECT sorteo, titulo, abogado FROM asignaciones ORDER BY sorteo, titulo")?;
        let mut filas = st.query([])?;
        while let Some(r) = filas.next()? {
            tabla.entry(r.get(0)?).or_default().push(Asignacion {
                titulo: r.get(1)?,
                abogado: r.get(2)?,
            });
        }
    }
    for c in crudos(conn, solo)? {
        let n = c.numero;
        let mut h = |m: String| {
            hallazgos.push(Hallazgo {
                sorteo: n,
                mensaje: m,
            })
        };
        if n != esperado {
            h(format!(
                "faltan los sorteos {esperado} a {} (borrados directamente en la base)",
                n - 1
            ));
        }
        esperado = n + 1;
        if c.digest_anterior != anterior {
            h(format!(
                "la cadena está rota: el sorteo {n} no apunta a la huella del sorteo anterior"
            ));
        }
        let calculado = digest_de(
            &c.digest_anterior,
            n,
            &c.tipo,
            &c.fecha,
            &c.usuario,
            c.motivo.as_deref().unwrap_or(""),
            &c.algoritmo,
            &c.semilla,
            &c.entradas,
            &c.resultado,
        );
        if calculado != c.digest {
            h(format!("el registro del sorteo {n} fue alterado (semilla, fecha, entradas o resultado): su huella no coincide"));
        }
        anterior = c.digest.clone();
        let asignaciones_tabla = tabla.remove(&n).unwrap_or_default();
        let r = match parsear(c) {
            Ok(r) => r,
            Err(e) => {
                hallazgos.push(Hallazgo {
                    sorteo: n,
                    mensaje: e.to_string(),
                });
                continue;
            }
        };
        let mut h = |m: String| {
            hallazgos.push(Hallazgo {
                sorteo: n,
                mensaje: m,
            })
        };
        match azar::parse_semilla(&r.semilla) {
            Err(_) => h(format!("la semilla del sorteo {n} no es válida")),
            Ok(s) if r.algoritmo == ALGORITMO => {
                if algoritmo::sortear(&r.entradas, &s) != r.resultado {
                    h(format!("el resultado del sorteo {n} no es el que producen su semilla y sus entradas"));
                }
            }
            Ok(_) => h(format!(
                "el sorteo {n} usa un algoritmo desconocido ({})",
                r.algoritmo
            )),
        }
        let anio = r.dia().year();
        let aparte: HashSet<&str> = if r.tipo == Tipo::Resorteo {
            r.entradas
                .titulos
                .iter()
                .map(|t| t.numero.as_str())
                .collect()
        } else {
            HashSet::new()
        };
        for a in &r.entradas.abogados {
            let derivada = cargas.carga(anio, &a.identificacion, &aparte);
            if derivada != a.carga {
                h(format!(
                    "la carga de entrada del abogado {} en el sorteo {n} ({}) no es la que resulta de los sorteos anteriores ({derivada})",
                    a.identificacion, a.carga
                ));
            }
        }
        if asignaciones_tabla != r.resultado.asignaciones {
            let distintas: Vec<&str> = r
                .resultado
                .asignaciones
                .iter()
                .filter(|a| !asignaciones_tabla.contains(a))
                .map(|a| a.titulo.as_str())
                .chain(
                    asignaciones_tabla
                        .iter()
                        .filter(|a| !r.resultado.asignaciones.contains(a))
                        .map(|a| a.titulo.as_str()),
                )
                .take(5)
                .collect();
            h(format!("las asignaciones guardadas del sorteo {n} no coinciden con su resultado (títulos {})", distintas.join(", ")));
        }
        cargas.aplicar(anio, &r.resultado);
    }
    for (n, _) in tabla {
        hallazgos.push(Hallazgo {
            sorteo: n,
            mensaje: format!("hay asignaciones del sorteo {n}, que no existe"),
        });
    }
    if let Some(n) = solo {
        hallazgos.retain(|h| h.sorteo == n);
    }
    Ok(hallazgos)
}
