//! The sync contract, pinned: the JSON of every event variant (`contrato.txt`), and every entry
//! a real working day writes reads back as a typed event that renders to the same bytes.

use std::sync::Arc;

use chrono::NaiveDate;

use super::*;
use crate::abogados::{Estado, Peso};
use crate::cargos::Genero;
use crate::fechas::FixedClock;
use crate::sorteo::{algoritmo, Tipo};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// One sample of every variant, with fixed values.
fn muestras() -> Vec<Evento> {
    let entradas = algoritmo::Entradas {
        algoritmo: "a".into(),
        fecha: "2026-11-24".into(),
        ventana: "anio_calendario:2026".into(),
        titulos: vec![],
        abogados: vec![],
        no_elegibles: vec![],
        excluidos: vec![],
    };
    vec![
        Evento::UnidadCreada(UnidadCreada {
            ciudad: "Quito".into(),
            jefe: "Dra. Ana Núñez".into(),
            nivel: Nivel::Unidad,
            nombre: "Unidad de Pichincha".into(),
            oficina: "001".into(),
            provincia: "17".into(),
            jefe_genero: Some(Genero::Femenino),
        }),
        Evento::UsuarioCreado(UsuarioCreado {
            nombres: "María Suárez".into(),
            rol: Rol::Secretario,
            usuario: "maria".into(),
            clave_sha256: Some("3b1e".into()),
            abogado: None,
        }),
        Evento::UsuarioIntentoFallido(IntentoFallido {
            bloqueado_hasta: None,
            intentos: 2,
        }),
        Evento::UsuarioBloqueado(IntentoFallido {
            bloqueado_hasta: Some("2026-11-24T12:15:00-05:00".into()),
            intentos: 5,
        }),
        Evento::UsuarioClaveCambiada(ClaveCambiada {
            por: "jefe".into(),
            clave_sha256: None,
        }),
        Evento::AbogadoCreado(AbogadoCreado {
            email: None,
            estado: Estado::Activo,
            externo: true,
            identificacion: "1714307103".into(),
            nombres: "Ab. Raúl Pérez".into(),
            peso: Peso(500),
            registro_profesional: Some("17-2010-123".into()),
            telefono: None,
            genero: Some(Genero::Masculino),
        }),
        Evento::AbogadoEstado(AbogadoEstado {
            desde: Some(d("2026-12-01")),
            estado: Estado::Licencia,
            hasta: Some(d("2026-12-15")),
            motivo: None,
        }),
        Evento::AbogadoImpedimento(Impedimento {
            motivo: Some("parentesco".into()),
            obligado: "1792060346001".into(),
        }),
        Evento::TituloCreado(TituloCreado {
            fecha_emision: d("2026-03-15"),
            identificacion: "1792060346001".into(),
            obligado: "COMERCIAL AÑAZCO S.A.".into(),
            concepto: "Aportes".into(),
            capital: Centavos(120000),
            intereses: Centavos(3456),
            total: Centavos(123456),
            direccion: None,
            fecha_exigibilidad: Some(d("2026-04-15")),
            numero_patronal: None,
            periodo: None,
            emisor: Some("Dirección Provincial de Pichincha".into()),
            lugar_emision: Some("Quito".into()),
            firmante: Some("Ing. Pedro López".into()),
            cargo_firmante: Some("Director Provincial".into()),
            fecha_intereses: Some(d("2026-01-16")),
            orden_cobro: Some("OC-2026-15".into()),
            fecha_orden_cobro: Some(d("2026-03-15")),
        }),
        Evento::ImportacionCreada(ImportacionCreada {
            archivo: "cartera.csv".into(),
            sha256: "ab".repeat(32),
            titulos: 3,
        }),
        Evento::SorteoCreado(Box::new(Registro {
            numero: 1,
            tipo: Tipo::Sorteo,
            fecha: "2026-11-24T12:00:00.000-05:00".into(),
            usuario: "jefe".into(),
            motivo: None,
            algoritmo: "a".into(),
            semilla: "00".repeat(32),
            entradas,
            resultado: algoritmo::Resultado::default(),
            digest_anterior: "00".repeat(32),
            digest: "11".repeat(32),
        })),
        Evento::ProcesoAbierto(ProcesoAbierto {
            abogado: "1714307103".into(),
            etapa: Etapa::OrdenCobro,
            numero: "17001-2026-00001".into(),
            obligado: "1792060346001".into(),
            titulo: "TC-1".into(),
            anio: Some(2026),
            secuencia: Some(1),
            desde: Some(d("2026-11-24")),
        }),
        Evento::ProcesoParte(ProcesoParte {
            identificacion: "0102030400".into(),
            nombres: "Luis Garante".into(),
            rol: "garante".into(),
            direccion: Some("Av. Amazonas N24-100".into()),
        }),
        Evento::ProcesoEtapa(ProcesoEtapa {
            a: Etapa::OrdenPago,
            de: Etapa::OrdenCobro,
            desde: d("2026-11-24"),
            motivo: None,
        }),
        Evento::ProcesoCitacion(ProcesoCitacion {
            fecha: d("2026-11-24"),
            parte: "1792060346001".into(),
            tipo: "boleta1".into(),
            detalle: None,
            diligencia: Some(DiligenciaCitacion {
                acto: "orden_pago".into(),
                hora: "10:15".into(),
                direccion: Some("Av. 10 de Agosto N21-45".into()),
                receptor: Some("Ana Añazco".into()),
                receptor_identificacion: Some("1710034065".into()),
                relacion: Some("empleado".into()),
                latitud: Some("-0.201234".into()),
                longitud: Some("-78.491234".into()),
                citador: "pedro".into(),
                resultado: "citado".into(),
                fotos: vec![2],
            }),
        }),
        Evento::ActuacionFoliada(ActuacionFoliada {
            actuacion: Actuacion {
                orden: 1,
                desde: 1,
                hasta: 2,
                fecha: "2026-11-24".into(),
                tipo: "providencia".into(),
                descripcion: "Orden de pago inmediato".into(),
                autor: "jefe".into(),
                documento: "cd".repeat(32),
                corrige: None,
            },
            hash: "ef".repeat(32),
            proceso: "17001-2026-00001".into(),
        }),
        Evento::FeriadoAgregado(Feriado {
            nombre: "Fundación de Quito".into(),
            provincia: Some("17".into()),
        }),
        Evento::FeriadoQuitado(Feriado {
            nombre: "".into(),
            provincia: None,
        }),
        Evento::ConfiguracionCambiada(ConfiguracionCambiada { valor: "3".into() }),
        Evento::PlantillaGuardada(PlantillaGuardada {
            sha256: "ab".repeat(32),
            texto: "# RAZÓN\n\n{{ texto }}\n".into(),
        }),
        Evento::UnidadGenero(GeneroRegistrado {
            genero: Genero::Femenino,
        }),
        Evento::AbogadoGenero(GeneroRegistrado {
            genero: Genero::Femenino,
        }),
        Evento::UsuarioGenero(GeneroRegistrado {
            genero: Genero::Masculino,
        }),
        Evento::TasaRegistrada(TasaRegistrada {
            desde: d("2026-01-01"),
            anual: "9.53".into(),
        }),
        Evento::PagoRegistrado(PagoRegistrado {
            titulo: "TC-1".into(),
            fecha: d("2026-11-20"),
            valor: Centavos(100000),
            forma: "deposito".into(),
            referencia: "BP-778812".into(),
            costas: Centavos(0),
            honorarios: Centavos(0),
            intereses: Centavos(4321),
            capital: Centavos(95679),
            actuacion: Some(3),
            anula: None,
            motivo: None,
        }),
        Evento::PagoAnulado(PagoRegistrado {
            titulo: "TC-1".into(),
            fecha: d("2026-11-20"),
            valor: Centavos(100000),
            forma: "deposito".into(),
            referencia: "BP-778812".into(),
            costas: Centavos(0),
            honorarios: Centavos(0),
            intereses: Centavos(4321),
            capital: Centavos(95679),
            actuacion: None,
            anula: Some(1),
            motivo: Some("depósito rechazado por el banco".into()),
        }),
        Evento::CostaRegistrada(CostaRegistrada {
            titulo: "TC-1".into(),
            fecha: d("2026-11-20"),
            concepto: "publicacion".into(),
            descripcion: "Publicación en El Comercio".into(),
            valor: Centavos(8500),
            actuacion: 4,
        }),
        Evento::CostaDecidida(CostaDecidida {
            aprobada: false,
            motivo: Some("sin factura".into()),
        }),
        Evento::ConvenioCreado(ConvenioCreado {
            proceso: "17001-2026-00001".into(),
            titulo: "TC-1".into(),
            desde: d("2026-11-24"),
            saldo: Centavos(164_800),
            entrada: Centavos(14_800),
            cuotas: 1,
            tasa: "12.00".into(),
            etapa_anterior: Etapa::Citacion,
            ultimo_pago: 2,
            tabla: vec![
                crate::convenios::Cuota {
                    numero: 0,
                    vence: d("2026-11-24"),
                    amortizacion: Centavos(14_800),
                    interes: Centavos(0),
                },
                crate::convenios::Cuota {
                    numero: 1,
                    vence: d("2026-12-24"),
                    amortizacion: Centavos(150_000),
                    interes: Centavos(1_500),
                },
            ],
        }),
        Evento::ConvenioIncumplido(ConvenioIncumplido {
            fecha: d("2027-01-26"),
            vencidas: 2,
        }),
        Evento::HonorarioSolicitado(HonorarioSolicitado {
            proceso: "17001-2026-00001".into(),
            abogado: 1,
            fecha: d("2026-11-24"),
            recuperado: Centavos(83_520),
            porcentaje: "10.00".into(),
            valor: Centavos(8_352),
        }),
        Evento::HonorarioDecidido(CostaDecidida {
            aprobada: true,
            motivo: None,
        }),
        Evento::CitadorAsignado(CitadorAsignado {
            proceso: "17001-2026-00001".into(),
            citador: "pedro".into(),
            por_turno: true,
        }),
        Evento::MedidaTipoAgregado(MedidaTipoAgregado {
            nombre: "retención de créditos".into(),
            entidad: "Servicio de Rentas Internas".into(),
        }),
        Evento::MedidaOrdenada(MedidaOrdenada {
            proceso: "17001-2026-00001".into(),
            tipo: "retencion".into(),
            entidad: "Superintendencia de Bancos".into(),
            detalle: None,
            monto: Centavos(123_456),
            providencia: "orden de pago inmediato".into(),
            providencia_fecha: d("2026-11-24"),
            fecha: d("2026-11-25"),
            oficio: "IESS-JC-17001-2026-00001-OF".into(),
            oficio_anio: 2026,
            oficio_secuencia: 1,
            actuacion: 3,
        }),
        Evento::MedidaRespondida(MedidaRespondida {
            medida: 1,
            fecha: d("2026-11-30"),
            texto: "Retenido en la cuenta de ahorros".into(),
            banco: Some("Banco Pichincha".into()),
            cuenta: Some("2200123456".into()),
            retenido: Centavos(50_000),
            actuacion: Some(4),
        }),
        Evento::MedidaLevantada(MedidaLevantada {
            motivo: "pago".into(),
            detalle: None,
            fecha: d("2026-12-10"),
            oficio: "IESS-JC-17001-2026-00002-OF".into(),
            oficio_anio: 2026,
            oficio_secuencia: 2,
            actuacion: 5,
        }),
        Evento::ExcepcionRegistrada(ExcepcionRegistrada {
            proceso: "17001-2026-00001".into(),
            clase: "excepcion".into(),
            fecha: d("2026-11-27"),
            fundamento: "prescripción".into(),
            organo: "Tribunal Distrital de lo Contencioso Administrativo de Quito".into(),
            causa: Some("17811-2026-00123".into()),
            suspende: true,
        }),
        Evento::ExcepcionResuelta(ExcepcionResuelta {
            fecha: d("2027-02-15"),
            resultado: "rechazada".into(),
            detalle: None,
        }),
        Evento::DeprecatorioRegistrado(DeprecatorioRegistrado {
            sentido: "enviado".into(),
            proceso: Some("17001-2026-00001".into()),
            unidad: "Unidad de Guayas".into(),
            referencia: None,
            pedido: "citacion".into(),
            detalle: "Citar al garante en Guayaquil".into(),
            fecha: d("2026-11-26"),
        }),
        Evento::DeprecatorioNovedad(DeprecatorioNovedad {
            deprecatorio: 1,
            estado: "diligenciado".into(),
            fecha: d("2026-12-05"),
            detalle: None,
            documento: None,
            actuacion: Some(6),
        }),
        Evento::GarantiaRegistrada(GarantiaRegistrada {
            proceso: "17001-2026-00001".into(),
            convenio: Some(1),
            tipo: "poliza".into(),
            garante: "Seguros Equinoccial S.A.".into(),
            identificacion: "1790012345001".into(),
            monto: Centavos(150_000),
            emisor: Some("Seguros Equinoccial S.A.".into()),
            documento: Some("PF-2026-0042".into()),
            fecha: d("2026-11-24"),
            vence: Some(d("2027-11-24")),
            detalle: None,
        }),
        Evento::GarantiaEjecutada(GarantiaEjecutada {
            fecha: d("2027-03-01"),
            resultado: "parcial".into(),
            valor: Centavos(100_000),
            detalle: Some("La aseguradora pagó el saldo del convenio".into()),
        }),
        Evento::DepositarioRegistrado(DepositarioRegistrado {
            nombres: "Pedro Bodega".into(),
            telefono: Some("0991234567".into()),
            direccion: None,
        }),
        Evento::BienRegistrado(BienRegistrado {
            proceso: "17001-2026-00001".into(),
            clase: "vehiculo".into(),
            origen: "embargo".into(),
            descripcion: "Camión Hino en buen estado".into(),
            ubicacion: Some("Av. Amazonas N24-100".into()),
            datos: r#"{"placa":"PBA-1234","marca":"Hino"}"#.into(),
            fecha: d("2026-11-24"),
        }),
        Evento::BienEstado(BienEstado {
            bien: 1,
            estado: "en_deposito".into(),
            fecha: d("2026-11-25"),
            embargo: Some(1),
            depositario: Some("0926687856".into()),
            lugar: Some("Bodega de la Unidad".into()),
            detalle: None,
        }),
        Evento::EmbargoRegistrado(EmbargoRegistrado {
            proceso: "17001-2026-00001".into(),
            fecha: d("2026-11-25"),
            hora: "10:00".into(),
            direccion: "Av. Amazonas N24-100".into(),
            depositario: "0926687856".into(),
            lugar: "Bodega de la Unidad".into(),
            comparecientes: Some("El coactivado".into()),
            actuacion: 7,
        }),
        Evento::DepositarioInforme(DepositarioInforme {
            proceso: "17001-2026-00001".into(),
            depositario: "0926687856".into(),
            fecha: d("2026-12-24"),
            detalle: "Los bienes se conservan en buen estado".into(),
            incidente: Some("Llanta delantera desinflada".into()),
            actuacion: 8,
        }),
        Evento::BodegajeRegistrado(BodegajeRegistrado {
            proceso: "17001-2026-00001".into(),
            proveedor: "Bodegas del Norte S.A.".into(),
            identificacion: "1790012345001".into(),
            bienes: "1,2".into(),
            desde: d("2026-11-25"),
            hasta: d("2027-02-24"),
            costo: Centavos(45_000),
            costa: 3,
        }),
        Evento::AvaluoRegistrado(AvaluoRegistrado {
            bien: 1,
            perito: "1710034065".into(),
            perito_nombres: "Ing. Pedro Perito".into(),
            fecha: d("2026-12-10"),
            valor: Centavos(1_500_000),
            actuacion: 9,
        }),
        Evento::RemateConvocado(RemateConvocado {
            proceso: "17001-2026-00001".into(),
            convocatoria: 1,
            bienes: "1".into(),
            avaluo: Centavos(1_500_000),
            porcentaje: 666_700,
            base: Centavos(1_000_050),
            fecha: d("2027-02-15"),
            hora: "10:00".into(),
            lugar: "Unidad de Coactivas de Quito".into(),
        }),
        Evento::RematePublicado(RematePublicado {
            remate: 1,
            fecha: d("2027-01-05"),
            medio: "Diario El Comercio".into(),
            detalle: Some("Página 12".into()),
        }),
        Evento::PosturaRegistrada(PosturaRegistrada {
            remate: 1,
            postor: "Juan Postor".into(),
            identificacion: "0926687856".into(),
            valor: Centavos(1_200_000),
            deposito: Centavos(120_000),
            fecha: d("2027-02-10"),
        }),
        Evento::RemateCerrado(RemateCerrado {
            fecha: d("2027-02-15"),
            resultado: "rematado".into(),
            postura: Some(1),
            actuacion: 10,
        }),
        Evento::RemateAdjudicado(RemateAdjudicado {
            fecha: d("2027-02-25"),
            referencia: "Depósito 7788".into(),
            pago: Some(4),
            aplicado: Centavos(190_000),
            sobrante: Centavos(1_010_000),
        }),
        Evento::UnidadEditada(UnidadEditada {
            ciudad: "Quito".into(),
            jefe: "Dr. Luis Andrade".into(),
            nivel: Nivel::Unidad,
            nombre: "Unidad Provincial de Gestión de Coactiva de Pichincha".into(),
        }),
        Evento::UsuarioEditado(UsuarioEditado {
            activo: false,
            nombres: "María Suárez".into(),
            rol: Rol::Secretario,
            abogado: None,
        }),
        Evento::AbogadoEditado(AbogadoEditado {
            email: Some("raul.perez@iess.gob.ec".into()),
            nombres: "Ab. Raúl Pérez Ortiz".into(),
            peso: Peso(750),
            registro_profesional: Some("17-2010-123".into()),
            telefono: None,
        }),
        Evento::PlantillaRestaurada(PlantillaRestaurada {
            anterior: "ab".repeat(32),
        }),
    ]
}

fn contrato() -> String {
    muestras()
        .iter()
        .map(|e| format!("{}/{} {}\n", e.entidad(), e.accion(), e.datos().unwrap()))
        .collect()
}

#[test]
fn every_variant_has_a_sample_in_the_pinned_contract() {
    let tipos: Vec<_> = muestras()
        .iter()
        .map(|e| (e.entidad(), e.accion()))
        .collect();
    assert_eq!(tipos, Evento::TIPOS, "add a sample for each new variant");
}

#[test]
fn the_json_of_every_event_is_the_pinned_sync_contract() {
    let pinned = include_str!("contrato.txt");
    let actual = contrato();
    assert!(
        actual == pinned,
        "the sync contract changed; if that is deliberate, update core/src/eventos/contrato.txt with:\n{actual}"
    );
}

#[test]
fn every_sample_reads_back_as_itself() {
    for e in muestras() {
        let datos: serde_json::Value = serde_json::from_str(&e.datos().unwrap()).unwrap();
        let leido = Evento::leer(e.entidad(), e.accion(), &datos).unwrap();
        assert_eq!(leido.datos().unwrap(), e.datos().unwrap());
    }
    assert!(Evento::leer("bien", "rematar", &serde_json::json!({})).is_err());
    assert!(Evento::leer("proceso", "etapa", &serde_json::json!({"a": 1})).is_err());
}

#[test]
fn every_entry_a_working_day_writes_is_a_typed_event_with_the_same_bytes() {
    let mut store = crate::Store::in_memory(Arc::new(FixedClock::on(d("2026-11-24")))).unwrap();
    let jefe = crate::unidad::inicializar(
        &mut store,
        &crate::unidad::NuevaUnidad {
            provincia: "17".into(),
            oficina: "001".into(),
            nombre: "Unidad de Pichincha".into(),
            nivel: Nivel::Unidad,
            ciudad: "Quito".into(),
            jefe_usuario: "jefe".into(),
            jefe_nombres: "Dra. Ana Núñez".into(),
            jefe_clave: "clave-del-jefe-1".into(),
            jefe_genero: None,
        },
    )
    .unwrap();
    crate::demo::poblar(&mut store, &jefe, 30, 3, 4).unwrap();
    crate::demo::expedientes(&mut store, &jefe, 5, 12, 4).unwrap();
    let cambios = crate::cambios::leer(store.conn(), 0, 10_000).unwrap();
    assert!(cambios.len() > 40);
    for c in cambios {
        let e = Evento::leer_texto(&c.entidad, &c.accion, c.datos.get())
            .unwrap_or_else(|e| panic!("cambio {}: {e}", c.seq));
        let otra_vez: serde_json::Value = serde_json::from_str(&e.datos().unwrap()).unwrap();
        let escrito: serde_json::Value = serde_json::from_str(c.datos.get()).unwrap();
        assert_eq!(
            otra_vez, escrito,
            "cambio {} {}/{}",
            c.seq, c.entidad, c.accion
        );
    }
}
