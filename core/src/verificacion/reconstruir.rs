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

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

use super::Hallazgo;
use crate::eventos::Evento;
use crate::procesos::Etapa;
use crate::store::Reader;
use crate::Result;

/// One field's value, as the file stores it.
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
    fn o(s: Option<&str>) -> V {
        s.map(V::t).unwrap_or(V::Nulo)
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
    fn de_sql(v: ValueRef<'_>) -> V {
        match v {
            ValueRef::Null => V::Nulo,
            ValueRef::Integer(i) => V::Entero(i),
            ValueRef::Real(r) => V::Texto(r.to_string().into()),
            ValueRef::Text(t) => V::Texto(String::from_utf8_lossy(t).into()),
            ValueRef::Blob(b) => V::Texto(hex::encode(b).into()),
        }
    }
}

/// A table's image: its columns and the rows the log produces, by key.
struct Tabla {
    nombre: &'static str,
    /// The first column is the key (text); the rest are compared in this order.
    sql: &'static str,
    columnas: &'static [&'static str],
    filas: HashMap<String, Vec<V>>,
    /// Applied to each row read from the file before comparing.
    ajuste: Option<fn(&mut [V])>,
}

impl Tabla {
    fn nueva(nombre: &'static str, columnas: &'static [&'static str], sql: &'static str) -> Tabla {
        Tabla {
            nombre,
            sql,
            columnas,
            filas: HashMap::new(),
            ajuste: None,
        }
    }
    fn col(&self, nombre: &str) -> usize {
        self.columnas
            .iter()
            .position(|c| *c == nombre)
            .expect("columna declarada")
    }
    fn poner(&mut self, clave: String, fila: Vec<V>) {
        debug_assert_eq!(fila.len(), self.columnas.len(), "{}", self.nombre);
        self.filas.insert(clave, fila);
    }
    fn campo(&mut self, clave: &str, columna: &str, v: V) -> bool {
        let i = self.col(columna);
        match self.filas.get_mut(clave) {
            Some(f) => {
                f[i] = v;
                true
            }
            None => false,
        }
    }
    fn valor(&self, clave: &str, columna: &str) -> Option<&V> {
        self.filas.get(clave).map(|f| &f[self.col(columna)])
    }
}

/// At most this many differences are listed per table (then a count of the rest).
const MAXIMO_POR_TABLA: usize = 20;

const HASH_INICIAL: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn huella(hash: &mut [V]) {
    // usuarios: the stored password hash is compared by its fingerprint.
    if let Some(V::Texto(t)) = hash.last() {
        let h = hex::encode(Sha256::digest(t.as_bytes()));
        *hash.last_mut().unwrap() = V::Texto(h.into());
    }
}

struct Imagen {
    unidad: Tabla,
    usuarios: Tabla,
    abogados: Tabla,
    impedimentos: Tabla,
    importaciones: Tabla,
    titulos: Tabla,
    sorteos: Tabla,
    asignaciones: Tabla,
    procesos: Tabla,
    partes: Tabla,
    etapas: Tabla,
    citaciones: Tabla,
    actuaciones: Tabla,
    feriados: Tabla,
    configuracion: Tabla,
    secuencias: Tabla,
    busqueda: Tabla,
    // Running counters the rules need.
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
            &["usuario", "nombres", "rol", "activo", "creado_en", "clave (huella)"],
            "SELECT lower(usuario), usuario, nombres, rol, activo, creado_en, clave_hash FROM usuarios",
        );
        usuarios.ajuste = Some(huella);
        let mut configuracion = Tabla::nueva(
            "configuracion",
            &["valor"],
            "SELECT clave, valor FROM configuracion",
        );
        for (c, v) in crate::configuracion::VALORES_INICIALES {
            configuracion.poner(c.to_string(), vec![V::t(v)]);
        }
        Imagen {
            unidad: Tabla::nueva(
                "unidad",
                &["provincia", "oficina", "codigo", "nombre", "nivel", "ciudad", "jefe_nombres", "formato_importe", "creada_en"],
                "SELECT 'unidad', provincia, oficina, codigo, nombre, nivel, ciudad, jefe_nombres, formato_importe, creada_en FROM unidad",
            ),
            usuarios,
            abogados: Tabla::nueva(
                "abogados",
                &["nombres", "externo", "registro_profesional", "email", "telefono", "peso_milesimas", "estado", "licencia_desde", "licencia_hasta", "creado_en"],
                "SELECT identificacion, nombres, externo, registro_profesional, email, telefono, peso_milesimas, estado, licencia_desde, licencia_hasta, creado_en FROM abogados",
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
                &["fecha_emision", "identificacion", "tipo_identificacion", "obligado", "concepto", "capital", "intereses", "total", "direccion", "fecha_exigibilidad", "numero_patronal", "periodo", "estado", "importacion_id"],
                "SELECT numero, fecha_emision, identificacion, tipo_identificacion, obligado, concepto, capital, intereses, total, direccion, fecha_exigibilidad, numero_patronal, periodo, estado, importacion_id FROM titulos",
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
                &["parte", "tipo", "fecha", "detalle", "usuario", "registrado_en"],
                "SELECT COALESCE(p.numero, '(proceso ' || c.proceso_id || ')') || '/' || ROW_NUMBER() OVER (PARTITION BY c.proceso_id ORDER BY c.id),
                        c.parte, c.tipo, c.fecha, c.detalle, c.usuario, c.registrado_en
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
            etapas_de: HashMap::new(),
            citaciones_de: HashMap::new(),
            expediente: HashMap::new(),
            secuencia: HashMap::new(),
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
            self.sorteos,
            self.asignaciones,
            self.procesos,
            self.partes,
            self.etapas,
            self.citaciones,
            self.actuaciones,
            self.feriados,
            self.configuracion,
            self.secuencias,
            self.busqueda,
        ]
    }

    /// Applies one change the way the use case that wrote it did. `Err` is a change that
    /// cannot have been written by Coactiva (it refers to what does not exist, or breaks a
    /// sequence): the log itself was tampered with.
    fn aplicar(&mut self, c: &Entrada, e: Evento) -> std::result::Result<(), String> {
        let (fecha, usuario, clave) = (c.fecha.as_str(), c.usuario.as_str(), c.clave.as_str());
        match e {
            Evento::UnidadCreada(u) => {
                let codigo = format!("{}{}", u.provincia, u.oficina);
                self.unidad.poner(
                    "unidad".into(),
                    vec![
                        V::t(&u.provincia),
                        V::t(&u.oficina),
                        V::t(&codigo),
                        V::t(&u.nombre),
                        V::t(u.nivel.como_texto()),
                        V::t(&u.ciudad),
                        V::t(&u.jefe),
                        V::t("ecuador"),
                        V::t(fecha),
                    ],
                );
            }
            Evento::UsuarioCreado(u) => {
                self.usuarios.poner(
                    u.usuario.to_lowercase(),
                    vec![
                        V::t(&u.usuario),
                        V::t(&u.nombres),
                        V::t(u.rol.como_texto()),
                        V::Entero(1),
                        V::t(fecha),
                        u.huella.as_deref().map(V::t).unwrap_or(V::Cualquiera),
                    ],
                );
            }
            Evento::UsuarioClaveCambiada(k) => {
                let h = k.huella.as_deref().map(V::t).unwrap_or(V::Cualquiera);
                if !self
                    .usuarios
                    .campo(&clave.to_lowercase(), "clave (huella)", h)
                {
                    return Err(format!("cambia la clave de «{clave}», que no existe"));
                }
            }
            Evento::UsuarioIntentoFallido(_) | Evento::UsuarioBloqueado(_) => {}
            Evento::AbogadoCreado(a) => {
                self.abogados.poner(
                    a.identificacion.clone(),
                    vec![
                        V::t(&a.nombres),
                        V::Entero(a.externo as i64),
                        V::o(a.registro_profesional.as_deref()),
                        V::o(a.email.as_deref()),
                        V::o(a.telefono.as_deref()),
                        V::Entero(a.peso.0),
                        V::t(a.estado.como_texto()),
                        V::Nulo,
                        V::Nulo,
                        V::t(fecha),
                    ],
                );
            }
            Evento::AbogadoEstado(e) => {
                let t = &mut self.abogados;
                if t.filas.get(clave).is_none() {
                    return Err(format!(
                        "cambia el estado del abogado {clave}, que no existe"
                    ));
                }
                t.campo(clave, "estado", V::t(e.estado.como_texto()));
                t.campo(
                    clave,
                    "licencia_desde",
                    V::o(e.desde.map(|d| d.to_string()).as_deref()),
                );
                t.campo(
                    clave,
                    "licencia_hasta",
                    V::o(e.hasta.map(|d| d.to_string()).as_deref()),
                );
            }
            Evento::AbogadoImpedimento(i) => {
                if self.abogados.filas.get(clave).is_none() {
                    return Err(format!(
                        "registra un impedimento del abogado {clave}, que no existe"
                    ));
                }
                self.impedimentos.poner(
                    format!("{clave}/{}", i.obligado),
                    vec![V::o(i.motivo.as_deref()), V::t(usuario), V::t(fecha)],
                );
            }
            Evento::TituloCreado(t) => {
                let tipo = crate::identificacion::validar(&t.identificacion)
                    .map(|v| V::t(v.tipo.como_texto()))
                    .unwrap_or(V::Cualquiera);
                let d = |f: Option<chrono::NaiveDate>| V::o(f.map(crate::fechas::iso).as_deref());
                self.titulos.poner(
                    clave.to_string(),
                    vec![
                        V::t(&crate::fechas::iso(t.fecha_emision)),
                        V::t(&t.identificacion),
                        tipo,
                        V::t(&t.obligado),
                        V::t(&t.concepto),
                        V::Entero(t.capital.0),
                        V::Entero(t.intereses.0),
                        V::Entero(t.total.0),
                        V::o(t.direccion.as_deref()),
                        d(t.fecha_exigibilidad),
                        V::o(t.numero_patronal.as_deref()),
                        V::o(t.periodo.as_deref()),
                        V::t("por_sortear"),
                        V::Entero(self.n_importaciones + 1),
                    ],
                );
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
                    clave.to_string(),
                    vec![
                        V::t(&i.archivo),
                        V::t(&i.sha256),
                        V::Entero(i.titulos as i64),
                        V::t(usuario),
                        V::t(fecha),
                    ],
                );
            }
            Evento::SorteoCreado(r) => {
                let n = r.numero.to_string();
                if self.sorteos.filas.contains_key(&n) {
                    return Err(format!("repite el sorteo {n}"));
                }
                for a in &r.resultado.asignaciones {
                    self.asignaciones
                        .poner(format!("{n}/{}", a.titulo), vec![V::t(&a.abogado)]);
                    if self.titulos.valor(&a.titulo, "estado") == Some(&V::t("por_sortear")) {
                        self.titulos.campo(&a.titulo, "estado", V::t("asignado"));
                    }
                }
                let json = |v: &dyn erased::Json| v.texto();
                self.sorteos.poner(
                    n,
                    vec![
                        V::t(match r.tipo {
                            crate::sorteo::Tipo::Sorteo => "sorteo",
                            crate::sorteo::Tipo::Resorteo => "resorteo",
                        }),
                        V::t(&r.fecha),
                        V::t(&r.usuario),
                        V::o(r.motivo.as_deref()),
                        V::t(&r.algoritmo),
                        V::t(&r.semilla),
                        V::t(&json(&r.entradas)),
                        V::t(&json(&r.resultado)),
                        V::t(&r.digest_anterior),
                        V::t(&r.digest),
                    ],
                );
            }
            Evento::ProcesoAbierto(p) => {
                if self.procesos.filas.contains_key(clave) {
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
                    .poner(anio.to_string(), vec![V::Entero(secuencia)]);
                let desde = p
                    .desde
                    .map(crate::fechas::iso)
                    .unwrap_or_else(|| fecha.get(..10).unwrap_or("").to_string());
                let Some(t) = self.titulos.filas.get(&p.titulo) else {
                    return Err(format!(
                        "abre el proceso {clave} sobre el título {}, que no existe",
                        p.titulo
                    ));
                };
                let (obligado, direccion) = (
                    t[self.titulos.col("obligado")].clone(),
                    t[self.titulos.col("direccion")].clone(),
                );
                self.titulos.campo(&p.titulo, "estado", V::t("en_proceso"));
                self.procesos.poner(
                    clave.to_string(),
                    vec![
                        V::Entero(anio),
                        V::Entero(secuencia),
                        V::t(&p.titulo),
                        V::t(&p.abogado),
                        V::t(p.etapa.codigo()),
                        V::t(&desde),
                        V::Nulo,
                        V::t(fecha),
                        V::t(usuario),
                    ],
                );
                self.partes.poner(
                    format!("{clave}/{}", p.obligado),
                    vec![obligado.clone(), V::t("obligado"), direccion],
                );
                self.etapas_de.insert(clave.to_string(), 1);
                self.etapas.poner(
                    format!("{clave}/1"),
                    vec![
                        V::t(p.etapa.codigo()),
                        V::t(&desde),
                        V::t("apertura"),
                        V::t(usuario),
                        V::t(fecha),
                    ],
                );
                let nombres_abogado = match self.abogados.valor(&p.abogado, "nombres") {
                    Some(V::Texto(n)) => n.to_string(),
                    _ => String::new(),
                };
                self.busqueda.poner(
                    clave.to_string(),
                    vec![
                        V::t(clave),
                        V::t(&p.titulo),
                        obligado,
                        V::t(&p.obligado),
                        V::t(&format!("{nombres_abogado} {}", p.abogado)),
                    ],
                );
            }
            Evento::ProcesoParte(x) => {
                if !self.procesos.filas.contains_key(clave) {
                    return Err(format!(
                        "agrega una parte al proceso {clave}, que no existe"
                    ));
                }
                self.partes.poner(
                    format!("{clave}/{}", x.identificacion),
                    vec![V::t(&x.nombres), V::t(&x.rol), V::o(x.direccion.as_deref())],
                );
            }
            Evento::ProcesoEtapa(x) => {
                let actual = self.procesos.valor(clave, "etapa").cloned();
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
                p.campo(clave, "etapa", V::t(x.a.codigo()));
                p.campo(clave, "etapa_desde", V::t(&desde));
                let anterior = (x.a == Etapa::Suspendido).then(|| x.de.codigo());
                p.campo(clave, "etapa_anterior", V::o(anterior));
                let n = self.etapas_de.entry(clave.to_string()).or_insert(0);
                *n += 1;
                self.etapas.poner(
                    format!("{clave}/{n}"),
                    vec![
                        V::t(x.a.codigo()),
                        V::t(&desde),
                        V::o(x.motivo.as_deref()),
                        V::t(usuario),
                        V::t(fecha),
                    ],
                );
            }
            Evento::ProcesoCitacion(x) => {
                if !self.procesos.filas.contains_key(clave) {
                    return Err(format!("cita en el proceso {clave}, que no existe"));
                }
                let n = self.citaciones_de.entry(clave.to_string()).or_insert(0);
                *n += 1;
                self.citaciones.poner(
                    format!("{clave}/{n}"),
                    vec![
                        V::t(&x.parte),
                        V::t(&x.tipo),
                        V::t(&crate::fechas::iso(x.fecha)),
                        V::o(x.detalle.as_deref()),
                        V::t(usuario),
                        V::t(fecha),
                    ],
                );
            }
            Evento::ActuacionFoliada(f) => {
                if !self.procesos.filas.contains_key(&f.proceso) {
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
                    format!("{}/{}", f.proceso, a.orden),
                    vec![
                        V::Entero(a.desde),
                        V::Entero(a.hasta),
                        V::t(&a.fecha),
                        V::t(&a.tipo),
                        V::t(&a.descripcion),
                        V::t(&a.autor),
                        V::t(&a.documento),
                        a.corrige.map(V::Entero).unwrap_or(V::Nulo),
                        V::t(&hash),
                        V::t(&f.hash),
                    ],
                );
                self.expediente
                    .insert(f.proceso, (a.orden, a.hasta, f.hash));
            }
            Evento::FeriadoAgregado(x) | Evento::FeriadoQuitado(x) => {
                let quitar = c.accion == "quitar";
                self.n_feriados += 1;
                self.feriados.poner(
                    self.n_feriados.to_string(),
                    vec![
                        V::t(clave),
                        V::t(&x.nombre),
                        V::o(x.provincia.as_deref()),
                        V::Entero(quitar as i64),
                        V::t(usuario),
                        V::t(fecha),
                    ],
                );
            }
            Evento::ConfiguracionCambiada(x) => {
                if clave == "formato_importe" {
                    self.unidad
                        .campo("unidad", "formato_importe", V::t(&x.valor));
                } else if !self.configuracion.campo(clave, "valor", V::t(&x.valor)) {
                    return Err(format!("cambia el ajuste «{clave}», que no existe"));
                }
            }
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

/// One change-log entry as the rebuild reads it.
struct Entrada {
    seq: i64,
    fecha: String,
    usuario: String,
    entidad: String,
    clave: String,
    accion: String,
}

/// Rebuilds every table from the log and compares. Findings name table, key and field.
pub fn verificar(db: &dyn Reader) -> Result<Vec<Hallazgo>> {
    let mut hallazgos = vec![];
    let mut img = Imagen::nueva();
    {
        let mut st = db.conn().prepare(
            "SELECT seq, fecha, usuario, entidad, clave, accion, datos FROM cambios ORDER BY seq",
        )?;
        let mut filas = st.query([])?;
        let mut malos = 0usize;
        while let Some(r) = filas.next()? {
            let c = Entrada {
                seq: r.get(0)?,
                fecha: r.get(1)?,
                usuario: r.get(2)?,
                entidad: r.get(3)?,
                clave: r.get(4)?,
                accion: r.get(5)?,
            };
            let datos = r.get_ref(6)?.as_str().unwrap_or("");
            let problema = match Evento::leer_texto(&c.entidad, &c.accion, datos) {
                Ok(e) => img.aplicar(&c, e).err(),
                Err(e) => Some(e.to_string()),
            };
            if let Some(p) = problema {
                malos += 1;
                if malos <= MAXIMO_POR_TABLA {
                    hallazgos.push(Hallazgo::en(
                        format!("registro de cambios, cambio {}", c.seq),
                        format!(
                            "el cambio {} {p}: el registro fue alterado directamente en la base",
                            c.seq
                        ),
                    ));
                }
            }
        }
        if malos > MAXIMO_POR_TABLA {
            hallazgos.push(Hallazgo::en(
                "registro de cambios".into(),
                format!("y {} cambios imposibles más", malos - MAXIMO_POR_TABLA),
            ));
        }
    }
    for t in img.tablas() {
        comparar(db, t, &mut hallazgos)?;
    }
    Ok(hallazgos)
}

fn comparar(db: &dyn Reader, mut t: Tabla, hallazgos: &mut Vec<Hallazgo>) -> Result<()> {
    let mut encontrados = 0usize;
    let mut anotar = |h: Hallazgo, hallazgos: &mut Vec<Hallazgo>| {
        encontrados += 1;
        if encontrados <= MAXIMO_POR_TABLA {
            hallazgos.push(h);
        }
    };
    let mut st = match db.conn().prepare(t.sql) {
        Ok(st) => st,
        Err(_) => {
            hallazgos.push(Hallazgo::en(
                format!("tabla {}", t.nombre),
                "la tabla falta o fue cambiada directamente en la base: no se pudo leer".into(),
            ));
            return Ok(());
        }
    };
    let n = t.columnas.len();
    let mut filas = st.query([])?;
    while let Some(r) = filas.next()? {
        let clave = match V::de_sql(r.get_ref(0)?) {
            V::Texto(s) => s.to_string(),
            V::Entero(i) => i.to_string(),
            otro => otro.mostrar(),
        };
        let mut fila: Vec<V> = (1..=n)
            .map(|i| r.get_ref(i).map(V::de_sql))
            .collect::<rusqlite::Result<_>>()?;
        if let Some(f) = t.ajuste {
            f(&mut fila);
        }
        match t.filas.remove(&clave) {
            None => anotar(
                Hallazgo::campo(t.nombre, &clave, None,
                    "esta fila no la produjo ningún cambio del registro: fue agregada directamente en la base".into()),
                hallazgos,
            ),
            Some(esperada) => {
                if let Some(i) = (0..n).find(|&i| !fila[i].coincide(&esperada[i])) {
                    anotar(
                        Hallazgo::campo(
                            t.nombre,
                            &clave,
                            Some(t.columnas[i]),
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
    let mut faltan: Vec<_> = t.filas.into_keys().collect();
    faltan.sort();
    for clave in faltan {
        anotar(
            Hallazgo::campo(t.nombre, &clave, None,
                "falta esta fila, que el registro de cambios produce: fue borrada directamente en la base".into()),
            hallazgos,
        );
    }
    if encontrados > MAXIMO_POR_TABLA {
        hallazgos.push(Hallazgo::en(
            format!("tabla {}", t.nombre),
            format!(
                "y {} diferencias más en esta tabla",
                encontrados - MAXIMO_POR_TABLA
            ),
        ));
    }
    Ok(())
}
