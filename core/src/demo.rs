//! Synthetic data for demos and benchmarks: abogados and títulos with valid identifications,
//! accented names and heavy-tailed amounts. Títulos go through the real importer.

use chrono::{Datelike, Duration, NaiveDate};

use crate::abogados::{self, NuevoAbogado, Peso};
use crate::azar::Azar;
use crate::fechas;
use crate::identificacion;
use crate::store::Store;
use crate::titulos::importar::{self, Informe};
use crate::usuarios::Actor;
use crate::Result;

const NOMBRES: &[&str] = &[
    "José",
    "María",
    "Andrés",
    "Sofía",
    "Martín",
    "Lucía",
    "Raúl",
    "Inés",
    "Ángel",
    "Mónica",
    "Darío",
    "Verónica",
    "Julián",
    "Belén",
    "Héctor",
    "Débora",
    "Iván",
    "Noemí",
    "Ramón",
    "Zoé",
];
const APELLIDOS: &[&str] = &[
    "Pérez",
    "Muñoz",
    "Chávez",
    "Andrade",
    "Cevallos",
    "Ordóñez",
    "Guamán",
    "Quishpe",
    "Yánez",
    "Ibáñez",
    "Núñez",
    "Benítez",
    "Jácome",
    "Carrión",
    "Villacís",
    "Tapia",
    "Vásconez",
    "Almeida",
    "Zúñiga",
    "Peñafiel",
    "Cañizares",
    "Espín",
    "León",
    "Álvarez",
];
const EMPRESAS: &[&str] = &[
    "Comercial Andina",
    "Agrícola San José",
    "Constructora Pichincha",
    "Textiles del Pacífico",
    "Distribuidora Cañar",
    "Camaronera El Oro",
    "Florícola Cayambe",
    "Transportes Ñuflo",
    "Panificadora La Española",
    "Importadora Güipúzcoa",
    "Servicios Médicos Ávila",
];
const CONCEPTOS: &[&str] = &[
    "Aportes en mora",
    "Fondos de reserva",
    "Responsabilidad patronal",
    "Glosa por aportes",
    "Préstamo quirografario en mora",
];

fn elegir<'a>(azar: &mut Azar, v: &[&'a str]) -> &'a str {
    v[azar.rango(v.len() as u64) as usize]
}

fn persona(azar: &mut Azar) -> String {
    format!(
        "{} {} {} {}",
        elegir(azar, APELLIDOS).to_uppercase(),
        elegir(azar, APELLIDOS).to_uppercase(),
        elegir(azar, NOMBRES).to_uppercase(),
        elegir(azar, NOMBRES).to_uppercase()
    )
}

/// A valid cédula of a random province, distinct for distinct `serie`.
pub fn cedula(azar: &mut Azar, serie: u64) -> String {
    let provincia = azar.rango(24) + 1;
    let tercero = azar.rango(6);
    identificacion::cedula_con_verificador(&format!(
        "{provincia:02}{tercero}{:06}",
        serie % 1_000_000
    ))
}

/// A heavy-tailed amount in cents: most títulos are small, a few are very large (Pareto).
fn monto(azar: &mut Azar) -> i64 {
    let u = azar.f64();
    let dolares = 80.0 * (1.0 - u).powf(-1.0 / 1.1);
    (dolares.min(2_500_000.0) * 100.0).round() as i64 + azar.rango(100) as i64
}

/// A CSV of `n` títulos numbered from `desde`, as Cartera would send it (`;`, `dd/mm/aaaa`,
/// amounts like `1.234,56`).
pub fn csv_titulos(n: usize, desde: usize, semilla: u64, hoy: NaiveDate) -> String {
    let mut azar = Azar::desde_u64(semilla);
    let deudores = (n / 3).max(1);
    let mut out = String::with_capacity(n * 160);
    out.push_str("numero;fecha_emision;identificacion;obligado;concepto;capital;intereses;total;direccion;numero_patronal;periodo\n");
    for i in 0..n {
        let d = azar.rango(deudores as u64);
        let mut a = Azar::desde_u64(semilla ^ (d + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let (ident, nombre) = if d % 5 < 3 {
            (cedula(&mut a, d), persona(&mut a))
        } else {
            let ruc = (0..)
                .find_map(|k| {
                    identificacion::ruc_sociedad_con_verificador(&format!(
                        "{:02}9{:06}",
                        a.rango(24) + 1,
                        (d * 7 + k) % 1_000_000
                    ))
                })
                .unwrap();
            (
                ruc,
                format!(
                    "{} {} S.A.",
                    elegir(&mut a, EMPRESAS).to_uppercase(),
                    elegir(&mut a, APELLIDOS).to_uppercase()
                ),
            )
        };
        let total = monto(&mut azar);
        let intereses = total * (5 + azar.rango(20) as i64) / 100;
        let capital = total - intereses;
        let emision = hoy - Duration::days(1 + azar.rango(700) as i64);
        let fmt = |c: i64| crate::dinero::Centavos(c).agrupado(crate::dinero::Formato::Ecuador);
        out.push_str(&format!(
            "TC-{}-{:07};{};{};{};{};{};{};{};Av. {} N{}-{};{:010};{}-{:02}\n",
            emision.year(),
            desde + i,
            fechas::corta(emision),
            ident,
            nombre,
            elegir(&mut azar, CONCEPTOS),
            fmt(capital),
            fmt(intereses),
            fmt(total),
            elegir(&mut azar, APELLIDOS),
            azar.rango(90) + 1,
            azar.rango(200),
            d,
            emision.year(),
            emision.month(),
        ));
    }
    out
}

/// What `coactiva demo` did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Resultado {
    pub abogados: usize,
    pub titulos: usize,
    pub procesos: usize,
    pub fojas: usize,
}

/// Demo data goes only into a unit made for it: the Jefe asks for it, and a unit that holds
/// títulos imported from Cartera (real debtors) is refused, so synthetic procesos and fojas
/// never mix with real expedientes.
fn exigir_unidad_de_demostracion(store: &Store, actor: &Actor) -> Result<()> {
    actor.exigir(crate::usuarios::Accion::Configurar)?;
    let reales: i64 = store.conn().query_row(
        "SELECT COUNT(*) FROM importaciones WHERE archivo <> ?1",
        [ARCHIVO_DEMO],
        |r| r.get(0),
    )?;
    if reales > 0 {
        return Err(crate::Error::Conflicto(
            "esta unidad tiene títulos importados de Cartera: los datos de demostración solo se generan en una base de pruebas".into(),
        ));
    }
    Ok(())
}

/// The name the demo's imports carry (what tells them from Cartera's files).
const ARCHIVO_DEMO: &str = "demo.csv";

/// Adds `n_abogados` abogados and `n_titulos` títulos (`por_sortear`) to the database.
pub fn poblar(
    store: &mut Store,
    actor: &Actor,
    n_titulos: usize,
    n_abogados: usize,
    semilla: u64,
) -> Result<Resultado> {
    exigir_unidad_de_demostracion(store, actor)?;
    let mut azar = Azar::desde_u64(semilla);
    let existentes = abogados::listar(store)?.len() as u64;
    for k in 0..n_abogados as u64 {
        let serie = 900_000 + existentes + k;
        let nombre = persona(&mut azar);
        let n = NuevoAbogado {
            identificacion: cedula(&mut azar, serie),
            nombres: format!("Ab. {}", nombre),
            externo: azar.rango(5) == 0,
            registro_profesional: Some(format!(
                "17-{}-{:04}",
                2000 + azar.rango(25),
                serie % 10_000
            )),
            email: Some(format!("abogado{serie}@iess.gob.ec")),
            telefono: Some(format!("09{:08}", azar.rango(100_000_000))),
            peso: Some(if azar.rango(6) == 0 {
                Peso(500)
            } else {
                Peso::COMPLETO
            }),
            genero: None,
        };
        abogados::agregar(store, actor, &n)?;
    }
    let desde: i64 =
        store
            .conn()
            .query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM titulos", [], |r| {
                r.get(0)
            })?;
    let mut informe = Informe::default();
    if n_titulos > 0 {
        let csv = csv_titulos(
            n_titulos,
            desde as usize,
            semilla,
            fechas::hoy(store.clock()),
        );
        informe = importar::importar_bytes(store, actor, ARCHIVO_DEMO, csv.as_bytes(), false)?;
    }
    Ok(Resultado {
        abogados: n_abogados,
        titulos: informe.importados,
        procesos: 0,
        fojas: 0,
    })
}

/// A small PDF of `paginas` pages, as a scanned escrito would be (demo and tests).
pub fn pdf_de_prueba(paginas: usize, texto: &str) -> Result<Vec<u8>> {
    let mut d = crate::pdf::Documento::new(
        texto,
        "documento de prueba",
        crate::pdf::Encabezado::default(),
    )?;
    for i in 0..paginas {
        if i > 0 {
            d.nueva_pagina();
        }
        d.parrafo(
            &format!("{texto} — página {} de {paginas}", i + 1),
            crate::pdf::Estilo::Normal,
            12.0,
            crate::pdf::Alineacion::Izquierda,
        );
    }
    Ok(d.terminar())
}

/// Draws and opens `n_procesos` procesos (importing and drawing títulos as needed) and
/// foliates `n_fojas` fojas spread over them, in large transactions. Returns what it added.
pub fn expedientes(
    store: &mut Store,
    actor: &Actor,
    n_procesos: usize,
    n_fojas: usize,
    semilla: u64,
) -> Result<(usize, usize)> {
    exigir_unidad_de_demostracion(store, actor)?;
    let contar = |store: &Store, estado: &str| -> Result<usize> {
        Ok(store.conn().query_row(
            "SELECT COUNT(*) FROM titulos WHERE estado = ?1",
            [estado],
            |r| r.get::<_, i64>(0),
        )? as usize)
    };
    let disponibles = contar(store, "asignado")? + contar(store, "por_sortear")?;
    if disponibles < n_procesos {
        let faltan_abogados = if abogados::listar(store)?.is_empty() {
            10
        } else {
            0
        };
        poblar(
            store,
            actor,
            n_procesos - disponibles,
            faltan_abogados,
            semilla ^ 0x5EED,
        )?;
    }
    if contar(store, "por_sortear")? > 0 {
        let mut s = [0u8; 32];
        s[..8].copy_from_slice(&semilla.to_le_bytes());
        crate::sorteo::ejecutar_demo(store, actor, s)?;
    }
    let u = crate::unidad::exigir(store)?;
    let patron = crate::configuracion::leer(store, "patron_numero")?;
    let hoy = fechas::hoy(store.clock());
    let titulos: Vec<String> = {
        let mut st = store
            .conn()
            .prepare("SELECT numero FROM titulos WHERE estado = 'asignado' ORDER BY id LIMIT ?1")?;
        let v = st.query_map([n_procesos as i64], |r| r.get(0))?;
        v.collect::<rusqlite::Result<_>>()?
    };
    let mut abiertos = vec![];
    for lote in titulos.chunks(5000) {
        store.write(&actor.usuario, |tx| {
            for t in lote {
                abiertos.push(crate::procesos::abrir_en(tx, &u, &patron, hoy, t)?);
            }
            Ok(())
        })?;
    }
    if abiertos.is_empty() && n_fojas > 0 {
        let mut st = store
            .conn()
            .prepare("SELECT numero FROM procesos ORDER BY id")?;
        abiertos = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    let plantillas: Vec<(Vec<u8>, u32)> = (1..=5)
        .map(|p| Ok((pdf_de_prueba(p, "Escrito de demostración")?, p as u32)))
        .collect::<Result<_>>()?;
    let tipos = ["providencia", "razon", "escrito", "oficio", "acta"];
    let mut azar = Azar::desde_u64(semilla);
    let (mut restantes, mut i) = (n_fojas, 0usize);
    while restantes > 0 && !abiertos.is_empty() {
        store.write(&actor.usuario, |tx| {
            for _ in 0..5000 {
                if restantes == 0 {
                    break;
                }
                let p = (azar.rango(5) as usize + 1).min(restantes);
                let (bytes, paginas) = &plantillas[p - 1];
                let tipo = tipos[azar.rango(5) as usize];
                crate::procesos::expediente::foliar_en(
                    tx,
                    &abiertos[i % abiertos.len()],
                    tipo,
                    tipo,
                    bytes,
                    *paginas,
                    hoy,
                    None,
                    false,
                )?;
                restantes -= p;
                i += 1;
            }
            Ok(())
        })?;
    }
    Ok((abiertos.len(), n_fojas - restantes))
}
