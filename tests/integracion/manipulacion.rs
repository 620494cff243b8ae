//! The attacker with the database file and `sqlite3`: every edit of state a person could care
//! about, made directly in the file with the guards dropped, is found by `coactiva verificar`
//! (exit 3) and named by table, row and field.

use std::sync::OnceLock;

use crate::comun::{conectar, texto, Entorno, ENCABEZADO};

/// A unit with a bit of everything, made through the command, kept as a template.
fn plantilla() -> &'static Entorno {
    static E: OnceLock<Entorno> = OnceLock::new();
    E.get_or_init(|| {
        let e = Entorno::con_unidad();
        let csv = e.escribir(
            "cartera.csv",
            format!(
                "{ENCABEZADO},direccion\n\
                 T-1,01/02/2026,1714307103,Comercial Andina,Aportes,1500.00,0,1500.00,Av. Amazonas N24\n\
                 T-2,01/02/2026,0102030400,Luis Quishpe,Aportes,80.00,0,80.00,\n"
            )
            .as_bytes(),
        );
        let pdf = e.escribir(
            "escrito.pdf",
            &coactiva::demo::pdf_de_prueba(2, "Escrito").unwrap(),
        );
        let razon = e.escribir("razon.txt", "# RAZÓN\n\n{{ texto }}\n".as_bytes());
        let oficio = e.ruta("oficio.pdf");
        let pasos: Vec<Vec<&str>> = vec![
            vec!["titulos", "importar", csv.to_str().unwrap()],
            vec!["abogados", "agregar", "--identificacion", "1710034065", "--nombres", "Ab. Uno"],
            vec!["abogados", "agregar", "--identificacion", "0926687856", "--nombres", "Ab. Dos"],
            vec!["usuarios", "agregar", "mirada", "--nombres", "Solo Consulta", "--rol", "consulta"],
            vec!["usuarios", "agregar", "pedro", "--nombres", "Pedro Intriago", "--rol", "citador"],
            vec!["sorteo", "ejecutar"],
            vec!["procesos", "abrir", "T-1"],
            vec!["procesos", "garante", "17001-2026-00001", "--identificacion", "0102030400", "--nombres", "Luis Garante"],
            vec!["procesos", "etapa", "17001-2026-00001", "orden_pago"],
            vec!["citaciones", "asignar", "17001-2026-00001", "--citador", "pedro"],
            vec!["procesos", "citar", "17001-2026-00001", "--parte", "1714307103", "--tipo", "personal"],
            vec!["procesos", "agregar", "17001-2026-00001", "--tipo", "escrito", "--archivo", pdf.to_str().unwrap()],
            vec!["medidas", "ordenar", "17001-2026-00001", "--tipo", "retencion", "--monto", "100,00", "--salida", oficio.to_str().unwrap()],
            vec!["garantias", "registrar", "17001-2026-00001", "--tipo", "fianza", "--garante", "Luis Garante", "--identificacion", "0102030400", "--monto", "500,00", "--fecha", "24/11/2026", "--vence", "24/11/2027"],
            vec!["depositarios", "agregar", "--identificacion", "0926687856", "--nombres", "Pedro Bodega"],
            vec!["bienes", "registrar", "17001-2026-00001", "--clase", "vehiculo", "--descripcion", "Camión Hino", "--dato", "placa=PBA-1234", "--dato", "marca=Hino", "--fecha", "24/11/2026"],
            vec!["excepciones", "registrar", "17001-2026-00001", "--clase", "impugnacion", "--fecha", "24/11/2026", "--fundamento", "Pago previo", "--organo", "Comisión de Controversias"],
            vec!["deprecatorios", "registrar", "--sentido", "recibido", "--unidad", "Unidad de Azuay", "--referencia", "01001-2026-00077", "--pedido", "otro", "--detalle", "Notificar", "--fecha", "24/11/2026"],
            vec!["medidas", "responder", "1", "--fecha", "24/11/2026", "--texto", "Retenido", "--banco", "Banco Pichincha", "--cuenta", "2200", "--retenido", "50,00"],
            vec!["configuracion", "cambiar", "termino_orden_pago", "5"],
            vec!["tasas", "agregar", "--desde", "01/01/2026", "--anual", "9,53"],
            vec!["pagos", "registrar", "17001-2026-00001", "--valor", "10,00", "--fecha", "20/11/2026", "--forma", "deposito", "--referencia", "BP-1"],
            vec!["costas", "registrar", "17001-2026-00001", "--concepto", "perito", "--descripcion", "Avalúo", "--valor", "50,00", "--fecha", "20/11/2026", "--comprobante", pdf.to_str().unwrap()],
            vec!["convenios", "crear", "17001-2026-00001", "--cuotas", "3", "--desde", "24/11/2026"],
            vec!["calendario", "agregar", "10/08/2027", "--nombre", "Primer Grito"],
            vec!["configuracion", "plantilla", "razon", "--archivo", razon.to_str().unwrap()],
        ];
        for orden in pasos {
            let o = e
                .comando()
                .args(&orden)
                .env("COACTIVA_CLAVE_NUEVA", "otra-clave-larga-9")
                .output()
                .unwrap();
            assert!(o.status.success(), "{orden:?}: {}", texto(&o.stderr));
        }
        let o = e.coactiva(&["verificar"]);
        assert_eq!(o.status.code(), Some(0), "{}", texto(&o.stderr));
        e
    })
}

/// Copies the template, runs `sql` with every guard dropped, and returns `verificar`'s output.
fn manipular(sql: &str) -> (Option<i32>, String) {
    let origen = plantilla();
    let e = Entorno::nuevo();
    std::fs::copy(origen.db(), e.db()).unwrap();
    std::fs::copy(
        coactiva::cifrado::ruta_llavero(&origen.db()),
        coactiva::cifrado::ruta_llavero(&e.db()),
    )
    .unwrap();
    let conn = conectar(&e.db());
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for t in triggers {
        conn.execute_batch(&format!("DROP TRIGGER {t}")).unwrap();
    }
    conn.execute_batch(sql).unwrap();
    drop(conn);
    let o = e.coactiva(&["verificar", "--json"]);
    (
        o.status.code(),
        format!("{}{}", texto(&o.stdout), texto(&o.stderr)),
    )
}

#[test]
fn every_direct_edit_of_recorded_state_is_found_and_named() {
    // (what the attacker did, the SQL, what the report must name)
    let casos: &[(&str, &str, &[&str])] = &[
        ("capital de un título", "UPDATE titulos SET capital = 10, total = 10 WHERE numero = 'T-1'", &["titulos", "T-1", "capital"]),
        ("nombre del deudor en el título", "UPDATE titulos SET obligado = 'Otro' WHERE numero = 'T-2'", &["titulos", "T-2", "obligado"]),
        ("identificación del deudor", "UPDATE titulos SET identificacion = '1710034065' WHERE numero = 'T-2'", &["titulos", "T-2", "identificacion"]),
        ("nombre en las partes", "UPDATE partes SET nombres = 'Otro' WHERE rol = 'obligado'", &["partes", "17001-2026-00001/1714307103", "nombres"]),
        ("etapa de un proceso", "UPDATE procesos SET etapa = 'archivado'", &["procesos", "17001-2026-00001", "etapa"]),
        ("abogado de un proceso", "UPDATE procesos SET abogado = CASE abogado WHEN '1710034065' THEN '0926687856' ELSE '1710034065' END", &["procesos", "17001-2026-00001", "abogado"]),
        ("historial de etapas", "UPDATE etapas SET desde = '2020-01-01' WHERE motivo IS NULL", &["etapas", "17001-2026-00001/2", "desde"]),
        ("fecha de una citación", "UPDATE citaciones SET fecha = '2026-01-02'", &["citaciones", "fecha"]),
        ("rol de un usuario", "UPDATE usuarios SET rol = 'jefe' WHERE usuario = 'mirada'", &["usuarios", "mirada", "rol"]),
        ("clave de un usuario", "UPDATE usuarios SET clave_hash = (SELECT clave_hash FROM usuarios WHERE usuario = 'jefe') WHERE usuario = 'mirada'", &["usuarios", "mirada", "clave"]),
        ("configuración", "UPDATE configuracion SET valor = '300' WHERE clave = 'termino_orden_pago'", &["configuracion", "termino_orden_pago", "valor"]),
        ("estado de un abogado", "UPDATE abogados SET estado = 'inactivo' WHERE identificacion = '1710034065'", &["abogados", "1710034065", "estado"]),
        ("peso de un abogado", "UPDATE abogados SET peso_milesimas = 5000", &["abogados", "peso_milesimas"]),
        ("motivo de una licencia", "UPDATE abogados SET licencia_motivo = 'vacaciones' WHERE identificacion = '1710034065'", &["abogados", "1710034065", "licencia_motivo"]),
        ("feriado", "UPDATE feriados SET fecha = '2027-08-11'", &["feriados", "fecha"]),
        ("asignación de un sorteo", "UPDATE asignaciones SET abogado = CASE abogado WHEN '1710034065' THEN '0926687856' ELSE '1710034065' END", &["asignaciones"]),
        ("semilla de un sorteo", "UPDATE sorteos SET semilla = '00'", &["sorteos", "semilla"]),
        ("foja de una actuación", "UPDATE actuaciones SET hasta = 9", &["actuaciones", "hasta"]),
        ("bytes de un documento", "UPDATE documentos SET bytes = bytes || x'00'", &["proceso 17001-2026-00001"]),
        ("último cambio del registro borrado", "DELETE FROM cambios WHERE seq = (SELECT MAX(seq) FROM cambios)", &["plantillas", "razon", "agregada directamente"]),
        ("proceso borrado entero", "DELETE FROM bienes; DELETE FROM garantias; DELETE FROM excepciones; DELETE FROM medidas_respuestas; DELETE FROM medidas; DELETE FROM citadores_asignaciones; DELETE FROM convenios_cuotas; DELETE FROM convenios; DELETE FROM partes; DELETE FROM etapas; DELETE FROM citaciones; DELETE FROM actuaciones; DELETE FROM procesos_fts; DELETE FROM procesos", &["procesos", "17001-2026-00001", "borrada"]),
        ("sorteo borrado entero", "DELETE FROM asignaciones; DELETE FROM sorteos", &["sorteos", "borrada"]),
        ("todas las actuaciones", "DELETE FROM actuaciones", &["actuaciones", "17001-2026-00001/1", "borrada"]),
        ("título agregado a mano", "INSERT INTO titulos (numero, fecha_emision, identificacion, tipo_identificacion, obligado, concepto, capital, intereses, total, estado, importacion_id) VALUES ('T-9', '2026-01-01', '1714307103', 'cedula', 'X', 'Y', 1, 0, 1, 'por_sortear', 1)", &["titulos", "T-9", "agregada directamente"]),
        ("búsqueda que esconde un proceso", "DELETE FROM procesos_fts", &["procesos_fts", "17001-2026-00001"]),
        ("numeración", "UPDATE secuencias SET ultimo = 0", &["secuencias", "ultimo"]),
        ("unidad", "UPDATE unidad SET jefe_nombres = 'Otro Jefe'", &["unidad", "jefe_nombres"]),
        ("tasa de interés", "UPDATE tasas SET anual = 10", &["tasas", "1", "anual"]),
        ("imputación de un pago", "UPDATE pagos SET capital = capital + intereses, intereses = 0", &["pagos", "1", "intereses"]),
        ("pago borrado", "DELETE FROM pagos", &["pagos", "1", "borrada"]),
        ("gasto aprobado a mano", "INSERT INTO costas_decisiones VALUES (1, 1, NULL, 'jefe', '2026-11-24')", &["costas_decisiones", "1", "agregada directamente"]),
        ("valor de un gasto", "UPDATE costas SET valor = 999999", &["costas", "1", "valor"]),
        ("género del jefe", "UPDATE unidad SET jefe_genero = 'masculino'", &["unidad", "jefe_genero"]),
        ("género de un abogado", "UPDATE abogados SET genero = 'femenino' WHERE identificacion = '1710034065'", &["abogados", "1710034065", "genero"]),
        ("género de un usuario", "UPDATE usuarios SET genero = 'femenino' WHERE usuario = 'mirada'", &["usuarios", "mirada", "genero"]),
        ("firmante de un título", "UPDATE titulos SET firmante = 'Otro', cargo_firmante = 'Director' WHERE numero = 'T-1'", &["titulos", "T-1", "firmante"]),
        ("orden de cobro de un título", "UPDATE titulos SET orden_cobro = 'OC-9', fecha_orden_cobro = '2026-01-01' WHERE numero = 'T-2'", &["titulos", "T-2", "orden_cobro"]),
        ("plantilla de la unidad", "UPDATE plantillas SET texto = 'CERTIFICO lo que convenga'", &["plantillas", "razon", "texto"]),
        ("cuota de un convenio", "UPDATE convenios_cuotas SET vence = '2030-01-01' WHERE numero = 1", &["convenios_cuotas", "1/1", "vence"]),
        ("saldo de un convenio", "UPDATE convenios SET saldo = 100", &["convenios", "1", "saldo"]),
        ("convenio borrado", "DELETE FROM convenios_cuotas; DELETE FROM convenios", &["convenios", "1", "borrada"]),
        ("incumplimiento inventado", "INSERT INTO convenios_fin VALUES (1, 'incumplido', '2026-11-24', 2, 'jefe', '2026-11-24')", &["convenios_fin", "1", "agregada directamente"]),
        ("hora de una citación", "UPDATE citaciones SET hora = '23:59'", &["citaciones", "hora"]),
        ("citador de una citación", "UPDATE citaciones SET citador = 'jefe'", &["citaciones", "citador"]),
        ("citador asignado a mano", "UPDATE citadores_asignaciones SET citador = 'mirada'", &["citadores_asignaciones", "1", "citador"]),
        ("asignación inventada", "INSERT INTO citadores_asignaciones VALUES (2, '17001-2026-00001', 'mirada', 0, 'jefe', '2026-11-24')", &["citadores_asignaciones", "2", "agregada directamente"]),
        ("numeración de oficios", "INSERT INTO oficios_secuencias VALUES (2025, 5)", &["oficios_secuencias", "2025", "agregada directamente"]),
        ("entidad de un tipo de medida", "UPDATE medidas_tipos SET entidad = 'Otra' WHERE codigo = 'retencion'", &["medidas_tipos", "retencion", "entidad"]),
        ("monto de una medida", "UPDATE medidas SET monto = 999999", &["medidas", "1", "monto"]),
        ("lo retenido por un banco", "UPDATE medidas_respuestas SET retenido = 0", &["medidas_respuestas", "1", "retenido"]),
        ("respuesta borrada", "DELETE FROM medidas_respuestas", &["medidas_respuestas", "1", "borrada"]),
        ("levantamiento inventado", "INSERT INTO medidas_levantamientos VALUES (1, 'pago', NULL, '2026-11-24', 'X-OF', 2026, 2, 9, 'jefe', '2026-11-24')", &["medidas_levantamientos", "1", "agregada directamente"]),
        ("número de oficio rebajado", "UPDATE oficios_secuencias SET ultimo = 0", &["oficios_secuencias", "2026", "ultimo"]),
        ("una excepción que ahora suspende", "UPDATE excepciones SET suspende = 1", &["excepciones", "1", "suspende"]),
        ("resolución inventada", "INSERT INTO excepciones_resoluciones VALUES (1, '2026-11-24', 'aceptada', NULL, 'jefe', '2026-11-24')", &["excepciones_resoluciones", "1", "agregada directamente"]),
        ("deprecatorio borrado", "DELETE FROM deprecatorios", &["deprecatorios", "1", "borrada"]),
        ("vencimiento de una garantía", "UPDATE garantias SET vence = '2030-01-01'", &["garantias", "1", "vence"]),
        ("placa de un bien", "UPDATE bienes SET datos = '{\"placa\":\"XXX-0000\",\"marca\":\"Hino\"}'", &["bienes", "1", "datos"]),
        ("bien rematado a mano", "INSERT INTO bienes_estados VALUES (1, 1, 'rematado', '2026-11-24', NULL, NULL, NULL, NULL, 'jefe', '2026-11-24')", &["bienes_estados", "1", "agregada directamente"]),
        ("depositario cambiado", "UPDATE depositarios SET nombres = 'Otro'", &["depositarios", "0926687856", "nombres"]),
        ("avalúo inventado", "INSERT INTO avaluos VALUES (1, 1, '1710034065', 'Perito', '2026-11-24', 100000000, 1, 'jefe', '2026-11-24')", &["avaluos", "1", "agregada directamente"]),
        ("informe de depositario inventado", "INSERT INTO depositarios_informes VALUES (1, '17001-2026-00001', '0926687856', '2026-11-24', 'Todo bien', NULL, 1, 'jefe', '2026-11-24')", &["depositarios_informes", "1", "agregada directamente"]),
        ("bodegaje inventado", "INSERT INTO bodegajes VALUES (1, '17001-2026-00001', 'Bodegas', '0926687856', '1', '2026-11-01', '2026-12-01', 5000, 1, 'jefe', '2026-11-24')", &["bodegajes", "1", "agregada directamente"]),
        ("remate adjudicado a mano", "INSERT INTO remates VALUES (1, '17001-2026-00001', 1, '1', 100, 666700, 67, '2027-01-15', '10:00', 'Sala', 'jefe', '2026-11-24'); INSERT INTO remates_posturas VALUES (1, 1, 'Amigo', '0926687856', 67, 7, '2027-01-10', 'jefe', '2026-11-24'); INSERT INTO remates_cierres VALUES (1, '2027-01-15', 'rematado', 1, 1, 'jefe', '2026-11-24'); INSERT INTO remates_adjudicaciones VALUES (1, '2027-01-15', 'x', NULL, 0, 67, 'jefe', '2026-11-24')", &["remates", "remates_posturas", "remates_cierres", "remates_adjudicaciones", "agregada directamente"]),
        ("plantilla agregada a mano", "INSERT INTO plantillas VALUES ('orden_pago', 'x', 'y', 'jefe', '2026-11-24')", &["plantillas", "orden_pago", "agregada directamente"]),
    ];
    let mut fallos = vec![];
    for (caso, sql, debe) in casos {
        let (codigo, salida) = manipular(sql);
        if codigo != Some(3) || !debe.iter().all(|d| salida.contains(d)) {
            fallos.push(format!(
                "{caso}: salida {codigo:?}, esperaba {debe:?} en:\n{salida}"
            ));
        }
    }
    assert!(fallos.is_empty(), "{}", fallos.join("\n\n"));
}
