//! Clap speaks English; clerks read Spanish. This module rewrites the help headings and flag
//! descriptions clap adds by itself, and turns clap's usage errors into Spanish messages.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

const PLANTILLA: &str = "{about-with-newline}\nUso: {usage}\n\n{all-args}{after-help}";

/// Applies Spanish headings and a Spanish `-h/--help` to a command and all its subcommands.
pub fn espanolizar(cmd: Command) -> Command {
    let cmd = cmd
        .help_template(PLANTILLA)
        .subcommand_help_heading("Comandos")
        .next_help_heading("Opciones")
        .subcommand_value_name("ORDEN")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .mut_args(|a| {
            if a.get_help_heading().is_none() {
                a.help_heading("Opciones")
            } else {
                a
            }
        })
        .arg(
            Arg::new("ayuda")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Muestra esta ayuda")
                .global(false),
        );
    let cmd = if cmd.get_version().is_some() {
        cmd.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Muestra la versión"),
        )
    } else {
        cmd
    };
    let subs: Vec<Command> = cmd.get_subcommands().cloned().collect();
    let mut cmd = cmd;
    for s in subs {
        let nombre = s.get_name().to_string();
        let nuevo = espanolizar(s);
        cmd = cmd.mut_subcommand(nombre, |_| nuevo);
    }
    cmd
}

fn valor(e: &clap::Error, k: ContextKind) -> Option<String> {
    e.get(k).map(|v| match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    })
}

/// A clap error as a Spanish sentence (without the final hint).
pub fn mensaje(e: &clap::Error) -> String {
    let arg = valor(e, ContextKind::InvalidArg).unwrap_or_default();
    let val = valor(e, ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::UnknownArgument => format!("la opción «{arg}» no existe en este comando"),
        ErrorKind::InvalidSubcommand => {
            let orden = valor(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("la orden «{orden}» no existe")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let posibles = valor(e, ContextKind::ValidValue)
                .map(|v| format!("; valores posibles: {v}"))
                .unwrap_or_default();
            format!("el valor «{val}» no es válido para {arg}{posibles}")
        }
        ErrorKind::MissingRequiredArgument => format!("falta un dato obligatorio: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "falta el comando: indique qué hacer".into()
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("sobra el valor «{val}»")
        }
        ErrorKind::ArgumentConflict => format!("{arg} no se puede usar junto con otra opción dada"),
        ErrorKind::NoEquals | ErrorKind::TooFewValues => format!("falta el valor de {arg}"),
        _ => "la orden no se entiende".into(),
    }
}
