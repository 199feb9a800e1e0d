//! The template picker: list, preview, create from, save as, team folder.

use std::sync::PoisonError;

use specwright_core::{NewDocument, TemplateInfo};
use tauri::{Runtime, State, WebviewWindow};

use crate::error::{AppError, AppResult};
use crate::ipc::{
    CreateRequest, CreatedDocument, SaveTemplateRequest, TemplateEntry, TemplateList,
    TemplatePreview,
};
use crate::state::AppState;

/// Every template the user can start from.
#[tauri::command]
pub fn list_templates(state: State<'_, AppState>) -> TemplateList {
    let catalog = state.catalog.read().unwrap_or_else(PoisonError::into_inner);
    TemplateList {
        templates: catalog.infos().into_iter().map(entry).collect(),
        problems: state
            .catalog_problems
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone(),
        user_folder: Some(state.user_templates.display().to_string()),
        team_folder: state
            .settings()
            .team_folder
            .as_ref()
            .map(|p| p.display().to_string()),
    }
}

/// A template's body rendered like the preview.
#[tauri::command]
pub async fn template_preview(
    state: State<'_, AppState>,
    id: String,
) -> AppResult<TemplatePreview> {
    let catalog = state.catalog.clone();
    tokio::task::spawn_blocking(move || {
        let catalog = catalog.read().unwrap_or_else(PoisonError::into_inner);
        let template = catalog.get(&id).ok_or_else(|| unknown_template(&id))?;
        let html = specwright_core::analyze(&template.body, Some(template)).html;
        Ok(TemplatePreview { id, html })
    })
    .await?
}

/// Starts an untitled document from a template, filled with title, owner and today.
#[tauri::command]
pub fn create_document(
    state: State<'_, AppState>,
    request: CreateRequest,
) -> AppResult<CreatedDocument> {
    let catalog = state.catalog.read().unwrap_or_else(PoisonError::into_inner);
    let template = catalog
        .get(&request.template_id)
        .ok_or_else(|| unknown_template(&request.template_id))?;
    let owner = request.owner.filter(|o| !o.trim().is_empty());
    let new = NewDocument {
        title: request.title.clone(),
        owner,
        today: chrono::Local::now().date_naive(),
    };
    let text = specwright_core::new_document(template, &new);
    state.detach();
    Ok(CreatedDocument {
        text,
        template_id: template.id.clone(),
        suggested_name: file_name_for(&request.title),
    })
}

/// Saves `text` as a template in the user's folder and reloads the catalog.
#[tauri::command]
pub fn save_as_template(
    state: State<'_, AppState>,
    request: SaveTemplateRequest,
) -> AppResult<String> {
    std::fs::create_dir_all(&state.user_templates).map_err(|err| {
        AppError::new(
            "io",
            format!("Could not create {}: {err}", state.user_templates.display()),
        )
    })?;
    let path = specwright_core::storage::save_template(
        &state.user_templates,
        &request.name,
        &request.text,
    )?;
    state.reload_templates();
    Ok(path.display().to_string())
}

/// Lets the user pick the team template folder; remembers it and reloads templates.
#[tauri::command]
pub async fn choose_team_folder<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> AppResult<TemplateList> {
    if let Some(folder) = state.dialogs.pick_folder(&window).await {
        let mut settings = state.settings();
        settings.team_folder = Some(folder);
        settings.store(&state.settings_path)?;
        drop(settings);
        state.reload_templates();
    }
    Ok(list_templates(state))
}

fn entry(info: TemplateInfo) -> TemplateEntry {
    TemplateEntry {
        id: info.id,
        name: info.name,
        description: info.description,
        category: info.category,
        origin: info.origin,
        section_count: u32::try_from(info.section_count).unwrap_or(u32::MAX),
        path: info.path.map(|p| p.display().to_string()),
    }
}

fn unknown_template(id: &str) -> AppError {
    AppError::new(
        "unknown-template",
        format!("There is no template called “{id}”."),
    )
}

/// A file name for a title: lower case words joined by dashes, `.md`.
pub fn file_name_for(title: &str) -> String {
    let slug: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if slug.is_empty() {
        "untitled.md".to_owned()
    } else {
        format!("{}.md", slug.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::file_name_for;

    #[test]
    fn file_names_are_slugs_of_the_title() {
        assert_eq!(
            file_name_for("Checkout Redesign: v2!"),
            "checkout-redesign-v2.md"
        );
        assert_eq!(file_name_for("  "), "untitled.md");
        assert_eq!(file_name_for("Überblick Ä"), "überblick-ä.md");
    }
}
