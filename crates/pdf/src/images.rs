//! Images and diagrams, checked before Typst sees them.
//!
//! Each image is loaded with [`specwright_export::images::load`] (local files
//! only, size-capped) and then decoded here with Typst's own decoders, so a
//! broken file becomes a placeholder box instead of a failed compile. Files are
//! handed to the [`crate::world::SpecWorld`] under fixed virtual paths
//! (`/images/N.ext`, `/diagrams/N.svg`).

use std::collections::HashMap;
use std::path::Path;

use specwright_export::images::{ImageKind, load};
use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};

/// At most this many images and diagrams per document (virtual file ids are a
/// process-wide, finite resource); later ones become placeholders.
pub const MAX_IMAGES: usize = 400;

/// Largest raster image, in pixels, that is decoded (a 100-megapixel image
/// would take seconds and hundreds of MB for nothing a page can show).
const MAX_PIXELS: u64 = 50_000_000;

/// The images of one export.
pub struct Images<'o> {
    base_dir: Option<&'o Path>,
    files: Vec<(String, Vec<u8>)>,
    by_url: HashMap<String, Result<String, String>>,
}

impl<'o> Images<'o> {
    pub fn new(base_dir: Option<&'o Path>) -> Self {
        Self {
            base_dir,
            files: Vec::new(),
            by_url: HashMap::new(),
        }
    }

    /// The virtual path of the image at `url`, or why it is left out.
    pub fn image(&mut self, url: &str) -> Result<String, String> {
        if let Some(done) = self.by_url.get(url) {
            return done.clone();
        }
        let result = self.load(url);
        self.by_url.insert(url.to_owned(), result.clone());
        result
    }

    fn load(&mut self, url: &str) -> Result<String, String> {
        if self.files.len() >= MAX_IMAGES {
            return Err(format!("too many images, not included: {url}"));
        }
        let image = load(url, self.base_dir)?;
        check(&image.bytes, image.kind).map_err(|e| format!("{e}: {url}"))?;
        let path = format!("/images/{}.{}", self.files.len(), image.kind.extension());
        self.files.push((path.clone(), image.bytes));
        Ok(path)
    }

    /// The virtual path of Mermaid diagram `index`, if its SVG is usable.
    pub fn diagram(&mut self, index: usize, svg: &str) -> Option<String> {
        if self.files.len() >= MAX_IMAGES || check(svg.as_bytes(), ImageKind::Svg).is_err() {
            return None;
        }
        let path = format!("/diagrams/{index}.svg");
        self.files.push((path.clone(), svg.as_bytes().to_vec()));
        Some(path)
    }

    /// The files for the world.
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        self.files
    }
}

/// Decodes the image as Typst would, and refuses what would fail or be huge.
fn check(bytes: &[u8], kind: ImageKind) -> Result<(), String> {
    let data = Bytes::new(bytes.to_vec());
    let format = match kind {
        ImageKind::Svg => {
            return SvgImage::new(data)
                .map(|_| ())
                .map_err(|_| "the SVG image cannot be read".to_owned());
        }
        ImageKind::Png => ExchangeFormat::Png,
        ImageKind::Jpeg => ExchangeFormat::Jpg,
        ImageKind::Gif => ExchangeFormat::Gif,
        ImageKind::Webp => ExchangeFormat::Webp,
    };
    if let Some((w, h)) = raster_size(bytes, kind)
        && u64::from(w) * u64::from(h) > MAX_PIXELS
    {
        return Err(format!("the image is too large ({w}×{h} pixels)"));
    }
    // Decoding is third-party code on untrusted bytes: a panic is a broken image.
    let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        RasterImage::plain(data, format)
    }));
    match decoded {
        Ok(Ok(_)) => Ok(()),
        _ => Err("the image is damaged or not in the format its name says".to_owned()),
    }
}

/// Width and height from the header, without decoding (PNG and GIF only).
fn raster_size(bytes: &[u8], kind: ImageKind) -> Option<(u32, u32)> {
    match kind {
        ImageKind::Png if bytes.len() >= 24 => Some((
            u32::from_be_bytes(bytes[16..20].try_into().ok()?),
            u32::from_be_bytes(bytes[20..24].try_into().ok()?),
        )),
        ImageKind::Gif if bytes.len() >= 10 => Some((
            u32::from(u16::from_le_bytes([bytes[6], bytes[7]])),
            u32::from(u16::from_le_bytes([bytes[8], bytes[9]])),
        )),
        _ => None,
    }
}
