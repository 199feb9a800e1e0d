//! What the app remembers between runs: recent files, the team template folder
//! and whether the editor's text is spell checked.
//! Stored as JSON in the OS config directory and written atomically.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent files the start screen keeps.
pub const MAX_RECENT: usize = 10;

/// Persisted preferences.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Settings {
    /// Most recent first; no duplicates.
    pub recent: Vec<PathBuf>,
    /// A folder of shared templates the user picked (e.g. a synced team folder).
    pub team_folder: Option<PathBuf>,
    /// View → Check Spelling; on unless the user turned it off.
    pub spell_check: bool,
    /// View → Spelling Language: the dictionaries chosen (`de_DE`); none for the
    /// user's own languages and US English.
    pub spell_languages: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            team_folder: None,
            spell_check: true,
            spell_languages: Vec::new(),
        }
    }
}

impl Settings {
    /// Reads settings from `path`; a missing or unreadable file gives defaults so a
    /// damaged settings file never stops the app from starting.
    pub fn load(path: &Path) -> Self {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|err| {
                eprintln!(
                    "specwright: ignoring unreadable settings {}: {err}",
                    path.display()
                );
                Self::default()
            }),
            Err(_) => Self::default(),
        }
    }

    /// Writes settings to `path` atomically, creating its folder.
    pub fn store(&self, path: &Path) -> Result<(), specwright_core::Error> {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let text = serde_json::to_string_pretty(self).unwrap_or_default();
        specwright_core::storage::save_atomically(path, &text).map(|_| ())
    }

    /// Moves `path` to the front of the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_is_checked_unless_turned_off() {
        let older: Settings = serde_json::from_str(r#"{"recent": ["a.md"]}"#).unwrap();
        assert!(older.spell_check, "settings from before the choice existed");
        let off: Settings = serde_json::from_str(r#"{"spell_check": false}"#).unwrap();
        assert!(!off.spell_check);
        assert!(older.spell_languages.is_empty(), "the user's own languages");
    }

    #[test]
    fn remember_moves_to_front_without_duplicates() {
        let mut settings = Settings::default();
        for name in ["a.md", "b.md", "a.md"] {
            settings.remember(Path::new(name));
        }
        assert_eq!(
            settings.recent,
            vec![PathBuf::from("a.md"), PathBuf::from("b.md")]
        );
    }

    #[test]
    fn remember_keeps_at_most_max_recent() {
        let mut settings = Settings::default();
        for i in 0..(MAX_RECENT + 5) {
            settings.remember(Path::new(&format!("{i}.md")));
        }
        assert_eq!(settings.recent.len(), MAX_RECENT);
        assert_eq!(
            settings.recent[0],
            PathBuf::from(format!("{}.md", MAX_RECENT + 4))
        );
    }

    #[test]
    fn damaged_settings_file_gives_defaults() {
        let dir = std::env::temp_dir().join(format!("specwright-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("settings.json");
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
        let _ = std::fs::remove_dir_all(dir);
    }
}
