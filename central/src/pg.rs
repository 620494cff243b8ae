//! PostgreSQL under the centre: the core's portable SQL (`?1` placeholders) bound as
//! PostgreSQL's (`$1`), statements prepared once per connection, one transaction per bundle,
//! and a per-unit advisory lock so bundles of one unit are applied one at a time, in order,
//! however many arrive at once.

use std::collections::HashMap;

use coactiva::sync::central::{Motor, Sentencias, Valor};
use coactiva::{Error, Result};
use postgres::types::{IsNull, ToSql, Type};

/// PostgreSQL's migrations for the centre (its own types: BIGINT, BYTEA).
pub const MIGRACIONES: &[(i64, &str)] = &[
    (
        1,
        "
CREATE TABLE unidades (
    codigo        TEXT PRIMARY KEY,
    clave_publica TEXT NOT NULL,
    registrada_en TEXT NOT NULL
);
CREATE TABLE paquetes (
    unidad      TEXT NOT NULL REFERENCES unidades(codigo),
    numero      BIGINT NOT NULL,
    hash        TEXT NOT NULL,
    anterior    TEXT NOT NULL,
    desde       BIGINT NOT NULL,
    hasta       BIGINT NOT NULL,
    contenido   TEXT NOT NULL,
    recibido_en TEXT NOT NULL,
    aplicado    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (unidad, numero)
);
CREATE TABLE cambios (
    unidad  TEXT NOT NULL,
    seq     BIGINT NOT NULL,
    fecha   TEXT NOT NULL,
    usuario TEXT NOT NULL,
    entidad TEXT NOT NULL,
    clave   TEXT NOT NULL,
    accion  TEXT NOT NULL,
    datos   TEXT NOT NULL,
    PRIMARY KEY (unidad, seq)
);
CREATE TABLE clave_central (
    id        BIGINT PRIMARY KEY CHECK (id = 1),
    secreta   BYTEA NOT NULL,
    publica   TEXT NOT NULL,
    creada_en TEXT NOT NULL
);
CREATE TABLE cadenas (
    unidad TEXT PRIMARY KEY,
    seq    BIGINT NOT NULL,
    hash   TEXT NOT NULL
);
CREATE TABLE titulos (
    unidad TEXT NOT NULL, numero TEXT NOT NULL, identificacion TEXT, obligado TEXT,
    total BIGINT NOT NULL, estado TEXT NOT NULL, PRIMARY KEY (unidad, numero)
);
CREATE TABLE procesos (
    unidad TEXT NOT NULL, numero TEXT NOT NULL, titulo TEXT, abogado TEXT, etapa TEXT NOT NULL,
    PRIMARY KEY (unidad, numero)
);
CREATE TABLE abogados (
    unidad TEXT NOT NULL, identificacion TEXT NOT NULL, nombres TEXT, estado TEXT,
    PRIMARY KEY (unidad, identificacion)
);
",
    ),
    (2, coactiva::sync::central::MIGRACION_NACIONAL),
];

/// A connection to the centre's PostgreSQL database.
pub struct MotorPostgres {
    cliente: postgres::Client,
    preparadas: HashMap<String, postgres::Statement>,
}

impl MotorPostgres {
    /// Connects to `url` (`postgres://usuario@servidor:puerto/base`).
    pub fn conectar(url: &str) -> Result<MotorPostgres> {
        let cliente = postgres::Client::connect(url, postgres::NoTls).map_err(|e| {
            log::error!("PostgreSQL: {e}");
            Error::entrada(format!(
                "no se pudo conectar con la base PostgreSQL de la central en {} ({}): revise que el servidor esté en marcha, la dirección, el usuario y la clave",
                sin_clave(url),
                causa(&e)
            ))
        })?;
        Ok(MotorPostgres {
            cliente,
            preparadas: HashMap::new(),
        })
    }
}

/// The URL without its password, for messages and logs.
pub fn sin_clave(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(i), Some(a)) if a > i => {
            let credenciales = &url[i + 3..a];
            let usuario = credenciales.split(':').next().unwrap_or("");
            format!("{}{usuario}@{}", &url[..i + 3], &url[a + 1..])
        }
        _ => url.to_string(),
    }
}

/// What went wrong, in Spanish (PostgreSQL's own text is English: it goes to the log).
fn causa(e: &postgres::Error) -> &'static str {
    if let Some(db) = e.as_db_error() {
        return match db.code().code() {
            "28P01" | "28000" => "usuario o clave no aceptados",
            "3D000" => "la base no existe",
            "23505" => "un registro repetido",
            "40001" | "40P01" => "otra operación la ocupaba",
            "53300" => "el servidor no admite más conexiones",
            _ => "el servidor rechazó la operación",
        };
    }
    if e.is_closed() {
        "la conexión se cerró"
    } else {
        "el servidor no responde"
    }
}

fn fallo(e: postgres::Error) -> Error {
    log::error!("PostgreSQL: {e}");
    match e.as_db_error().map(|d| d.code().code()) {
        Some("23505") => {
            Error::Conflicto(format!("la central ya tiene ese registro ({})", causa(&e)))
        }
        _ => Error::Interno(format!(
            "error en la base PostgreSQL de la central: {}",
            causa(&e)
        )),
    }
}

/// `?1` → `$1`: the core writes its SQL once, for both engines.
fn dialecto(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut cs = sql.chars().peekable();
    while let Some(c) = cs.next() {
        if c == '?' && cs.peek().is_some_and(|d| d.is_ascii_digit()) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

#[derive(Debug)]
struct V<'a>(&'a Valor);

impl ToSql for V<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self.0 {
            Valor::Nulo => Ok(IsNull::Yes),
            Valor::Entero(n) => match *ty {
                Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => n.to_string().to_sql(ty, out),
                _ => n.to_sql(ty, out),
            },
            Valor::Texto(t) => t.to_sql(ty, out),
            Valor::Bytes(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

struct TxPg<'a, 'b> {
    tx: &'a mut postgres::Transaction<'b>,
    preparadas: &'a mut HashMap<String, postgres::Statement>,
}

impl TxPg<'_, '_> {
    fn preparada(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.preparadas.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(&dialecto(sql)).map_err(fallo)?;
        self.preparadas.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

fn parametros(p: &[Valor]) -> Vec<V<'_>> {
    p.iter().map(V).collect()
}

impl Sentencias for TxPg<'_, '_> {
    fn ejecutar(&mut self, sql: &str, p: &[Valor]) -> Result<u64> {
        let st = self.preparada(sql)?;
        let v = parametros(p);
        let refs: Vec<&(dyn ToSql + Sync)> = v.iter().map(|x| x as &(dyn ToSql + Sync)).collect();
        self.tx.execute(&st, &refs).map_err(fallo)
    }

    fn filas(&mut self, sql: &str, p: &[Valor]) -> Result<Vec<Vec<Valor>>> {
        let st = self.preparada(sql)?;
        let v = parametros(p);
        let refs: Vec<&(dyn ToSql + Sync)> = v.iter().map(|x| x as &(dyn ToSql + Sync)).collect();
        let filas = self.tx.query(&st, &refs).map_err(fallo)?;
        let mut out = Vec::with_capacity(filas.len());
        for f in filas {
            let mut v = Vec::with_capacity(f.len());
            for (i, c) in f.columns().iter().enumerate() {
                let leer = || -> std::result::Result<Valor, postgres::Error> {
                    Ok(match *c.type_() {
                        Type::INT8 => f.try_get::<_, Option<i64>>(i)?.map(Valor::Entero),
                        Type::INT4 => f
                            .try_get::<_, Option<i32>>(i)?
                            .map(|n| Valor::Entero(n.into())),
                        Type::INT2 => f
                            .try_get::<_, Option<i16>>(i)?
                            .map(|n| Valor::Entero(n.into())),
                        Type::BOOL => f
                            .try_get::<_, Option<bool>>(i)?
                            .map(|b| Valor::Entero(b.into())),
                        Type::BYTEA => f.try_get::<_, Option<Vec<u8>>>(i)?.map(Valor::Bytes),
                        _ => f.try_get::<_, Option<String>>(i)?.map(Valor::Texto),
                    }
                    .unwrap_or(Valor::Nulo))
                };
                v.push(leer().map_err(fallo)?);
            }
            out.push(v);
        }
        Ok(out)
    }

    fn lote(&mut self, sql: &str) -> Result<()> {
        self.tx.batch_execute(sql).map_err(fallo)
    }

    fn bloquear_unidad(&mut self, unidad: &str) -> Result<()> {
        self.ejecutar(
            "SELECT pg_advisory_xact_lock(7501, hashtext(?1))",
            &[Valor::Texto(unidad.to_string())],
        )?;
        Ok(())
    }
}

impl Motor for MotorPostgres {
    fn transaccion(&mut self, f: &mut dyn FnMut(&mut dyn Sentencias) -> Result<()>) -> Result<()> {
        let mut tx = self.cliente.transaction().map_err(fallo)?;
        let r = f(&mut TxPg {
            tx: &mut tx,
            preparadas: &mut self.preparadas,
        });
        match r {
            Ok(()) => tx.commit().map_err(fallo),
            Err(e) => {
                let _ = tx.rollback();
                Err(e)
            }
        }
    }

    fn migraciones(&self) -> &'static [(i64, &'static str)] {
        MIGRACIONES
    }

    fn nombre(&self) -> &'static str {
        "PostgreSQL"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_postgres_ones_and_passwords_stay_out_of_messages() {
        assert_eq!(
            dialecto("SELECT a FROM t WHERE x = ?1 AND y = ?12 AND z = '?'"),
            "SELECT a FROM t WHERE x = $1 AND y = $12 AND z = '?'"
        );
        assert_eq!(
            sin_clave("postgres://central:secreto@127.0.0.1:5432/coactiva"),
            "postgres://central@127.0.0.1:5432/coactiva"
        );
        assert_eq!(
            sin_clave("postgres://127.0.0.1/x"),
            "postgres://127.0.0.1/x"
        );
    }
}
