//! The draw itself, as a pure function of its recorded inputs and seed: anyone holding a
//! sorteo's record can run it again and must get the same result.
//!
//! Algorithm `coactiva-sorteo-1`, driven by ChaCha20 keyed with the 32-byte seed (`azar.rs`):
//!
//! 1. A título every eligible abogado is barred from (impedimento, or it was theirs before a
//!    resorteo) is not drawn and stays `por_sortear` with the reason.
//! 2. **Quotas** (fair load). The m drawable títulos are handed out one unit at a time, each to
//!    the abogado whose load after receiving it, `(carga + cuota + 1) / peso`, is smallest; ties
//!    are broken at random. Loads come from the sorteo records (see `mod.rs`). This never
//!    widens the spread of `carga/peso` beyond max(spread before, 1/min peso) and closes it
//!    with the fewest títulos.
//! 3. **Bands** (fair amounts). Títulos are ranked by amount (largest first, then number) and
//!    cut into `min(5, m)` bands of equal size. Each band's slots go one at a time to the
//!    abogado with the smallest `(band count + 1) / cuota` among those with quota left (then
//!    the one with more quota left, then at random), so every abogado gets the same share of
//!    every band, in proportion to their quota.
//! 4. **Títulos to slots** (random). Within a band, títulos are shuffled (Fisher–Yates) and each
//!    goes to an abogado drawn with probability proportional to their slots left in the band,
//!    among those not barred from it. If only barred abogados have slots left, it goes to the
//!    allowed abogado with the lowest load (impedimentos aside, rule 2 then bends).
//!
//! Fractions are compared exactly with integer cross-multiplication: no floating point.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::azar::{Azar, Semilla};

pub const ALGORITMO: &str = "coactiva-sorteo-1";
const BANDAS: usize = 5;

/// What a draw was given. Stored verbatim (canonical JSON) in the sorteo's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entradas {
    pub algoritmo: String,
    /// The day whose eligibility and load window apply (`aaaa-mm-dd`).
    pub fecha: String,
    /// Which assignments count as load, e.g. `anio_calendario:2026`.
    pub ventana: String,
    /// Títulos to draw, ordered by number.
    pub titulos: Vec<TituloEntrada>,
    /// Eligible abogados, ordered by identification, with their load before the draw.
    pub abogados: Vec<AbogadoEntrada>,
    /// Abogados not eligible that day, and why (shown on the acta).
    pub no_elegibles: Vec<NoElegible>,
    /// Pairs that may not go together beyond impedimentos (a resorteo bars the previous abogado).
    pub excluidos: Vec<Excluido>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TituloEntrada {
    pub numero: String,
    /// The obligado's identification (impedimentos are by identification).
    pub obligado: String,
    /// Amount in cents.
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbogadoEntrada {
    pub identificacion: String,
    /// Workload weight in thousandths.
    pub peso: i64,
    /// Títulos already carried in the window, derived from past sorteos.
    pub carga: i64,
    /// Obligados (among this draw's) the abogado must never receive.
    pub impedimentos: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoElegible {
    pub identificacion: String,
    pub motivo: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excluido {
    pub titulo: String,
    pub abogado: String,
    pub motivo: String,
}

/// What the draw decided. Stored verbatim in the record; asignaciones ordered by título.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Resultado {
    pub asignaciones: Vec<Asignacion>,
    pub sin_asignar: Vec<SinAsignar>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asignacion {
    pub titulo: String,
    pub abogado: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SinAsignar {
    pub titulo: String,
    pub motivo: String,
}

/// `a/b < c/d` for positive denominators, exactly.
fn menor(a: i64, b: i64, c: i64, d: i64) -> std::cmp::Ordering {
    (a as i128 * d as i128).cmp(&(c as i128 * b as i128))
}

/// Picks uniformly among the indices `candidatos` that are minimal under `cmp`.
fn minimo_al_azar(
    azar: &mut Azar,
    candidatos: impl Iterator<Item = usize>,
    mut cmp: impl FnMut(usize, usize) -> std::cmp::Ordering,
) -> Option<usize> {
    let mut mejores: Vec<usize> = Vec::new();
    for i in candidatos {
        match mejores.first().map(|&m| cmp(i, m)) {
            None | Some(std::cmp::Ordering::Equal) => mejores.push(i),
            Some(std::cmp::Ordering::Less) => {
                mejores.clear();
                mejores.push(i);
            }
            Some(std::cmp::Ordering::Greater) => {}
        }
    }
    match mejores.len() {
        0 => None,
        1 => Some(mejores[0]),
        n => Some(mejores[azar.rango(n as u64) as usize]),
    }
}

/// Runs the draw. Deterministic in (`e`, `semilla`).
pub fn sortear(e: &Entradas, semilla: &Semilla) -> Resultado {
    let mut azar = Azar::new(*semilla);
    let n = e.abogados.len();
    let mut resultado = Resultado::default();

    // Who is barred from which título: by obligado (impedimentos) and by título (exclusions).
    let mut por_obligado: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in e.abogados.iter().enumerate() {
        for o in &a.impedimentos {
            por_obligado.entry(o.as_str()).or_default().push(i);
        }
    }
    let indice: HashMap<&str, usize> = e
        .abogados
        .iter()
        .enumerate()
        .map(|(i, a)| (a.identificacion.as_str(), i))
        .collect();
    let mut por_titulo: HashMap<&str, Vec<usize>> = HashMap::new();
    for x in &e.excluidos {
        if let Some(&i) = indice.get(x.abogado.as_str()) {
            por_titulo.entry(x.titulo.as_str()).or_default().push(i);
        }
    }
    let barrados = |t: &TituloEntrada| -> Vec<usize> {
        let mut v: Vec<usize> = por_obligado
            .get(t.obligado.as_str())
            .cloned()
            .unwrap_or_default();
        v.extend(por_titulo.get(t.numero.as_str()).into_iter().flatten());
        v
    };

    // 1. Títulos nobody may take.
    let mut sorteables: Vec<(&TituloEntrada, Vec<usize>)> = Vec::with_capacity(e.titulos.len());
    for t in &e.titulos {
        let b = barrados(t);
        if n == 0 {
            resultado.sin_asignar.push(SinAsignar {
                titulo: t.numero.clone(),
                motivo: "ningún abogado está activo en la fecha del sorteo".into(),
            });
        } else if (0..n).all(|i| b.contains(&i)) {
            resultado.sin_asignar.push(SinAsignar {
                titulo: t.numero.clone(),
                motivo: "todos los abogados activos tienen impedimento con este obligado o ya tuvieron el título".into(),
            });
        } else {
            sorteables.push((t, b));
        }
    }
    let m = sorteables.len();
    if m == 0 {
        return resultado;
    }

    // 2. Quotas by water-filling on load/peso.
    let carga: Vec<i64> = e.abogados.iter().map(|a| a.carga).collect();
    let peso: Vec<i64> = e.abogados.iter().map(|a| a.peso.max(1)).collect();
    let mut cuota = vec![0i64; n];
    for _ in 0..m {
        let i = minimo_al_azar(&mut azar, 0..n, |i, j| {
            menor(
                carga[i] + cuota[i] + 1,
                peso[i],
                carga[j] + cuota[j] + 1,
                peso[j],
            )
        })
        .expect("hay abogados");
        cuota[i] += 1;
    }

    // 3. Bands by amount, largest first.
    sorteables
        .sort_by(|(a, _), (b, _)| b.total.cmp(&a.total).then_with(|| a.numero.cmp(&b.numero)));
    let k = BANDAS.min(m);
    let mut restante = cuota.clone();
    let mut asignados = vec![0i64; n];
    let mut asignaciones: Vec<Asignacion> = Vec::with_capacity(m);
    for b in 0..k {
        let (desde, hasta) = (b * m / k, (b + 1) * m / k);
        let mut banda: Vec<&(&TituloEntrada, Vec<usize>)> =
            sorteables[desde..hasta].iter().collect();
        let mut plazas = vec![0i64; n];
        for _ in 0..banda.len() {
            let i = minimo_al_azar(
                &mut azar,
                (0..n).filter(|&i| restante[i] - plazas[i] > 0),
                |i, j| {
                    menor(plazas[i] + 1, cuota[i], plazas[j] + 1, cuota[j])
                        .then_with(|| (restante[j] - plazas[j]).cmp(&(restante[i] - plazas[i])))
                },
            )
            .expect("las cuotas suman los títulos");
            plazas[i] += 1;
        }
        for i in 0..n {
            restante[i] -= plazas[i];
        }
        // 4. Títulos to slots, at random.
        azar.barajar(&mut banda);
        for (t, barr) in banda {
            let libres: u64 = (0..n)
                .filter(|i| !barr.contains(i))
                .map(|i| plazas[i] as u64)
                .sum();
            let elegido = if libres > 0 {
                let mut r = azar.rango(libres) as i64;
                (0..n)
                    .filter(|i| !barr.contains(i))
                    .find(|&i| {
                        r -= plazas[i];
                        r < 0
                    })
                    .expect("r < libres")
            } else {
                minimo_al_azar(&mut azar, (0..n).filter(|i| !barr.contains(i)), |i, j| {
                    menor(
                        carga[i] + asignados[i] + 1,
                        peso[i],
                        carga[j] + asignados[j] + 1,
                        peso[j],
                    )
                })
                .expect("alguien puede tomarlo")
            };
            plazas[elegido] = (plazas[elegido] - 1).max(0);
            asignados[elegido] += 1;
            asignaciones.push(Asignacion {
                titulo: t.numero.clone(),
                abogado: e.abogados[elegido].identificacion.clone(),
            });
        }
    }
    asignaciones.sort_by(|a, b| a.titulo.cmp(&b.titulo));
    resultado.asignaciones = asignaciones;
    resultado
        .sin_asignar
        .sort_by(|a, b| a.titulo.cmp(&b.titulo));
    resultado
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abogado(id: &str, peso: i64, carga: i64) -> AbogadoEntrada {
        AbogadoEntrada {
            identificacion: id.into(),
            peso,
            carga,
            impedimentos: vec![],
        }
    }

    fn entradas(n_titulos: usize, abogados: Vec<AbogadoEntrada>) -> Entradas {
        Entradas {
            algoritmo: ALGORITMO.into(),
            fecha: "2026-11-24".into(),
            ventana: "anio_calendario:2026".into(),
            titulos: (0..n_titulos)
                .map(|i| TituloEntrada {
                    numero: format!("T-{i:05}"),
                    obligado: format!("OB{}", i % 37),
                    total: 1000 + ((i * 7919) % 100_000) as i64 * 13,
                })
                .collect(),
            abogados,
            no_elegibles: vec![],
            excluidos: vec![],
        }
    }

    fn cuentas(e: &Entradas, r: &Resultado) -> HashMap<String, i64> {
        let mut c: HashMap<String, i64> = e
            .abogados
            .iter()
            .map(|a| (a.identificacion.clone(), 0))
            .collect();
        for a in &r.asignaciones {
            *c.get_mut(&a.abogado).unwrap() += 1;
        }
        c
    }

    /// max − min of load/peso, in units of 1/1000 (pesos are thousandths).
    fn spread(e: &Entradas, extra: &HashMap<String, i64>) -> f64 {
        let v: Vec<f64> = e
            .abogados
            .iter()
            .map(|a| {
                (a.carga + extra.get(&a.identificacion).copied().unwrap_or(0)) as f64 * 1000.0
                    / a.peso as f64
            })
            .collect();
        v.iter().cloned().fold(f64::MIN, f64::max) - v.iter().cloned().fold(f64::MAX, f64::min)
    }

    #[test]
    fn same_seed_same_result_other_seed_other_result() {
        let e = entradas(
            200,
            vec![
                abogado("A", 1000, 0),
                abogado("B", 1000, 0),
                abogado("C", 1000, 0),
            ],
        );
        assert_eq!(sortear(&e, &[1; 32]), sortear(&e, &[1; 32]));
        assert_ne!(sortear(&e, &[1; 32]), sortear(&e, &[2; 32]));
    }

    #[test]
    fn spread_never_grows_beyond_the_bound_and_closes_when_it_can() {
        for semilla in 0..40u8 {
            let cargas = [(0, 1000), (9, 1000), (4, 500), (20, 2000), (3, 1000)];
            let ab: Vec<_> = cargas
                .iter()
                .enumerate()
                .map(|(i, &(c, p))| abogado(&format!("A{i}"), p, c))
                .collect();
            let min_peso = 500.0;
            for n in [1usize, 3, 7, 15, 40, 90] {
                let e = entradas(n, ab.clone());
                let antes = spread(&e, &HashMap::new());
                let despues = spread(&e, &cuentas(&e, &sortear(&e, &[semilla; 32])));
                let cota = 1000.0 * 1000.0 / min_peso; // 1/min peso, in thousandths
                assert!(
                    despues <= antes.max(cota) + 1e-9,
                    "semilla {semilla}, {n} títulos: {antes} → {despues}"
                );
                if n >= 40 {
                    assert!(
                        despues <= cota + 1e-9,
                        "con {n} títulos la brecha debe cerrarse: {despues}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_amount_band_is_shared_evenly() {
        let ab: Vec<_> = (0..6).map(|i| abogado(&format!("A{i}"), 1000, 0)).collect();
        for semilla in 0..20u8 {
            let e = entradas(300, ab.clone());
            let r = sortear(&e, &[semilla; 32]);
            let mut orden: Vec<&TituloEntrada> = e.titulos.iter().collect();
            orden.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.numero.cmp(&b.numero)));
            let de: HashMap<&str, &str> = r
                .asignaciones
                .iter()
                .map(|a| (a.titulo.as_str(), a.abogado.as_str()))
                .collect();
            for b in 0..5 {
                let mut c: HashMap<&str, i64> = HashMap::new();
                for t in &orden[b * 60..(b + 1) * 60] {
                    *c.entry(de[t.numero.as_str()]).or_default() += 1;
                }
                let (mx, mn) = (c.values().max().unwrap(), c.values().min().unwrap());
                assert_eq!(c.len(), 6, "cada abogado recibe títulos de la banda {b}");
                assert!(mx - mn <= 1, "banda {b}: {c:?}");
            }
        }
    }

    #[test]
    fn impedimentos_are_never_violated_and_impossible_titulos_stay() {
        let mut ab: Vec<_> = (0..3).map(|i| abogado(&format!("A{i}"), 1000, 0)).collect();
        ab[0].impedimentos = vec!["OB1".into(), "OB2".into()];
        ab[1].impedimentos = vec!["OB2".into()];
        ab[2].impedimentos = vec!["OB2".into()];
        let e = entradas(100, ab);
        let r = sortear(&e, &[9; 32]);
        let ob: HashMap<&str, &str> = e
            .titulos
            .iter()
            .map(|t| (t.numero.as_str(), t.obligado.as_str()))
            .collect();
        for a in &r.asignaciones {
            assert!(!(a.abogado == "A0" && ob[a.titulo.as_str()] == "OB1"));
            assert_ne!(ob[a.titulo.as_str()], "OB2");
        }
        let sin: Vec<_> = r
            .sin_asignar
            .iter()
            .map(|s| ob[s.titulo.as_str()])
            .collect();
        assert!(
            !sin.is_empty() && sin.iter().all(|o| *o == "OB2"),
            "{sin:?}"
        );
        assert!(r.sin_asignar[0].motivo.contains("impedimento"));
        assert_eq!(r.asignaciones.len() + r.sin_asignar.len(), 100);
    }

    #[test]
    fn each_abogado_gets_a_given_titulo_about_equally_often() {
        // 4 abogados with equal load and peso, 10 títulos: over 4000 seeds the first título
        // should go to each about 1000 times. Chi-square with 3 d.o.f., 99.9 % → 16.27.
        let ab: Vec<_> = (0..4).map(|i| abogado(&format!("A{i}"), 1000, 5)).collect();
        let e = entradas(10, ab);
        let mut veces: HashMap<String, f64> = HashMap::new();
        let rondas = 4000u32;
        for s in 0..rondas {
            let mut semilla = [0u8; 32];
            semilla[..4].copy_from_slice(&s.to_le_bytes());
            let r = sortear(&e, &semilla);
            let a = r
                .asignaciones
                .iter()
                .find(|a| a.titulo == "T-00003")
                .unwrap();
            *veces.entry(a.abogado.clone()).or_default() += 1.0;
        }
        let esperado = rondas as f64 / 4.0;
        let chi2: f64 = veces
            .values()
            .map(|o| (o - esperado).powi(2) / esperado)
            .sum();
        assert_eq!(veces.len(), 4);
        assert!(chi2 < 16.27, "chi² = {chi2}: {veces:?}");
    }

    #[test]
    fn a_resorteo_never_returns_a_titulo_to_the_excluded_abogado() {
        let ab: Vec<_> = (0..2).map(|i| abogado(&format!("A{i}"), 1000, 0)).collect();
        let mut e = entradas(30, ab);
        e.excluidos = e
            .titulos
            .iter()
            .map(|t| Excluido {
                titulo: t.numero.clone(),
                abogado: "A0".into(),
                motivo: "x".into(),
            })
            .collect();
        let r = sortear(&e, &[3; 32]);
        assert!(r.asignaciones.iter().all(|a| a.abogado == "A1"));
    }
}
