//! The app window only ever shows the app: navigation away from it is blocked,
//! and links meant for the outside world go to the system browser.

/// True for URLs that belong to the app itself (bundled UI or the dev server).
pub fn is_app_url(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" | "asset" => true,
        "http" | "https" => match url.host_str() {
            Some("tauri.localhost") => true,
            Some("localhost") => cfg!(dev),
            _ => false,
        },
        _ => false,
    }
}

/// True for links that may be handed to the system browser or mail client.
pub fn is_external_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// Decides a navigation request of the main window.
pub fn allow(url: &tauri::Url) -> bool {
    if is_app_url(url) {
        return true;
    }
    if is_external_link(url.as_str()) {
        let _ = open::that_detached(url.as_str());
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_leave_the_app() {
        assert!(is_external_link("https://example.com"));
        assert!(is_external_link("MAILTO:a@b.c"));
        assert!(!is_external_link("javascript:alert(1)"));
        assert!(!is_external_link("file:///etc/passwd"));
        assert!(!is_external_link("data:text/html,hi"));
    }

    #[test]
    fn app_urls_stay_in_the_window() {
        assert!(is_app_url(&"tauri://localhost/index.html".parse().unwrap()));
        assert!(is_app_url(&"http://tauri.localhost/".parse().unwrap()));
        assert!(!is_app_url(&"https://evil.example/".parse().unwrap()));
        assert!(!is_app_url(&"javascript:alert(1)".parse().unwrap()));
    }
}
