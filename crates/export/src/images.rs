//! Images referenced by a document, checked before an export uses them.
//!
//! Exports are offline and self-contained: a remote URL is never fetched, and a
//! local file is used only when it exists, is small enough and looks like an
//! image format the exporters support. Anything else becomes a placeholder with
//! the reason, never a failed export.

use std::path::{Path, PathBuf};

/// Largest image file an export embeds (16 MiB).
pub const MAX_IMAGE_BYTES: u64 = 16 * 1024 * 1024;

/// An image format the exporters embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Svg,
}

impl ImageKind {
    /// Sniffs the format from the file's first bytes.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(Self::Gif)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else {
            let head =
                String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
            head.contains("<svg").then_some(Self::Svg)
        }
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Gif => "image/gif",
            Self::Webp => "image/webp",
            Self::Svg => "image/svg+xml",
        }
    }

    /// A file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Gif => "gif",
            Self::Webp => "webp",
            Self::Svg => "svg",
        }
    }
}

/// An image that can be embedded.
#[derive(Debug, Clone)]
pub struct LoadedImage {
    pub bytes: Vec<u8>,
    pub kind: ImageKind,
    pub path: PathBuf,
}

/// Loads the image at `url` (relative to `base_dir`), or says why not.
pub fn load(url: &str, base_dir: Option<&Path>) -> Result<LoadedImage, String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("the image has no address".to_owned());
    }
    if is_remote(url) {
        return Err(format!("remote image not included: {url}"));
    }
    let Some(base) = base_dir else {
        return Err(format!("image not included (no folder to look in): {url}"));
    };
    let relative = url.strip_prefix("file://").unwrap_or(url);
    let relative = relative.split(['?', '#']).next().unwrap_or(relative);
    let decoded = percent_decode(relative);
    let path = base.join(&decoded);
    let meta = std::fs::metadata(&path).map_err(|_| format!("image not found: {url}"))?;
    if !meta.is_file() {
        return Err(format!("not an image file: {url}"));
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(format!(
            "image too large to include ({} MB): {url}",
            meta.len() / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read image {url}: {e}"))?;
    let kind = ImageKind::sniff(&bytes).ok_or_else(|| format!("not a supported image: {url}"))?;
    if kind == ImageKind::Svg
        && crate::diagrams::svg_has_external_refs(&String::from_utf8_lossy(&bytes))
    {
        return Err(format!("image refers to other files, not included: {url}"));
    }
    Ok(LoadedImage { bytes, kind, path })
}

/// Whether a URL points off this machine (any scheme but `file:`, or `//host`).
pub fn is_remote(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with("//") {
        return true;
    }
    match url.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.eq_ignore_ascii_case("file")
        }
        None => false,
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_urls() {
        assert!(is_remote("https://example.com/a.png"));
        assert!(is_remote("//cdn/x.png"));
        assert!(is_remote("data:image/png;base64,AAAA"));
        assert!(!is_remote("img/a.png"));
        assert!(!is_remote("C:/x.png"));
    }

    #[test]
    fn missing_and_bad_images_say_why() {
        let dir = std::env::temp_dir();
        assert!(
            load("https://x/y.png", Some(&dir))
                .unwrap_err()
                .contains("remote")
        );
        assert!(
            load("no-such-image-here.png", Some(&dir))
                .unwrap_err()
                .contains("not found")
        );
        assert_eq!(percent_decode("a%20b%2"), "a b%2");
    }
}
