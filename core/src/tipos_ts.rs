//! The window's TypeScript types, generated from the core's types that cross IPC
//! (`ui/src/tipos.ts`). CI runs this test with `--features ts`: a stale file fails it; run it
//! with `COACTIVA_ACTUALIZAR_TIPOS=1` to rewrite the file.

use ts_rs::{Config, TS};

macro_rules! declaraciones {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),*]
    };
}

fn generado() -> String {
    use crate::*;
    let cfg = Config::new().with_large_int("number");
    let v = declaraciones![&cfg;
        dinero::Centavos, dinero::Formato, abogados::Peso, abogados::Estado, abogados::Abogado,
        unidad::Unidad, unidad::Nivel, cargos::Genero, usuarios::Actor, usuarios::Usuario, usuarios::Rol,
        sorteo::Elegibilidad, sorteo::Resumen, sorteo::Tipo, sorteo::Hallazgo,
        sorteo::SinAsignar, vistas::FilaSorteo, vistas::SorteoHecho,
        vistas::Inicio, vistas::EtapaCuenta, procesos::Vencimiento, procesos::Etapa,
        titulos::importar::Informe, titulos::importar::Observacion, titulos::Titulo,
        titulos::EstadoTitulo, vistas::Pagina, procesos::Proceso, vistas::Expediente,
        procesos::Detalle, procesos::Parte, procesos::Citacion, procesos::EtapaRegistrada,
        procesos::expediente::Actuacion, configuracion::Ajuste, calendario::Feriado,
        documentos::Plantilla, documentos::Impreso, verificacion::Anclaje,
        tasas::Registro, liquidacion::Liquidacion, liquidacion::Tramo, pagos::Pago, costas::Costa,
        convenios::Convenio, convenios::Cuota, convenios::Estado, convenios::Aviso, honorarios::Honorario,
        insolvencia::Informe, insolvencia::Remitido, citaciones::Carga, citaciones::Asignacion, citaciones::Evaluacion,
        medidas::Medida, medidas::Tipo, medidas::Respuesta, medidas::Levantamiento,
        excepciones::Excepcion, excepciones::Resolucion, excepciones::Informe, deprecatorios::Deprecatorio, deprecatorios::Novedad,
        garantias::Garantia, garantias::Ejecucion, bienes::Bien, bienes::Depositario,
        bienes::Inventario, bienes::FilaInventario, bienes::TotalEstado,
        remates::Avaluo, remates::Remate, remates::Publicacion, remates::Postura, remates::Cierre, remates::Adjudicacion,
        custodia::Informe, custodia::Custodia, custodia::Evaluacion, custodia::Bodegaje,
        documentos::lote::Lote, documentos::lote::Hecho, documentos::lote::Fallo, procesos::Apertura, procesos::Filtro,
        reportes::Inventario, reportes::Grupo, reportes::Recaudacion, reportes::Recaudado,
        reportes::Reporte, reportes::tabla::Seccion, reportes::tabla::Fila, reportes::tabla::Celda, reportes::tabla::Col, reportes::tabla::Tipo,
        vistas::Tablero, vistas::CargaAbogado, respaldo::Respaldo, respaldo::Restauracion, respaldo::PuestaAlDia,
    ];
    let mut s = String::from(
        "// Generado desde los tipos del núcleo (core/src/tipos_ts.rs): no se edita a mano.\n\
         // COACTIVA_ACTUALIZAR_TIPOS=1 cargo test -p coactiva-core --features ts tipos\n\n",
    );
    for d in v {
        s.push_str(&d);
        s.push_str("\n\n");
    }
    s.trim_end().to_string() + "\n"
}

#[test]
fn the_windows_typescript_types_match_the_core() {
    let ruta = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/tipos.ts");
    let nuevo = generado();
    if std::env::var_os("COACTIVA_ACTUALIZAR_TIPOS").is_some() {
        std::fs::write(&ruta, &nuevo).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&ruta).unwrap_or_default();
    assert!(
        actual == nuevo,
        "ui/src/tipos.ts is stale: run COACTIVA_ACTUALIZAR_TIPOS=1 cargo test -p coactiva-core --features ts tipos"
    );
}
