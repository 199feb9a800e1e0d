//! The templates a user can pick from: the five built-ins, the user's template
//! folder, a team folder, or any Markdown file given by path.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::error::{Error, Result};
use crate::headings::HeadingKey;
pub use crate::template::Origin;
use crate::template::{Manifest, Template};

/// The built-in templates, in the order the picker shows them.
const BUILTINS: [(&str, &str); 5] = [
    (
        include_str!("../../../templates/product-spec.md"),
        include_str!("../../../templates/product-spec.json"),
    ),
    (
        include_str!("../../../templates/technical-spec.md"),
        include_str!("../../../templates/technical-spec.json"),
    ),
    (
        include_str!("../../../templates/spec-with-front-matter.md"),
        include_str!("../../../templates/spec-with-front-matter.json"),
    ),
    (
        include_str!("../../../templates/technical-spec-ts.md"),
        include_str!("../../../templates/technical-spec-ts.json"),
    ),
    (
        include_str!("../../../templates/technical-spec-evidence.md"),
        include_str!("../../../templates/technical-spec-evidence.json"),
    ),
];

/// A template as the picker lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub category: String,
    pub origin: Origin,
    pub section_count: usize,
    pub path: Option<PathBuf>,
}

/// A set of templates with unique ids.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    templates: Vec<Template>,
}

impl Catalog {
    /// The five built-in templates.
    pub fn builtin() -> Self {
        let templates = BUILTINS
            .iter()
            .map(|(text, manifest)| {
                let manifest: Manifest = serde_json::from_str(manifest)
                    .expect("built-in manifests are valid JSON (tested)");
                Template::from_markdown(text, &manifest, Origin::Builtin, None)
            })
            .collect();
        Self { templates }
    }

    /// Adds every Markdown file of `dir` (not recursive) as a template. A
    /// `name.json` manifest beside `name.md` is used if present. Returns one error
    /// per file that could not be used; the others are still added.
    pub fn add_folder(&mut self, dir: &Path, origin: Origin) -> Vec<Error> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(source) if source.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
            Err(source) => {
                return vec![Error::Unreadable {
                    path: dir.to_owned(),
                    source,
                }];
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_markdown(p))
            .collect();
        paths.sort();
        let mut errors = Vec::new();
        for path in paths {
            match load_file(&path, origin) {
                Ok(t) if self.get(&t.id).is_some() => errors.push(Error::InvalidTemplate {
                    path,
                    reason: format!(
                        "another template already has the id `{}`; rename the file",
                        t.id
                    ),
                }),
                Ok(t) => self.templates.push(t),
                Err(e) => errors.push(e),
            }
        }
        errors
    }

    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// What the picker shows for each template.
    pub fn infos(&self) -> Vec<TemplateInfo> {
        self.templates
            .iter()
            .map(|t| TemplateInfo {
                id: t.id.clone(),
                name: t.name.clone(),
                description: t.description.clone(),
                category: t.category.clone(),
                origin: t.origin,
                section_count: t.section_count(),
                path: t.path.clone(),
            })
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// A template by id, or any Markdown file by path (its id is then the path as given).
    pub fn resolve(&self, id_or_path: &str) -> Result<Template> {
        if let Some(t) = self.get(id_or_path) {
            return Ok(t.clone());
        }
        let path = Path::new(id_or_path);
        if path.exists() {
            let mut t = load_file(path, Origin::File)?;
            t.id = id_or_path.to_owned();
            return Ok(t);
        }
        Err(Error::UnknownTemplate {
            id: id_or_path.to_owned(),
        })
    }

    /// [`Catalog::recognise_document`] for a text (parses it).
    pub fn recognise(&self, text: &str) -> Option<&Template> {
        self.recognise_document(&Document::parse(text).0)
    }

    /// The template a document was written from: its front matter `template:` key,
    /// else the template whose headings it matches best (at least 30% of them).
    pub fn recognise_document(&self, doc: &Document) -> Option<&Template> {
        if let Some(id) = doc
            .front_matter
            .as_ref()
            .and_then(|f| f.template.as_deref())
            && let Some(t) = self.get(id)
        {
            return Some(t);
        }
        // Each heading once: literal keys are looked up, only wildcards scan.
        let keys: HashSet<String> = doc
            .sections
            .iter()
            .map(|s| HeadingKey::of_document(&s.heading.text))
            .collect();
        let found = |key: &HeadingKey| match key.literal() {
            Some(literal) => keys.contains(literal),
            None => keys.iter().any(|k| key.matches(k)),
        };
        self.templates
            .iter()
            .filter_map(|t| {
                let named: Vec<_> = t
                    .sections
                    .iter()
                    .filter(|s| !s.key.is_free() && !s.title)
                    .collect();
                if named.is_empty() {
                    return None;
                }
                let hits = named.iter().filter(|s| found(&s.key)).count();
                let score = hits as f64 / named.len() as f64;
                (score >= 0.3).then_some((t, score))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(t, _)| t)
    }
}

/// The user's own template folder: `$SPECWRIGHT_TEMPLATES`, else
/// `$XDG_CONFIG_HOME/specwright/templates`, else `~/.config/specwright/templates`
/// (on Windows `%APPDATA%\specwright\templates`). Shared by the app and the CLI.
pub fn user_template_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = env("SPECWRIGHT_TEMPLATES") {
        return Some(dir);
    }
    let config = env("XDG_CONFIG_HOME")
        .or_else(|| env("APPDATA"))
        .or_else(|| env("HOME").map(|h| h.join(".config")))?;
    Some(config.join("specwright").join("templates"))
}

fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("md" | "markdown")
    )
}

/// Loads one template file and its optional `.json` manifest.
fn load_file(path: &Path, origin: Origin) -> Result<Template> {
    let loaded = crate::storage::read_document(path)?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("template")
        .to_owned();
    let manifest_path = path.with_extension("json");
    let mut manifest = if manifest_path.is_file() {
        let text = crate::storage::read_document(&manifest_path)?.text;
        serde_json::from_str::<Manifest>(&text).map_err(|e| Error::InvalidTemplate {
            path: manifest_path.clone(),
            reason: format!("manifest is not valid: {e}"),
        })?
    } else {
        Manifest::default()
    };
    if manifest.id.is_empty() {
        manifest.id = stem;
    }
    let t = Template::from_markdown(&loaded.text, &manifest, origin, Some(path.to_owned()));
    if t.sections.is_empty() {
        return Err(Error::InvalidTemplate {
            path: path.to_owned(),
            reason: "it has no headings, so there are no sections to fill".to_owned(),
        });
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load_in_order() {
        let c = Catalog::builtin();
        let ids: Vec<_> = c.templates().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "product-spec",
                "technical-spec",
                "spec-with-front-matter",
                "technical-spec-ts",
                "technical-spec-evidence"
            ]
        );
    }
}
