//! The fonts a PDF is typeset with, loaded once per process.
//!
//! Embedded (so every machine typesets the same, offline): Inter for text,
//! Noto Emoji (monochrome outlines) for emoji and symbols such as ✅ ❌ ⚠, and
//! typst-kit's bundle (DejaVu Sans Mono for code, Libertinus, New Computer
//! Modern). Both Inter and Noto Emoji are under the SIL Open Font License; the
//! licence texts are in `crates/pdf/fonts/`. The system's fonts are added last,
//! as fallback for scripts the bundle lacks (CJK, Arabic, …).

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::FontStore;

/// The text face, first in the family list.
pub const TEXT_FAMILY: &str = "Inter";
/// The emoji face, second, so symbols Inter lacks come from it.
pub const EMOJI_FAMILY: &str = "Noto Emoji";

static EMBEDDED: [&[u8]; 6] = [
    include_bytes!("../fonts/Inter-Regular.ttf"),
    include_bytes!("../fonts/Inter-Italic.ttf"),
    include_bytes!("../fonts/Inter-SemiBold.ttf"),
    include_bytes!("../fonts/Inter-Bold.ttf"),
    include_bytes!("../fonts/Inter-BoldItalic.ttf"),
    include_bytes!("../fonts/NotoEmoji-Regular.ttf"),
];

/// The process-wide font store: embedded fonts, then system fonts.
pub fn store() -> &'static FontStore {
    static STORE: OnceLock<FontStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut store = FontStore::new();
        for data in EMBEDDED {
            store.extend(Font::iter(Bytes::new(data)).map(|f| {
                let info = f.info().clone();
                (f, info)
            }));
        }
        store.extend(typst_kit::fonts::embedded());
        // Scanning is best effort: a font file that vanishes mid-scan must not
        // take the export down with it.
        if let Ok(system) =
            std::panic::catch_unwind(|| typst_kit::fonts::system().collect::<Vec<_>>())
        {
            store.extend(system);
        }
        store
    })
}
