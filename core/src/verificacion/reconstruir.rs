//! Rebuilds, from the change log alone, every table that holds state a person could care
//! about, and compares the rebuild with the tables row by row and field by field. A row edited,
//! added or deleted directly in the file (triggers dropped first) disagrees with the log and is
//! named: table, key, field, what the file says and what the log produces.
//!
//! The log is read once, in order; each event is applied to an in-memory image of the tables
//! it touches (the same rules the use cases follow when they write). Then each table is read
//! once and matched against the image. Fields the log never recorded in an older version are
//! [`V::Cualquiera`] and are not compared.
//!
//! Not compared, on purpose: login counters (`intentos_fallidos`, `bloqueado_hasta`: a
//! successful login clears them without a change), and the sync bookkeeping (`paquetes`,
//! `entregas`), which `verificacion` checks against signatures instead.

use rustc_hash::FxHashMap as HashMap;

use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

use super::Hallazgo;
use crate::eventos::Evento;
use crate::procesos::Etapa;
use crate::store::Reader;
use crate::Result;

/// One field's value, owned (decoded from a row, for messages and updates).
#[derive(Debug, Clone, PartialEq)]
enum V {
    Nulo,
    Entero(i64),
    Texto(Box<str>),
    /// A field an older version did not record in the log: not compared.
    Cualquiera,
}

impl V {
    fn t(s: &str) -> V {
        V::Texto(s.into())
    }
    fn coincide(&self, otro: &V) -> bool {
        matches!(self, V::Cualquiera) || matches!(otro, V::Cualquiera) || self == otro
    }
    fn mostrar(&self) -> String {
        match self {
            V::Nulo => "(vacío)".into(),
            V::Entero(i) => i.to_string(),
            V::Texto(t) if t.chars().count() > 60 => {
                format!("«{}…»", t.chars().take(60).collect::<String>())
            }
            V::Texto(t) => format!("«{t}»"),
            V::Cualquiera => "(no registrado)".into(),
        }
    }
    fn como_c(&self) -> C<'_> {
        match self {
            V::Nulo => C::Nulo,
            V::Entero(i) => C::Entero(*i),
            V::Texto(t) => C::Texto(t),
            V::Cualquiera => C::Cualquiera,
        }
    }
}

/// One field's value, borrowed: what rows are built from without allocating per field.
#[derive(Debug, Clone, Copy)]
enum C<'a> {
    Nulo,
    Entero(i64),
    Texto(&'a str),
    Cualquiera,
}

impl<'a> C<'a> {
    fn t(s: &'a str) -> C<'a> {
        C::Texto(s)
    }
    fn o(s: Option<&'a str>) -> C<'a> {
        s.map(C::Texto).unwrap_or(C::Nulo)
    }
    fn de_sql(v: ValueRef<'a>, hex_: &'a mut String) -> C<'a> {
        match v {
            ValueRef::Null => C::Nulo,
            ValueRef::Integer(i) => C::Entero(i),
            ValueRef::Real(r) => {
                *hex_ = r.to_string();
                C::Texto(hex_)
            }
            ValueRef::Text(t) => match std::str::from_utf8(t) {
                Ok(s) => C::Texto(s),
                Err(_) => {
                    *hex_ = String::from_utf8_lossy(t).into_owned();
                    C::Texto(hex_)
                }
            },
            ValueRef::Blob(b) => {
                *hex_ = hex::encode(b);
                C::Texto(hex_)
            }
        }
    }
}

/// A row as bytes: per field a tag (0 null, 1 integer, 2 text, 3 not recorded) and its value.
/// The first byte says whether any field is «not recorded» (then fields are compared one by
/// one); otherwise two rows agree exactly when their bytes do.
fn codificar(buf: &mut Vec<u8>, campos: &[C<'_>]) {
    buf.clear();
    buf.push(campos.iter().any(|c| matches!(c, C::Cualquiera)) as u8);
    for c in campos {
        match c {
            C::Nulo => buf.push(0),
            C::Entero(i) => {
                buf.push(1);
                buf.extend_from_slice(&i.to_le_bytes());
            }
            C::Texto(t) => {
                buf.push(2);
                buf.extend_from_slice(&(t.len() as u32).to_le_bytes());
                buf.extend_from_slice(t.as_bytes());
            }
            C::Cualquiera => buf.push(3),
        }
    }
}

/// Field `n` of an encoded row, skipping the others without decoding them.
fn campo_de(b: &[u8], n: usize) -> V {
    let mut i = 1;
    let mut k = 0;
    while i < b.len() {
        let tag = b[i];
        i += 1;
        let largo = match tag {
            1 => 8,
            2 => 4 + u32::from_le_bytes(b[i..i + 4].try_into().unwrap()) as usize,
            _ => 0,
        };
        if k == n {
            return match tag {
                0 => V::Nulo,
                1 => V::Entero(i64::from_le_bytes(b[i..i + 8].try_into().unwrap())),
                2 => V::Texto(String::from_utf8_lossy(&b[i + 4..i + largo]).into()),
                _ => V::Cualquiera,
            };
        }
        i += largo;
        k += 1;
    }
    V::Nulo
}

fn decodificar(b: &[u8]) -> Vec<V> {
    let mut v = vec![];
    let mut i = 1;
    while i < b.len() {
        let tag = b[i];
        i += 1;
        match tag {
            0 => v.push(V::Nulo),
            1 => {
                v.push(V::Entero(i64::from_le_bytes(
                    b[i..i + 8].try_into().unwrap(),
                )));
                i += 8;
            }
            2 => {
                let n = u32::from_le_bytes(b[i..i + 4].try_into().unwrap()) as usize;
                i += 4;
                v.push(V::Texto(String::from_utf8_lossy(&b[i..i + n]).into()));
                i += n;
            }
            _ => v.push(V::Cualquiera),
        }
    }
    v
}

/// A table's image: its columns and the rows the log produces, by key.
struct Tabla {
    nombre: &'static str,
    /// The first column is the key; the rest are compared in this order.
    sql: &'static str,
    columnas: &'static [&'static str],
    filas: HashMap<Box<str>, Box<[u8]>>,
    /// Applied to each row read from the file before comparing.
    ajuste: Option<fn(&mut [V])>,
    buf: Vec<u8>,
}

impl Tabla {
    fn nueva(nombre: &'static str, columnas: &'static [&'static str], sql: &'static str) -> Tabla {
        Tabla {
            nombre,
            sql,
            columnas,
            filas: HashMap::default(),
            ajuste: None,
            buf: vec![],
        }
    }
    fn col(&self, nombre: &str) -> usize {
        self.columnas
            .iter()
            .position(|c| *c == nombre)
            .expect("columna declarada")
    }
    fn poner(&mut self, clave: &str, fila: &[C<'_>]) {
        debug_assert_eq!(fila.len(), self.columnas.len(), "{}", self.nombre);
        codificar(&mut self.buf, fila);
        self.filas.insert(clave.into(), self.buf.as_slice().into());
    }
    fn existe(&self, clave: &str) -> bool {
        self.filas.contains_key(clave)
    }
    fn quitar(&mut self, clave: &str) -> bool {
        self.filas.remove(clave).is_some()
    }
    fn campo(&mut self, clave: &str, columna: &str, v: C<'_>) -> bool {
        let i = self.col(columna);
        let Some(f) = self.filas.get_mut(clave) else {
            return false;
        };
        let mut fila = decodificar(f);
        let campos: Vec<C<'_>> = fila
            .iter_mut()
            .enumerate()
            .map(|(j, x)| if j == i { v } else { x.como_c() })
            .collect();
        codificar(&mut self.buf, &campos);
        *f = self.buf.as_slice().into();
        true
    }
    fn valor(&self, clave: &str, columna: &str) -> Option<V> {
        let i = self.col(columna);
        self.filas.get(clave).map(|f| campo_de(f, i))
    }
}

/// At most this many differences are listed per table (then a count of the rest).
const MAXIMO_POR_TABLA: usize = 20;

const HASH_INICIAL: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn sha256_de_la_clave(hash: &mut [V]) {
    // usuarios: the stored password hash (the seventh field, «clave (sha256)») is compared
    // by its fingerprint.
    if let Some(V::Texto(t)) = hash.get(6) {
        let h = hex::encode(Sha256::digest(t.as_bytes()));
        hash[6] = V::Texto(h.into());
    }
}

struct Imagen {
    unidad: Tabla,
    usuarios: Tabla,
    abogados: Tabla,
    impedimentos: Tabla,
    importaciones: Tabla,
    titulos: Tabla,
    estados: Tabla,
    sorteos: Tabla,
    asignaciones: Tabla,
    procesos: Tabla,
    partes: Tabla,
    etapas: Tabla,
    citaciones: Tabla,
    actuaciones: Tabla,
    feriados: Tabla,
    plantillas: Tabla,
    tasas: Tabla,
    pagos: Tabla,
    costas: Tabla,
    decisiones: Tabla,
    convenios: Tabla,
    cuotas: Tabla,
    convenios_fin: Tabla,
    honorarios: Tabla,
    hdecisiones: Tabla,
    configuracion: Tabla,
    secuencias: Tabla,
    busqueda: Tabla,
    /// The tables of one row per change (`registros`), in `registros::TODOS` order.
    filas: Vec<Tabla>,
    oficios: Tabla,
    // Running counters the rules need.
    oficio: HashMap<i64, i64>,
    n_importaciones: i64,
    n_feriados: i64,
    etapas_de: HashMap<String, i64>,
    citaciones_de: HashMap<String, i64>,
    /// Per proceso: last orden, last foja, last hash.
    expediente: HashMap<String, (i64, i64, String)>,
    secuencia: HashMap<i64, i64>,
}

impl Imagen {
    fn nueva() -> Imagen {
        let mut usuarios = Tabla::nueva(
            "usuarios",
            &["usuario", "nombres", "rol", "activo", "creado_en", "abogado", "clave (sha256)", "genero"],
            "SELECT lower(usuario), usuario, nombres, rol, activo, creado_en, abogado, clave_hash, genero FROM usuarios",
        );
        usuarios.ajuste = Some(sha256_de_la_clave);
        let mut configuracion = Tabla::nueva(
            "configuracion",
            &["valor"],
            "SELECT clave, valor FROM configuracion",
        );
        for (c, v) in crate::configuracion::VALORES_INICIALES {
            configuracion.poner(c, &[C::t(v)]);
        }
        Imagen {
            unidad: Tabla::nueva(
                "unidad",
                &["provincia", "oficina", "codigo", "nombre", "nivel", "ciudad", "jefe_nombres", "formato_importe", "creada_en", "jefe_genero"],
                "SELECT 'unidad', provincia, oficina, codigo, nombre, nivel, ciudad, jefe_nombres, formato_importe, creada_en, jefe_genero FROM unidad",
            ),
            usuarios,
            abogados: Tabla::nueva(
                "abogados",
                &["nombres", "externo", "registro_profesional", "email", "telefono", "peso_milesimas", "estado", "licencia_desde", "licencia_hasta", "creado_en", "genero", "licencia_motivo"],
                "SELECT identificacion, nombres, externo, registro_profesional, email, telefono, peso_milesimas, estado, licencia_desde, licencia_hasta, creado_en, genero, licencia_motivo FROM abogados",
            ),
            impedimentos: Tabla::nueva(
                "impedimentos",
                &["motivo", "registrado_por", "registrado_en"],
                "SELECT COALESCE(a.identificacion, '(abogado ' || i.abogado_id || ')') || '/' || i.identificacion, i.motivo, i.registrado_por, i.registrado_en
                 FROM impedimentos i LEFT JOIN abogados a ON a.id = i.abogado_id",
            ),
            importaciones: Tabla::nueva(
                "importaciones",
                &["archivo", "sha256", "filas", "usuario", "fecha"],
                "SELECT id, archivo, sha256, filas, usuario, fecha FROM importaciones",
            ),
            titulos: Tabla::nueva(
                "titulos",
                &["fecha_emision", "identificacion", "tipo_identificacion", "obligado", "concepto", "capital", "intereses", "total", "direccion", "fecha_exigibilidad", "numero_patronal", "periodo", "importacion_id",
                  "emisor", "lugar_emision", "firmante", "cargo_firmante", "fecha_intereses", "orden_cobro", "fecha_orden_cobro"],
                "SELECT numero, fecha_emision, identificacion, tipo_identificacion, obligado, concepto, capital, intereses, total, direccion, fecha_exigibilidad, numero_patronal, periodo, importacion_id,
                        emisor, lugar_emision, firmante, cargo_firmante, fecha_intereses, orden_cobro, fecha_orden_cobro FROM titulos",
            ),
            // The state changes often (sorteo, apertura): kept apart so a change rewrites one field.
            estados: Tabla::nueva(
                "titulos",
                &["estado"],
                "SELECT numero, estado FROM titulos",
            ),
            sorteos: Tabla::nueva(
                "sorteos",
                &["tipo", "fecha", "usuario", "motivo", "algoritmo", "semilla", "entradas", "resultado", "digest_anterior", "digest"],
                "SELECT numero, tipo, fecha, usuario, motivo, algoritmo, semilla, entradas, resultado, digest_anterior, digest FROM sorteos",
            ),
            asignaciones: Tabla::nueva(
                "asignaciones",
                &["abogado"],
                "SELECT sorteo || '/' || titulo, abogado FROM asignaciones",
            ),
            procesos: Tabla::nueva(
                "procesos",
                &["anio", "secuencia", "titulo", "abogado", "etapa", "etapa_desde", "etapa_anterior", "abierto_en", "abierto_por"],
                "SELECT numero, anio, secuencia, titulo, abogado, etapa, etapa_desde, etapa_anterior, abierto_en, abierto_por FROM procesos",
            ),
            partes: Tabla::nueva(
                "partes",
                &["nombres", "rol", "direccion"],
                "SELECT COALESCE(p.numero, '(proceso ' || x.proceso_id || ')') || '/' || x.identificacion, x.nombres, x.rol, x.direccion
                 FROM partes x LEFT JOIN procesos p ON p.id = x.proceso_id",
            ),
            etapas: Tabla::nueva(
                "etapas",
                &["etapa", "desde", "motivo", "usuario", "registrado_en"],
                "SELECT COALESCE(p.numero, '(proceso ' || e.proceso_id || ')') || '/' || ROW_NUMBER() OVER (PARTITION BY e.proceso_id ORDER BY e.id),
                        e.etapa, e.desde, e.motivo, e.usuario, e.registrado_en
                 FROM etapas e LEFT JOIN procesos p ON p.id = e.proceso_id",
            ),
            citaciones: Tabla::nueva(
                "citaciones",
                &["parte", "tipo", "fecha", "detalle", "usuario", "registrado_en", "acto", "hora", "direccion", "receptor", "receptor_identificacion",
                  "relacion", "latitud", "longitud", "citador", "resultado", "fotos"],
                "SELECT COALESCE(p.numero, '(proceso ' || c.proceso_id || ')') || '/' || ROW_NUMBER() OVER (PARTITION BY c.proceso_id ORDER BY c.id),
                        c.parte, c.tipo, c.fecha, c.detalle, c.usuario, c.registrado_en, c.acto, c.hora, c.direccion, c.receptor, c.receptor_identificacion,
                        c.relacion, c.latitud, c.longitud, c.citador, c.resultado, c.fotos
                 FROM citaciones c LEFT JOIN procesos p ON p.id = c.proceso_id",
            ),
            actuaciones: Tabla::nueva(
                "actuaciones",
                &["desde", "hasta", "fecha", "tipo", "descripcion", "autor", "documento", "corrige", "hash_anterior", "hash"],
                "SELECT COALESCE(p.numero, '(proceso ' || a.proceso_id || ')') || '/' || a.orden, a.desde, a.hasta, a.fecha, a.tipo, a.descripcion,
                        a.autor, a.documento, a.corrige, a.hash_anterior, a.hash
                 FROM actuaciones a LEFT JOIN procesos p ON p.id = a.proceso_id",
            ),
            feriados: Tabla::nueva(
                "feriados",
                &["fecha", "nombre", "provincia", "quitar", "registrado_por", "registrado_en"],
                "SELECT ROW_NUMBER() OVER (ORDER BY id), fecha, nombre, provincia, quitar, registrado_por, registrado_en FROM feriados",
            ),
            plantillas: Tabla::nueva(
                "plantillas",
                &["texto", "sha256", "guardada_por", "guardada_en"],
                "SELECT nombre, texto, sha256, guardada_por, guardada_en FROM plantillas",
            ),
            tasas: Tabla::nueva(
                "tasas",
                &["desde", "anual", "registrada_por", "registrada_en"],
                "SELECT id, desde, anual, registrada_por, registrada_en FROM tasas",
            ),
            pagos: Tabla::nueva(
                "pagos",
                &["titulo", "fecha", "valor", "forma", "referencia", "costas", "honorarios", "intereses", "capital", "actuacion", "anula", "motivo", "registrado_por", "registrado_en"],
                "SELECT id, titulo, fecha, valor, forma, referencia, costas, honorarios, intereses, capital, actuacion, anula, motivo, registrado_por, registrado_en FROM pagos",
            ),
            costas: Tabla::nueva(
                "costas",
                &["titulo", "fecha", "concepto", "descripcion", "valor", "actuacion", "registrada_por", "registrada_en"],
                "SELECT id, titulo, fecha, concepto, descripcion, valor, actuacion, registrada_por, registrada_en FROM costas",
            ),
            decisiones: Tabla::nueva(
                "costas_decisiones",
                &["aprobada", "motivo", "decidida_por", "decidida_en"],
                "SELECT costa_id, aprobada, motivo, decidida_por, decidida_en FROM costas_decisiones",
            ),
            convenios: Tabla::nueva(
                "convenios",
                &["proceso", "titulo", "desde", "saldo", "entrada", "cuotas", "tasa", "etapa_anterior", "ultimo_pago", "registrado_por", "registrado_en"],
                "SELECT id, proceso, titulo, desde, saldo, entrada, cuotas, tasa, etapa_anterior, ultimo_pago, registrado_por, registrado_en FROM convenios",
            ),
            cuotas: Tabla::nueva(
                "convenios_cuotas",
                &["vence", "capital", "interes"],
                "SELECT convenio_id || '/' || numero, vence, capital, interes FROM convenios_cuotas",
            ),
            convenios_fin: Tabla::nueva(
                "convenios_fin",
                &["estado", "fecha", "vencidas", "registrado_por", "registrado_en"],
                "SELECT convenio_id, estado, fecha, vencidas, registrado_por, registrado_en FROM convenios_fin",
            ),
            honorarios: Tabla::nueva(
                "honorarios",
                &["proceso", "abogado_id", "fecha", "recuperado", "porcentaje", "valor", "solicitado_por", "solicitado_en"],
                "SELECT id, proceso, abogado_id, fecha, recuperado, porcentaje, valor, solicitado_por, solicitado_en FROM honorarios",
            ),
            hdecisiones: Tabla::nueva(
                "honorarios_decisiones",
                &["aprobada", "motivo", "decidida_por", "decidida_en"],
                "SELECT honorario_id, aprobada, motivo, decidida_por, decidida_en FROM honorarios_decisiones",
            ),
            configuracion,
            secuencias: Tabla::nueva(
                "secuencias",
                &["ultimo"],
                "SELECT anio, ultimo FROM secuencias",
            ),
            busqueda: Tabla::nueva(
                "procesos_fts",
                &["numero", "titulo", "obligado", "identificacion", "abogado"],
                "SELECT COALESCE(p.numero, '(fila ' || f.rowid || ')'), f.numero, f.titulo, f.obligado, f.identificacion, f.abogado
                 FROM procesos_fts f LEFT JOIN procesos p ON p.id = f.rowid",
            ),
            n_importaciones: 0,
            n_feriados: 0,
            etapas_de: HashMap::default(),
            citaciones_de: HashMap::default(),
            expediente: HashMap::default(),
            secuencia: HashMap::default(),
            oficio: HashMap::default(),
            filas: crate::registros::TODOS
                .iter()
                .map(|e| {
                    let mut t = Tabla::nueva(e.tabla, e.todas, e.select);
                    if e.tabla == "medidas_tipos" {
                        for (codigo, nombre, entidad) in crate::registros::TIPOS_INICIALES {
                            t.poner(codigo, &[C::t(nombre), C::t(entidad), C::t("coactiva"), C::t(crate::registros::FECHA_INICIAL)]);
                        }
                    }
                    t
                })
                .collect(),
            oficios: Tabla::nueva(
                "oficios_secuencias",
                &["ultimo"],
                "SELECT anio, ultimo FROM oficios_secuencias",
            ),
        }
    }

    fn tablas(self) -> Vec<Tabla> {
        vec![
            self.unidad,
            self.usuarios,
            self.abogados,
            self.impedimentos,
            self.importaciones,
            self.titulos,
            self.estados,
            self.sorteos,
            self.asignaciones,
            self.procesos,
            self.partes,
            self.etapas,
            self.citaciones,
            self.actuaciones,
            self.feriados,
            self.plantillas,
            self.tasas,
            self.pagos,
            self.costas,
            self.decisiones,
            self.convenios,
            self.cuotas,
            self.convenios_fin,
            self.honorarios,
            self.hdecisiones,
            self.configuracion,
            self.secuencias,
            self.busqueda,
        ]
        .into_iter()
        .chain(self.filas)
        .chain([self.oficios])
        .collect()
    }

    /// A change that inserts one row (`registros`): what it refers to must exist, an oficio
    /// number must follow the last one, and a row is never written twice.
    fn aplicar_fila(
        &mut self,
        c: &Entrada<'_>,
        esquema: &'static crate::registros::Esquema,
        valores: Vec<rusqlite::types::Value>,
    ) -> std::result::Result<(), String> {
        use rusqlite::types::Value;
        let i = crate::registros::TODOS
            .iter()
            .position(|e| std::ptr::eq(*e, esquema))
            .ok_or("no es de una tabla conocida")?;
        let col = |nombre: &str| esquema.columnas.iter().position(|c| *c == nombre);
        let texto = |v: &Value| match v {
            Value::Text(t) => Some(t.clone()),
            Value::Integer(n) => Some(n.to_string()),
            _ => None,
        };
        if let Some(p) = esquema
            .proceso
            .and_then(col)
            .and_then(|k| texto(&valores[k]))
        {
            if !self.procesos.existe(&p) {
                return Err(format!("se refiere al proceso {p}, que no existe"));
            }
        }
        // (A reference left empty, as a remate desierto's postura, refers to nothing.)
        if let Some((k, padre)) = esquema
            .padre
            .and_then(|(columna, padre)| Some((texto(&valores[col(columna)?])?, padre)))
        {
            let j = crate::registros::TODOS
                .iter()
                .position(|e| std::ptr::eq(*e, padre))
                .unwrap_or(0);
            if !self.filas[j].existe(&k) {
                return Err(format!(
                    "se refiere al registro {k} de {}, que no existe",
                    padre.tabla
                ));
            }
        }
        if let Some(padre) = esquema.de {
            let j = crate::registros::TODOS
                .iter()
                .position(|e| std::ptr::eq(*e, padre))
                .unwrap_or(0);
            if !self.filas[j].existe(c.clave) {
                return Err(format!(
                    "se refiere al registro {} de {}, que no existe",
                    c.clave, padre.tabla
                ));
            }
        }
        if self.filas[i].existe(c.clave) {
            return Err(format!(
                "repite el registro {} de {}",
                c.clave, esquema.tabla
            ));
        }
        if let (Some(a), Some(n)) = (col("oficio_anio"), col("oficio_secuencia")) {
            if let (Value::Integer(anio), Value::Integer(n)) = (&valores[a], &valores[n]) {
                let siguiente = self.oficio.get(anio).copied().unwrap_or(0) + 1;
                if *n != siguiente {
                    return Err(format!(
                        "da al oficio el número {n} del año {anio}, pero le correspondía el {siguiente} (la numeración tendría un hueco o una repetición)"
                    ));
                }
                self.oficio.insert(*anio, *n);
                self.oficios.poner(&anio.to_string(), &[C::Entero(*n)]);
            }
        }
        let mut campos: Vec<C<'_>> = valores
            .iter()
            .map(|v| match v {
                Value::Integer(n) => C::Entero(*n),
                Value::Text(t) => C::t(t),
                _ => C::Nulo,
            })
            .collect();
        campos.push(C::t(c.usuario));
        campos.push(C::t(c.fecha));
        self.filas[i].poner(c.clave, &campos);
        Ok(())
    }

    /// Applies one change the way the use case that wrote it did. `Err` is a change that
    /// cannot have been written by Coactiva (it refers to what does not exist, or breaks a
    /// sequence): the log itself was tampered with.
    fn aplicar(&mut self, c: &Entrada<'_>, e: Evento) -> std::result::Result<(), String> {
        let (fecha, usuario, clave) = (c.fecha, c.usuario, c.clave);
        if let Some((esquema, valores)) = crate::registros::fila(&e) {
            return self.aplicar_fila(c, esquema, valores);
        }
        match e {
            Evento::UnidadCreada(u) => {
                let codigo = format!("{}{}", u.provincia, u.oficina);
                self.unidad.poner(
                    "unidad",
                    &[
                        C::t(&u.provincia),
                        C::t(&u.oficina),
                        C::t(&codigo),
                        C::t(&u.nombre),
                        C::t(u.nivel.como_texto()),
                        C::t(&u.ciudad),
                        C::t(&u.jefe),
                        C::t("ecuador"),
                        C::t(fecha),
                        C::o(u.jefe_genero.map(|g| g.como_texto())),
                    ],
                );
            }
            Evento::UsuarioCreado(u) => {
                self.usuarios.poner(
                    &u.usuario.to_lowercase(),
                    &[
                        C::t(&u.usuario),
                        C::t(&u.nombres),
                        C::t(u.rol.como_texto()),
                        C::Entero(1),
                        C::t(fecha),
                        C::o(u.abogado.as_deref()),
                        u.clave_sha256.as_deref().map(C::t).unwrap_or(C::Cualquiera),
                        C::Nulo,
                    ],
                );
            }
            Evento::UsuarioClaveCambiada(k) => {
                let h = k.clave_sha256.as_deref().map(C::t).unwrap_or(C::Cualquiera);
                if !self
                    .usuarios
                    .campo(&clave.to_lowercase(), "clave (sha256)", h)
                {
                    return Err(format!("cambia la clave de «{clave}», que no existe"));
                }
            }
            Evento::UsuarioIntentoFallido(_) | Evento::UsuarioBloqueado(_) => {}
            Evento::AbogadoCreado(a) => {
                self.abogados.poner(
                    &a.identificacion,
                    &[
                        C::t(&a.nombres),
                        C::Entero(a.externo as i64),
                        C::o(a.registro_profesional.as_deref()),
                        C::o(a.email.as_deref()),
                        C::o(a.telefono.as_deref()),
                        C::Entero(a.peso.0),
                        C::t(a.estado.como_texto()),
                        C::Nulo,
                        C::Nulo,
                        C::t(fecha),
                        C::o(a.genero.map(|g| g.como_texto())),
                        C::Nulo,
                    ],
                );
            }
            Evento::AbogadoEstado(e) => {
                let t = &mut self.abogados;
                if !t.existe(clave) {
                    return Err(format!(
                        "cambia el estado del abogado {clave}, que no existe"
                    ));
                }
                t.campo(clave, "estado", C::t(e.estado.como_texto()));
                t.campo(
                    clave,
                    "licencia_desde",
                    C::o(e.desde.map(|d| d.to_string()).as_deref()),
                );
                t.campo(
                    clave,
                    "licencia_hasta",
                    C::o(e.hasta.map(|d| d.to_string()).as_deref()),
                );
                t.campo(clave, "licencia_motivo", C::o(e.motivo.as_deref()));
            }
            Evento::AbogadoImpedimento(i) => {
                if !self.abogados.existe(clave) {
                    return Err(format!(
                        "registra un impedimento del abogado {clave}, que no existe"
                    ));
                }
                self.impedimentos.poner(
                    &format!("{clave}/{}", i.obligado),
                    &[C::o(i.motivo.as_deref()), C::t(usuario), C::t(fecha)],
                );
            }
            Evento::TituloCreado(t) => {
                let tipo = crate::identificacion::validar(&t.identificacion)
                    .map(|v| C::t(v.tipo.como_texto()))
                    .unwrap_or(C::Cualquiera);
                let emision = crate::fechas::iso(t.fecha_emision);
                let exigibilidad = t.fecha_exigibilidad.map(crate::fechas::iso);
                let intereses_desde = t.fecha_intereses.map(crate::fechas::iso);
                let fecha_orden = t.fecha_orden_cobro.map(crate::fechas::iso);
                self.titulos.poner(
                    clave,
                    &[
                        C::t(&emision),
                        C::t(&t.identificacion),
                        tipo,
                        C::t(&t.obligado),
                        C::t(&t.concepto),
                        C::Entero(t.capital.0),
                        C::Entero(t.intereses.0),
                        C::Entero(t.total.0),
                        C::o(t.direccion.as_deref()),
                        C::o(exigibilidad.as_deref()),
                        C::o(t.numero_patronal.as_deref()),
                        C::o(t.periodo.as_deref()),
                        C::Entero(self.n_importaciones + 1),
                        C::o(t.emisor.as_deref()),
                        C::o(t.lugar_emision.as_deref()),
                        C::o(t.firmante.as_deref()),
                        C::o(t.cargo_firmante.as_deref()),
                        C::o(intereses_desde.as_deref()),
                        C::o(t.orden_cobro.as_deref()),
                        C::o(fecha_orden.as_deref()),
                    ],
                );
                self.estados.poner(clave, &[C::t("por_sortear")]);
            }
            Evento::ImportacionCreada(i) => {
                self.n_importaciones += 1;
                if clave != self.n_importaciones.to_string() {
                    return Err(format!(
                        "dice ser la importación {clave}, pero le corresponde el número {}",
                        self.n_importaciones
                    ));
                }
                self.importaciones.poner(
                    clave,
                    &[
                        C::t(&i.archivo),
                        C::t(&i.sha256),
                        C::Entero(i.titulos as i64),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
            }
            Evento::SorteoCreado(r) => {
                let n = r.numero.to_string();
                if self.sorteos.existe(&n) {
                    return Err(format!("repite el sorteo {n}"));
                }
                for a in &r.resultado.asignaciones {
                    self.asignaciones
                        .poner(&format!("{n}/{}", a.titulo), &[C::t(&a.abogado)]);
                    if self.estados.valor(&a.titulo, "estado") == Some(V::t("por_sortear")) {
                        self.estados.poner(&a.titulo, &[C::t("asignado")]);
                    }
                }
                let json = |v: &dyn erased::Json| v.texto();
                self.sorteos.poner(
                    &n,
                    &[
                        C::t(match r.tipo {
                            crate::sorteo::Tipo::Sorteo => "sorteo",
                            crate::sorteo::Tipo::Resorteo => "resorteo",
                        }),
                        C::t(&r.fecha),
                        C::t(&r.usuario),
                        C::o(r.motivo.as_deref()),
                        C::t(&r.algoritmo),
                        C::t(&r.semilla),
                        C::t(&json(&r.entradas)),
                        C::t(&json(&r.resultado)),
                        C::t(&r.digest_anterior),
                        C::t(&r.digest),
                    ],
                );
            }
            Evento::ProcesoAbierto(p) => {
                if self.procesos.existe(clave) {
                    return Err(format!("abre otra vez el proceso {clave}"));
                }
                let anio = p
                    .anio
                    .map(i64::from)
                    .or_else(|| fecha.get(..4).and_then(|a| a.parse().ok()))
                    .unwrap_or(0);
                let siguiente = self.secuencia.get(&anio).copied().unwrap_or(0) + 1;
                let secuencia = p.secuencia.unwrap_or(siguiente);
                if secuencia != siguiente {
                    return Err(format!(
                        "da al proceso {clave} la secuencia {secuencia} del año {anio}, pero le correspondía la {siguiente} (la numeración tendría un hueco o una repetición)"
                    ));
                }
                self.secuencia.insert(anio, secuencia);
                self.secuencias
                    .poner(&anio.to_string(), &[C::Entero(secuencia)]);
                let desde = p
                    .desde
                    .map(crate::fechas::iso)
                    .unwrap_or_else(|| fecha.get(..10).unwrap_or("").to_string());
                let (Some(obligado), Some(direccion)) = (
                    self.titulos.valor(&p.titulo, "obligado"),
                    self.titulos.valor(&p.titulo, "direccion"),
                ) else {
                    return Err(format!(
                        "abre el proceso {clave} sobre el título {}, que no existe",
                        p.titulo
                    ));
                };
                self.estados.poner(&p.titulo, &[C::t("en_proceso")]);
                self.procesos.poner(
                    clave,
                    &[
                        C::Entero(anio),
                        C::Entero(secuencia),
                        C::t(&p.titulo),
                        C::t(&p.abogado),
                        C::t(p.etapa.codigo()),
                        C::t(&desde),
                        C::Nulo,
                        C::t(fecha),
                        C::t(usuario),
                    ],
                );
                self.partes.poner(
                    &format!("{clave}/{}", p.obligado),
                    &[obligado.como_c(), C::t("obligado"), direccion.como_c()],
                );
                self.etapas_de.insert(clave.to_string(), 1);
                self.etapas.poner(
                    &format!("{clave}/1"),
                    &[
                        C::t(p.etapa.codigo()),
                        C::t(&desde),
                        C::t("apertura"),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
                let nombres_abogado = match self.abogados.valor(&p.abogado, "nombres") {
                    Some(V::Texto(n)) => n.to_string(),
                    _ => String::new(),
                };
                self.busqueda.poner(
                    clave,
                    &[
                        C::t(clave),
                        C::t(&p.titulo),
                        obligado.como_c(),
                        C::t(&p.obligado),
                        C::t(&format!("{nombres_abogado} {}", p.abogado)),
                    ],
                );
            }
            Evento::ProcesoParte(x) => {
                if !self.procesos.existe(clave) {
                    return Err(format!(
                        "agrega una parte al proceso {clave}, que no existe"
                    ));
                }
                self.partes.poner(
                    &format!("{clave}/{}", x.identificacion),
                    &[C::t(&x.nombres), C::t(&x.rol), C::o(x.direccion.as_deref())],
                );
            }
            Evento::ProcesoEtapa(x) => {
                let actual = self.procesos.valor(clave, "etapa");
                match actual {
                    None => {
                        return Err(format!(
                            "cambia la etapa del proceso {clave}, que no existe"
                        ))
                    }
                    Some(a) if a != V::t(x.de.codigo()) => {
                        return Err(format!(
                            "pasa el proceso {clave} desde la etapa «{}», pero estaba en {}",
                            x.de.codigo(),
                            a.mostrar()
                        ))
                    }
                    _ => {}
                }
                let desde = crate::fechas::iso(x.desde);
                let p = &mut self.procesos;
                p.campo(clave, "etapa", C::t(x.a.codigo()));
                p.campo(clave, "etapa_desde", C::t(&desde));
                let anterior = (x.a == Etapa::Suspendido).then(|| x.de.codigo());
                p.campo(clave, "etapa_anterior", C::o(anterior));
                let n = self.etapas_de.entry(clave.to_string()).or_insert(0);
                *n += 1;
                self.etapas.poner(
                    &format!("{clave}/{n}"),
                    &[
                        C::t(x.a.codigo()),
                        C::t(&desde),
                        C::o(x.motivo.as_deref()),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
            }
            Evento::ProcesoCitacion(x) => {
                if !self.procesos.existe(clave) {
                    return Err(format!("cita en el proceso {clave}, que no existe"));
                }
                let n = self.citaciones_de.entry(clave.to_string()).or_insert(0);
                *n += 1;
                let d = crate::citaciones::columnas(x.diligencia.as_ref());
                let dia = crate::fechas::iso(x.fecha);
                let mut fila = vec![
                    C::t(&x.parte),
                    C::t(&x.tipo),
                    C::t(&dia),
                    C::o(x.detalle.as_deref()),
                    C::t(usuario),
                    C::t(fecha),
                ];
                fila.extend(d.iter().map(|v| C::o(v.as_deref())));
                self.citaciones.poner(&format!("{clave}/{n}"), &fila);
            }
            Evento::ActuacionFoliada(f) => {
                if !self.procesos.existe(&f.proceso) {
                    return Err(format!("folia en el proceso {}, que no existe", f.proceso));
                }
                let a = f.actuacion;
                let (orden, hasta, hash) = self.expediente.get(&f.proceso).cloned().unwrap_or((
                    0,
                    0,
                    HASH_INICIAL.to_string(),
                ));
                if a.orden != orden + 1 || a.desde != hasta + 1 || a.hasta < a.desde {
                    return Err(format!(
                        "pone en el proceso {} la actuación {} en fojas {}-{}, pero seguían la actuación {} y la foja {}",
                        f.proceso,
                        a.orden,
                        a.desde,
                        a.hasta,
                        orden + 1,
                        hasta + 1
                    ));
                }
                self.actuaciones.poner(
                    &format!("{}/{}", f.proceso, a.orden),
                    &[
                        C::Entero(a.desde),
                        C::Entero(a.hasta),
                        C::t(&a.fecha),
                        C::t(&a.tipo),
                        C::t(&a.descripcion),
                        C::t(&a.autor),
                        C::t(&a.documento),
                        a.corrige.map(C::Entero).unwrap_or(C::Nulo),
                        C::t(&hash),
                        C::t(&f.hash),
                    ],
                );
                self.expediente
                    .insert(f.proceso, (a.orden, a.hasta, f.hash));
            }
            Evento::FeriadoAgregado(x) | Evento::FeriadoQuitado(x) => {
                let quitar = c.accion == "quitar";
                self.n_feriados += 1;
                self.feriados.poner(
                    &self.n_feriados.to_string(),
                    &[
                        C::t(clave),
                        C::t(&x.nombre),
                        C::o(x.provincia.as_deref()),
                        C::Entero(quitar as i64),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
            }
            Evento::PlantillaGuardada(x) => {
                self.plantillas.poner(
                    clave,
                    &[C::t(&x.texto), C::t(&x.sha256), C::t(usuario), C::t(fecha)],
                );
            }
            Evento::PlantillaRestaurada(_) => {
                if !self.plantillas.quitar(clave) {
                    return Err(format!(
                        "restaura la plantilla «{clave}», que la unidad no había cambiado"
                    ));
                }
            }
            Evento::UnidadEditada(u) => {
                let t = &mut self.unidad;
                if !t.existe("unidad") {
                    return Err("corrige los datos de una unidad que no existe".into());
                }
                t.campo("unidad", "nombre", C::t(&u.nombre));
                t.campo("unidad", "nivel", C::t(u.nivel.como_texto()));
                t.campo("unidad", "ciudad", C::t(&u.ciudad));
                t.campo("unidad", "jefe_nombres", C::t(&u.jefe));
            }
            Evento::UsuarioEditado(u) => {
                let k = clave.to_lowercase();
                let t = &mut self.usuarios;
                if !t.existe(&k) {
                    return Err(format!("corrige al usuario «{clave}», que no existe"));
                }
                t.campo(&k, "nombres", C::t(&u.nombres));
                t.campo(&k, "rol", C::t(u.rol.como_texto()));
                t.campo(&k, "activo", C::Entero(u.activo as i64));
                t.campo(&k, "abogado", C::o(u.abogado.as_deref()));
            }
            Evento::AbogadoEditado(a) => {
                let t = &mut self.abogados;
                if !t.existe(clave) {
                    return Err(format!("corrige al abogado {clave}, que no existe"));
                }
                t.campo(clave, "nombres", C::t(&a.nombres));
                t.campo(clave, "peso_milesimas", C::Entero(a.peso.0));
                t.campo(
                    clave,
                    "registro_profesional",
                    C::o(a.registro_profesional.as_deref()),
                );
                t.campo(clave, "email", C::o(a.email.as_deref()));
                t.campo(clave, "telefono", C::o(a.telefono.as_deref()));
            }
            Evento::TasaRegistrada(t) => {
                let anual = crate::liquidacion::TasaAnual::parse(&t.anual)
                    .map_err(|_| format!("registra una tasa «{}» que no es válida", t.anual))?;
                self.tasas.poner(
                    clave,
                    &[
                        C::t(&crate::fechas::iso(t.desde)),
                        C::Entero(anual.0),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
            }
            Evento::PagoRegistrado(x) | Evento::PagoAnulado(x) => {
                if !self.titulos.existe(&x.titulo) {
                    return Err(format!(
                        "registra un pago del título {}, que no existe",
                        x.titulo
                    ));
                }
                if x.costas.0 + x.honorarios.0 + x.intereses.0 + x.capital.0 != x.valor.0 {
                    return Err(format!(
                        "el pago {clave} se imputa por más o menos de su valor"
                    ));
                }
                let fecha_pago = crate::fechas::iso(x.fecha);
                let opcional = |v: Option<i64>| v.map(C::Entero).unwrap_or(C::Nulo);
                self.pagos.poner(
                    clave,
                    &[
                        C::t(&x.titulo),
                        C::t(&fecha_pago),
                        C::Entero(x.valor.0),
                        C::t(&x.forma),
                        C::t(&x.referencia),
                        C::Entero(x.costas.0),
                        C::Entero(x.honorarios.0),
                        C::Entero(x.intereses.0),
                        C::Entero(x.capital.0),
                        opcional(x.actuacion),
                        opcional(x.anula),
                        C::o(x.motivo.as_deref()),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
            }
            Evento::CostaRegistrada(x) => {
                if !self.titulos.existe(&x.titulo) {
                    return Err(format!(
                        "registra un gasto del título {}, que no existe",
                        x.titulo
                    ));
                }
                let f = crate::fechas::iso(x.fecha);
                self.costas.poner(
                    clave,
                    &[
                        C::t(&x.titulo),
                        C::t(&f),
                        C::t(&x.concepto),
                        C::t(&x.descripcion),
                        C::Entero(x.valor.0),
                        C::Entero(x.actuacion),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
            }
            Evento::CostaDecidida(x) => {
                if !self.costas.existe(clave) {
                    return Err(format!("decide sobre el gasto {clave}, que no existe"));
                }
                self.decisiones.poner(
                    clave,
                    &[
                        C::Entero(x.aprobada as i64),
                        C::o(x.motivo.as_deref()),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
            }
            Evento::ConvenioCreado(x) => {
                if self.procesos.valor(&x.proceso, "titulo") != Some(V::t(&x.titulo)) {
                    return Err(format!(
                        "registra un convenio del proceso {} con el título {}, que no le corresponde",
                        x.proceso, x.titulo
                    ));
                }
                let tasa = if x.tasa.trim_end_matches(['0', '.']).is_empty() {
                    0
                } else {
                    crate::liquidacion::TasaAnual::parse(&x.tasa)
                        .map_err(|_| {
                            format!(
                                "registra un convenio con una tasa «{}» que no es válida",
                                x.tasa
                            )
                        })?
                        .0
                };
                let suma: i64 = x.tabla.iter().map(|c| c.amortizacion.0).sum();
                if suma != x.saldo.0 {
                    return Err(format!(
                        "el convenio {clave} tiene cuotas que no suman su saldo"
                    ));
                }
                let desde = crate::fechas::iso(x.desde);
                self.convenios.poner(
                    clave,
                    &[
                        C::t(&x.proceso),
                        C::t(&x.titulo),
                        C::t(&desde),
                        C::Entero(x.saldo.0),
                        C::Entero(x.entrada.0),
                        C::Entero(x.cuotas),
                        C::Entero(tasa),
                        C::t(x.etapa_anterior.codigo()),
                        C::Entero(x.ultimo_pago),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
                for q in &x.tabla {
                    let vence = crate::fechas::iso(q.vence);
                    self.cuotas.poner(
                        &format!("{clave}/{}", q.numero),
                        &[
                            C::t(&vence),
                            C::Entero(q.amortizacion.0),
                            C::Entero(q.interes.0),
                        ],
                    );
                }
            }
            Evento::ConvenioIncumplido(x) => {
                if !self.convenios.existe(clave) {
                    return Err(format!(
                        "declara incumplido el convenio {clave}, que no existe"
                    ));
                }
                let f = crate::fechas::iso(x.fecha);
                self.convenios_fin.poner(
                    clave,
                    &[
                        C::t("incumplido"),
                        C::t(&f),
                        C::Entero(x.vencidas),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
            }
            Evento::HonorarioSolicitado(x) => {
                if !self.procesos.existe(&x.proceso) {
                    return Err(format!(
                        "pide honorarios del proceso {}, que no existe",
                        x.proceso
                    ));
                }
                let porcentaje =
                    crate::liquidacion::TasaAnual::parse(&x.porcentaje).map_err(|_| {
                        format!(
                            "pide honorarios con un porcentaje «{}» que no es válido",
                            x.porcentaje
                        )
                    })?;
                let f = crate::fechas::iso(x.fecha);
                self.honorarios.poner(
                    clave,
                    &[
                        C::t(&x.proceso),
                        C::Entero(x.abogado),
                        C::t(&f),
                        C::Entero(x.recuperado.0),
                        C::Entero(porcentaje.0),
                        C::Entero(x.valor.0),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
            }
            Evento::HonorarioDecidido(x) => {
                if !self.honorarios.existe(clave) {
                    return Err(format!(
                        "decide sobre la solicitud de honorarios {clave}, que no existe"
                    ));
                }
                self.hdecisiones.poner(
                    clave,
                    &[
                        C::Entero(x.aprobada as i64),
                        C::o(x.motivo.as_deref()),
                        C::t(usuario),
                        C::t(fecha),
                    ],
                );
            }
            Evento::UnidadGenero(g) => {
                self.unidad
                    .campo("unidad", "jefe_genero", C::t(g.genero.como_texto()));
            }
            Evento::AbogadoGenero(g) => {
                if !self
                    .abogados
                    .campo(clave, "genero", C::t(g.genero.como_texto()))
                {
                    return Err(format!(
                        "registra el género del abogado {clave}, que no existe"
                    ));
                }
            }
            Evento::UsuarioGenero(g) => {
                if !self.usuarios.campo(
                    &clave.to_lowercase(),
                    "genero",
                    C::t(g.genero.como_texto()),
                ) {
                    return Err(format!("registra el género de «{clave}», que no existe"));
                }
            }
            Evento::ConfiguracionCambiada(x) => {
                if clave == "formato_importe" {
                    self.unidad
                        .campo("unidad", "formato_importe", C::t(&x.valor));
                } else if !self.configuracion.campo(clave, "valor", C::t(&x.valor)) {
                    return Err(format!("cambia el ajuste «{clave}», que no existe"));
                }
            }
            // One row each: applied by `aplicar_fila` above.
            Evento::CitadorAsignado(_)
            | Evento::MedidaTipoAgregado(_)
            | Evento::MedidaOrdenada(_)
            | Evento::MedidaRespondida(_)
            | Evento::MedidaLevantada(_)
            | Evento::ExcepcionRegistrada(_)
            | Evento::ExcepcionResuelta(_)
            | Evento::DeprecatorioRegistrado(_)
            | Evento::DeprecatorioNovedad(_)
            | Evento::GarantiaRegistrada(_)
            | Evento::GarantiaEjecutada(_)
            | Evento::DepositarioRegistrado(_)
            | Evento::BienRegistrado(_)
            | Evento::BienEstado(_)
            | Evento::EmbargoRegistrado(_)
            | Evento::DepositarioInforme(_)
            | Evento::BodegajeRegistrado(_)
            | Evento::AvaluoRegistrado(_)
            | Evento::RemateConvocado(_)
            | Evento::RematePublicado(_)
            | Evento::PosturaRegistrada(_)
            | Evento::RemateCerrado(_)
            | Evento::RemateAdjudicado(_) => {}
        }
        Ok(())
    }
}

/// `serde_json::to_string` behind a trait object, so the rebuild renders a sorteo's inputs
/// and result exactly as the use case stored them.
mod erased {
    pub trait Json {
        fn texto(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn texto(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

/// One change-log entry as the rebuild reads it (borrowed from the row).
struct Entrada<'a> {
    fecha: &'a str,
    usuario: &'a str,
    clave: &'a str,
    accion: &'a str,
}

/// What the pass over the log found, besides the tables' differences.
pub struct Resultado {
    pub hallazgos: Vec<Hallazgo>,
    /// The last change's sequence number.
    pub ultimo: i64,
    /// The chain hash recomputed from the first entry (not the stored one) at each sequence
    /// asked for: what an anchor (a receipt, a printed code) must agree with.
    pub cadena: HashMap<i64, [u8; 32]>,
}

fn texto<'a>(r: &'a rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'a str> {
    Ok(match r.get_ref(i)? {
        ValueRef::Text(t) => std::str::from_utf8(t).unwrap_or(""),
        _ => "",
    })
}

/// Checks the log's chain, rebuilds every table from it and compares, all in one read
/// snapshot. Findings name the change, or the table, key and field.
pub fn verificar(db: &dyn Reader, anclas: &[i64]) -> Result<Resultado> {
    let mut hallazgos = vec![];
    let mut img = Imagen::nueva();
    let mut cadena = HashMap::default();
    let mut ultimo = 0;
    {
        let mut st = db.conn().prepare(
            "SELECT seq, fecha, usuario, entidad, clave, accion, datos, hash FROM cambios ORDER BY seq",
        )?;
        let mut filas = st.query([])?;
        let (mut malos, mut alterados) = (0usize, 0usize);
        let mut previo_guardado = crate::cambios::GENESIS;
        let mut previo_calculado = crate::cambios::GENESIS;
        let mut esperado = 1;
        while let Some(r) = filas.next()? {
            let seq: i64 = r.get(0)?;
            let (fecha, usuario, entidad, clave, accion, datos) = (
                texto(r, 1)?,
                texto(r, 2)?,
                texto(r, 3)?,
                texto(r, 4)?,
                texto(r, 5)?,
                texto(r, 6)?,
            );
            // The chain: each entry against the stored previous hash (to say which entry was
            // edited) and against the recomputed one (what anchors must agree with).
            if seq != esperado {
                hallazgos.push(Hallazgo::en(
                    format!("registro de cambios, cambio {seq}"),
                    format!(
                        "faltan los cambios {esperado} a {} (borrados directamente en la base)",
                        seq - 1
                    ),
                ));
            }
            let guardado: [u8; 32] = match r.get_ref(7)? {
                ValueRef::Blob(b) => b.try_into().unwrap_or([0xff; 32]),
                _ => [0xff; 32],
            };
            let h = crate::cambios::hash_de(
                &previo_guardado,
                seq,
                fecha,
                usuario,
                entidad,
                clave,
                accion,
                datos,
            );
            if h != guardado {
                alterados += 1;
                if alterados <= MAXIMO_POR_TABLA {
                    hallazgos.push(Hallazgo::en(
                        format!("registro de cambios, cambio {seq}"),
                        format!("el cambio {seq} fue alterado directamente en la base (su huella no coincide)"),
                    ));
                }
            }
            previo_calculado = if h == guardado && previo_calculado == previo_guardado {
                h
            } else {
                crate::cambios::hash_de(
                    &previo_calculado,
                    seq,
                    fecha,
                    usuario,
                    entidad,
                    clave,
                    accion,
                    datos,
                )
            };
            if anclas.contains(&seq) {
                cadena.insert(seq, previo_calculado);
            }
            previo_guardado = guardado;
            esperado = seq + 1;
            ultimo = seq;
            // The rebuild.
            let c = Entrada {
                fecha,
                usuario,
                clave,
                accion,
            };
            let problema = match Evento::leer_texto(entidad, accion, datos) {
                Ok(e) => img.aplicar(&c, e).err(),
                Err(e) => Some(e.to_string()),
            };
            if let Some(p) = problema {
                malos += 1;
                if malos <= MAXIMO_POR_TABLA {
                    hallazgos.push(Hallazgo::en(
                        format!("registro de cambios, cambio {seq}"),
                        format!(
                            "el cambio {seq} {p}: el registro fue alterado directamente en la base"
                        ),
                    ));
                }
            }
        }
        for (n, que) in [
            (alterados, "cambios alterados"),
            (malos, "cambios imposibles"),
        ] {
            if n > MAXIMO_POR_TABLA {
                hallazgos.push(Hallazgo::en(
                    "registro de cambios".into(),
                    format!("y {} {que} más", n - MAXIMO_POR_TABLA),
                ));
            }
        }
    }
    for t in img.tablas() {
        comparar(db, t, &mut hallazgos)?;
    }
    Ok(Resultado {
        hallazgos,
        ultimo,
        cadena,
    })
}

fn comparar(db: &dyn Reader, t: Tabla, hallazgos: &mut Vec<Hallazgo>) -> Result<()> {
    let Tabla {
        nombre,
        sql,
        columnas,
        mut filas,
        ajuste,
        mut buf,
    } = t;
    let mut encontrados = 0usize;
    let mut anotar = |h: Hallazgo, hallazgos: &mut Vec<Hallazgo>| {
        encontrados += 1;
        if encontrados <= MAXIMO_POR_TABLA {
            hallazgos.push(h);
        }
    };
    let mut st = match db.conn().prepare(sql) {
        Ok(st) => st,
        Err(_) => {
            hallazgos.push(Hallazgo::en(
                format!("tabla {nombre}"),
                "la tabla falta o fue cambiada directamente en la base: no se pudo leer".into(),
            ));
            return Ok(());
        }
    };
    let n = columnas.len();
    let mut filas_db = st.query([])?;
    let mut clave_num = String::new();
    let mut aux: Vec<String> = vec![String::new(); n];
    while let Some(r) = filas_db.next()? {
        let clave: &str = match r.get_ref(0)? {
            ValueRef::Text(t) => std::str::from_utf8(t).unwrap_or("?"),
            ValueRef::Integer(i) => {
                clave_num.clear();
                clave_num.push_str(&i.to_string());
                &clave_num
            }
            _ => "(sin clave)",
        };
        {
            let mut campos = Vec::with_capacity(n);
            let mut resto: &mut [String] = &mut aux;
            for i in 1..=n {
                let (uno, demas) = resto.split_first_mut().unwrap();
                resto = demas;
                campos.push(C::de_sql(r.get_ref(i)?, uno));
            }
            codificar(&mut buf, &campos);
        }
        if let Some(f) = ajuste {
            let mut v = decodificar(&buf);
            f(&mut v);
            let campos: Vec<C<'_>> = v.iter().map(V::como_c).collect();
            let mut otro = vec![];
            codificar(&mut otro, &campos);
            buf = otro;
        }
        match filas.remove(clave) {
            None => anotar(
                Hallazgo::campo(nombre, clave, None,
                    "esta fila no la produjo ningún cambio del registro: fue agregada directamente en la base".into()),
                hallazgos,
            ),
            Some(esperada) => {
                let igual = esperada[0] == 0 && buf[0] == 0 && *esperada == buf[..];
                if !igual {
                    let (fila, esperada) = (decodificar(&buf), decodificar(&esperada));
                    if let Some(i) = (0..n).find(|&i| !fila[i].coincide(&esperada[i])) {
                        anotar(
                            Hallazgo::campo(
                                nombre,
                                clave,
                                Some(columnas[i]),
                                format!(
                                    "la base dice {} pero el registro de cambios produce {}: fue alterado directamente en la base",
                                    fila[i].mostrar(),
                                    esperada[i].mostrar()
                                ),
                            ),
                            hallazgos,
                        );
                    }
                }
            }
        }
    }
    let mut faltan: Vec<_> = filas.into_keys().collect();
    faltan.sort();
    for clave in faltan {
        anotar(
            Hallazgo::campo(nombre, &clave, None,
                "falta esta fila, que el registro de cambios produce: fue borrada directamente en la base".into()),
            hallazgos,
        );
    }
    if encontrados > MAXIMO_POR_TABLA {
        hallazgos.push(Hallazgo::en(
            format!("tabla {nombre}"),
            format!(
                "y {} diferencias más en esta tabla",
                encontrados - MAXIMO_POR_TABLA
            ),
        ));
    }
    Ok(())
}
