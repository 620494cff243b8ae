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
}

/// Adds `n_abogados` abogados and `n_titulos` títulos (`por_sortear`) to the database.
pub fn poblar(
    store: &mut Store,
    actor: &Actor,
    n_titulos: usize,
    n_abogados: usize,
    semilla: u64,
) -> Result<Resultado> {
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
        informe = importar::importar_bytes(store, actor, "demo.csv", csv.as_bytes(), false)?;
    }
    Ok(Resultado {
        abogados: n_abogados,
        titulos: informe.importados,
    })
}
