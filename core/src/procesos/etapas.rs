//! The procedure's stages and which moves between them are allowed (COA arts. 268–281 as
//! practised; see the brief). A forbidden move is refused with the reason.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Etapa {
    OrdenCobro,
    RequerimientoPago,
    OrdenPago,
    Citacion,
    MedidasCautelares,
    Embargo,
    Avaluo,
    Remate,
    ConvenioPago,
    Pagado,
    Insolvencia,
    Suspendido,
    Anulado,
}

use Etapa::*;

impl Etapa {
    pub const TODAS: [Etapa; 13] = [
        OrdenCobro,
        RequerimientoPago,
        OrdenPago,
        Citacion,
        MedidasCautelares,
        Embargo,
        Avaluo,
        Remate,
        ConvenioPago,
        Pagado,
        Insolvencia,
        Suspendido,
        Anulado,
    ];

    pub fn codigo(self) -> &'static str {
        match self {
            OrdenCobro => "orden_cobro",
            RequerimientoPago => "requerimiento_pago",
            OrdenPago => "orden_pago",
            Citacion => "citacion",
            MedidasCautelares => "medidas_cautelares",
            Embargo => "embargo",
            Avaluo => "avaluo",
            Remate => "remate",
            ConvenioPago => "convenio_pago",
            Pagado => "pagado",
            Insolvencia => "insolvencia",
            Suspendido => "suspendido",
            Anulado => "anulado",
        }
    }

    /// As people read it.
    pub fn nombre(self) -> &'static str {
        match self {
            OrdenCobro => "orden de cobro y título",
            RequerimientoPago => "requerimiento de pago voluntario",
            OrdenPago => "orden de pago inmediato",
            Citacion => "citación",
            MedidasCautelares => "medidas cautelares",
            Embargo => "embargo",
            Avaluo => "avalúo",
            Remate => "remate",
            ConvenioPago => "convenio de pago",
            Pagado => "pagado y archivado",
            Insolvencia => "remitido a insolvencia",
            Suspendido => "suspendido",
            Anulado => "anulado",
        }
    }

    pub fn parse(s: &str) -> Result<Etapa> {
        let k = crate::texto::clave(s);
        Etapa::TODAS
            .into_iter()
            .find(|e| e.codigo() == k)
            .ok_or_else(|| {
                let v: Vec<&str> = Etapa::TODAS.iter().map(|e| e.codigo()).collect();
                Error::entrada(format!(
                    "la etapa «{s}» no existe; use una de: {}",
                    v.join(", ")
                ))
            })
    }

    pub fn terminal(self) -> bool {
        matches!(self, Pagado | Insolvencia | Anulado)
    }

    /// Where a proceso may go from here (a suspended one may also return to where it was).
    pub fn siguientes(self) -> &'static [Etapa] {
        match self {
            OrdenCobro => &[
                RequerimientoPago,
                OrdenPago,
                ConvenioPago,
                Pagado,
                Suspendido,
                Anulado,
            ],
            RequerimientoPago => &[OrdenPago, ConvenioPago, Pagado, Suspendido, Anulado],
            OrdenPago => &[Citacion, ConvenioPago, Pagado, Suspendido, Anulado],
            Citacion => &[
                MedidasCautelares,
                Embargo,
                ConvenioPago,
                Pagado,
                Insolvencia,
                Suspendido,
                Anulado,
            ],
            MedidasCautelares => &[
                Embargo,
                ConvenioPago,
                Pagado,
                Insolvencia,
                Suspendido,
                Anulado,
            ],
            Embargo => &[
                Avaluo,
                ConvenioPago,
                Pagado,
                Insolvencia,
                Suspendido,
                Anulado,
            ],
            Avaluo => &[
                Remate,
                ConvenioPago,
                Pagado,
                Insolvencia,
                Suspendido,
                Anulado,
            ],
            Remate => &[Pagado, Insolvencia, Anulado],
            ConvenioPago => &[Pagado, MedidasCautelares, Embargo, Suspendido, Anulado],
            Suspendido => &[Anulado],
            Pagado | Insolvencia | Anulado => &[],
        }
    }

    /// Checks a move; `anterior` is where a suspended proceso came from.
    pub fn puede_pasar(self, a: Etapa, anterior: Option<Etapa>) -> Result<()> {
        if self.terminal() {
            return Err(Error::entrada(format!(
                "el proceso está {}: ya no cambia de etapa",
                self.nombre()
            )));
        }
        if self.siguientes().contains(&a) || (self == Suspendido && Some(a) == anterior) {
            return Ok(());
        }
        let posibles: Vec<&str> = self
            .siguientes()
            .iter()
            .map(|e| e.codigo())
            .chain(anterior.filter(|_| self == Suspendido).map(|e| e.codigo()))
            .collect();
        Err(Error::entrada(format!(
            "un proceso en {} no puede pasar a {}; puede pasar a: {}",
            self.nombre(),
            a.nombre(),
            posibles.join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_and_forbidden_moves() {
        assert!(OrdenCobro.puede_pasar(OrdenPago, None).is_ok());
        let e = OrdenCobro
            .puede_pasar(Remate, None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no puede pasar a remate") && e.contains("orden_pago"),
            "{e}"
        );
        assert!(Pagado
            .puede_pasar(Embargo, None)
            .unwrap_err()
            .to_string()
            .contains("ya no cambia"));
        assert!(
            Suspendido.puede_pasar(Embargo, Some(Embargo)).is_ok(),
            "vuelve a donde estaba"
        );
        assert!(Suspendido.puede_pasar(Remate, Some(Embargo)).is_err());
        for e in Etapa::TODAS {
            assert_eq!(Etapa::parse(e.codigo()).unwrap(), e);
            assert!(e.terminal() == e.siguientes().is_empty(), "{e:?}");
        }
    }
}
