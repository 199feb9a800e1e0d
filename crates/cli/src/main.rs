//! `specwright`: the engine on the command line, for teams' pipelines and our own
//! checks. Glue only: arguments in, engine calls, output and exit status out.
//!
//! Exit status: 0 clean, 1 findings of severity error, 2 input unreadable.

mod export;
mod output;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use specwright_core::{
    Catalog, Error, NewDocument, document::Document, storage, validate::validate_document,
};

#[derive(Parser)]
#[command(
    name = "specwright",
    version,
    about = "Write, check and tick off specs made from templates."
)]
struct Cli {
    /// Another folder of templates (a team folder); may be given several times.
    #[arg(long = "template-dir", global = true, value_name = "DIR")]
    template_dirs: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// List the templates (built-in and the user's template folder).
    Templates {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Create a document from a template.
    New {
        /// Template id (see `specwright templates`) or path to a Markdown file.
        #[arg(long)]
        template: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        owner: Option<String>,
        /// Write to this file (refuses to overwrite) instead of standard output.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Validate documents against their template.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Template id or path (default: recognised from each document).
        #[arg(long)]
        template: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List a document's task items with progress.
    Checklist {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Tick or untick the task item on a line (changes exactly one character).
    Toggle {
        file: PathBuf,
        #[arg(long)]
        line: usize,
    },
    /// Export a document as PDF, Markdown for sharing, self-contained HTML or
    /// template-metadata JSON (next to it: spec.pdf, spec.shared.md, spec.html,
    /// spec.template.json).
    Export {
        file: PathBuf,
        #[arg(long, value_enum)]
        to: export::To,
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Template id or path (Markdown export; default: recognised from the document).
        #[arg(long)]
        template: Option<String>,
        /// Markdown export: drop sections still unfilled instead of flagging them.
        #[arg(long)]
        drop_unfilled: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command, &cli.template_dirs) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("specwright: {e}");
            ExitCode::from(2)
        }
    }
}

/// The catalog: built-ins, the user's template folder and any `--template-dir`
/// (problems there are reported on stderr but do not stop the command).
fn catalog(extra: &[PathBuf]) -> Catalog {
    let mut catalog = Catalog::builtin();
    let user =
        specwright_core::catalog::user_template_dir().map(|d| (d, specwright_core::Origin::User));
    let team = extra
        .iter()
        .map(|d| (d.clone(), specwright_core::Origin::Team));
    for (dir, origin) in user.into_iter().chain(team) {
        for e in catalog.add_folder(&dir, origin) {
            eprintln!("specwright: warning: {e}");
        }
    }
    catalog
}

fn run(command: Command, template_dirs: &[PathBuf]) -> Result<ExitCode, Error> {
    match command {
        Command::Templates { format } => {
            output::templates(&catalog(template_dirs).infos(), format == Format::Json);
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            template,
            title,
            owner,
            output,
        } => {
            let template = catalog(template_dirs).resolve(&template)?;
            let today = chrono::Local::now().date_naive();
            let text = specwright_core::new_document(
                &template,
                &NewDocument {
                    title,
                    owner,
                    today,
                },
            );
            match output {
                Some(path) => {
                    storage::save_checked(&path, &text, None).map_err(|e| match e {
                        Error::ChangedOnDisk { path } => Error::WriteFailed {
                            path,
                            source: std::io::Error::new(
                                std::io::ErrorKind::AlreadyExists,
                                "the file already exists",
                            ),
                        },
                        e => e,
                    })?;
                    eprintln!("Created {} from template {}", path.display(), template.id);
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate {
            files,
            template,
            format,
        } => validate(&catalog(template_dirs), &files, template.as_deref(), format),
        Command::Checklist { file, format } => {
            let text = storage::read_document(&file)?.text;
            let (doc, _) = Document::parse(&text);
            let checklist = specwright_core::Checklist::of(&doc);
            output::checklist(&file, &checklist, format == Format::Json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Toggle { file, line } => {
            let loaded = storage::read_document(&file)?;
            let toggled = specwright_core::toggle(&loaded.text, line)?;
            storage::save_checked(&file, &toggled, Some(&loaded.hash))?;
            let (doc, _) = Document::parse(&toggled);
            if let Some(task) = doc.tasks.iter().find(|t| t.line == line) {
                let mark = if task.checked { "x" } else { " " };
                println!("{}:{line}: [{mark}] {}", file.display(), task.text);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            file,
            to,
            output,
            template,
            drop_unfilled,
        } => export::run(
            &file,
            to,
            output,
            template.as_deref(),
            drop_unfilled,
            template_dirs,
        ),
    }
}

fn validate(
    catalog: &Catalog,
    files: &[PathBuf],
    template: Option<&str>,
    format: Format,
) -> Result<ExitCode, Error> {
    let fixed = template.map(|t| catalog.resolve(t)).transpose()?;
    let mut reports = Vec::new();
    let mut unreadable = false;
    for file in files {
        match read(file) {
            Ok(text) => {
                let (doc, lines) = Document::parse(&text);
                let template = fixed.as_ref().or_else(|| catalog.recognise_document(&doc));
                let report = validate_document(&text, &lines, &doc, template);
                reports.push((file.clone(), report));
            }
            Err(e) => {
                eprintln!("specwright: {e}");
                unreadable = true;
            }
        }
    }
    output::reports(&reports, format == Format::Json);
    Ok(if unreadable {
        ExitCode::from(2)
    } else if reports.iter().any(|(_, r)| r.has_errors()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn read(path: &Path) -> Result<String, Error> {
    Ok(storage::read_document(path)?.text)
}
